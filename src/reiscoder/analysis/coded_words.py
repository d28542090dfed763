"""How many words a set of codings covers: each word once, however many codings overlap it.

A word is a run of non-space characters, as ``str.split`` sees it (so a blank line is no
word, and neither is the space between two codings). Every word of the project gets an id in
document order; a coding covers the ids of the words it touches (a word it cuts counts). The
words of a group of codings are then the length of the union of their id intervals, computed
for all groups at once by sorting, never by looping over codings.

Word boundaries change only when a document's text is corrected, so they are kept per
document, keyed by its id, length and number of corrections.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import Document, DocumentEdit

# Every character ``str.split()`` splits on.
WHITESPACE = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)
_CACHE: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}
_CACHE_SIZE = 2000


def word_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of every word of ``text``."""
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    word = ~np.isin(points, WHITESPACE)
    before = np.r_[False, word[:-1]]
    after = np.r_[word[1:], False]
    return np.flatnonzero(word & ~before), np.flatnonzero(word & ~after) + 1


class WordIndex:
    """The words of some documents, numbered through: ids, and the intervals codings cover."""

    def __init__(self, session: Session, document_ids: list[int]) -> None:
        self.first_id: dict[int, int] = {}
        self.bounds: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        next_id = 0
        for document_id, bounds in _bounds(session, sorted(set(document_ids))).items():
            self.first_id[document_id] = next_id
            self.bounds[document_id] = bounds
            next_id += len(bounds[0])
        self.count = next_id

    def intervals(
        self, document: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """For each range, the half-open interval of the ids of the words it touches."""
        low = np.zeros(len(document), dtype=np.int64)
        high = np.zeros(len(document), dtype=np.int64)
        for document_id in np.unique(document).tolist():
            chosen = document == document_id
            starts, ends = self.bounds[document_id]
            s, e = start[chosen], end[chosen]
            inside = np.searchsorted(starts, s, side="right") - 1
            safe = np.maximum(inside, 0)
            touches = (inside >= 0) & (ends[safe] > s) if len(ends) else inside >= 0
            first = np.where(touches, inside, inside + 1)
            last = np.searchsorted(starts, e, side="left")
            offset = self.first_id[document_id]
            low[chosen] = first + offset
            high[chosen] = np.maximum(first, last) + offset
        return low, high


def union_sizes(group: np.ndarray, low: np.ndarray, high: np.ndarray, groups: int) -> np.ndarray:
    """For each group, how many ids its intervals ``[low, high)`` cover together."""
    if not len(group):
        return np.zeros(groups, dtype=np.int64)
    span = int(high.max()) + 1
    key_low = group * span + low
    key_high = group * span + high
    order = np.argsort(key_low, kind="stable")
    key_low, key_high, group = key_low[order], key_high[order], group[order]
    reach = np.maximum.accumulate(key_high)
    before = np.r_[np.int64(-1), reach[:-1]]
    covered = np.maximum(0, key_high - np.maximum(key_low, before))
    return np.bincount(group, covered, groups).astype(np.int64)


def _bounds(session: Session, document_ids: list[int]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    if not document_ids:
        return {}
    url = str(session.get_bind().engine.url)
    edits = dict(
        session.execute(
            select(DocumentEdit.document_id, func.count())
            .where(DocumentEdit.document_id.in_(document_ids))
            .group_by(DocumentEdit.document_id)
        )
        .tuples()
        .all()
    )
    lengths = dict(
        session.execute(
            select(Document.id, Document.text_length).where(Document.id.in_(document_ids))
        )
        .tuples()
        .all()
    )
    keys = {d: (url, d, lengths.get(d), edits.get(d, 0)) for d in document_ids if d in lengths}
    found = {d: _CACHE[key] for d, key in keys.items() if key in _CACHE}
    missing = [d for d in keys if d not in found]
    for first in range(0, len(missing), 200):
        chunk = missing[first : first + 200]
        for document_id, text in session.execute(
            select(Document.id, Document.text).where(Document.id.in_(chunk))
        ):
            found[document_id] = word_bounds(text)
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[keys[document_id]] = found[document_id]
    return {d: found[d] for d in keys}
