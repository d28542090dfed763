"""Codings as a spreadsheet: one row per coding, as .xlsx (openpyxl) or .csv.

Columns: document, the document's attributes, speaker, the attributes of the speaker's case,
timestamp, paragraph, start, end, text, the code path split into one column per level,
coder, memo and when it was coded. CSV is UTF-8 with a byte order mark so that Excel reads
accents and emoji, with "," or ";" (for Dutch Excel) between fields.

Every export to a spreadsheet is written here (:func:`write_xlsx`, :func:`write_csv`), so that
no text cell can become a formula (see :mod:`reiscoder.reports.cells`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Coding
from reiscoder.model.project import Project
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.codes import PATH_SEPARATOR
from reiscoder.read.segments import format_timestamp
from reiscoder.reports.cells import safe_cell, safe_text
from reiscoder.reports.common import (
    Cancelled,
    Contents,
    ExportReport,
    Progress,
    Stopwatch,
    Ticker,
    check_target,
    never_cancelled,
    no_progress,
    reading_for,
    write_atomically,
)
from reiscoder.reports.data import load_fragments, local_time
from reiscoder.reports.options import CodingsTableOptions, ExportKind

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

CELL_LIMIT = 32_767  # the most characters an Excel cell holds
WIDE, NARROW = 60, 14


@dataclass
class Sheet:
    """A table to write: a header row, rows of values, and which columns hold long text."""

    title: str
    header: list[str]
    rows: list[list[object]] = field(default_factory=list)
    wide: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)  # column -> number format


def export_codings_xlsx(
    source: Project | Session,
    options: CodingsTableOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    return _export(source, options, Path(output), progress, cancelled, xlsx=True)


def export_codings_csv(
    source: Project | Session,
    options: CodingsTableOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    return _export(source, options, Path(output), progress, cancelled, xlsx=False)


def _export(
    source: Project | Session,
    options: CodingsTableOptions,
    output: Path,
    progress: Progress,
    cancelled: Cancelled,
    *,
    xlsx: bool,
) -> ExportReport:
    clock = Stopwatch()
    check_target(output)
    with reading_for(source, options) as (session, options):
        sheet = codings_sheet(session, options)
    write_sheet(output, sheet, xlsx, options.delimiter, progress, cancelled)
    documents = len({row[0] for row in sheet.rows})
    contents = Contents(codings=len(sheet.rows), documents=documents)
    kind = ExportKind.CODINGS_XLSX if xlsx else ExportKind.CODINGS_CSV
    return ExportReport(kind, output, contents, clock.seconds, sheet.warnings)


def write_sheet(
    output: Path,
    sheet: Sheet,
    xlsx: bool,
    delimiter: str,
    progress: Progress,
    cancelled: Cancelled,
) -> None:
    """One sheet to .xlsx or .csv, atomically, with progress per row."""
    ticker = Ticker(len(sheet.rows) + 1, progress, cancelled)
    if xlsx:
        write_atomically(output, lambda path: write_xlsx(path, [sheet], ticker))
    else:
        write_atomically(output, lambda path: write_csv(path, sheet, delimiter, ticker))
    ticker.finish()


def codings_sheet(session: Session, options: CodingsTableOptions) -> Sheet:
    fragments = load_fragments(session, options.selection)
    paths = {entry.id: entry.path.split(PATH_SEPARATOR) for entry in load_code_tree(session).walk()}
    levels = max((len(paths[row.code_id]) for row in fragments.rows), default=1)
    created = _created(session, [row.coding_id for row in fragments.rows])
    attributes = fragments.segments.attributes
    document_attributes = [a for a in attributes if a.target == "document"]
    case_attributes = [a for a in attributes if a.target == "case"]
    shared = {a.name for a in document_attributes} & {a.name for a in case_attributes}
    header = [
        _("Document"),
        *(a.name for a in document_attributes),
        _("Speaker"),
        *(_speaker_column(a.name) if a.name in shared else a.name for a in case_attributes),
        _("Timestamp"),
        _("Paragraph"),
        _("Start"),
        _("End"),
        _("Text"),
        *(_("Code level {level}").format(level=n) for n in range(1, levels + 1)),
        _("Coder"),
        _("Memo"),
        _("Coded on"),
    ]
    sheet = Sheet(_("Codings"), header, wide={header.index(_("Text")), header.index(_("Memo"))})
    for row in fragments.rows:
        path = paths[row.code_id]
        sheet.rows.append(
            [
                row.document_name,
                *(fragments.segments.value(row, a) for a in document_attributes),
                row.speaker or "",
                *(fragments.segments.value(row, a) for a in case_attributes),
                format_timestamp(row.timestamp_ms) if row.timestamp_ms is not None else "",
                row.turn_number,
                row.start,
                row.end,
                row.quote,
                *path,
                *([""] * (levels - len(path))),
                row.coder_name,
                row.memo,
                created.get(row.coding_id),
            ]
        )
    return sheet


def _speaker_column(name: str) -> str:
    return _("{attribute} (speaker)").format(attribute=name)


def _created(session: Session, coding_ids: list[int]) -> dict[int, datetime]:
    found: dict[int, datetime] = {}
    for start in range(0, len(coding_ids), 900):
        chunk = coding_ids[start : start + 900]
        rows = session.execute(select(Coding.id, Coding.created).where(Coding.id.in_(chunk)))
        found.update((coding_id, local_time(moment)) for coding_id, moment in rows)
    return found


# -- writing --------------------------------------------------------------------------------


def write_xlsx(path: Path, sheets: list[Sheet], ticker: Ticker) -> None:
    """Sheets with a bold, frozen header row, filters, readable widths and wrapped text."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = book.create_sheet(_sheet_title(sheet.title))
        for column in range(1, len(sheet.header) + 1):
            width = WIDE if column - 1 in sheet.wide else NARROW
            worksheet.column_dimensions[get_column_letter(column)].width = width
        worksheet.freeze_panes = "A2"
        worksheet.auto_filter.ref = (
            f"A1:{get_column_letter(len(sheet.header))}{len(sheet.rows) + 1}"
        )
        worksheet.append([_header_cell(worksheet, text) for text in sheet.header])
        wrap = Alignment(wrap_text=True, vertical="top")
        for values in sheet.rows:
            worksheet.append(
                [
                    _cell(worksheet, value, index in sheet.wide, wrap, sheet, index)
                    for index, value in enumerate(values)
                ]
            )
            ticker.step()
    book.save(path)


