"""Intercoder agreement per code, per document and overall, at the unit of sentence, turn or
character.

For each code, each coder judges each unit present (a coding of that code by that coder
overlaps the unit by at least ``min_overlap`` characters, or covers all of a shorter unit) or
absent. The units counted are those that at least one of the compared coders coded with any
code, so text nobody touched does not inflate agreement while "both left it out of this code"
still counts; ``all_units`` counts every unit instead. *Overall* pools every (unit, code)
judgement of the codes that at least one compared coder used. At the main-code level
(``main_codes``) every coding counts for its top-level code, so a coder who coded 1.2 where
another coded 1.3 agrees on "1 Sociale samenhang".

A coding that reaches into a unit by fewer than ``min_overlap`` characters does not count for
it; those *slips* are listed. Everything is computed on arrays: codings find their units by
binary search, and the coders' judgements per (code, unit) are combined into bit masks by
sorting, never by pairwise loops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.analysis.bootstrap import alpha_intervals
from reiscoder.analysis.common import document_names, int_array
from reiscoder.analysis.disagreements import Disagreement, Disagreements
from reiscoder.analysis.statistics import Stats, stats
from reiscoder.analysis.units import Unit, Units, expand, load_units
from reiscoder.model import Coding, Document
from reiscoder.read.code_tree import CodeNode, CodeTree, load_code_tree
from reiscoder.read.coders import coder_names

MAX_CODERS = 62
BOOTSTRAP_SEED = 20240613

__all__ = [
    "AgreementResult",
    "AgreementSpec",
    "CodeAgreement",
    "Disagreement",
    "Disagreements",
    "Slip",
    "compute_agreement",
]


@dataclass(frozen=True)
class AgreementSpec:
    coder_ids: tuple[int, ...]
    unit: Unit = Unit.SENTENCE
    document_ids: frozenset[int] | None = None  # None: every document
    code_ids: frozenset[int] | None = None  # None: every code a compared coder used
    all_units: bool = False
    main_codes: bool = False  # every coding counts for its top-level code
    min_overlap: int = 1  # characters a coding must share with a sentence or turn
    bootstrap: int = 0  # draws for a confidence interval of alpha (0: none)
    seed: int = BOOTSTRAP_SEED

    def __post_init__(self) -> None:  # a plain string (from a combo box) becomes a Unit
        object.__setattr__(self, "unit", Unit(self.unit))
        object.__setattr__(self, "min_overlap", max(1, int(self.min_overlap)))


@dataclass(frozen=True)
class CodeAgreement:
    code: CodeNode
    stats: Stats
    coded: tuple[float, ...]  # units (characters) each coder gave this code, in coder order


@dataclass(frozen=True)
class Slip:
    """A coding that reaches into a unit by only a few characters: not counted there."""

    coder_index: int
    document_id: int
    code_id: int
    coding_start: int
    coding_end: int
    unit_start: int
    unit_end: int
    overlap: int


@dataclass
class AgreementResult:
    spec: AgreementSpec
    coder_names: tuple[str, ...]
    codes: list[CodeAgreement]
    overall: Stats
    units_counted: float
    fallback_documents: list[int] = field(default_factory=list)
    disagreements: Sequence[Disagreement] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)  # the documents compared
    by_document: dict[int, Stats] = field(default_factory=dict)  # all codes pooled
    units_by_document: dict[int, float] = field(default_factory=dict)
    slips: list[Slip] = field(default_factory=list)

    def for_code(self, code_id: int) -> CodeAgreement | None:
        return next((c for c in self.codes if c.code.id == code_id), None)

    def disagreements_on(self, code_id: int | None) -> Sequence[Disagreement]:
        if code_id is None or not isinstance(self.disagreements, Disagreements):
            return self.disagreements
        return self.disagreements.on(code_id)

    @property
    def documents_with_units(self) -> list[int]:
        return [d for d in self.document_ids if self.units_by_document.get(d)]


def compute_agreement(session: Session, spec: AgreementSpec) -> AgreementResult:
    coders = list(spec.coder_ids)
    if not 2 <= len(coders) <= MAX_CODERS or len(set(coders)) != len(coders):
        raise ValueError("compare between 2 and 62 different coders")
    names = coder_names(session)
    documents = _documents(session, spec)
    tree = load_code_tree(session)
    document, code, coder, start, end = _codings(session, coders, documents)
    if spec.main_codes:
        code = _roots(tree)[code] if len(code) else code
    units = load_units(session, spec.unit, documents, (document, start, end))
    first, last = units.overlapping(document, start, end)
    unit_index, owner = expand(first, last)
    unit_index, owner, slips = _enough_overlap(
        spec, units, unit_index, owner, (document, code, coder, start, end)
    )
    touched = np.unique(unit_index)
    counted_units = np.arange(len(units)) if spec.all_units else touched
    counted = float(units.total_weight if spec.all_units else units.weight[touched].sum())
    bit = np.left_shift(1, coder).astype(np.int64)
    keys, masks = _masks(code[owner], unit_index, bit[owner], len(units))
    code_of, unit_of = keys // max(len(units), 1), keys % max(len(units), 1)
    used = _used_codes(tree, spec, set(code_of.tolist()))
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
    overall = stats(pooled_k, len(coders), pooled_mask)
    if spec.bootstrap and used and not (spec.all_units and spec.unit is Unit.CHARACTER):
        rows, overall = _with_intervals(
            spec, units, counted_units, code_of[keep], unit_of[keep], masks[keep], rows, overall
        )
    per_document, units_by_document = _by_document(
        spec, units, documents, touched, code_of[keep], unit_of[keep], masks[keep], len(used)
    )
    result = AgreementResult(
        spec,
        tuple(names.get(c, "?") for c in coders),
        rows,
        overall,
        counted,
        units.fallback_documents,
        document_ids=documents,
        by_document=per_document,
        units_by_document=units_by_document,
        slips=slips,
    )
    result.disagreements = Disagreements(
        units, code_of[keep], unit_of[keep], masks[keep], len(coders), document_names(session)
    )
    return result


def _documents(session: Session, spec: AgreementSpec) -> list[int]:
    ids = session.scalars(select(Document.id).order_by(Document.position, Document.id)).all()
    return sorted(i for i in ids if spec.document_ids is None or i in spec.document_ids)


def _codings(session: Session, coders: list[int], documents: list[int]) -> tuple[np.ndarray, ...]:
    """document, code, coder index, start and end of every coding of the compared coders."""
    query = select(
        Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end
    ).where(Coding.coder_id.in_(coders), Coding.document_id.in_(documents))
    rows = int_array(session, query, 5)
    index = np.full(max(coders) + 1, -1, dtype=np.int64)
    index[coders] = np.arange(len(coders))
    return rows[:, 0], rows[:, 1], index[rows[:, 2]], rows[:, 3], rows[:, 4]


def _roots(tree: CodeTree) -> np.ndarray:
    """For every code id, the id of its top-level code."""
    size = max((c.id for c in tree.codes), default=0) + 1
    roots = np.arange(size, dtype=np.int64)
    for info in tree.codes:  # parents come before their children
        if info.parent_id is not None:
            roots[info.id] = roots[info.parent_id]
    return roots


def _used_codes(tree: CodeTree, spec: AgreementSpec, present: set[int]) -> list[CodeNode]:
    used = [c for c in tree.codes if c.id in present]
    if spec.code_ids is not None:
        wanted = set(spec.code_ids)
        if spec.main_codes:
            roots = _roots(tree)
            wanted = {int(roots[c]) for c in wanted if c < len(roots)}
        used = [c for c in used if c.id in wanted]
    return used


def _enough_overlap(
    spec: AgreementSpec,
    units: Units,
    unit_index: np.ndarray,
    owner: np.ndarray,
    codings: tuple[np.ndarray, ...],
) -> tuple[np.ndarray, np.ndarray, list[Slip]]:
    """Drop the (unit, coding) pairs that overlap by fewer than ``min_overlap`` characters
    (and by less than the whole of a shorter unit); those are returned as slips."""
    if spec.unit is Unit.CHARACTER or spec.min_overlap <= 1 or not len(owner):
        return unit_index, owner, []
    document, code, coder, start, end = codings
    unit_start, unit_end = units.start[unit_index], units.end[unit_index]
    overlap = np.minimum(end[owner], unit_end) - np.maximum(start[owner], unit_start)
    enough = overlap >= np.minimum(spec.min_overlap, unit_end - unit_start)
    slips = [
        Slip(
            int(coder[o]),
            int(document[o]),
            int(code[o]),
            int(start[o]),
            int(end[o]),
            int(unit_start[p]),
            int(unit_end[p]),
            int(overlap[p]),
        )
        for p in np.flatnonzero(~enough).tolist()
        for o in [int(owner[p])]
    ]
    return unit_index[enough], owner[enough], slips


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


def _by_document(
    spec: AgreementSpec,
    units: Units,
    documents: list[int],
    touched: np.ndarray,
    code_of: np.ndarray,
    unit_of: np.ndarray,
    masks: np.ndarray,
    code_count: int,
) -> tuple[dict[int, Stats], dict[int, float]]:
    """All codes pooled, per document: the same judgements as *overall*, split by document."""
    coders = len(spec.coder_ids)
    if spec.all_units:
        counted: dict[int, float] = dict(units.total_by_document)
    else:
        weights = np.bincount(
            np.searchsorted(documents, units.document[touched]),
            units.weight[touched],
            len(documents),
        )
        counted = {d: float(w) for d, w in zip(documents, weights, strict=True)}
    pair_document = units.document[unit_of] if len(unit_of) else unit_of
    result = {}
    for document_id in documents:
        chosen = pair_document == document_id
        total = float(counted.get(document_id, 0.0))
        by_yes, by_mask, _coded = _histograms(
            masks[chosen], units.weight[unit_of[chosen]], coders, total * code_count
        )
        result[document_id] = stats(by_yes, coders, by_mask)
    return result, {d: float(counted.get(d, 0.0)) for d in documents}


def _with_intervals(
    spec: AgreementSpec,
    units: Units,
    counted_units: np.ndarray,
    code_of: np.ndarray,
    unit_of: np.ndarray,
    masks: np.ndarray,
    rows: list[CodeAgreement],
    overall: Stats,
) -> tuple[list[CodeAgreement], Stats]:
    code_ids = [row.code.id for row in rows]
    position = np.searchsorted(counted_units, unit_of)
    per_code, pooled = alpha_intervals(
        units.weight[counted_units],
        _index(code_ids, code_of),
        position,
        _popcount(masks),
        len(code_ids),
        len(spec.coder_ids),
        spec.bootstrap,
        spec.seed,
    )
    rows = [
        CodeAgreement(row.code, row.stats.with_interval(per_code[i], spec.bootstrap), row.coded)
        for i, row in enumerate(rows)
    ]
    return rows, overall.with_interval(pooled, spec.bootstrap)


def _index(code_ids: list[int], code_of: np.ndarray) -> np.ndarray:
    """The position of each pair's code in ``code_ids``."""
    lookup = np.zeros(max(code_ids, default=0) + 1, dtype=np.int64)
    lookup[code_ids] = np.arange(len(code_ids))
    return lookup[code_of]
