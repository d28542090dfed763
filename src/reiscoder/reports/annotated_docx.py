"""The annotated transcript: a document's turns with coded passages shaded in their codes'
colours and every coding as a Word comment (code and coder) on exactly the coded words.

Shading is run shading (``w:shd``) in a tint of the code's own colour, the same tint the
transcript view shows, so any colour survives (Word's highlight knows only 16). Where codings
overlap, the innermost (shortest) gives the colour, the tint deepens, and a dotted underline
in the next code's colour marks the overlap; each coding keeps its own comment range.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_UNDERLINE
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Document as DocumentRow
from reiscoder.model.project import Project
from reiscoder.read.layout import header_spans
from reiscoder.read.transcript import CodingView, DocumentView, load_document_view
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
from reiscoder.reports.data import document_attributes, project_name, selected_code_ids
from reiscoder.reports.options import ExportKind, TranscriptOptions

LIGHTEN = {1: 0.72, 2: 0.60}  # as the transcript view: deeper where codings overlap
LIGHTEN_MORE = 0.50


def tint(color: str, depth: int = 1) -> str:
    """``color`` lightened towards white for use behind black text (``rrggbb``)."""
    keep = LIGHTEN.get(depth, LIGHTEN_MORE)
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "".join(f"{round(v + (255 - v) * keep):02X}" for v in channels)


def _full(color: str, depth: int = 1) -> str:
    return color.lstrip("#").upper()


Shading = Callable[..., str]


def _readable_on(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (``RRGGBB``)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return "000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 0.55 else "FFFFFF"


@dataclass
class Transcript:
    view: DocumentView
    codings: list[CodingView]
    attributes: list[tuple[str, str]]


def export_transcript(
    source: Project | Session,
    options: TranscriptOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    """Write the chosen documents, annotated, to ``output`` (.docx)."""
    clock, output = Stopwatch(), Path(output)
    check_target(output)
    with reading_for(source, options) as (session, options):
        project = project_name(session)
        transcripts = load_transcripts(session, options)
    ticker = Ticker(sum(len(t.codings) + 1 for t in transcripts) + 1, progress, cancelled)
    title = transcripts[0].view.name if len(transcripts) == 1 else _("Annotated transcripts")
    document = base.new_document(title, project)
    for index, transcript in enumerate(transcripts):
        if index:
            base.page_break(document)
        _transcript(document, project, transcript, options, ticker)
    if not transcripts:
        base.add_paragraph(document, title, style="Title")
        base.add_paragraph(document, _("No documents match the selection."))
    write_atomically(output, lambda path: document.save(str(path)))
    ticker.finish()
    contents = Contents(
        codings=sum(len(t.codings) for t in transcripts), documents=len(transcripts)
    )
    return ExportReport(ExportKind.TRANSCRIPT, output, contents, clock.seconds)


def load_transcripts(session: Session, options: TranscriptOptions) -> list[Transcript]:
    ids = options.document_ids or options.selection.document_ids
    query = select(DocumentRow.id).order_by(DocumentRow.position, DocumentRow.id)
    if ids is not None:
        query = query.where(DocumentRow.id.in_(ids))
    codes = set(selected_code_ids(session, options.selection))
    coders = options.selection.coder_ids
    transcripts = []
    for document_id in session.scalars(query):
        view = load_document_view(session, document_id)
        assert view is not None  # read in the same transaction as the ids
        codings = [
            c
            for c in view.codings
            if c.code_id in codes and (coders is None or c.coder_id in coders)
        ]
        transcripts.append(Transcript(view, codings, document_attributes(session, view.id)))
    return transcripts


# -- one transcript -------------------------------------------------------------------------


def _transcript(
    document: Document,
    project: str,
    transcript: Transcript,
    options: TranscriptOptions,
    ticker: Ticker,
) -> None:
    view = transcript.view
    base.add_paragraph(document, base.clean(view.name), style="Title")
    base.add_paragraph(document, base.clean(project), style="Subtitle")
    coders = sorted({c.coder_name for c in transcript.codings})
    facts = [*transcript.attributes, (_("Coders"), ", ".join(coders) or "–")]
    tables.facts_table(document, facts)
    shading = _full if options.full_colour else tint
    if options.legend and transcript.codings:
        _legend(document, transcript.codings, shading)
    runs = _body(document, view, transcript.codings, ticker, shading)
    if options.comments:
        for coding in transcript.codings:
            if coding.id in runs:
                _comment(document, coding, *runs[coding.id])
            ticker.step()


def _legend(document: Document, codings: list[CodingView], shading: Shading) -> None:
    counts: dict[int, list[CodingView]] = {}
    for coding in codings:
        counts.setdefault(coding.code_id, []).append(coding)
    rows = sorted(counts.values(), key=lambda group: group[0].code_path)
    header = ["", _("Code"), _("Codings")]
    table = tables.data_table(
        document,
        header,
        [["", group[0].code_path, str(len(group))] for group in rows],
        [Cm(0.8), Cm(13.0), Cm(2.2)],
        numeric_from=2,
    )
    for row, group in zip(table.rows[1:], rows, strict=True):
        base.shade(row.cells[0], shading(group[0].color))
    base.add_paragraph(document)


def _paragraph_ranges(text: str, turn_starts: set[int]) -> list[tuple[int, int]]:
    """Paragraphs: cut at blank lines and where a turn starts; single newlines stay inside."""
    ranges, start = [], 0
    for match in re.finditer(r"\n+", text):
        lone = match.end() - match.start() == 1 and match.end() not in turn_starts
        if lone:
            continue
        if start < match.start():
            ranges.append((start, match.start()))
        start = match.end()
    if start < len(text):
        ranges.append((start, len(text)))
    return ranges


def _label_marks(view: DocumentView) -> dict[int, str]:
    """Position -> style from there on: "label", "stamp" or "" (plain), for speaker labels."""
    marks: dict[int, str] = {}
    for span in header_spans(view.text, view.turns):
        marks.setdefault(span.end, "")
        marks[span.start] = str(span.style)
    return marks


def _body(
    document: Document,
    view: DocumentView,
    codings: list[CodingView],
    ticker: Ticker,
    shading: Shading,
) -> dict[int, tuple[Run, Run]]:
    """The text, run by run; returns the first and last run of every coding."""
    text = view.text
    marks = _label_marks(view)
    mark_positions = sorted(marks)
    paragraphs = _paragraph_ranges(text, {turn.start for turn in view.turns})
    cuts = sorted(
        {0, len(text)} | set(marks) | {c.start for c in codings} | {c.end for c in codings}
    )
    runs: dict[int, tuple[Run, Run]] = {}
    active = _Active(codings)
    for start, end in paragraphs:
        paragraph = base.add_paragraph(document)
        paragraph.paragraph_format.space_after = Cm(0.2)
        inner = [start] + [c for c in cuts if start < c < end] + [end]
        for lo, hi in zip(inner, inner[1:], strict=False):
            covering = active.at(lo)
            index = bisect_right(mark_positions, lo) - 1
            kind = marks[mark_positions[index]] if index >= 0 else ""
            run = _run(paragraph, text[lo:hi], kind, covering, shading)
            for coding_id in (c.id for c in covering):
                first = runs.get(coding_id, (run, run))[0]
                runs[coding_id] = (first, run)
        ticker.check()
    return runs


class _Active:
    """The codings covering a position, for positions visited in increasing order."""

    def __init__(self, codings: list[CodingView]) -> None:
        self._pending = sorted(codings, key=lambda c: (c.start, c.id))
        self._next = 0
        self._open: dict[int, CodingView] = {}

    def at(self, position: int) -> list[CodingView]:
        while self._next < len(self._pending) and self._pending[self._next].start <= position:
            coding = self._pending[self._next]
            self._open[coding.id] = coding
            self._next += 1
        for coding_id in [i for i, c in self._open.items() if c.end <= position]:
            del self._open[coding_id]
        return list(self._open.values())


def _run(
    paragraph: Paragraph, piece: str, kind: str, covering: list[CodingView], shading: Shading
) -> Run:
    run = base.add_text(paragraph, piece)
    if kind == "label":
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(base.ACCENT)
    elif kind == "stamp":
        run.font.color.rgb = RGBColor.from_string(base.QUIET)
    if covering:
        ordered = sorted(covering, key=lambda c: (c.end - c.start, c.id))
        fill = shading(ordered[0].color, len(ordered))
        base.shade(run, fill)
        if shading is _full:
            run.font.color.rgb = RGBColor.from_string(_readable_on(fill))
        if len(ordered) > 1:
            run.font.underline = WD_UNDERLINE.DOTTED
            underline = run._r.get_or_add_rPr().u
            assert underline is not None  # just set by run.font.underline
            underline.set(qn("w:color"), ordered[1].color.lstrip("#").upper())
    return run


def _comment(document: Document, coding: CodingView, first: Run, last: Run) -> None:
    initials = "".join(part[0] for part in coding.coder_name.split() if part[:1].isupper())
    comment = document.add_comment(
        [first, last], text=base.clean(coding.code_path), author=coding.coder_name
    )
    comment.initials = initials[:4] or coding.coder_name[:2]
    comment.add_paragraph(base.clean(_("Coded by {coder}").format(coder=coding.coder_name)))
    if coding.memo.strip():
        comment.add_paragraph(base.clean(_("Memo") + ": " + coding.memo.strip()))
