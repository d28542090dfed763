"""Coding units: sentences, turns, or stretches of characters, as sorted arrays.

A unit is ``(document, start, end)`` with a weight: 1 for a sentence or turn, its length for
a stretch of characters. Units are kept in one array sorted by ``(document, start)``, keyed
as ``document << 32 | position`` so that every coding finds the units it overlaps with two
binary searches (``numpy.searchsorted``), never by comparing pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

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
    if unit is Unit.CHARACTER:
        assert codings is not None
        return _character_units(session, document_ids, *codings)
    if unit is Unit.TURN:
        rows = _turn_rows(session, document_ids)
        return _from_rows(rows, [])
    rows = _sentence_rows(session, document_ids)
    covered = {row[0] for row in rows}
    missing = [d for d in document_ids if d not in covered]
    if missing:
        rows = sorted(rows + _turn_rows(session, missing))
    return _from_rows(rows, [d for d in missing if d in {r[0] for r in rows}])


def _from_rows(rows: list[tuple[int, int, int]], fallback: list[int]) -> Units:
    array = np.array(rows, dtype=np.int64).reshape(-1, 3)
    return Units(
        array[:, 0].copy(),
        array[:, 1].copy(),
        array[:, 2].copy(),
        np.ones(len(array), dtype=np.int64),
        len(array),
        fallback,
    )


def _sentence_rows(session: Session, document_ids: list[int]) -> list[tuple[int, int, int]]:
    # Speaker labels are stored as sentences without lemmas: they are not coding units.
    query = (
        select(Sentence.document_id, Sentence.start, Sentence.end)
        .where(Sentence.document_id.in_(document_ids), Sentence.lemmas != "")
        .order_by(Sentence.document_id, Sentence.start)
    )
    return [tuple(row) for row in session.execute(query)]


def _turn_rows(session: Session, document_ids: list[int]) -> list[tuple[int, int, int]]:
    query = (
        select(Turn.document_id, Turn.content_start, Turn.end)
        .where(Turn.document_id.in_(document_ids), Turn.content_start < Turn.end)
        .order_by(Turn.document_id, Turn.start)
    )
    return [tuple(row) for row in session.execute(query)]


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
    total = session.scalar(
        select(func.coalesce(func.sum(Document.text_length), 0)).where(
            Document.id.in_(document_ids)
        )
    )
    return Units(left >> SHIFT, left & mask, right & mask, right - left, int(total or 0), [])
