"""What the Coded segments table shows of a segment, column by column, and how it sorts."""

from __future__ import annotations

import html

from reiscoder.i18n import _
from reiscoder.read.segments import SegmentRow, place_label
from reiscoder.ui.lists.table import Column
from reiscoder.ui.lists.wrapping import one_paragraph

CODE, DOCUMENT, SPEAKER, PLACE, CODER, QUOTE, MEMO = range(7)
WRAPPED = (QUOTE, MEMO)
WIDTHS = {CODE: 190, DOCUMENT: 190, SPEAKER: 100, PLACE: 78, CODER: 120, MEMO: 220}


def place(row: SegmentRow) -> str:
    """Where in the conversation: the turn's timestamp, or else the turn's number."""
    return place_label(row.timestamp_ms, row.turn_number, exact=row.time_exact)


def rich_tooltip(text: str) -> str:
    """Long text as a tooltip that wraps (Qt wraps rich text, not plain text)."""
    if not text.strip():
        return ""
    return "<p>" + html.escape(text.strip()).replace("\n", "<br>") + "</p>"


def _in_document(row: SegmentRow) -> tuple[str, int, int, int]:
    """Documents by name, and within a document in reading order."""
    return (row.document_name.casefold(), row.document_id, row.start, row.end)


def _in_project(row: SegmentRow) -> tuple[int, int, int, int]:
    """The order of the documents panel, and within a document in reading order."""
    return (row.document_position, row.document_id, row.start, row.end)


def _place_tooltip(row: SegmentRow) -> str:
    where = _("Characters {start}–{end}").format(start=row.start, end=row.end)
    if row.turn_number is None:
        return where
    return _("Turn {number}").format(number=row.turn_number) + " · " + where


def segment_columns(icon_for_color) -> list[Column[SegmentRow]]:
    return [
        Column(
            lambda: _("Code"),
            lambda r: r.code_name,
            lambda r: (r.code_name.casefold(), *_in_document(r)),
            icon=lambda r: icon_for_color(r.color),
        ),
        Column(
            lambda: _("Document"),
            lambda r: r.document_name,
            _in_document,
            tooltip=lambda r: r.document_name,
        ),
        Column(
            lambda: _("Speaker"),
            lambda r: r.speaker or "",
            lambda r: ((r.speaker or "").casefold(), *_in_document(r)),
        ),
        Column(lambda: _("Time"), place, _in_project, tooltip=_place_tooltip),
        Column(
            lambda: _("Coder"),
            lambda r: r.coder_name,
            lambda r: (r.coder_name.casefold(), *_in_document(r)),
        ),
        Column(
            lambda: _("Fragment"),
            lambda r: one_paragraph(r.quote),
            lambda r: (r.quote.strip().casefold(), *_in_document(r)),
            tooltip=lambda r: rich_tooltip(r.quote),
        ),
        Column(
            lambda: _("Memo"),
            lambda r: one_paragraph(r.memo),
            lambda r: (not r.memo, r.memo.casefold(), *_in_document(r)),
            tooltip=lambda r: rich_tooltip(r.memo),
        ),
    ]


def plain_text(rows: list[SegmentRow]) -> str:
    """Fragments as a reader would paste them: the quote, then where it comes from."""
    parts = []
    for row in rows:
        source = ", ".join(p for p in (row.document_name, row.speaker or "", place(row)) if p)
        parts.append(f"“{row.quote.strip()}” ({source}; {row.code_name})")
    return "\n\n".join(parts)
