"""The disagreements of an agreement computation, as arrays, built one at a time when asked."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from reiscoder.analysis.units import Units


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
