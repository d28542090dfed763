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

For three or more coders Fleiss' kappa (Fleiss 1971) and Brennan and Prediger's free-marginal
kappa (1981; Randolph's multirater kappa, as MAXQDA reports it) come from the same histogram:
with ``P_k = (k(k−1) + (m−k)(m−k−1)) / (m(m−1))`` the agreement within a unit, ``P̄`` its mean
and ``p`` the share of "present": ``κ_F = (P̄ − P_e) / (1 − P_e)`` with
``P_e = p² + (1−p)²``, and ``κ_BP = (P̄ − ½) / ½`` (two categories).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Stats:
    """Agreement on one code (or all codes pooled). None: not defined for these data."""

    units: float  # units (or characters) counted
    agreed: float  # of which all coders agreed
    percent: float | None
    kappa: float | None  # Cohen's kappa, two coders only
    alpha: float | None  # Krippendorff's alpha, nominal
    fleiss: float | None = None  # Fleiss' kappa (any number of coders)
    brennan_prediger: float | None = None  # free-marginal kappa
    alpha_low: float | None = None  # bootstrap interval of alpha (95 %), when asked
    alpha_high: float | None = None
    draws: int = 0  # bootstrap draws behind the interval

    @property
    def disagreed(self) -> float:
        return self.units - self.agreed

    def with_interval(self, interval: tuple[float, float] | None, draws: int) -> Stats:
        if interval is None:
            return replace(self, draws=draws)
        return replace(self, alpha_low=interval[0], alpha_high=interval[1], draws=draws)


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


def multirater_kappas(
    by_yes: Mapping[int, float], coders: int
) -> tuple[float | None, float | None]:
    """Fleiss' kappa and Brennan-Prediger's kappa for present/absent judgements."""
    total = sum(by_yes.values())
    if coders < 2 or not total:
        return None, None
    pairs = coders * (coders - 1)
    within = sum(w * (k * (k - 1) + (coders - k) * (coders - k - 1)) for k, w in by_yes.items())
    mean = within / pairs / total
    present = sum(w * k for k, w in by_yes.items()) / (total * coders)
    expected = present**2 + (1 - present) ** 2
    fleiss = None if expected >= 1 else (mean - expected) / (1 - expected)
    return fleiss, 2 * mean - 1


def stats(by_yes: Mapping[int, float], coders: int, by_mask: Mapping[int, float]) -> Stats:
    """All statistics; ``by_mask`` (bit 0: the first coder) is used for kappa (two coders)."""
    total = float(sum(by_yes.values()))
    agreed = float(by_yes.get(0, 0) + by_yes.get(coders, 0))
    kappa = None
    if coders == 2:
        kappa = cohens_kappa(
            by_mask.get(3, 0), by_mask.get(1, 0), by_mask.get(2, 0), by_mask.get(0, 0)
        )
    fleiss, brennan_prediger = multirater_kappas(by_yes, coders)
    return Stats(
        total,
        agreed,
        percent_agreement(by_yes, coders),
        kappa,
        krippendorff_alpha(by_yes, coders),
        fleiss,
        brennan_prediger,
    )
