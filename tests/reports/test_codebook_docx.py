"""The codebook read back from the .docx: numbered headings in tree order, criteria, quotes."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn
from sqlalchemy import select

from reiscoder import i18n
from reiscoder.model import Code, Coding
from reiscoder.read.segments import with_subcodes
from reiscoder.reports.codebook_docx import export_codebook
from reiscoder.reports.options import CodebookOptions
from tests.factories import code_id
from tests.reports.readback import headings, styled


def test_headings_follow_the_tree_with_numbers(demo, tmp_path):
    path = tmp_path / "codeboek.docx"
    report = export_codebook(demo, CodebookOptions(), path)
    found = headings(path)
    assert found[0] == (1, "1 Sociale samenhang")
    assert found[1] == (2, "1.1 Thuis voelen, gehoord en gezien worden")
    assert (2, "2.5 Belemmeringen (regels, systeemwereld, institutionaliseren)") in found
    assert found[-2:] == [(2, "5.3 Polarisatie"), (1, "Aantallen per code")]
    numbers = [text.split()[0] for level, text in found[:-1]]
    assert numbers == sorted(numbers, key=lambda n: [int(p) for p in n.split(".")])
    assert report.contents.codes == 25 and report.contents.codings == 27


def test_title_page_toc_and_criteria(demo, tmp_path):
    path = tmp_path / "codeboek.docx"
    export_codebook(demo, CodebookOptions(), path)
    document = docx.Document(str(path))
    assert styled(path, "Title") == ["Codeboek"]
    assert styled(path, "Subtitle") == ["Demo: Drive To Connect"]
    facts = [cell.text for cell in document.tables[0].columns[0].cells]
    assert facts == ["Project", "Datum", "Codeurs", "Codes"]
    assert document.tables[0].cell(2, 1).text == "Anna de Vries, Bram Jansen"
    instructions = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC") for text in instructions)
    labels = styled(path, "Field Label")
    assert {"Definitie", "Coderen als", "Niet coderen als", "Voorbeeld"} <= set(labels)
    assert document.core_properties.language == "nl-NL"


def test_colour_bar_is_the_code_colour(demo, tmp_path):
    path = tmp_path / "codeboek.docx"
    export_codebook(demo, CodebookOptions(), path)
    with demo.reader() as session:
        color = session.scalar(select(Code.color).where(Code.name.startswith("1.1 ")))
    heading = next(
        p
        for p in docx.Document(str(path)).paragraphs
        if p.text.startswith("1.1 Thuis") and p.style.name == "Heading 2"
    )
    bar = heading._p.pPr.find(qn("w:pBdr")).find(qn("w:left"))
    assert bar.get(qn("w:color")) == color.lstrip("#").upper()


def test_anchor_quotes_are_the_coded_text_and_can_be_picked(demo, tmp_path):
    with demo.reader() as session:
        thuis = code_id(session, "1.1 ")
        codings = session.execute(
            select(Coding.id, Coding.quote).where(Coding.code_id == thuis).order_by(Coding.start)
        ).all()
    path = tmp_path / "codeboek.docx"
    export_codebook(demo, CodebookOptions(quotes_per_code=1), path)
    quotes = styled(path, "Quote")
    assert codings[0].quote in quotes and codings[-1].quote not in quotes
    picked = frozenset({codings[-1].id})
    export_codebook(demo, CodebookOptions(anchor_coding_ids=picked), path)
    quotes = styled(path, "Quote")
    assert codings[-1].quote in quotes and codings[0].quote not in quotes


def test_counts_per_coder_and_options(demo, tmp_path):
    path = tmp_path / "codeboek.docx"
    export_codebook(demo, CodebookOptions(), path)
    sources = styled(path, "Source")
    assert "3 keer gecodeerd in 1 document: Anna de Vries 2, Bram Jansen 1." in sources
    export_codebook(demo, CodebookOptions(quotes=False, counts=False), path)
    assert styled(path, "Quote") == []
    assert not any("gecodeerd" in text for text in styled(path, "Source"))
    assert len(docx.Document(str(path)).tables) == 1  # only the facts on the title page


def test_subtree_only_keeps_the_tree_numbers(demo, tmp_path):
    with demo.reader() as session:
        root = code_id(session, "2 ")
        subtree = with_subcodes(session, [root])
    path = tmp_path / "deel.docx"
    report = export_codebook(demo, CodebookOptions(root_code_id=root, counts=False), path)
    found = headings(path)
    assert found[0] == (1, "2 Sociale innovatie")
    assert [text[:3] for _level, text in found[1:]] == ["2.1", "2.2", "2.3", "2.4", "2.5"]
    assert all(level == 2 for level, _text in found[1:])
    assert report.contents.codes == len(subtree) == 6


def test_english_when_the_interface_is_english(demo, tmp_path):
    i18n.set_language("en")
    path = tmp_path / "codebook.docx"
    export_codebook(demo, CodebookOptions(), path)
    assert styled(path, "Title") == ["Codebook"]
    assert "Definition" in styled(path, "Field Label")
    assert docx.Document(str(path)).core_properties.language == "en-GB"


def test_awkward_text_exports_intact(tricky, tmp_path):
    path = tmp_path / "codeboek.docx"
    export_codebook(tricky, CodebookOptions(quotes_per_code=5), path)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Thuis & <veilig> 😊" in paragraphs
    assert "Alles <echt> alles 😊. Mijn buurvrouw kookt" in paragraphs
    from tests.reports.conftest import LONG

    assert LONG.strip() in paragraphs
