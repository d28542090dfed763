"""The coded fragments report read back: per code its fragments, exactly as coded, with source."""

from __future__ import annotations

import docx
from sqlalchemy import select

from reiscoder.model import Attribute, Coder, Coding, Document
from reiscoder.reports.fragments_docx import export_fragments
from reiscoder.reports.options import FragmentsOptions, Selection
from tests.factories import code_id
from tests.reports.readback import headings, styled


def _paragraphs(path):
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_every_fragment_under_its_code_in_document_order(demo, tmp_path):
    path = tmp_path / "fragmenten.docx"
    report = export_fragments(demo, FragmentsOptions(), path)
    assert report.contents.codings == 27 and report.contents.documents == 3
    with demo.reader() as session:
        thuis = code_id(session, "1.1 ")
        rows = session.execute(
            select(Coding.quote, Document.text, Coding.start, Coding.end)
            .join(Document)
            .where(Coding.code_id == thuis)
            .order_by(Coding.start, Coding.end)
        ).all()
    paragraphs = _paragraphs(path)
    start = paragraphs.index(("Heading 2", "1.1 Thuis voelen, gehoord en gezien worden"))
    end = next(i for i, p in enumerate(paragraphs) if i > start and p[0].startswith("Heading"))
    quotes = [text for style, text in paragraphs[start:end] if style == "Quote"]
    assert quotes == [row.quote for row in rows]
    assert all(row.text[row.start : row.end] == row.quote for row in rows)
    assert len(styled(path, "Quote")) == 27


def test_citation_attributes_coder_and_memo(demo, tmp_path):
    path = tmp_path / "fragmenten.docx"
    export_fragments(demo, FragmentsOptions(), path)
    paragraphs = _paragraphs(path)
    index = paragraphs.index(("Quote", "Dat mensen je naam weten."))
    source = paragraphs[index + 1][1]
    assert source.startswith("Etappe 1 – Afrikaanderwijk, Fatima · Fatima · 00:00:46")
    assert "gecodeerd door Anna de Vries" in source
    assert "Wijk: Afrikaanderwijk" in source and "Rol: bewoner" in source
    memo = next(text for style, text in paragraphs if style == "Source" and "Memo:" in text)
    assert "Memo: Mooi voorbeeld" in memo


def test_filters_by_code_coder_and_attribute(demo, tmp_path):
    with demo.reader() as session:
        samenhang = code_id(session, "1 ")
        bram = session.scalar(select(Coder.id).where(Coder.name == "Bram Jansen"))
        rol = session.scalar(select(Attribute.id).where(Attribute.name == "Rol"))
        expected = session.scalar(
            select(Coding.quote).where(
                Coding.coder_id == bram, Coding.code_id == code_id(session, "1.4 ")
            )
        )
    selection = Selection(
        code_ids=(samenhang,),
        coder_ids=frozenset({bram}),
        attribute_values={rol: frozenset({"bewoner"})},
    )
    path = tmp_path / "gefilterd.docx"
    report = export_fragments(demo, FragmentsOptions(selection, memos=False), path)
    assert report.contents.codings == 3
    assert [text[:3] for _level, text in headings(path)] == ["1 S", "1.1", "1.3", "1.4"]
    assert expected in styled(path, "Quote")
    facts = [row.cells[0].text for row in docx.Document(str(path)).tables[0].rows]
    assert facts[:2] == ["Project", "Datum"] and {"Codes", "Codeurs", "Rol"} <= set(facts)


def test_an_empty_selection_says_so(demo, tmp_path):
    path = tmp_path / "leeg.docx"
    report = export_fragments(demo, FragmentsOptions(Selection(coder_ids=frozenset())), path)
    assert report.contents.codings == 0
    assert "Er zijn geen gecodeerde fragmenten die bij de selectie passen." in [
        text for _style, text in _paragraphs(path)
    ]


def test_awkward_text_exports_intact(tricky, tmp_path):
    from tests.reports.conftest import LONG, RTL_NAME

    path = tmp_path / "lastig.docx"
    export_fragments(tricky, FragmentsOptions(), path)
    quotes = styled(path, "Quote")
    assert "Alles <echt> alles 😊. Mijn buurvrouw kookt" in quotes
    assert LONG.strip() in quotes
    sources = styled(path, "Source")
    assert any(f"Gesprek & <wijk> 😊 · {RTL_NAME} · beurt 2" in text for text in sources)
    assert any("Memo: Memo met & en <haakjes> 😊" in text for text in sources)
