"""A bootstrap confidence interval for Krippendorff's alpha, resampling the counted units.

Each draw takes as many units as were counted, with replacement, from a generator with a
fixed seed (the same figures every time), and recomputes alpha per code and pooled from the
units drawn; all codes of a unit travel together. The interval is the 2.5th to 97.5th
percentile of the draws in which alpha is defined. With characters as the unit, the units
drawn are the stretches between coding edges, each weighing its length.
"""

from __future__ import annotations

import numpy as np

Interval = tuple[float, float] | None


def alpha_intervals(
    unit_weights: np.ndarray,
    pair_code: np.ndarray,
    pair_unit: np.ndarray,
    pair_yes: np.ndarray,
    codes: int,
    coders: int,
    draws: int,
    seed: int,
) -> tuple[list[Interval], Interval]:
    """Intervals per code (by position) and pooled.

    ``pair_*``: one entry per coded (unit, code): the code's position, the unit's position in
    ``unit_weights`` (the counted units) and how many coders gave the code there.
    """
    units = len(unit_weights)
    if not units or not codes or draws < 1:
        return [None] * codes, None
    rng = np.random.default_rng(seed)
    slots = codes * (coders + 1)
    per_code = np.full((draws, codes), np.nan)
    pooled = np.full(draws, np.nan)
    key = pair_code * (coders + 1) + pair_yes
    for draw in range(draws):
        times = np.bincount(rng.integers(0, units, units), minlength=units) * unit_weights
        total = float(times.sum())
        table = np.bincount(key, times[pair_unit], slots).reshape(codes, coders + 1)
        table[:, 0] += total - table.sum(axis=1)
        per_code[draw] = _alpha(table, coders)
        pooled[draw] = _alpha(table.sum(axis=0, keepdims=True), coders)[0]
    return [_interval(per_code[:, i]) for i in range(codes)], _interval(pooled)


def _alpha(table: np.ndarray, coders: int) -> np.ndarray:
    """Alpha for each row of a (rows, coders + 1) histogram of weight by number of "present"."""
    k = np.arange(coders + 1)
    ones = table @ k
    zeros = table @ (coders - k)
    n = ones + zeros
    disagreement = table @ (2 * k * (coders - k) / (coders - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1.0 - (n - 1) * disagreement / (2 * ones * zeros)
    alpha[(ones == 0) | (zeros == 0)] = np.nan
    return alpha


def _interval(values: np.ndarray) -> Interval:
    defined = values[~np.isnan(values)]
    if len(defined) < max(10, len(values) // 2):
        return None
    low, high = np.percentile(defined, [2.5, 97.5])
    return float(low), float(high)
