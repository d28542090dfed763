"""Memos grouped by what they belong to; codings and matrices read back as xlsx and csv."""

from __future__ import annotations

import csv
from datetime import datetime

import openpyxl
from sqlalchemy import select

from reiscoder.model import Attribute, Coding, Document
from reiscoder.read.memos import MemoKind
from reiscoder.reports.matrices import export_matrix_csv, export_matrix_xlsx
from reiscoder.reports.memos_docx import export_memos
from reiscoder.reports.options import (
    CodingsTableOptions,
    MatrixOptions,
    Measure,
    MemosOptions,
    Selection,
)
from reiscoder.reports.spreadsheets import CELL_LIMIT, export_codings_csv, export_codings_xlsx
from tests.factories import code_id
from tests.reports.readback import headings, styled


def test_memos_grouped_by_owner(demo, tmp_path):
    path = tmp_path / "memos.docx"
    report = export_memos(demo, MemosOptions(), path)
    assert report.contents.memos == 3
    assert headings(path) == [
        (1, "Projectmemo's"),
        (2, "Busreis, eerste indruk"),
        (1, "Memo's bij codes"),
        (2, "2 Sociale innovatie › 2.5 Belemmeringen (regels, systeemwereld, institutionaliseren)"),
        (3, "Regeldruk"),
        (1, "Memo's bij coderingen"),
        (2, "1 Sociale samenhang › 1.3 Iets voor elkaar betekenen (op eigen manier)"),
    ]
    assert styled(path, "Quote") == [
        "Mijn buurvrouw kookt op vrijdag altijd een pan extra voor dhr. Jansen op drie hoog."
    ]
    only = MemosOptions(kinds=frozenset({MemoKind.CODE}), quotes=False)
    assert export_memos(demo, only, path).contents.memos == 1


def _demo_codings(project):
    with project.reader() as session:
        return session.execute(
            select(Coding.quote, Coding.coder_id, Document.name)
            .join(Document)
            .order_by(Document.position, Document.id, Coding.start, Coding.end)
        ).all()


def test_codings_xlsx_one_row_per_coding(demo, tmp_path):
    path = tmp_path / "coderingen.xlsx"
    report = export_codings_xlsx(demo, CodingsTableOptions(), path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:6] == ("Document", "Etappe", "Wijk", "Datum", "Interviewer", "Spreker")
    assert header[-5:] == ("Codeniveau 1", "Codeniveau 2", "Codeur", "Memo", "Gecodeerd op")
    assert len(rows) - 1 == report.contents.codings == 27
    text = header.index("Tekst")
    assert [row[text] for row in rows[1:]] == [c.quote for c in _demo_codings(demo)]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Rol"] == "bewoner" and first["Tijd"] == "00:00:46" and first["Alinea"] == 4
    assert first["Codeniveau 1"] == "1 Sociale samenhang"
    assert first["Codeniveau 2"].startswith("1.1 ")
    assert isinstance(first["Gecodeerd op"], datetime)
    assert sheet.freeze_panes == "A2"


def test_codings_csv_utf8_bom_and_semicolons(demo, tmp_path):
    path = tmp_path / "coderingen.csv"
    export_codings_csv(demo, CodingsTableOptions(delimiter=";"), path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][0] == "Document" and len(rows) == 28
    text = rows[0].index("Tekst")
    assert [row[text] for row in rows[1:]] == [c.quote for c in _demo_codings(demo)]
    assert "Kaapverdië" in raw.decode("utf-8")


def test_awkward_text_in_tables(tricky, tmp_path):
    from tests.reports.conftest import LONG, RTL_NAME

    xlsx, text_csv = tmp_path / "t.xlsx", tmp_path / "t.csv"
    report = export_codings_xlsx(tricky, CodingsTableOptions(), xlsx)
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    column = rows[0].index("Tekst")
    assert rows[1][column] == "Alles <echt> alles 😊. Mijn buurvrouw kookt"
    assert rows[1][rows[0].index("Spreker")] == RTL_NAME
    assert rows[1][0] == "Gesprek & <wijk> 😊"
    if len(LONG.strip()) > CELL_LIMIT:
        assert report.warnings and len(rows[3][column]) == CELL_LIMIT
    export_codings_csv(tricky, CodingsTableOptions(), text_csv)
    with text_csv.open(encoding="utf-8-sig", newline="") as handle:
        assert [row[column] for row in csv.reader(handle)][3] == LONG.strip()


def test_text_that_looks_like_a_formula_stays_text(tricky, tmp_path):
    with tricky.transaction() as session:
        session.execute(
            Coding.__table__.update().values(quote="=SUM(A1:A3) & meer")
        )  # a quote as a spreadsheet would misread it
    path = tmp_path / "f.xlsx"
    export_codings_xlsx(tricky, CodingsTableOptions(), path)
    sheet = openpyxl.load_workbook(path).active
    column = [c.value for c in sheet[1]].index("Tekst") + 1
    cell = sheet.cell(row=2, column=column)
    # text, never a formula, and escaped like the CSV export (OWASP: a single quote in front)
    assert cell.value == "'=SUM(A1:A3) & meer" and cell.data_type == "s"


def test_matrix_by_document_and_by_attribute(demo, tmp_path):
    path = tmp_path / "matrix.xlsx"
    export_matrix_xlsx(demo, MatrixOptions(), path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    # the header says what the cells count
    assert rows[0][0] == (
        "Code (aantal coderingen; alleen de eigen coderingen van de code; "
        "codeurs Anna de Vries, Bram Jansen samen)"
    )
    assert rows[0][-1] == "Totaal (alle kolommen)" and len(rows[0]) == 5
    by_code = {row[0]: row[1:] for row in rows[1:]}
    thuis = next(key for key in by_code if "› 1.1 " in key)
    assert by_code[thuis] == (3, 0, 0, 3)
    assert sum(row[-1] for row in rows[1:]) == 27
    with demo.reader() as session:
        etappe = session.scalar(select(Attribute.id).where(Attribute.name == "Etappe"))
        samenhang = code_id(session, "1 ")
    options = MatrixOptions(attribute_id=etappe, roll_up=True, delimiter=";")
    csv_path = tmp_path / "matrix.csv"
    export_matrix_csv(demo, options, csv_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0] == [
        "Code (aantal coderingen; subcodes meegeteld; codeurs Anna de Vries, Bram Jansen samen)",
        "1 Sociale samenhang",
        "2 Sociale innovatie",
        "3 Sociaal werk",
        "Totaal (alle kolommen)",
    ]
    assert table[1] == ["1 Sociale samenhang", "10", "0", "0", "10"]
    documents = MatrixOptions(
        Selection(code_ids=(samenhang,)), measure=Measure.DOCUMENTS, roll_up=True
    )
    export_matrix_xlsx(demo, documents, path)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[1] == ("1 Sociale samenhang", 1, 0, 0, 1) and len(rows) == 6
    assert rows[0][0].startswith("Code (documenten met de code;")
    assert rows[0][-1] == "Totaal (documenten, elk één keer)"
