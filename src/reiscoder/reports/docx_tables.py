"""Tables in the house style: a quiet table of facts and data tables in a built-in style."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.run import Run

from reiscoder.reports.docx_base import QUIET, add_paragraph, clean, lxml_element


def title_block(
    document: Document, title: str, subtitle: str, facts: list[tuple[str, str]]
) -> None:
    """Title, subtitle and a quiet table of facts (project, date, coders, filters)."""
    heading = add_paragraph(document, clean(title), style="Title")
    heading.paragraph_format.space_before = Cm(5)
    add_paragraph(document, clean(subtitle), style="Subtitle")
    if facts:
        facts_table(document, facts)


def facts_table(document: Document, facts: list[tuple[str, str]]) -> Table:
    table = document.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for label, value in facts:
        cells = table.add_row().cells
        label_run = cell_text(cells[0], label, bold=True)
        label_run.font.color.rgb = RGBColor.from_string(QUIET)
        cell_text(cells[1], value).font.size = Pt(10.5)
        for cell in cells:
            cell.paragraphs[0].paragraph_format.space_after = Pt(4)
    set_widths(table, [Cm(4.0), Cm(12.0)])
    add_paragraph(document)
    return table


def set_widths(table: Table, widths: Sequence[int]) -> None:
    """Column widths (in EMU, e.g. ``Cm(4)``) that both Word and LibreOffice respect."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=False):
        column.w = Length(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Length(width)


def data_table(
    document: Document,
    header: list[str],
    rows: list[list[str]],
    widths: Sequence[int],
    numeric_from: int | None = None,
) -> Table:
    """A table in a built-in table style, its header row repeated on every page; columns
    from ``numeric_from`` on are right-aligned numbers."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles["Medium Shading 1 Accent 1"]
    _table_look(table)
    for column, (cell, text) in enumerate(zip(table.rows[0].cells, header, strict=True)):
        cell_text(cell, text, right=numeric_from is not None and column >= numeric_from)
    _row_properties(table.rows[0], header=True)
    for values in rows:
        row = table.add_row()
        _row_properties(row)
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            cell_text(cell, text, right=numeric_from is not None and column >= numeric_from)
    set_widths(table, widths)
    return table


def cell_text(cell: _Cell, text: str, *, right: bool = False, bold: bool = False) -> Run:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.space_before = Pt(2)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(clean(text))
    run.font.size = Pt(9.5)
    if bold:
        run.bold = True
    return run


def _table_look(table: Table) -> None:
    """Header row styled; no bold first column, no banded columns."""
    properties = lxml_element(table._tbl.tblPr)
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    for name, value in (
        ("firstRow", "1"),
        ("lastRow", "0"),
        ("firstColumn", "0"),
        ("lastColumn", "0"),
        ("noHBand", "0"),
        ("noVBand", "1"),
    ):
        look.set(qn(f"w:{name}"), value)
    look.set(qn("w:val"), "0420")


def _row_properties(row: _Row, *, header: bool = False) -> None:
    properties = lxml_element(row._tr.get_or_add_trPr())
    keep = OxmlElement("w:cantSplit")
    properties.append(keep)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
