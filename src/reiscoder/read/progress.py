"""How much of each document is coded, kept between refreshes of the Documents panel.

A document's units are its sentences (or, while those are still being computed, its turns);
its progress is the share of them that at least one shown coding touches. Units change only
when a document is (re)segmented, so :class:`ProgressCache` keeps them, and the counts of
documents whose codings did not change (by a summary of their codings, :func:`coding_signatures`).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from reiscoder.model import Coding, Document, Sentence, Turn

Range = tuple[int, int]

StateKey = tuple[bool, int, str | None]  # segmenting, text length, pipeline
Signature = tuple[int, ...]  # count, sum of starts, sum of ends, lowest and highest id
NO_CODINGS: Signature = (0, 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class CodingWrite:
    """A coding that a change added or took out (from its row images): with it the progress
    of its document follows without reading the document's codings again."""

    document_id: int
    coder_id: int
    start: int
    end: int
    added: bool  # False: taken out


class ProgressCache:
    """Per document: its units, kept while its state is the same, and how many codings touch
    each of them, kept while the summary of its codings (count, sums of positions, ids) is
    the same too. Only the ranges of documents whose codings changed are read again, and not
    even those when the codings a change wrote are given and account for the new summary."""

    def __init__(self) -> None:
        self._units: dict[int, tuple[StateKey, list[Range]]] = {}
        # state, signature, codings touching each unit, units touched
        self._coded: dict[int, tuple[StateKey, Signature, list[int], int]] = {}

    def progress(
        self,
        session: Session,
        states: Mapping[int, StateKey],
        signatures: Mapping[int, Signature],
        hidden_coder_ids: Collection[int] = (),
        *,
        lazy: bool = False,
        every: bool = True,
        written: Iterable[CodingWrite] = (),
    ) -> dict[int, tuple[int, int] | None]:
        """Document id -> (units, coded units); with ``lazy``, None where the units are not
        known yet instead of reading them now. ``every``: ``states`` holds every document
        (what it leaves out is gone); otherwise only some of them. ``written``: the codings
        the change since the last call wrote, if known."""
        stale = [d for d, key in states.items() if self._units.get(d, (None,))[0] != key]
        for document_id, ranges in _load_units(session, [] if lazy else stale, states).items():
            self._units[document_id] = (states[document_id], ranges)
        for gone in set(self._units) - set(states) if every else ():
            self._units.pop(gone, None)
            self._coded.pop(gone, None)
        known = {d for d, key in states.items() if self._units.get(d, (None,))[0] == key}
        wanted = {d: (states[d], signatures.get(d, NO_CODINGS)) for d in known}
        changed = [d for d, key in wanted.items() if self._coded.get(d, (None, None))[:2] != key]
        writes: dict[int, list[CodingWrite]] = {}
        for write in written:
            if write.coder_id not in hidden_coder_ids:
                writes.setdefault(write.document_id, []).append(write)
        changed = [d for d in changed if not self._follow(d, *wanted[d], writes.get(d))]
        codings = _coding_ranges(session, changed, hidden_coder_ids)
        for document_id in changed:
            covered = _coverage(self._units[document_id][1], codings.get(document_id, []))
            self._coded[document_id] = (*wanted[document_id], covered, _touched(covered))
        return {
            d: (len(self._units[d][1]), self._coded[d][3]) if d in known else None for d in states
        }

    def _follow(
        self,
        document_id: int,
        state: StateKey,
        signature: Signature,
        writes: list[CodingWrite] | None,
    ) -> bool:
        """Apply ``writes`` to what is kept of the document; False (nothing changed) when
        they do not lead from the kept summary of its codings to ``signature``."""
        kept = self._coded.get(document_id)
        if kept is None or kept[0] != state or not writes:
            return False
        count, starts, ends = kept[1][:3]
        for write in writes:
            sign = 1 if write.added else -1
            count, starts, ends = count + sign, starts + sign * write.start, ends + sign * write.end
        if (count, starts, ends) != signature[:3]:
            return False
        units, covered, touched = self._units[document_id][1], list(kept[2]), kept[3]
        unit_starts = [start for start, _end in units]
        for write in writes:
            sign = 1 if write.added else -1
            for number in range(bisect.bisect_left(unit_starts, write.end)):
                if units[number][1] > write.start:
                    before = covered[number]
                    covered[number] += sign
                    touched += (covered[number] > 0) - (before > 0)
        self._coded[document_id] = (state, signature, covered, touched)
        return True


