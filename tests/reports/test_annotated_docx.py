"""The annotated transcript: turns, shading in code colours, comments on the coded words."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn
from sqlalchemy import select

from reiscoder.model import Code, Coder, Coding, Document
from reiscoder.read.codes import code_paths
from reiscoder.reports.annotated_docx import export_transcript, tint
from reiscoder.reports.options import Selection, TranscriptOptions
from tests.reports.readback import comment_anchors, comments


def _codings(project, document_id=None):
    with project.reader() as session:
        paths = code_paths(session)
        query = (
            select(Coding.id, Coding.quote, Coding.code_id, Code.color, Coder.name)
            .join(Code)
            .join(Coder)
            .order_by(Coding.start, Coding.end.desc(), Coding.id)
        )
        if document_id is not None:
            query = query.where(Coding.document_id == document_id)
        return [(row, paths[row.code_id]) for row in session.execute(query)]


def _first_document(project):
    with project.reader() as session:
        return session.scalar(select(Document.id).order_by(Document.position, Document.id))


def test_every_coding_is_a_comment_on_exactly_its_words(demo, tmp_path):
    document_id = _first_document(demo)
    path = tmp_path / "transcript.docx"
    report = export_transcript(demo, TranscriptOptions(document_ids=(document_id,)), path)
    codings = _codings(demo, document_id)
    assert report.contents.codings == len(codings) == 12
    anchors = comment_anchors(path)
    notes = comments(path)
    found = sorted((anchors[i], notes[i][0], notes[i][1].splitlines()[0]) for i in notes)
    expected = sorted((row.quote, row.name, code_path) for row, code_path in codings)
    assert found == expected
    assert all(text.splitlines()[1].startswith("Gecodeerd door") for _a, text in notes.values())


def test_overlapping_codings_keep_their_own_anchors(demo, tmp_path):
    document_id = _first_document(demo)
    path = tmp_path / "transcript.docx"
    export_transcript(demo, TranscriptOptions(document_ids=(document_id,)), path)
    anchors = set(comment_anchors(path).values())
    short = "Dat lijkt klein, maar voor mij is dat thuis."
    assert short in anchors
    assert short + " En dat je gehoord wordt, ook als je de taal nog niet goed spreekt." in anchors


def test_turns_and_shading_in_the_code_colour(demo, tmp_path):
    document_id = _first_document(demo)
    path = tmp_path / "transcript.docx"
    export_transcript(demo, TranscriptOptions(document_ids=(document_id,)), path)
    document = docx.Document(str(path))
    turns = [p for p in document.paragraphs if p.text.startswith(("Fatima:", "Interviewer:"))]
    assert len(turns) == 14
    assert turns[0].runs[0].bold and turns[0].runs[0].text == "Interviewer: "
    name_run = next(r for r in turns[3].runs if r.text == "Dat mensen je naam weten.")
    fill = name_run._r.rPr.find(qn("w:shd")).get(qn("w:fill"))
    with demo.reader() as session:
        color = session.scalar(select(Code.color).where(Code.name.startswith("1.1 ")))
    assert fill == tint(color)
    assert not document.element.body.findall(".//" + qn("w:highlight"))
    legend = document.tables[1]
    assert legend.rows[1].cells[1].text.startswith("1 Sociale samenhang › 1.1")


def test_filter_by_coder_and_all_documents(demo, tmp_path):
    with demo.reader() as session:
        bram = session.scalar(select(Coder.id).where(Coder.name == "Bram Jansen"))
    path = tmp_path / "bram.docx"
    options = TranscriptOptions(selection=Selection(coder_ids=frozenset({bram})))
    report = export_transcript(demo, options, path)
    assert report.contents.documents == 3
    assert {author for author, _text in comments(path).values()} == {"Bram Jansen"}
    titles = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Title"]
    assert titles[0].startswith("Etappe 1") and len(titles) == 3


def test_awkward_text_and_right_to_left_names(tricky, tmp_path):
    from tests.reports.conftest import LONG, RTL_NAME

    path = tmp_path / "lastig.docx"
    export_transcript(tricky, TranscriptOptions(), path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert f"{RTL_NAME}: Alles <echt> alles 😊." in text
    anchors = set(comment_anchors(path).values())
    assert "Alles <echt> alles 😊. Mijn buurvrouw kookt" in anchors
    assert "Mijn buurvrouw kookt op vrijdag" in anchors
    assert LONG.strip() in anchors
    assert any("Memo met & en <haakjes> 😊" in t for _a, t in comments(path).values())


def test_no_documents_gives_a_short_document_not_an_error(demo, tmp_path):
    path = tmp_path / "leeg.docx"
    options = TranscriptOptions(selection=Selection(document_ids=frozenset({999})))
    report = export_transcript(demo, options, path)
    assert report.contents.documents == 0
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Er zijn geen documenten die bij de selectie passen." in texts


def test_full_colour_shading_is_the_exact_code_colour(demo, tmp_path):
    path = tmp_path / "vol.docx"
    options = TranscriptOptions(document_ids=(_first_document(demo),), full_colour=True)
    export_transcript(demo, options, path)
    document = docx.Document(str(path))
    run = next(
        r for p in document.paragraphs for r in p.runs if r.text == "Dat mensen je naam weten."
    )
    with demo.reader() as session:
        color = session.scalar(select(Code.color).where(Code.name.startswith("1.1 ")))
    assert run._r.rPr.find(qn("w:shd")).get(qn("w:fill")) == color.lstrip("#").upper()
