"""What the Memos table shows of a memo, column by column, and how it sorts."""

from __future__ import annotations

from reiscoder.i18n import _
from reiscoder.read.codes import PATH_SEPARATOR
from reiscoder.read.memos import MemoKind, MemoRow
from reiscoder.ui.lists.segment_columns import rich_tooltip
from reiscoder.ui.lists.table import Column
from reiscoder.ui.lists.wrapping import one_paragraph

KIND, OWNER, TITLE, FIRST_LINE, CODER, MODIFIED = range(6)
WIDTHS = {KIND: 80, OWNER: 220, TITLE: 170, CODER: 110, MODIFIED: 124}
QUOTE_START = 40  # characters of a coding's quote shown to say which fragment it is


def kind_label(kind: MemoKind) -> str:
    return {
        MemoKind.PROJECT: _("Project"),
        MemoKind.DOCUMENT: _("Document"),
        MemoKind.CODE: _("Code"),
        MemoKind.CODING: _("Fragment"),
    }[kind]


def kind_filter_label(kind: MemoKind) -> str:
    return {
        MemoKind.PROJECT: _("Project memos"),
        MemoKind.DOCUMENT: _("Document memos"),
        MemoKind.CODE: _("Code memos"),
        MemoKind.CODING: _("Fragment memos"),
    }[kind]


def code_name(row: MemoRow) -> str:
    return row.code_path.split(PATH_SEPARATOR)[-1]


def quote_start(row: MemoRow) -> str:
    quote = one_paragraph(row.quote)
    return quote if len(quote) <= QUOTE_START else quote[:QUOTE_START].rstrip() + "…"


def owner(row: MemoRow) -> str:
    """What the memo belongs to, in a few words."""
    if row.kind is MemoKind.DOCUMENT:
        return row.document_name
    if row.kind is MemoKind.CODE:
        return code_name(row)
    if row.kind is MemoKind.CODING:
        return f"{code_name(row)}: “{quote_start(row)}”"
    return "—"


def owner_tooltip(row: MemoRow) -> str:
    if row.kind is MemoKind.CODE:
        return row.code_path
    if row.kind is MemoKind.CODING:
        where = _("{code} in “{document}”").format(code=row.code_path, document=row.document_name)
        return rich_tooltip(f"{where}\n\n“{row.quote.strip()}”")
    return ""


def title(row: MemoRow) -> str:
    return row.title or _("(untitled)")


def modified(row: MemoRow) -> str:
    return row.modified.astimezone().strftime("%d-%m-%Y %H:%M")


def memo_columns() -> list[Column[MemoRow]]:
    return [
        Column(lambda: _("Kind"), lambda r: kind_label(r.kind), lambda r: (r.kind, -r.id)),
        Column(
            lambda: _("Belongs to"),
            owner,
            lambda r: (owner(r).casefold(), -r.id),
            tooltip=owner_tooltip,
        ),
        Column(lambda: _("Title"), title, lambda r: (not r.title, r.title.casefold(), -r.id)),
        Column(
            lambda: _("Memo"),
            lambda r: r.first_line,
            lambda r: (r.first_line.casefold(), -r.id),
            tooltip=lambda r: rich_tooltip(r.text),
        ),
        Column(lambda: _("Coder"), lambda r: r.coder_name, lambda r: (r.coder_name, -r.id)),
        Column(lambda: _("Changed"), modified, lambda r: (r.modified, r.id)),
    ]
