"""The real exports in shared/refi-qda/samples import with every coding on the text shown."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from reiscoder.model import Code, Coder, Coding, Document, Memo
from reiscoder.refi import ImportOptions, import_as_new_project
from tests.refi.builders import SAMPLES

QUIET = ImportOptions(coder="Importeur", segment=False)
NVIVO = SAMPLES / "nvivo-win-12.6_hu_oltas0517.qdpx"
QC = SAMPLES / "qc-1.3.2_en_demo.qdpx"
ATLAS = SAMPLES / "atlasti-8.4-mac_refi-standard-project.qde"


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _whole_line(text: str, start: int, end: int) -> bool:
    starts_line = start == 0 or text[start - 1] == "\n"
    ends_line = end == len(text) or text[end] == "\n" or text[end - 1] == "\n"
    return starts_line and ends_line


def _on_boundaries(text: str, start: int, end: int) -> bool:
    inside_word = (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    )
    return not inside_word


def test_nvivo_selections_land_on_whole_comments(tmp_path):
    project, report = import_as_new_project(NVIVO, tmp_path / "nvivo.reis", QUIET)
    with project, project.reader() as session:
        assert _count(session, Code) == 152
        assert _count(session, Coding) == 303
        assert sorted(session.scalars(select(Coder.name))) == ["Gergo", "floriansipos"]
        codings = session.scalars(select(Coding)).all()
        texts = {d.id: d.text for d in session.scalars(select(Document))}
    whole = sum(_whole_line(texts[c.document_id], c.start, c.end) for c in codings)
    assert whole >= 0.9 * len(codings)  # a comment is one line of the CSV-like text
    on_boundaries = sum(_on_boundaries(texts[c.document_id], c.start, c.end) for c in codings)
    assert on_boundaries >= len(codings) - 3  # three were selected sloppily in NVivo itself
    assert all(not c.quote.startswith((" ", "\n")) for c in codings)
    assert any("UTF-16" in line and "CR LF" in line for line in report.converted)
    assert not report.dropped


def test_nvivo_first_selection_is_the_first_coded_comment(tmp_path):
    project, _report = import_as_new_project(NVIVO, tmp_path / "nvivo.reis", QUIET)
    with project, project.reader() as session:
        first = session.scalar(select(Coding).order_by(Coding.id))
        assert first.quote == (
            "Senkit nem lehet kötelezni oltásra, ilyet csak ostoba korlátolt agyi kapacitással "
            "rendelkező emberhulladék hozhat aki nem szaporodhat és nem élhet."
        )


def test_qc_codings_are_the_lines_its_selections_name(tmp_path):
    project, report = import_as_new_project(QC, tmp_path / "qc.reis", QUIET)
    with project, project.reader() as session:
        assert _count(session, Code) == 262
        assert _count(session, Coding) == 205
        assert report.counts["selections"] == 158
        nested = session.scalar(
            select(func.count()).select_from(Code).where(Code.parent_id.is_not(None))
        )
        assert nested > 200
        names = {d.name for d in session.scalars(select(Document))}
        assert names == {"board_2017", "admin-1"}  # qc gives sources no name: the file's
        for coding in session.scalars(select(Coding)):
            text = coding.document.text
            assert _whole_line(text, coding.start, coding.end)
    lines = _selection_lines()
    assert len(lines) == 158


def _selection_lines() -> dict[tuple[int, int], int]:
    """qc names each selection after its line: ``name="line:663"``."""
    import zipfile

    qde = zipfile.ZipFile(QC).read("project.qde").decode("utf-8")
    found = re.findall(r'name="line:(\d+)" startPosition="(\d+)" endPosition="(\d+)"', qde)
    return {(int(s), int(e)): int(line) for line, s, e in found}


def test_qc_line_numbers_agree_with_positions(tmp_path):
    project, _report = import_as_new_project(QC, tmp_path / "qc.reis", QUIET)
    lines = _selection_lines()
    with project, project.reader() as session:
        board = session.scalar(select(Document).where(Document.name == "board_2017"))
        for coding in session.scalars(select(Coding).where(Coding.document_id == board.id)):
            line = board.text.count("\n", 0, coding.start)  # zero-based line of the start
            assert lines[(coding.start, coding.end)] == line


def test_atlas_project_without_its_sources_imports_its_codebook_and_reports(tmp_path):
    project, report = import_as_new_project(ATLAS, tmp_path / "atlas.reis", QUIET)
    with project, project.reader() as session:
        assert _count(session, Code) == 14
        assert _count(session, Document) == 0
        assert {m.title for m in session.scalars(select(Memo))} == {
            "Research Plan",
            "My favorite Coke ad",
        }
        plan = session.scalar(select(Memo).where(Memo.title == "Research Plan"))
        assert plan.text.startswith("day to day log") and "dynamic team" in plan.text
        coke = session.scalar(select(Code).where(Code.name == "Coke"))
        assert coke.color == "#966450" and coke.definition == "the breakfast of champions"
        milk = session.scalar(select(Code).where(Code.name == "milk"))
        assert milk.color.startswith("#")  # ATLAS.ti gave it no colour
    dropped = "\n".join(report.dropped)
    assert "bronnen: 8" in dropped  # the sources themselves are missing, and that is said
    assert "cornflakes-n-milk.jpg" in dropped
