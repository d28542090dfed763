"""Positions of a text in its pseudonymised version, and back.

Pseudonymising replaces stretches of the original (``Fatima's``) by other text (``Respondent
3's``); everything between the stretches is equal. A :class:`PositionMap` holds the
replacements as blocks ``(i1, i2, j1, j2)``: ``original[i1:i2]`` became ``new[j1:j2]``.

A range that starts or ends inside a replaced stretch is widened to the whole stretch, in
both directions: a coding that covered part of a name covers the whole pseudonym, and a
selection of part of a pseudonym codes the whole original name. A non-empty range therefore
stays non-empty, and a range that covers a name keeps covering it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

Block = tuple[int, int, int, int]


class PositionMap:
    """Maps code point positions of an original text to its pseudonymised text and back."""

    def __init__(self, blocks: Sequence[Block] = ()) -> None:
        self.blocks = list(blocks)
        self._old = [block[0] for block in self.blocks]
        self._new = [block[2] for block in self.blocks]

    @property
    def identity(self) -> bool:
        return not self.blocks

    # -- original -> pseudonymised ---------------------------------------------------------

    def start(self, position: int) -> int:
        """Where a range that starts at ``position`` of the original starts now."""
        return _start(self.blocks, self._old, position, 0)

    def end(self, position: int) -> int:
        """Where a range that ends at ``position`` of the original ends now."""
        return _end(self.blocks, self._old, position, 0)

    def range(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), self.end(end)

    # -- pseudonymised -> original ---------------------------------------------------------

    def source_start(self, position: int) -> int:
        return _start(self.blocks, self._new, position, 2)

    def source_end(self, position: int) -> int:
        return _end(self.blocks, self._new, position, 2)

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        return self.source_start(start), self.source_end(end)


def _start(blocks: list[Block], firsts: list[int], position: int, side: int) -> int:
    """Map a range start: inside a block (or at its first character) -> the block's start."""
    index = bisect.bisect_right(firsts, position) - 1
    if index < 0:
        return position
    block = blocks[index]
    here1, here2, there1, there2 = _sides(block, side)
    if position < here2:
        return there1
    return position + there2 - here2


def _end(blocks: list[Block], firsts: list[int], position: int, side: int) -> int:
    """Map a range end: inside a block (or just after it) -> the block's end."""
    index = bisect.bisect_left(firsts, position) - 1
    if index < 0:
        return position
    block = blocks[index]
    _here1, here2, _there1, there2 = _sides(block, side)
    if position <= here2:
        return there2
    return position + there2 - here2


def _sides(block: Block, side: int) -> Block:
    i1, i2, j1, j2 = block
    return (i1, i2, j1, j2) if side == 0 else (j1, j2, i1, i2)
