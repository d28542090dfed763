"""An independent recomputation of agreement, unit by unit, with scikit-learn, krippendorff
and statsmodels: plain loops over sentences and codings, nothing from reiscoder.analysis."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from sqlalchemy import select
from statsmodels.stats.inter_rater import fleiss_kappa

from reiscoder.model import Code, Coding, Sentence


@dataclass
class Figures:
    units: int
    percent: float | None
    kappa: float | None  # Cohen (two coders)
    alpha: float | None
    fleiss: float | None
    randolph: float | None  # Brennan-Prediger


def figures(data: np.ndarray) -> Figures:
    """``data``: coders × judgements of 0/1."""
    coders, n = data.shape
    if not n:
        return Figures(0, None, None, None, None, None)
    agree = (data.min(axis=0) == data.max(axis=0)).mean() * 100
    kappa = None
    if coders == 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cohen_kappa_score(data[0], data[1])
        kappa = None if np.isnan(value) else float(value)
    alpha = None
    if len(np.unique(data)) > 1:
        alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    table = np.stack([coders - data.sum(axis=0), data.sum(axis=0)], axis=1)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fleiss = float(fleiss_kappa(table, method="fleiss"))
        randolph = float(fleiss_kappa(table, method="randolph"))
    return Figures(n, float(agree), kappa, alpha, None if np.isnan(fleiss) else fleiss, randolph)


@dataclass
class Recount:
    """Per code (id) the coders' judgements on the counted sentences."""

    units: list[tuple[int, int, int]]  # (document, start, end) of the counted sentences
    per_code: dict[int, np.ndarray]

    def code(self, code_id: int) -> Figures:
        return figures(self.per_code[code_id])

    def pooled(self, documents: set[int] | None = None) -> Figures:
        keep = [i for i, u in enumerate(self.units) if documents is None or u[0] in documents]
        parts = [data[:, keep] for data in self.per_code.values()]
        if not parts:
            return figures(np.zeros((2, 0)))
        return figures(np.concatenate(parts, axis=1))

    def units_in(self, document: int) -> int:
        return sum(1 for u in self.units if u[0] == document)

    def differing(self) -> int:
        """Units where the coders' sets of codes differ."""
        stacked = np.stack(list(self.per_code.values()))  # codes × coders × units
        return int((stacked.min(axis=1) != stacked.max(axis=1)).any(axis=0).sum())


def recount(session, coders, documents, *, main=False, min_overlap=1) -> Recount:
    parents = dict(session.execute(select(Code.id, Code.parent_id)).all())

    def level(code):
        while main and parents[code] is not None:
            code = parents[code]
        return code

    sentences = session.execute(
        select(Sentence.document_id, Sentence.start, Sentence.end)
        .where(Sentence.document_id.in_(documents), Sentence.lemmas != "")
        .order_by(Sentence.document_id, Sentence.start)
    ).all()
    codings = session.execute(
        select(Coding.coder_id, Coding.document_id, Coding.code_id, Coding.start, Coding.end).where(
            Coding.coder_id.in_(coders), Coding.document_id.in_(documents)
        )
    ).all()
    marks = []
    for document, start, end in sentences:
        given = {coder: set() for coder in coders}
        for coder, doc, code, s, e in codings:
            overlap = min(e, end) - max(s, start)
            if doc == document and overlap > 0 and overlap >= min(min_overlap, end - start):
                given[coder].add(level(code))
        marks.append(given)
    counted = [i for i, given in enumerate(marks) if any(given.values())]
    codes = sorted({c for i in counted for g in marks[i].values() for c in g})
    per_code = {
        code: np.array(
            [[code in marks[i][coder] for i in counted] for coder in coders], dtype=float
        )
        for code in codes
    }
    return Recount([tuple(sentences[i]) for i in counted], per_code)