def _coverage(units: list[Range], codings: Iterable[Range]) -> list[int]:
    """How many of the ``codings`` overlap each of the (non-empty) ``units``: those that
    start before the unit ends, less those that end before (or as) it starts."""
    starts, ends = [], []
    for start, end in codings:
        starts.append(start)
        ends.append(end)
    starts.sort()
    ends.sort()
    return [
        bisect.bisect_left(starts, end) - bisect.bisect_right(ends, start) for start, end in units
    ]


def _touched(covered: list[int]) -> int:
    return sum(1 for count in covered if count > 0)


def coded_units(units: list[Range], codings: Iterable[Range]) -> int:
    """How many of the (sorted) ``units`` overlap at least one of the ``codings``."""
    merged: list[list[int]] = []
    for start, end in sorted(codings):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _end in merged]
    count = 0
    for start, end in units:
        index = bisect.bisect_left(starts, end) - 1  # the last merged range starting before end
        if index >= 0 and merged[index][1] > start:
            count += 1
    return count


def _load_units(
    session: Session, document_ids: list[int], states: Mapping[int, StateKey]
) -> dict[int, list[Range]]:
    """Sentence ranges of segmented documents; turn contents of the others (and of a
    document that has no sentences at all)."""
    found: dict[int, list[Range]] = {d: [] for d in document_ids}
    ready = [d for d in document_ids if not states[d][0]]
    connection = session.connection()
    for chunk in _chunks(ready):
        query = select(Sentence.document_id, Sentence.start, Sentence.end).where(
            Sentence.document_id.in_(chunk)
        )
        for document_id, start, end in connection.execute(query.order_by(Sentence.start)).all():
            found[document_id].append((start, end))
    by_turn = [d for d in document_ids if not found[d]]
    for chunk in _chunks(by_turn):
        query = select(Turn.document_id, Turn.content_start, Turn.end).where(
            Turn.document_id.in_(chunk), Turn.content_start < Turn.end
        )
        for document_id, start, end in connection.execute(query.order_by(Turn.start)).all():
            found[document_id].append((start, end))
    return found


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for first in range(0, len(ids), size):
        yield ids[first : first + size]


def coding_signatures(
    session: Session,
    hidden_coder_ids: Collection[int],
    document_ids: Collection[int] | None = None,
) -> dict[int, Signature]:
    """Per document (of ``document_ids``, or all) a summary of its (shown) codings that
    changes when any of them does."""
    query = _signatures_query(bool(hidden_coder_ids), document_ids is not None)
    parameters = {"hidden": list(hidden_coder_ids), "documents": list(document_ids or ())}
    rows = session.connection().execute(query, parameters).all()
    return {row[0]: tuple(row[1:]) for row in rows}


# The queries that run after every coding are built once (with their parameters expanded
# when they run): building a statement costs more than running it on a few rows.


@cache
def _signatures_query(hidden: bool, some: bool) -> Select:
    query = select(
        Coding.document_id,
        func.count(),
        func.sum(Coding.start),
        func.sum(Coding.end),
        func.min(Coding.id),
        func.max(Coding.id),
    ).group_by(Coding.document_id)
    if hidden:
        query = query.where(Coding.coder_id.not_in(bindparam("hidden", expanding=True)))
    if some:
        query = query.where(Coding.document_id.in_(bindparam("documents", expanding=True)))
    return query


@cache
def _ranges_query(hidden: bool) -> Select:
    query = select(Coding.document_id, Coding.start, Coding.end).where(
        Coding.document_id.in_(bindparam("documents", expanding=True))
    )
    if hidden:
        query = query.where(Coding.coder_id.not_in(bindparam("hidden", expanding=True)))
    return query


@cache
def states_query() -> Select:
    return select(
        Document.id, Document.segmentation, Document.text_length, Document.pipeline
    ).where(Document.id.in_(bindparam("documents", expanding=True)))


def _coding_ranges(
    session: Session, document_ids: list[int], hidden_coder_ids: Collection[int]
) -> dict[int, list[Range]]:
    ranges: dict[int, list[Range]] = {}
    query = _ranges_query(bool(hidden_coder_ids))
    for chunk in _chunks(document_ids):
        parameters = {"documents": chunk, "hidden": list(hidden_coder_ids)}
        for document_id, start, end in session.connection().execute(query, parameters).all():
            ranges.setdefault(document_id, []).append((start, end))
    return ranges
