"""Code matrices: codes down, documents or the values of one attribute across.

A cell counts the selected codings of that code in that document (or among documents and
speakers with that attribute value), or with :attr:`Measure.DOCUMENTS` the number of
documents that have them. ``roll_up`` adds the counts of subcodes to their parent's row.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Attribute
from reiscoder.model import Document as DocumentRow
from reiscoder.model.project import Project
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.coders import coder_names
from reiscoder.read.segments import NO_VALUE, AttributeInfo, SegmentRow
from reiscoder.reports.common import (
    Cancelled,
    Contents,
    ExportError,
    ExportReport,
    Progress,
    Stopwatch,
    check_target,
    never_cancelled,
    no_progress,
    reading_for,
)
from reiscoder.reports.data import Fragments, load_fragments, selected_code_ids
from reiscoder.reports.options import ExportKind, MatrixOptions, Measure
from reiscoder.reports.spreadsheets import Sheet, write_sheet


def export_matrix_xlsx(
    source: Project | Session,
    options: MatrixOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    return _export(source, options, Path(output), progress, cancelled, xlsx=True)


def export_matrix_csv(
    source: Project | Session,
    options: MatrixOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    return _export(source, options, Path(output), progress, cancelled, xlsx=False)


def _export(
    source: Project | Session,
    options: MatrixOptions,
    output: Path,
    progress: Progress,
    cancelled: Cancelled,
    *,
    xlsx: bool,
) -> ExportReport:
    clock = Stopwatch()
    check_target(output)
    with reading_for(source, options) as (session, options):
        sheet, contents = matrix_sheet(session, options)
    write_sheet(output, sheet, xlsx, options.delimiter, progress, cancelled)
    kind = ExportKind.MATRIX_XLSX if xlsx else ExportKind.MATRIX_CSV
    return ExportReport(kind, output, contents, clock.seconds)


def matrix_sheet(session: Session, options: MatrixOptions) -> tuple[Sheet, Contents]:
    fragments = load_fragments(session, options.selection)
    chosen = set(selected_code_ids(session, options.selection))
    entries = [entry for entry in load_code_tree(session).walk() if entry.id in chosen]
    columns: Sequence[tuple[Hashable, str]]
    key: Callable[[SegmentRow], Hashable]
    if options.attribute_id is None:
        columns, key = _document_columns(session, options), _document_key
        title = _("Code × document")
    else:
        attribute = _attribute(fragments, options.attribute_id)
        columns, key = (
            _value_columns(session, fragments, attribute),
            _value_key(fragments, attribute),
        )
        title = _("Code × {attribute}").format(attribute=attribute.name)
    cells = _cells(fragments.rows, key)
    header = [_first_header(session, options), *(label for _key, label in columns), _total(options)]
    sheet = Sheet(title, header, wide={0})
    for entry in entries:
        ids = [code.id for code in entry.walk()] if options.roll_up else [entry.id]
        counts = [_measure(cells, ids, [column], options.measure) for column, _label in columns]
        total = _measure(cells, ids, [column for column, _label in columns], options.measure)
        sheet.rows.append([entry.path, *counts, total])
    contents = Contents(
        codes=len(entries),
        codings=len(fragments.rows),
        documents=len({row.document_id for row in fragments.rows}),
    )
    return sheet, contents


def _first_header(session: Session, options: MatrixOptions) -> str:
    """The first header cell says what every cell counts (a CSV has no room for notes)."""
    what = (
        _("documents with the code")
        if options.measure is Measure.DOCUMENTS
        else _("number of codings")
    )
    level = _("subcodes included") if options.roll_up else _("the code's own codings")
    coders = options.selection.coder_ids
    names = list(coder_names(session, coders, with_codings=coders is None).values())
    who = (
        _("coder: {names}").format(names=names[0])
        if len(names) == 1
        else _("coders {names} together").format(names=", ".join(names))
    )
    return _("Code ({what}; {level}; {who})").format(what=what, level=level, who=who)


def _total(options: MatrixOptions) -> str:
    if options.measure is Measure.DOCUMENTS:
        return _("Total (documents, each once)")
    return _("Total (all columns)")


def _cells(
    rows: list[SegmentRow], key: Callable[[SegmentRow], Hashable]
) -> dict[tuple[int, Hashable], list[SegmentRow]]:
    cells: dict[tuple[int, Hashable], list[SegmentRow]] = {}
    for row in rows:
        cells.setdefault((row.code_id, key(row)), []).append(row)
    return cells


def _measure(
    cells: dict[tuple[int, Hashable], list[SegmentRow]],
    code_ids: list[int],
    columns: list[Hashable],
    measure: Measure,
) -> int:
    rows = [
        row
        for code_id in code_ids
        for column in columns
        for row in cells.get((code_id, column), [])
    ]
    if measure is Measure.DOCUMENTS:
        return len({row.document_id for row in rows})
    return len(rows)


def _document_columns(session: Session, options: MatrixOptions) -> list[tuple[int, str]]:
    query = select(DocumentRow.id, DocumentRow.name).order_by(DocumentRow.position, DocumentRow.id)
    chosen = options.selection.document_ids
    return [(i, name) for i, name in session.execute(query) if chosen is None or i in chosen]


def _document_key(row: SegmentRow) -> int:
    return row.document_id


def _attribute(fragments: Fragments, attribute_id: int) -> AttributeInfo:
    for attribute in fragments.segments.attributes:
        if attribute.id == attribute_id:
            return attribute
    raise ExportError(_("The chosen attribute no longer exists."))


def _value_columns(
    session: Session, fragments: Fragments, attribute: AttributeInfo
) -> list[tuple[str, str]]:
    """The attribute's choices in their order, then other values found, then "no value"."""
    choices = session.scalar(select(Attribute.choices).where(Attribute.id == attribute.id)) or ""
    ordered = [value for value in choices.split("\n") if value]
    found = fragments.segments.options(attribute) if fragments.rows else []
    ordered += [value for value in found if value not in ordered and value != NO_VALUE]
    columns = [(value, value) for value in ordered]
    if NO_VALUE in found:
        columns.append((NO_VALUE, _("(no value)")))
    return columns


def _value_key(fragments: Fragments, attribute: AttributeInfo) -> Callable[[SegmentRow], str]:
    def key(row: SegmentRow) -> str:
        return fragments.segments.value(row, attribute)

    return key
