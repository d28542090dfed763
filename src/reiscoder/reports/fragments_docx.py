"""The coded fragments report: per code, every selected fragment as a quote with its source.

Each fragment shows the coded text exactly, then its citation (document · speaker ·
timestamp or paragraph · coder), the attributes of its document and speaker, and the memo on
the coding. Codes follow the tree and carry their numbers; a code without selected fragments
is left out unless a code below it has some.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document
from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model.project import Project
from reiscoder.read.code_tree import CodeNode, load_code_tree
from reiscoder.read.segments import SegmentRow
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
from reiscoder.reports.data import (
    Fragments,
    citation,
    describe_selection,
    load_fragments,
    long_date,
    project_name,
)
from reiscoder.reports.options import ExportKind, FragmentsOptions


def export_fragments(
    source: Project | Session,
    options: FragmentsOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    """Write the coded fragments report to ``output`` (.docx)."""
    clock, output = Stopwatch(), Path(output)
    check_target(output)
    with reading_for(source, options) as (session, options):
        fragments = load_fragments(session, options.selection)
        roots = load_code_tree(session, details=True).roots
        project = project_name(session)
        facts = _facts(session, project, options, fragments)
    ticker = Ticker(len(fragments.rows) + 1, progress, cancelled)
    document = base.new_document(_("Coded fragments"), project)
    tables.title_block(document, _("Coded fragments"), project, facts)
    base.page_break(document)
    sections = _sections(roots, fragments.rows)
    top = min((entry.depth for entry, _rows in sections), default=0)
    base.add_toc(document, [(entry.depth - top + 1, entry.title) for entry, _rows in sections])
    base.page_break(document)
    bookmarks = base.Bookmarks()
    for entry, rows in sections:
        _code_section(document, entry, entry.depth - top + 1, rows, bookmarks)
        for row in rows:
            _fragment(document, row, fragments, options)
            ticker.step()
    if not fragments.rows:
        base.add_paragraph(document, _("No coded fragments match the selection."))
    write_atomically(output, lambda path: document.save(str(path)))
    ticker.finish()
    contents = Contents(
        codes=sum(1 for _entry, rows in sections if rows),
        codings=len(fragments.rows),
        documents=len({row.document_id for row in fragments.rows}),
    )
    return ExportReport(ExportKind.FRAGMENTS, output, contents, clock.seconds)


def _facts(
    session: Session, project: str, options: FragmentsOptions, fragments: Fragments
) -> list[tuple[str, str]]:
    documents = len({row.document_id for row in fragments.rows})
    contents = Contents(codings=len(fragments.rows), documents=documents)
    return [
        (_("Project"), project),
        (_("Date"), long_date(datetime.now(UTC))),
        *describe_selection(session, options.selection),
        (_("Size"), contents.describe()),
    ]


def _sections(
    roots: list[CodeNode], rows: list[SegmentRow]
) -> list[tuple[CodeNode, list[SegmentRow]]]:
    """Codes in tree order with their fragments; ancestors of coded codes stay as headings."""
    by_code: dict[int, list[SegmentRow]] = {}
    for row in rows:
        by_code.setdefault(row.code_id, []).append(row)
    sections = []
    for root in roots:
        sections.extend(_kept(root, by_code))
    return sections


def _kept(
    entry: CodeNode, by_code: dict[int, list[SegmentRow]]
) -> list[tuple[CodeNode, list[SegmentRow]]]:
    below = [section for child in entry.children for section in _kept(child, by_code)]
    own = by_code.get(entry.id, [])
    return [(entry, own), *below] if own or below else []


def _code_section(
    document: Document,
    entry: CodeNode,
    level: int,
    rows: list[SegmentRow],
    bookmarks: base.Bookmarks,
) -> None:
    heading = base.add_paragraph(
        document, base.clean(entry.title), style=f"Heading {min(level, 9)}"
    )
    base.left_bar(heading, entry.color)
    bookmarks.add(heading)
    if rows:
        documents = len({row.document_id for row in rows})
        text = ngettext("{count} fragment", "{count} fragments", len(rows)).format(count=len(rows))
        text += " " + ngettext("in {count} document", "in {count} documents", documents).format(
            count=documents
        )
        paragraph = base.add_paragraph(document, text, style="Source")
        paragraph.paragraph_format.left_indent = 0
        paragraph.paragraph_format.keep_with_next = True


def _fragment(
    document: Document, row: SegmentRow, fragments: Fragments, options: FragmentsOptions
) -> None:
    base.add_paragraph(document, row.quote, style="Quote")
    source = base.add_paragraph(document, style="Source")
    base.add_text(
        source, citation(row) + " · " + _("coded by {coder}").format(coder=row.coder_name)
    )
    if options.attributes:
        pairs = fragments.attributes_of(row)
        if pairs:
            base.add_text(source, "\n" + " · ".join(f"{name}: {value}" for name, value in pairs))
    if options.memos and row.memo.strip():
        base.add_text(source, "\n")
        base.add_text(source, _("Memo") + ": ").bold = True
        base.add_text(source, row.memo.strip())
