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

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import CodeInfo, coder_names, document_names, load_code_tree
from reiscoder.analysis.statistics import Stats, stats
from reiscoder.analysis.units import Unit, Units, expand, load_units
from reiscoder.model import Coding, Document

MAX_CODERS = 62


@dataclass(frozen=True)
class AgreementSpec:
    coder_ids: tuple[int, ...]
    unit: Unit = Unit.SENTENCE
    document_ids: frozenset[int] | None = None  # None: every document
    code_ids: frozenset[int] | None = None  # None: every code a compared coder used
    all_units: bool = False


@dataclass(frozen=True)
class CodeAgreement:
    code: CodeInfo
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
    disagreements: list[Disagreement] = field(default_factory=list)

    def for_code(self, code_id: int) -> CodeAgreement | None:
        return next((c for c in self.codes if c.code.id == code_id), None)

    def disagreements_on(self, code_id: int | None) -> list[Disagreement]:
        if code_id is None:
            return self.disagreements
        return [d for d in self.disagreements if code_id in d.disputed]


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
    rows, pooled_k, pooled_mask = [], {}, {}
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
    result.disagreements = _disagreements(
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
    rows = np.array(session.execute(query).all(), dtype=np.int64).reshape(-1, 5)
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


def _disagreements(
    units: Units,
    code_of: np.ndarray,
    unit_of: np.ndarray,
    masks: np.ndarray,
    coders: int,
    names: dict[int, str],
) -> list[Disagreement]:
    full = (1 << coders) - 1
    disputed_units = np.unique(unit_of[masks != full])
    wanted = np.isin(unit_of, disputed_units)
    order = np.lexsort((code_of[wanted], unit_of[wanted]))
    found: list[Disagreement] = []
    given: dict[int, list[tuple[int, int]]] = {}
    for u, c, m in zip(
        unit_of[wanted][order].tolist(),
        code_of[wanted][order].tolist(),
        masks[wanted][order].tolist(),
        strict=True,
    ):
        given.setdefault(u, []).append((c, m))
    for u, pairs in given.items():
        document = int(units.document[u])
        start, end = int(units.start[u]), int(units.end[u])
        previous = found[-1] if found else None
        if (
            previous is not None
            and previous.document_id == document
            and previous.end == start
            and previous.given == tuple(pairs)
        ):
            found[-1] = Disagreement(
                document, previous.document_name, previous.start, end, previous.given, coders
            )
            continue
        found.append(
            Disagreement(document, names.get(document, "?"), start, end, tuple(pairs), coders)
        )
    return found
