"""Search results: the search itself (run off the GUI thread) and the columns that show them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reiscoder.i18n import _
from reiscoder.privacy.display import pseudonymised
from reiscoder.read.segments import place_label
from reiscoder.text.name_matching import Pseudonymiser
from reiscoder.ui.lists.emphasis import Lemmatize, cached, emphasis, query_terms
from reiscoder.ui.lists.segment_columns import rich_tooltip
from reiscoder.ui.lists.table import Column
from reiscoder.ui.lists.wrapping import EMPHASIS_ROLE

if TYPE_CHECKING:
    from reiscoder.model.project import Project
    from reiscoder.read.search import SentenceHit

LIMIT = 1000  # sentences shown at most; a narrower query finds the rest
DOCUMENT, SPEAKER, TIME, SENTENCE = range(4)
WIDTHS = {DOCUMENT: 220, SPEAKER: 110, TIME: 74}


@dataclass(frozen=True)
class ResultRow:
    hit: SentenceHit
    text: str  # the sentence on one line (same length, so positions still fit)
    emphasis: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SearchResult:
    query: str
    rows: list[ResultRow]
    pending: int  # documents whose sentences are still being determined
    limited: bool  # more sentences match than are shown

    @property
    def documents(self) -> int:
        return len({row.hit.document_id for row in self.rows})


@cache
def _lemmatizer() -> Lemmatize:
    from reiscoder.nlp import lemmatize_words  # loads spaCy: only when a search is made

    return cached(lemmatize_words)


def find(project: Project, query: str, limit: int = LIMIT) -> SearchResult:
    """Search every sentence; runs in a worker thread with its own session."""
    from reiscoder.ingest.segmentation import pending_documents
    from reiscoder.read.search import search_sentences

    with project.reader() as session:
        hits = search_sentences(session, query, limit + 1)
        pending = len(pending_documents(session))
    lemmatize = _lemmatizer()
    terms = query_terms(query, lemmatize)
    rows = []
    for hit in hits[:limit]:
        text = hit.text.replace("\n", " ")
        rows.append(ResultRow(hit, text, tuple(emphasis(text, terms, lemmatize))))
    return SearchResult(query, rows, pending, len(hits) > limit)


def pseudonymised_row(row: ResultRow, pseudonymiser: Pseudonymiser) -> ResultRow:
    """A result as shown with pseudonyms: its emphasis moves with the text."""
    text, positions = pseudonymiser.apply_mapped(row.text)
    emphasis = tuple(positions.range(start, end) for start, end in row.emphasis)
    hit = pseudonymised(row.hit, pseudonymiser)
    return ResultRow(hit, text, emphasis)


def _place(row: ResultRow) -> str:
    return place_label(row.hit.timestamp_ms, None)


def _in_document(row: ResultRow) -> tuple[str, int, int]:
    return (row.hit.document_name.casefold(), row.hit.document_id, row.hit.start)


def result_columns() -> list[Column[ResultRow]]:
    return [
        Column(
            lambda: _("Document"),
            lambda r: r.hit.document_name,
            _in_document,
            tooltip=lambda r: r.hit.document_name,
        ),
        Column(
            lambda: _("Speaker"),
            lambda r: r.hit.speaker or "",
            lambda r: ((r.hit.speaker or "").casefold(), *_in_document(r)),
        ),
        Column(lambda: _("Time"), _place, _in_document),
        Column(
            lambda: _("Sentence"),
            lambda r: r.text,
            lambda r: (r.text.casefold(), *_in_document(r)),
            tooltip=lambda r: rich_tooltip(r.text),
            roles={EMPHASIS_ROLE: lambda r: r.emphasis},
        ),
    ]
