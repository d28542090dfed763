"""Which codes occur together: overlapping codings, or codings in the same sentence or turn.

*Overlap*: a cell counts the pairs of overlapping codings of the two codes, found by one
sweep over each document's codings sorted by start (only pairs that really overlap are ever
looked at). *Same sentence / same turn*: a cell counts the units where both codes occur.
With ``same_coder`` (the default) only codings by the same coder are paired, so two coders
who coded one passage differently do not make their codes co-occur.

The coefficient runs from 0 (never together) to 1 (always together). For units it is the
Jaccard index ``n12 / (n1 + n2 − n12)``. For overlap, where one long coding may overlap many
short ones (which pushes ATLAS.ti's c-coefficient above 1), it is the share of the two codes'
codings that overlap a coding of the other code: ``(a12 + b12) / (n1 + n2)``.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import ALL, Scope, document_names, raw_rows
from reiscoder.analysis.units import Unit, Units, expand, load_units
from reiscoder.model import Coding
from reiscoder.read.code_tree import CodeNode, load_code_tree


class Proximity(StrEnum):
    OVERLAP = "overlap"
    SENTENCE = "sentence"
    TURN = "turn"


@dataclass(frozen=True)
class CooccurrenceSpec:
    proximity: Proximity = Proximity.OVERLAP
    scope: Scope = ALL
    same_coder: bool = True

    def __post_init__(self) -> None:  # a plain string (from a combo box) becomes a Proximity
        object.__setattr__(self, "proximity", Proximity(self.proximity))


@dataclass
class Cooccurrence:
    spec: CooccurrenceSpec
    codes: list[CodeNode]
    counts: list[list[int]]  # symmetric; the diagonal holds each code's own total (n_i)
    # overlap only: linked[i][j] = codings of code i that overlap a coding of code j
    linked: list[list[int]] | None = None

    def coefficient(self, row: int, column: int) -> float | None:
        both = self.counts[row][column]
        if row == column:
            return 1.0 if both else None
        own = self.counts[row][row] + self.counts[column][column]
        if self.linked is not None:
            linked = self.linked[row][column] + self.linked[column][row]
            return linked / own if own else None
        either = own - both
        return both / either if either > 0 else None


@dataclass(frozen=True, slots=True)
class Hit:
    """Where two codes meet: the overlap (or the shared unit) and the codings involved."""

    document_id: int
    document_name: str
    start: int
    end: int
    coding_ids: tuple[int, ...]


_Row = tuple[int, int, int, int, int, int]  # coding id, document, code, coder, start, end


def cooccurrence(session: Session, spec: CooccurrenceSpec) -> Cooccurrence:
    tree = load_code_tree(session)
    rows = _codings(session, spec.scope)
    used = {row[2] for row in rows}
    codes = [
        c
        for c in tree.codes
        if c.id in used and (spec.scope.code_ids is None or c.id in spec.scope.code_ids)
    ]
    index = {c.id: i for i, c in enumerate(codes)}
    counts = [[0] * len(codes) for _ in codes]
    linked = None
    if spec.proximity is Proximity.OVERLAP:
        totals = Counter(row[2] for row in rows)
        pairs: Counter = Counter()
        involved: set[tuple[int, int, int]] = set()  # (coding, its code, the other code)
        for a, b in _overlapping_pairs(rows, spec.same_coder):
            pairs[a[2], b[2]] += 1
            involved.add((a[0], a[2], b[2]))
            involved.add((b[0], b[2], a[2]))
        linked = [[0] * len(codes) for _ in codes]
        for _coding, mine, other in involved:
            if mine in index and other in index:
                linked[index[mine]][index[other]] += 1
    else:
        totals, pairs = _unit_counts(session, rows, spec)
    for code_id, count in totals.items():
        if code_id in index:
            counts[index[code_id]][index[code_id]] = count
    for (a, b), count in pairs.items():
        if a in index and b in index:
            counts[index[a]][index[b]] += count
            counts[index[b]][index[a]] += count
    return Cooccurrence(spec, codes, counts, linked)


def cooccurrence_hits(
    session: Session, spec: CooccurrenceSpec, code_a: int, code_b: int
) -> list[Hit]:
    """The places behind one cell, in document order."""
    scope = Scope(spec.scope.coder_ids, spec.scope.document_ids, frozenset({code_a, code_b}))
    rows = _codings(session, scope)
    names = document_names(session)
    if spec.proximity is Proximity.OVERLAP:
        hits = [
            Hit(a[1], names.get(a[1], "?"), max(a[4], b[4]), min(a[5], b[5]), (a[0], b[0]))
            for a, b in _overlapping_pairs(rows, spec.same_coder)
            if {a[2], b[2]} == {code_a, code_b}
        ]
    else:
        hits = _unit_hits(session, rows, spec, code_a, code_b, names)
    hits.sort(key=lambda h: (h.document_name.casefold(), h.start, h.end))
    return hits


def _codings(session: Session, scope: Scope) -> list[_Row]:
    query = scope.where(
        select(
            Coding.id,
            Coding.document_id,
            Coding.code_id,
            Coding.coder_id,
            Coding.start,
            Coding.end,
        ).order_by(Coding.document_id, Coding.start, Coding.end)
    )
    return raw_rows(session, query)


def _overlapping_pairs(rows: list[_Row], same_coder: bool) -> Iterator[tuple[_Row, _Row]]:
    """Every pair of overlapping codings with different codes: one sweep per document."""
    active: list[tuple[int, int, _Row]] = []  # heap of (end, order, row)
    document = None
    for order, row in enumerate(rows):
        if row[1] != document:
            document, active = row[1], []
        while active and active[0][0] <= row[4]:
            heapq.heappop(active)
        for _end, _order, other in active:
            if other[2] != row[2] and (not same_coder or other[3] == row[3]):
                yield other, row
        heapq.heappush(active, (row[5], order, row))


def _unit_arrays(
    session: Session, rows: list[_Row], spec: CooccurrenceSpec
) -> tuple[np.ndarray, Units, np.ndarray, np.ndarray]:
    """(unit index, row index) of every coding and unit it touches, and the units."""
    array = np.array(rows, dtype=np.int64).reshape(-1, 6)
    unit = Unit.SENTENCE if spec.proximity is Proximity.SENTENCE else Unit.TURN
    documents = sorted(set(array[:, 1].tolist()))
    units = load_units(session, unit, documents)
    first, last = units.overlapping(array[:, 1], array[:, 4], array[:, 5])
    unit_index, owner = expand(first, last)
    return array, units, unit_index, owner


def _unit_counts(
    session: Session, rows: list[_Row], spec: CooccurrenceSpec
) -> tuple[Counter, Counter]:
    if not rows:
        return Counter(), Counter()
    array, _units, unit_index, owner = _unit_arrays(session, rows, spec)
    code, coder = array[owner, 2], array[owner, 3]
    group = coder if spec.same_coder else np.zeros_like(coder)
    triples = _unique_rows(unit_index, group, code)
    per_code = _unique_rows(unit_index, code)
    totals = Counter(per_code[:, 1].tolist())
    # Pair each code with the codes after it in the same (unit, coder) group: the rows are
    # sorted, so the partners of row i are rows i + 1, i + 2, ... while the group lasts.
    found = []
    for step in range(1, len(triples)):
        same = np.flatnonzero(
            (triples[step:, 0] == triples[:-step, 0]) & (triples[step:, 1] == triples[:-step, 1])
        )
        if not len(same):
            break
        found.append(np.stack([triples[same, 2], triples[same + step, 2], triples[same, 0]], 1))
    if not found:
        return totals, Counter()
    pairs = _unique_rows(*np.concatenate(found).T)  # a unit counts once per pair of codes
    keys, counts = np.unique(pairs[:, :2], axis=0, return_counts=True)
    return totals, Counter(
        {(int(a), int(b)): int(n) for (a, b), n in zip(keys.tolist(), counts.tolist(), strict=True)}
    )


def _unique_rows(*columns: np.ndarray) -> np.ndarray:
    """The distinct rows of these columns, sorted."""
    table = np.stack(columns, axis=1)
    if not len(table):
        return table
    table = table[np.lexsort(tuple(reversed(columns)))]
    keep = np.r_[True, np.any(table[1:] != table[:-1], axis=1)]
    return table[keep]


def _unit_hits(
    session: Session,
    rows: list[_Row],
    spec: CooccurrenceSpec,
    code_a: int,
    code_b: int,
    names: dict[int, str],
) -> list[Hit]:
    if not rows:
        return []
    array, units, unit_index, owner = _unit_arrays(session, rows, spec)
    by_unit: dict[int, list[int]] = {}
    for u, r in zip(unit_index.tolist(), owner.tolist(), strict=True):
        by_unit.setdefault(u, []).append(r)
    hits = []
    for u, members in by_unit.items():
        groups: dict[int, set[int]] = {}
        for r in members:
            key = int(array[r, 3]) if spec.same_coder else 0
            groups.setdefault(key, set()).add(int(array[r, 2]))
        if any({code_a, code_b} <= codes for codes in groups.values()):
            document = int(units.document[u])
            hits.append(
                Hit(
                    document,
                    names.get(document, "?"),
                    int(units.start[u]),
                    int(units.end[u]),
                    tuple(sorted(int(array[r, 0]) for r in members)),
                )
            )
    return hits
