"""The codebook as a Word document.

Title page (project, date, coders), a table of contents, then every code as a numbered
heading (1, 1.1, 1.1.1 following the tree) with a colour bar, its definition, inclusion and
exclusion criteria, example, anchor quotes with their source and its counts per coder; an
overview table of all counts closes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document
from docx.shared import Cm
from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model.project import Project
from reiscoder.read.code_tree import CodeNode, load_code_tree
from reiscoder.read.coders import coder_names
from reiscoder.read.segments import SegmentRow, load_segments
from reiscoder.reports import docx_base as base
from reiscoder.reports import docx_tables as tables
from reiscoder.reports.common import (
    Cancelled,
    Contents,
    ExportError,
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
from reiscoder.reports.data import citation, coding_counts, document_counts, long_date, project_name
from reiscoder.reports.options import CodebookOptions, ExportKind


@dataclass
class Codebook:
    project: str
    roots: list[CodeNode]
    coders: dict[int, str]
    counts: dict[int, dict[int, int]]
    documents: dict[int, int]
    anchors: dict[int, list[SegmentRow]] = field(default_factory=dict)

    @property
    def entries(self) -> list[CodeNode]:
        return [node for root in self.roots for node in root.walk()]

    def total(self, code_id: int) -> int:
        return sum(self.counts.get(code_id, {}).values())

    def total_with_subcodes(self, entry: CodeNode) -> int:
        return sum(self.total(code.id) for code in entry.walk())


def export_codebook(
    source: Project | Session,
    options: CodebookOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    """Write the codebook (or one code's subtree) to ``output`` (.docx)."""
    clock, output = Stopwatch(), Path(output)
    check_target(output)
    with reading_for(source, options) as (session, options):
        book = load_codebook(session, options)
    entries = book.entries
    ticker = Ticker(len(entries) + 1, progress, cancelled)
    document = build_codebook(book, options, ticker)
    write_atomically(output, lambda path: document.save(str(path)))
    ticker.finish()
    contents = Contents(codes=len(entries), codings=sum(book.total(e.id) for e in entries))
    return ExportReport(ExportKind.CODEBOOK, output, contents, clock.seconds)


def load_codebook(session: Session, options: CodebookOptions) -> Codebook:
    tree = load_code_tree(session, details=True)
    roots = tree.roots
    if options.root_code_id is not None:
        root = tree.by_id.get(options.root_code_id)
        if root is None:
            raise ExportError(_("The chosen code no longer exists."))
        roots = [root]
    book = Codebook(
        project=project_name(session),
        roots=roots,
        coders=coder_names(session),
        counts=coding_counts(session),
        documents=document_counts(session),
    )
    if options.quotes:
        book.anchors = _anchors(session, book, options)
    return book


def _anchors(session: Session, book: Codebook, options: CodebookOptions) -> dict[int, list]:
    """Picked anchor codings per code, or the first codings in document order."""
    rows = load_segments(session, [entry.id for entry in book.entries]).rows
    picked: dict[int, list[SegmentRow]] = {}
    first: dict[int, list[SegmentRow]] = {}
    for row in rows:
        if row.coding_id in options.anchor_coding_ids:
            picked.setdefault(row.code_id, []).append(row)
        elif len(first.setdefault(row.code_id, [])) < options.quotes_per_code:
            first[row.code_id].append(row)
    return {code_id: picked.get(code_id) or first.get(code_id, []) for code_id in first | picked}


# -- the document ---------------------------------------------------------------------------


def build_codebook(book: Codebook, options: CodebookOptions, ticker: Ticker) -> Document:
    document = base.new_document(_("Codebook"), book.project)
    _title_page(document, book, options)
    entries = book.entries
    top = min((entry.depth for entry in entries), default=0)
    base.add_toc(document, [(e.depth - top + 1, e.title) for e in entries])
    base.page_break(document)
    bookmarks = base.Bookmarks()
    for entry in entries:
        _code_section(document, book, entry, entry.depth - top + 1, options, bookmarks)
        ticker.step()
    if options.counts and entries:
        _overview(document, book)
    return document


def _title_page(document: Document, book: Codebook, options: CodebookOptions) -> None:
    facts = [
        (_("Project"), book.project),
        (_("Date"), long_date(datetime.now(UTC))),
        (_("Coders"), ", ".join(book.coders.values()) or "–"),
        (_("Codes"), str(len(book.entries))),
    ]
    if options.root_code_id is not None and book.roots:
        facts.append((_("Part"), book.roots[0].title))
    tables.title_block(document, _("Codebook"), book.project, facts)
    base.page_break(document)


def _code_section(
    document: Document,
    book: Codebook,
    entry: CodeNode,
    level: int,
    options: CodebookOptions,
    bookmarks: base.Bookmarks,
) -> None:
    heading = base.add_paragraph(
        document, base.clean(entry.title), style=f"Heading {min(level, 9)}"
    )
    base.left_bar(heading, entry.color)
    bookmarks.add(heading)
    for label, text in (
        (_("Definition"), entry.definition),
        (_("Include when"), entry.inclusion),
        (_("Exclude when"), entry.exclusion),
        (_("Example"), entry.example),
    ):
        if text.strip():
            base.labelled(document, label, text)
    anchors = book.anchors.get(entry.id, [])
    if options.quotes and anchors:
        base.add_paragraph(document, _("Quotes from the data"), style="Field Label")
        for row in anchors:
            source = _("{place} · coded by {coder}").format(
                place=citation(row), coder=row.coder_name
            )
            base.quote_with_source(document, row.quote, source)
    if options.counts:
        _counts_line(document, book, entry)


def _counts_line(document: Document, book: Codebook, entry: CodeNode) -> None:
    total, documents = book.total(entry.id), book.documents.get(entry.id, 0)
    if total:
        text = ngettext("Coded {count} time", "Coded {count} times", total).format(count=total)
        text += " " + ngettext("in {count} document", "in {count} documents", documents).format(
            count=documents
        )
        per_coder = sorted(
            (book.coders.get(coder_id, "?"), count)
            for coder_id, count in book.counts.get(entry.id, {}).items()
        )
        text += ": " + ", ".join(f"{name} {count}" for name, count in per_coder) + "."
    elif not entry.children:
        text = _("Not coded yet.")
    else:
        text = ""
    if entry.children:
        text += " " + _("With its subcodes: {count}.").format(count=book.total_with_subcodes(entry))
    base.add_paragraph(document, base.clean(text.strip()), style="Source")


def _overview(document: Document, book: Codebook) -> None:
    """One table with every code's counts per coder, for comparing at a glance."""
    base.add_paragraph(document, _("Counts per code"), style="Heading 1")
    coder_ids = list(book.coders)
    header = [_("Code"), *book.coders.values(), _("Total"), _("Documents")]
    rows = []
    for entry in book.entries:
        per_coder = book.counts.get(entry.id, {})
        counts = [str(per_coder.get(coder_id, 0)) for coder_id in coder_ids]
        documents = str(book.documents.get(entry.id, 0))
        rows.append([entry.title, *counts, str(book.total(entry.id)), documents])
    narrow = min(Cm(2.3), Cm(9.0) // (len(header) - 1))
    widths = [base.text_width() - narrow * (len(header) - 1)] + [narrow] * (len(header) - 1)
    table = tables.data_table(document, header, rows, widths, numeric_from=1)
    top = book.entries[0].depth
    for row, entry in zip(table.rows[1:], book.entries, strict=True):
        cell = row.cells[0].paragraphs[0]
        cell.paragraph_format.left_indent = Cm(0.4 * (entry.depth - top))
        cell.runs[0].bold = entry.depth == top and bool(entry.children)
