"""Coding units: sentences, turns, or stretches of characters, as sorted arrays.

A unit is ``(document, start, end)`` with a weight: 1 for a sentence or turn, its length for
a stretch of characters. Units are kept in one array sorted by ``(document, start)``, keyed
as ``document << 32 | position`` so that every coding finds the units it overlaps with two
binary searches (``numpy.searchsorted``), never by comparing pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import int_array
from reiscoder.model import Document, Sentence, Turn

SHIFT = 32


class Unit(StrEnum):
    SENTENCE = "sentence"
    TURN = "turn"
    CHARACTER = "character"


@dataclass
class Units:
    document: np.ndarray  # int64
    start: np.ndarray
    end: np.ndarray
    weight: np.ndarray  # int64: 1, or the number of characters
    total_weight: int  # of every unit of the documents (for "count all units")
    fallback_documents: list[int]  # documents without sentences: their turns were used
    total_by_document: dict[int, int] = field(default_factory=dict)  # total_weight per document

    def __len__(self) -> int:
        return len(self.start)

    def overlapping(
        self, document: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """For each range, the first and one-past-last index of the units it overlaps."""
        base = document.astype(np.int64) << SHIFT
        end_keys = (self.document << SHIFT) | self.end
        start_keys = (self.document << SHIFT) | self.start
        first = np.searchsorted(end_keys, base | start, side="right")
        last = np.searchsorted(start_keys, base | end, side="left")
        return first, np.maximum(first, last)


def expand(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every index in each ``[first, last)``, with the number of the range it came from."""
    lengths = last - first
    owner = np.repeat(np.arange(len(first)), lengths)
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return first[owner] + offsets, owner


def load_units(
    session: Session,
    unit: Unit,
    document_ids: list[int],
    codings: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> Units:
    """The units of these documents; character units are cut at the codings' edges."""
    unit = Unit(unit)
    if unit is Unit.CHARACTER:
        assert codings is not None
        return _character_units(session, document_ids, *codings)
    if unit is Unit.TURN:
        return _from_rows(_turn_rows(session, document_ids), [])
    rows = _sentence_rows(session, document_ids)
    missing = sorted(set(document_ids) - set(np.unique(rows[:, 0]).tolist()))
    if not missing:
        return _from_rows(rows, [])
    turns = _turn_rows(session, missing)
    both = np.concatenate([rows, turns])
    both = both[np.lexsort((both[:, 1], both[:, 0]))]
    return _from_rows(both, sorted(set(turns[:, 0].tolist())))


def _from_rows(array: np.ndarray, fallback: list[int]) -> Units:
    documents, counts = np.unique(array[:, 0], return_counts=True)
    return Units(
        array[:, 0].copy(),
        array[:, 1].copy(),
        array[:, 2].copy(),
        np.ones(len(array), dtype=np.int64),
        len(array),
        fallback,
        dict(zip(documents.tolist(), counts.tolist(), strict=True)),
    )


# Sentences and turns change only on import, deletion or correction of a document, while
# agreement is recomputed on every coding: their arrays are kept for the latest fingerprint.
_CACHE: dict[tuple, np.ndarray] = {}
_CACHE_SIZE = 4


def _cached(
    session: Session,
    model: type[Sentence] | type[Turn],
    key: tuple,
    load: Callable[[], np.ndarray],
) -> np.ndarray:
    fingerprint = tuple(
        int_array(
            session,
            select(
                func.count(model.id),
                func.coalesce(func.max(model.id), 0),
                func.coalesce(func.sum(model.start), 0),
                func.coalesce(func.sum(model.end), 0),
            ),
            4,
        )[0].tolist()
    )
    full_key = (str(session.get_bind().engine.url), model.__tablename__, key, fingerprint)
    if full_key not in _CACHE:
        while len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[full_key] = load()
    return _CACHE[full_key]


def _sentence_rows(session: Session, document_ids: list[int]) -> np.ndarray:
    return _cached(
        session, Sentence, tuple(document_ids), lambda: _load_sentences(session, document_ids)
    )


def _turn_rows(session: Session, document_ids: list[int]) -> np.ndarray:
    return _cached(session, Turn, tuple(document_ids), lambda: _load_turns(session, document_ids))


def _load_sentences(session: Session, document_ids: list[int]) -> np.ndarray:
    # Speaker labels are stored as sentences without lemmas: they are not coding units.
    query = (
        select(Sentence.document_id, Sentence.start, Sentence.end)
        .where(Sentence.document_id.in_(document_ids), Sentence.lemmas != "")
        .order_by(Sentence.document_id, Sentence.start)
    )
    return int_array(session, query, 3)


def _load_turns(session: Session, document_ids: list[int]) -> np.ndarray:
    query = (
        select(Turn.document_id, Turn.content_start, Turn.end)
        .where(Turn.document_id.in_(document_ids), Turn.content_start < Turn.end)
        .order_by(Turn.document_id, Turn.start)
    )
    return int_array(session, query, 3)


def _character_units(
    session: Session,
    document_ids: list[int],
    document: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> Units:
    """The stretches between consecutive coding edges: each is coded alike throughout."""
    base = document.astype(np.int64) << SHIFT
    edges = np.unique(np.concatenate([base | start, base | end]))
    left, right = edges[:-1], edges[1:]
    same_document = (left >> SHIFT) == (right >> SHIFT)
    left, right = left[same_document], right[same_document]
    mask = (1 << SHIFT) - 1
    lengths = dict(
        session.execute(
            select(Document.id, Document.text_length).where(Document.id.in_(document_ids))
        )
        .tuples()
        .all()
    )
    total = sum(lengths.values())
    return Units(left >> SHIFT, left & mask, right & mask, right - left, total, [], lengths)