def _sheet_title(title: str) -> str:
    return "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"


def _header_cell(worksheet: WriteOnlyWorksheet, text: str) -> Cell:
    cell = WriteOnlyCell(worksheet, value=safe_text(_text(text)))
    cell.data_type = "s"  # a header is always text, never a formula
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor="1F3A56")
    cell.alignment = Alignment(vertical="top")
    return cell


def _cell(
    worksheet: WriteOnlyWorksheet,
    value: object,
    wide: bool,
    wrap: Alignment,
    sheet: Sheet,
    column: int = 0,
) -> object:
    if not isinstance(value, str):
        if column in sheet.formats and isinstance(value, int | float):
            cell = WriteOnlyCell(worksheet, value=value)
            cell.number_format = sheet.formats[column]
            return cell
        return value
    text = safe_text(_text(value))
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - 1] + "…"
        warning = _(
            "A text longer than Excel allows in one cell ({limit} characters) was shortened; "
            "the CSV export keeps it whole."
        ).format(limit=CELL_LIMIT)
        if warning not in sheet.warnings:
            sheet.warnings.append(warning)
    if not wide:
        return text  # openpyxl reads only a text starting with "=" as a formula: none does
    cell = WriteOnlyCell(worksheet, value=text)
    cell.data_type = "s"
    cell.alignment = wrap
    return cell


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def write_csv(path: Path, sheet: Sheet, delimiter: str, ticker: Ticker) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([safe_cell(text) for text in sheet.header])
        for values in sheet.rows:
            writer.writerow([_csv_value(value) for value in values])
            ticker.step()


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return safe_cell(value)
