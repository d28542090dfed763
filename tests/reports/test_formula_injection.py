"""No spreadsheet export holds a text that Excel or LibreOffice would run as a formula.

Every CSV and xlsx export is written from a project whose names, codes, memos, quotes,
attributes, speakers and coders start with ``= + - @`` (and tab or carriage return), and read
back with the csv module and openpyxl: every such text starts with a single quote, xlsx text
cells are text (never formulas), and numbers stay numbers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.model import AttributeKind, AttributeTarget, Coder, Speaker
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import create_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.ops.names import add_name
from reiscoder.privacy.names import load_names
from reiscoder.reports.analysis_tables import write_table_xlsx
from reiscoder.reports.cells import FORMULA_STARTS, safe_cell, unescape_cell
from reiscoder.reports.exports import run_export
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.options import CodingsTableOptions, ExportKind, MatrixOptions
from reiscoder.reports.spreadsheets import CELL_LIMIT
from tests.factories import add_document, new_project

TEXT = (
    "@Fatima: -ja, dat klopt. =1+1 zei ze, en +31 belde.\n\n"
    '-Interviewer: @iedereen? =HYPERLINK("http://x")\n\n'
    "@Fatima: \tmet een tab. Goed.\n"
)
DOCUMENTS = ('=HYPERLINK("http://evil","klik")', "+31 6 1234", "-min", "@SUM(A1)")
CODES = ("=SUM(A1:A9)", "+plus", "-min", "@at", "\tTab")
ATTACKS = {"=", "+", "-", "@", "\t", "\r"}


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "vijandig.reis"
    with new_project(path, coder="=Docent") as project, project.transaction() as session:
        reference = coder_id_for(session, "=Docent")
        student = coder_id_for(session, "-Student")
        codes = [create_code(session, name).created_id for name in CODES]
        district = create_attribute(session, "=Wijk").created_id
        age = create_attribute(session, "@Leeftijd", AttributeKind.NUMBER).created_id
        role = create_attribute(session, "+Rol", target=AttributeTarget.CASE).created_id
        case = create_case(session, "=Casus").created_id
        set_value(session, role, "@rol", case_id=case)
        for number, name in enumerate(DOCUMENTS):
            document = add_document(session, name, TEXT)
            set_value(
                session,
                district,
                ("-Noord", "=Zuid", "+Oost", "@West")[number],
                document_id=document,
            )
            set_value(session, age, "-5", document_id=document)
            speaker = session.scalar(
                select(Speaker.id).where(
                    Speaker.document_id == document, Speaker.label == "@Fatima"
                )
            )
            link_speaker(session, speaker, case)
            for coder in (reference, student):
                for code, words in zip(
                    codes,
                    ("-ja, dat klopt", "=1+1 zei ze", "+31 belde", "@iedereen?", "\tmet een tab"),
                    strict=True,
                ):
                    coding = apply_coding(session, document, code, coder, *_span(TEXT, words))
            add_memo(
                session,
                reference,
                "=memo bij een codering",
                target=MemoTarget(coding_id=coding.created_id),
            )
        add_name(session, "Fatima", "+Pseudo")
        add_name(session, "Henk", "=Anoniem")
    return path


def _cells_csv(path: Path, delimiter: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _cells_xlsx(path: Path) -> list[openpyxl.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_csv_safe(path: Path, delimiter: str = ",") -> list[str]:
    values = [value for row in _cells_csv(path, delimiter) for value in row]
    unsafe = [value for value in values if value.startswith(FORMULA_STARTS)]
    assert unsafe == [], path.name
    return values


def _assert_xlsx_safe(path: Path) -> list[object]:
    cells = _cells_xlsx(path)
    assert [c.coordinate for c in cells if c.data_type == "f"] == [], path.name
    unsafe = [
        c.value for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
    ]
    assert unsafe == [], path.name
    return [c.value for c in cells]


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("pseudonymise", [False, True])
def test_codings_csv_and_xlsx(hostile, tmp_path, delimiter, pseudonymise):
    options = CodingsTableOptions(delimiter=delimiter, pseudonymise=pseudonymise)
    with Project.open(hostile, read_only=True) as project:
        run_export(project, ExportKind.CODINGS_CSV, options, tmp_path / "c.csv")
        run_export(project, ExportKind.CODINGS_XLSX, options, tmp_path / "c.xlsx")
    from_csv = _assert_csv_safe(tmp_path / "c.csv", delimiter)
    from_xlsx = _assert_xlsx_safe(tmp_path / "c.xlsx")
    for values in (from_csv, from_xlsx):
        assert "'=Wijk" in values and "'@Leeftijd" in values and "'+Rol" in values  # headers
        assert "'-ja, dat klopt" in values and "'=1+1 zei ze" in values  # quotes
        assert "'\tmet een tab" in values and "'=memo bij een codering" in values
        assert "'=SUM(A1:A9)" in values and "'-Noord" in values and "'@rol" in values
        assert "'-Student" in values and "'=Docent" in values
        if not pseudonymise:
            assert '\'=HYPERLINK("http://evil","klik")' in values and "'@Fatima" in values
    assert 1 in from_xlsx  # a paragraph number stays a number


@pytest.mark.parametrize("across", ["documents", "attribute"])
def test_matrices_csv_and_xlsx(hostile, tmp_path, across):
    with Project.open(hostile, read_only=True) as project:
        attribute = None
        if across == "attribute":
            with project.reader() as session:
                from reiscoder.model import Attribute

                attribute = session.scalar(select(Attribute.id).where(Attribute.name == "=Wijk"))
        options = MatrixOptions(attribute_id=attribute, delimiter=";")
        run_export(project, ExportKind.MATRIX_CSV, options, tmp_path / "m.csv")
        run_export(project, ExportKind.MATRIX_XLSX, options, tmp_path / "m.xlsx")
    from_csv = _assert_csv_safe(tmp_path / "m.csv", ";")
    from_xlsx = _assert_xlsx_safe(tmp_path / "m.xlsx")
    wanted = (
        ["'-Noord", "'=Zuid", "'+Oost", "'@West"]
        if across == "attribute"
        else ["'" + name for name in DOCUMENTS]
    )
    for values in (from_csv, from_xlsx):
        assert set(wanted) <= set(values)
        assert "'=SUM(A1:A9)" in values and "'-min" in values
    assert 2 in from_xlsx  # counts stay numbers (two coders coded each span)


def test_grading_xlsx(hostile, tmp_path):
    target = tmp_path / "beoordeling.xlsx"
    with Project.open(hostile, read_only=True) as project:
        with project.reader() as session:
            docent = session.scalar(select(Coder.id).where(Coder.name == "=Docent"))
        run_export(project, ExportKind.GRADING_XLSX, GradingOptions(docent), target)
    values = _assert_xlsx_safe(target)
    assert "'-Student" in values
    assert any(isinstance(v, float | int) and not isinstance(v, bool) for v in values)


def test_analysis_table_xlsx(tmp_path):
    target = tmp_path / "tabel.xlsx"
    header = ["=Code", "@Aantal", "-Verschil"]
    rows = [["=SUM(A1)", 3, -2.5], ["+plus", -1, 0], ["gewoon", 0, 1.25]]
    write_table_xlsx(target, "=Tabel", header, rows)
    values = _assert_xlsx_safe(target)
    assert values[:3] == ["'=Code", "'@Aantal", "'-Verschil"]
    assert values[3:] == ["'=SUM(A1)", 3, -2.5, "'+plus", -1, 0, "gewoon", 0, 1.25]


def test_names_csv_from_the_command_line_and_back(hostile, tmp_path, capsys):
    target = tmp_path / "namen.csv"
    assert main(["names", str(hostile), "export", str(target)]) == 0
    values = _assert_csv_safe(target)
    assert {"'+Pseudo", "'=Anoniem"} <= set(values)
    copy = tmp_path / "kopie.reis"
    copy.write_bytes(hostile.read_bytes())
    capsys.readouterr()
    assert main(["names", str(copy), "import", str(target)]) == 0
    assert "0 namen toegevoegd, 2 gewijzigd" in capsys.readouterr().out
    with Project.open(copy, read_only=True) as project, project.reader() as session:
        pseudonyms = {entry.original: entry.pseudonym for entry in load_names(session)}
    assert pseudonyms == {"Fatima": "+Pseudo", "Henk": "=Anoniem"}  # read back as written


def test_the_helper_escapes_text_only():
    assert {start: safe_cell(start + "x") for start in ATTACKS} == {
        start: "'" + start + "x" for start in ATTACKS
    }
    assert safe_cell(-5) == -5 and safe_cell(-2.5) == -2.5 and safe_cell(None) is None
    assert safe_cell("gewoon") == "gewoon" and safe_cell("'al") == "'al"
    assert unescape_cell("'=x") == "=x" and unescape_cell("'gewoon") == "'gewoon"


def test_a_long_escaped_text_still_fits_one_excel_cell(tmp_path):
    target = tmp_path / "lang.xlsx"
    write_table_xlsx(target, "Lang", ["Tekst"], [["=" + "x" * 40_000]])
    values = _assert_xlsx_safe(target)
    assert values[1].startswith("'=xxx") and len(values[1]) == CELL_LIMIT
