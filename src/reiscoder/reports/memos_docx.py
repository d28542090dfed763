"""All memos as a Word document, grouped by what they belong to.

Project memos first, then memos on documents (per document), on codes (per code, in tree
order) and on codings (per code, each with the coded text it belongs to). Within a group
memos follow the order in which they were written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Document as DocumentRow
from reiscoder.model.project import Project
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.memos import MemoKind, MemoRow, load_memos
from reiscoder.reports import docx_base as base
from reiscoder.reports import docx_tables as tables
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
from reiscoder.reports.data import long_date, project_name
from reiscoder.reports.options import ExportKind, MemosOptions

TITLE_LENGTH = 80


def export_memos(
    source: Project | Session,
    options: MemosOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    """Write the memos (of the chosen kinds) to ``output`` (.docx)."""
    clock, output = Stopwatch(), Path(output)
    check_target(output)
    with reading_for(source, options) as (session, options):
        project = project_name(session)
        memos = selected_memos(session, options)
        code_order = {entry.id: index for index, entry in enumerate(load_code_tree(session).walk())}
        document_order = _document_order(session)
    ticker = Ticker(len(memos) + 1, progress, cancelled)
    document = base.new_document(_("Memos"), project)
    facts = [(_("Project"), project), (_("Date"), long_date(datetime.now(UTC)))]
    tables.title_block(document, _("Memos"), project, facts)
    groups = (
        (MemoKind.PROJECT, _("Project memos"), None),
        (MemoKind.DOCUMENT, _("Memos on documents"), _by(document_order, "document")),
        (MemoKind.CODE, _("Memos on codes"), _by(code_order, "code")),
        (MemoKind.CODING, _("Memos on codings"), _by(code_order, "code")),
    )
    for kind, heading, order in groups:
        rows = [memo for memo in memos if memo.kind is kind]
        if rows:
            base.add_paragraph(document, heading, style="Heading 1")
            _group(document, rows, order, options, ticker)
    if not memos:
        base.add_paragraph(document, _("This project has no memos yet."))
    write_atomically(output, lambda path: document.save(str(path)))
    ticker.finish()
    contents = Contents(memos=len(memos))
    return ExportReport(ExportKind.MEMOS, output, contents, clock.seconds)


def selected_memos(session: Session, options: MemosOptions) -> list[MemoRow]:
    memos = sorted(load_memos(session), key=lambda memo: (memo.created, memo.id))
    return [memo for memo in memos if options.kinds is None or memo.kind in options.kinds]


def _document_order(session: Session) -> dict[int, int]:
    rows = session.scalars(select(DocumentRow.id).order_by(DocumentRow.position, DocumentRow.id))
    return {document_id: index for index, document_id in enumerate(rows)}


def _by(order: dict[int, int], owner: str) -> Callable[[MemoRow], tuple]:
    def key(memo: MemoRow) -> tuple:
        owner_id = memo.document_id if owner == "document" else memo.code_id
        rank = len(order) if owner_id is None else order.get(owner_id, len(order))
        return (rank, owner_id or 0)

    return key


def _group(
    document: Document,
    rows: list[MemoRow],
    order: Callable[[MemoRow], tuple] | None,
    options: MemosOptions,
    ticker: Ticker,
) -> None:
    owner = None
    for memo in sorted(rows, key=order) if order else rows:
        name = _owner_name(memo)
        if name and name != owner:
            base.add_paragraph(document, base.clean(name), style="Heading 2")
            owner = name
        _memo(document, memo, 3 if name else 2, options)
        ticker.step()


def _owner_name(memo: MemoRow) -> str:
    if memo.kind is MemoKind.DOCUMENT:
        return memo.document_name
    if memo.kind in (MemoKind.CODE, MemoKind.CODING):
        return memo.code_path
    return ""


def _memo(document: Document, memo: MemoRow, level: int, options: MemosOptions) -> None:
    if memo.kind is MemoKind.CODING:
        if options.quotes and memo.quote:
            base.quote_with_source(document, memo.quote, memo.document_name)
            document.paragraphs[-1].paragraph_format.keep_with_next = True
    else:
        base.add_paragraph(document, base.clean(_title(memo)), style=f"Heading {level}")
    written = _("{coder} · {date}").format(coder=memo.coder_name, date=long_date(memo.created))
    if memo.modified.date() != memo.created.date():
        written += " · " + _("changed {date}").format(date=long_date(memo.modified))
    byline = base.add_paragraph(document, base.clean(written), style="Source")
    byline.paragraph_format.left_indent = 0
    byline.paragraph_format.keep_with_next = True
    for block in _blocks(memo.text):
        base.add_paragraph(document, base.clean(block))


def _title(memo: MemoRow) -> str:
    title = memo.title.strip() or memo.first_line or _("(untitled memo)")
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1].rstrip() + "…"


def _blocks(text: str) -> list[str]:
    """Paragraphs of a memo: blank lines separate them, single line breaks stay."""
    blocks = [block.strip("\n") for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block.strip()]
