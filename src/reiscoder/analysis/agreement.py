"""Intercoder agreement per code and overall, at the unit of sentence, turn or character.

For each code, each coder judges each unit present (a coding of that code by that coder
overlaps the unit) or absent. The units counted are those that at least one of the compared
coders coded with any code, so text nobody touched does not inflate agreement while "both
left it out of this code" still counts; ``all_units`` counts every unit instead. *Overall*
pools every (unit, code) judgement of the codes that at least one compared coder used.

Everything is computed on arrays: codings find their units by binary search, and the coders'
judgements per (code, unit) are combined into bit masks by sorting, never by pairwise loops.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import document_names, int_array
from reiscoder.analysis.statistics import Stats, stats
from reiscoder.analysis.units import Unit, Units, expand, load_units
from reiscoder.model import Coding, Document
from reiscoder.read.code_tree import CodeNode, load_code_tree
from reiscoder.read.coders import coder_names

MAX_CODERS = 62


@dataclass(frozen=True)
class AgreementSpec:
    coder_ids: tuple[int, ...]
    unit: Unit = Unit.SENTENCE
    document_ids: frozenset[int] | None = None  # None: every document
    code_ids: frozenset[int] | None = None  # None: every code a compared coder used
    all_units: bool = False

    def __post_init__(self) -> None:  # a plain string (from a combo box) becomes a Unit
        object.__setattr__(self, "unit", Unit(self.unit))


@dataclass(frozen=True)
class CodeAgreement:
    code: CodeNode
    stats: Stats
    coded: tuple[float, ...]  # units (characters) each coder gave this code, in coder order


@dataclass(frozen=True)
class Disagreement:
    """A unit (or stretch of characters) where the coders' codes differ."""

    document_id: int
    document_name: str
    start: int
    end: int
    given: tuple[tuple[int, int], ...]  # (code id, mask of the coders who gave it), by code
    coders: int

    @property
    def disputed(self) -> tuple[int, ...]:
        full = (1 << self.coders) - 1
        return tuple(code for code, mask in self.given if mask != full)

    def codes_of(self, coder_index: int) -> tuple[int, ...]:
        return tuple(code for code, mask in self.given if mask >> coder_index & 1)


@dataclass
class AgreementResult:
    spec: AgreementSpec
    coder_names: tuple[str, ...]
    codes: list[CodeAgreement]
    overall: Stats
    units_counted: float
    fallback_documents: list[int] = field(default_factory=list)
    disagreements: Sequence[Disagreement] = field(default_factory=list)

    def for_code(self, code_id: int) -> CodeAgreement | None:
        return next((c for c in self.codes if c.code.id == code_id), None)

    def disagreements_on(self, code_id: int | None) -> Sequence[Disagreement]:
        if code_id is None or not isinstance(self.disagreements, Disagreements):
            return self.disagreements
        return self.disagreements.on(code_id)


def compute_agreement(session: Session, spec: AgreementSpec) -> AgreementResult:
    coders = list(spec.coder_ids)
    if not 2 <= len(coders) <= MAX_CODERS or len(set(coders)) != len(coders):
        raise ValueError("compare between 2 and 62 different coders")
    names = coder_names(session)
    documents = _documents(session, spec)
    document, code, coder, start, end = _codings(session, coders, documents)
    units = load_units(session, spec.unit, documents, (document, start, end))
    first, last = units.overlapping(document, start, end)
    unit_index, owner = expand(first, last)
    touched = np.unique(unit_index)
    counted = float(units.total_weight if spec.all_units else units.weight[touched].sum())
    tree = load_code_tree(session)
    bit = np.left_shift(1, coder).astype(np.int64)
    keys, masks = _masks(code[owner], unit_index, bit[owner], len(units))
    code_of, unit_of = keys // max(len(units), 1), keys % max(len(units), 1)
    used = [c for c in tree.codes if c.id in set(code_of.tolist())]
    if spec.code_ids is not None:
        used = [c for c in used if c.id in spec.code_ids]
    rows: list[CodeAgreement] = []
    pooled_k: dict[int, float] = {}
    pooled_mask: dict[int, float] = {}
    for info in used:
        chosen = code_of == info.id
        by_yes, by_mask, coded = _histograms(
            masks[chosen], units.weight[unit_of[chosen]], len(coders), counted
        )
        rows.append(CodeAgreement(info, stats(by_yes, len(coders), by_mask), coded))
        _add(pooled_k, by_yes)
        _add(pooled_mask, by_mask)
    keep = np.isin(code_of, [c.id for c in used])
    result = AgreementResult(
        spec,
        tuple(names.get(c, "?") for c in coders),
        rows,
        stats(pooled_k, len(coders), pooled_mask),
        counted,
        units.fallback_documents,
    )
    result.disagreements = Disagreements(
        units, code_of[keep], unit_of[keep], masks[keep], len(coders), document_names(session)
    )
    return result


def _documents(session: Session, spec: AgreementSpec) -> list[int]:
    ids = session.scalars(select(Document.id).order_by(Document.id)).all()
    return [i for i in ids if spec.document_ids is None or i in spec.document_ids]


