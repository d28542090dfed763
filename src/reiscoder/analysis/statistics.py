"""Agreement statistics for presence/absence judgements, from a histogram of units.

Each unit (a sentence, a turn, or a stretch of characters that counts as one unit per
character) was judged by ``m`` coders, each saying "present" (1) or "absent" (0) for one code.
A unit is summarised by how many coders said present (``k``); for two coders, which coder
did (a bit mask). The statistics only need how much weight (units or characters) falls on
each ``k`` or mask, which keeps them exact on millions of characters.

Krippendorff's alpha (nominal, no missing values): with the coincidence matrix
``o_01 = o_10 = Σ w·k·(m−k)/(m−1)``, ``n_1 = Σ w·k``, ``n_0 = Σ w·(m−k)``, ``n = n_0 + n_1``:
``α = 1 − (n − 1)·(o_01 + o_10) / (2·n_0·n_1)`` (Krippendorff 2011, "Computing Krippendorff's
Alpha-Reliability", section C).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Stats:
    """Agreement on one code (or all codes pooled). None: not defined for these data."""

    units: float  # units (or characters) counted
    agreed: float  # of which all coders agreed
    percent: float | None
    kappa: float | None  # Cohen's kappa, two coders only
    alpha: float | None  # Krippendorff's alpha, nominal

    @property
    def disagreed(self) -> float:
        return self.units - self.agreed


def percent_agreement(by_yes: Mapping[int, float], coders: int) -> float | None:
    """Share (0-100) of the weight on which all coders agree."""
    total = sum(by_yes.values())
    if not total:
        return None
    return 100.0 * (by_yes.get(0, 0) + by_yes.get(coders, 0)) / total


def cohens_kappa(
    both: float, first_only: float, second_only: float, neither: float
) -> float | None:
    """Cohen's kappa from a 2×2 table of two coders' present/absent judgements."""
    n = both + first_only + second_only + neither
    if not n:
        return None
    observed = (both + neither) / n
    first, second = (both + first_only) / n, (both + second_only) / n
    expected = first * second + (1 - first) * (1 - second)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(by_yes: Mapping[int, float], coders: int) -> float | None:
    """Krippendorff's alpha (nominal) for binary values, every unit judged by every coder."""
    if coders < 2:
        return None
    ones = sum(w * k for k, w in by_yes.items())
    zeros = sum(w * (coders - k) for k, w in by_yes.items())
    n = ones + zeros
    if not ones or not zeros:
        return None
    disagreement = sum(2 * w * k * (coders - k) / (coders - 1) for k, w in by_yes.items())
    return 1.0 - (n - 1) * disagreement / (2 * ones * zeros)


def stats(by_yes: Mapping[int, float], coders: int, by_mask: Mapping[int, float]) -> Stats:
    """All statistics; ``by_mask`` (bit 0: the first coder) is used for kappa (two coders)."""
    total = float(sum(by_yes.values()))
    agreed = float(by_yes.get(0, 0) + by_yes.get(coders, 0))
    kappa = None
    if coders == 2:
        kappa = cohens_kappa(
            by_mask.get(3, 0), by_mask.get(1, 0), by_mask.get(2, 0), by_mask.get(0, 0)
        )
    return Stats(
        total, agreed, percent_agreement(by_yes, coders), kappa, krippendorff_alpha(by_yes, coders)
    )