def _codings(session: Session, coders: list[int], documents: list[int]) -> tuple[np.ndarray, ...]:
    """document, code, coder index, start and end of every coding of the compared coders."""
    query = select(
        Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end
    ).where(Coding.coder_id.in_(coders), Coding.document_id.in_(documents))
    rows = int_array(session, query, 5)
    index = np.full(max(coders) + 1, -1, dtype=np.int64)
    index[coders] = np.arange(len(coders))
    return rows[:, 0], rows[:, 1], index[rows[:, 2]], rows[:, 3], rows[:, 4]


def _masks(
    code: np.ndarray, unit: np.ndarray, bit: np.ndarray, unit_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """One (code × units + unit) key per coded pair, with the OR of its coders' bits."""
    keys = code * max(unit_count, 1) + unit
    order = np.argsort(keys, kind="stable")
    keys, bit = keys[order], bit[order]
    if not len(keys):
        return keys, bit
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[starts], np.bitwise_or.reduceat(bit, starts)


def _histograms(
    masks: np.ndarray, weights: np.ndarray, coders: int, counted: float
) -> tuple[dict[int, float], dict[int, float], tuple[float, ...]]:
    yes = _popcount(masks)
    by_yes = {int(k): float(w) for k, w in enumerate(np.bincount(yes, weights, coders + 1))}
    by_yes[0] = counted - (sum(by_yes.values()) - by_yes[0])
    by_mask: dict[int, float] = {}
    if coders == 2:
        by_mask = {int(k): float(w) for k, w in enumerate(np.bincount(masks, weights, 4))}
        by_mask[0] = by_yes[0]
    coded = tuple(float(weights[(masks >> c) & 1 == 1].sum()) for c in range(coders))
    return by_yes, by_mask, coded


def _popcount(masks: np.ndarray) -> np.ndarray:
    count = np.zeros(len(masks), dtype=np.int64)
    work = masks.copy()
    while work.any():
        count += work & 1
        work >>= 1
    return count


def _add(total: dict[int, float], part: dict[int, float]) -> None:
    for key, value in part.items():
        total[key] = total.get(key, 0.0) + value


class Disagreements(Sequence[Disagreement]):
    """The disagreements in unit order, built one at a time when asked for.

    Adjacent stretches of characters with the same codes are one disagreement. Kept as
    arrays: a project can have tens of thousands of them.
    """

    def __init__(
        self,
        units: Units,
        code_of: np.ndarray,
        unit_of: np.ndarray,
        masks: np.ndarray,
        coders: int,
        names: dict[int, str],
    ) -> None:
        self.coders, self.names, self.units = coders, names, units
        self.full = (1 << coders) - 1
        wanted = np.isin(unit_of, np.unique(unit_of[masks != self.full]))
        order = np.lexsort((code_of[wanted], unit_of[wanted]))
        self.unit = unit_of[wanted][order]
        self.code = code_of[wanted][order]
        self.mask = masks[wanted][order]
        changes = np.r_[True, self.unit[1:] != self.unit[:-1]] if len(self.unit) else []
        self.first_pair = np.flatnonzero(changes)
        self.last_pair = np.r_[self.first_pair[1:], len(self.unit)]
        self.first, self.last = self._merged()
        self.selection: np.ndarray | None = None

    def _merged(self) -> tuple[np.ndarray, np.ndarray]:
        """First and last unit (positions in ``first_pair``) of each disagreement."""
        unit = self.unit[self.first_pair]
        if not len(unit):
            return unit, unit
        mixed = (self.code.astype(np.uint64) * np.uint64(64) + self.mask.astype(np.uint64)) * (
            np.uint64(0x9E3779B97F4A7C15)
        )
        signature = np.add.reduceat(mixed ^ (mixed >> np.uint64(29)), self.first_pair)
        size = self.last_pair - self.first_pair
        units = self.units
        joins = (
            (units.document[unit[1:]] == units.document[unit[:-1]])
            & (units.start[unit[1:]] == units.end[unit[:-1]])
            & (signature[1:] == signature[:-1])
            & (size[1:] == size[:-1])
        )
        first = np.flatnonzero(np.r_[True, ~joins])
        return first, np.r_[first[1:], len(unit)] - 1

    def on(self, code_id: int) -> Disagreements:
        """The disagreements where coders differ on this code."""
        pairs = np.flatnonzero((self.code == code_id) & (self.mask != self.full))
        positions = np.searchsorted(self.first_pair, pairs, side="right") - 1
        view = copy.copy(self)
        view.selection = np.unique(np.searchsorted(self.first, positions, side="right") - 1)
        return view

    def __len__(self) -> int:
        return len(self.first) if self.selection is None else len(self.selection)

    @overload
    def __getitem__(self, index: int) -> Disagreement: ...
    @overload
    def __getitem__(self, index: slice) -> list[Disagreement]: ...
    def __getitem__(self, index: int | slice) -> Disagreement | list[Disagreement]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if self.selection is not None:
            index = int(self.selection[index])
        first, last = int(self.first[index]), int(self.last[index])
        unit_first = int(self.unit[self.first_pair[first]])
        unit_last = int(self.unit[self.first_pair[last]])
        a, b = self.first_pair[first], self.last_pair[first]
        given = tuple(zip(self.code[a:b].tolist(), self.mask[a:b].tolist(), strict=True))
        document = int(self.units.document[unit_first])
        return Disagreement(
            document,
            self.names.get(document, "?"),
            int(self.units.start[unit_first]),
            int(self.units.end[unit_last]),
            given,
            self.coders,
        )
