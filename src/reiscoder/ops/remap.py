"""Map positions of a text through a correction: a character diff and what it does to ranges.

Positions are code point offsets, ranges half-open, as everywhere in reiscoder. A correction is
described by :class:`Block` s, stretches of the old text replaced by stretches of the new
text; between blocks the two texts are equal. A range that lies outside every block keeps
exactly its text. Text inserted exactly at a range's edge stays outside the range.

Where a diff is ambiguous (inserting "ja " before or after another "ja "), every alignment
is an equally true reading of the correction. :func:`place` tries the alternatives ("slides")
of the blocks that cut into a range before it gives up on placing it exactly.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import product

# Above this many pairs of lines, words or characters a changed stretch is not diffed further
# (it stays one block; codings in it are reported, never placed by guesswork).
CHAR_DIFF_LIMIT = 4_000_000
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")
# How far a block may slide to find an alignment that keeps a range's text.
MAX_SLIDE = 400


@dataclass(frozen=True)
class Block:
    """``old[i1:i2]`` became ``new[j1:j2]``; an insertion has i1 == i2, a deletion j1 == j2."""

    i1: int
    i2: int
    j1: int
    j2: int


class Fit(StrEnum):
    EXACT = "exact"  # the range covers exactly the same text as before
    CHANGED = "changed"  # text inside the range was corrected
    DELETED = "deleted"  # all of its text was removed; placed on the nearest word


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    fit: Fit


# -- the diff ------------------------------------------------------------------------------


def diff_blocks(old: str, new: str, *, whole_units: bool = True) -> list[Block]:
    """The stretches that differ: lines first, then words inside changed lines, then
    characters inside changed words (each level only where the one above found a change).

    With ``whole_units`` (the reading people make) a common beginning or end is never cut
    inside a line or word; without it every common character is kept, which is the reading
    that leaves everything outside a single edit exactly where it was."""
    return _joined(_refine(old, new, 0, len(old), 0, len(new), 0, whole_units))


_SPLITTERS = (
    lambda text: text.splitlines(keepends=True),
    lambda text: _WORDS.findall(text),
    list,
)


def _refine(
    old: str, new: str, i1: int, i2: int, j1: int, j2: int, level: int, whole_units: bool
) -> list[Block]:
    head = _common_prefix(old[i1:i2], new[j1:j2])
    while whole_units and head and not _between_units(old, new, i1 + head, j1 + head, level):
        head -= 1  # lines and words are compared whole: never trim into one
    i1, j1 = i1 + head, j1 + head
    tail = _common_suffix(old[i1:i2], new[j1:j2], 0)
    while whole_units and tail and not _between_units(old, new, i2 - tail, j2 - tail, level):
        tail -= 1
    i2, j2 = i2 - tail, j2 - tail
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2 or j1 == j2 or level == len(_SPLITTERS):
        return [Block(i1, i2, j1, j2)]
    old_units, new_units = _SPLITTERS[level](old[i1:i2]), _SPLITTERS[level](new[j1:j2])
    if len(old_units) * len(new_units) > CHAR_DIFF_LIMIT:
        return [Block(i1, i2, j1, j2)]
    old_at, new_at = _offsets(old_units, i1), _offsets(new_units, j1)
    if level == 0 and len(old_units) == len(new_units):
        pairs = [(k, k + 1, k, k + 1) for k in range(len(old_units))]
    else:
        matcher = difflib.SequenceMatcher(None, old_units, new_units, autojunk=False)
        pairs = [
            (a1, a2, b1, b2) for tag, a1, a2, b1, b2 in matcher.get_opcodes() if tag != "equal"
        ]
    blocks: list[Block] = []
    for a1, a2, b1, b2 in pairs:
        blocks += _refine(
            old, new, old_at[a1], old_at[a2], new_at[b1], new_at[b2], level + 1, whole_units
        )
    return blocks


def _between_units(old: str, new: str, i: int, j: int, level: int) -> bool:
    """Whether position ``i`` of ``old`` and ``j`` of ``new`` both fall between two units of
    the level (lines, words); at the level of characters every position does."""
    if level >= 2:
        return True
    return _boundary(old, i, level) and _boundary(new, j, level)


def _boundary(text: str, position: int, level: int) -> bool:
    if position <= 0 or position >= len(text):
        return True
    before, after = text[position - 1], text[position]
    if level == 0:
        return before in "\n\r"
    if before.isspace() and after.isspace():
        return False
    return not (_is_word(before) and _is_word(after))


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _joined(blocks: list[Block]) -> list[Block]:
    """Touching blocks become one, so that an equal stretch lies between any two."""
    joined: list[Block] = []
    for block in blocks:
        if block.i1 == block.i2 and block.j1 == block.j2:
            continue
        if joined and joined[-1].i2 == block.i1 and joined[-1].j2 == block.j1:
            joined[-1] = Block(joined[-1].i1, block.i2, joined[-1].j1, block.j2)
        else:
            joined.append(block)
    return joined


def _offsets(lines: list[str], start: int) -> list[int]:
    offsets = [start]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (string comparison runs in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, prefix: int) -> int:
    """Length of the common suffix that does not reach into the first ``prefix`` characters."""
    low, high = 0, min(len(a), len(b)) - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


# -- mapping positions ---------------------------------------------------------------------


class Remap:
    """Maps positions of the old text to the new text through non-touching blocks."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._starts = [block.i1 for block in blocks]

    def start(self, position: int) -> int:
        """Where a range starting at ``position`` starts now (text inserted there precedes it)."""
        return self._map(position, after_insertion=True)

    def end(self, position: int) -> int:
        """Where a range ending at ``position`` ends now (text inserted there follows it)."""
        return self._map(position, after_insertion=False)

    def _map(self, position: int, *, after_insertion: bool) -> int:
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        block = self.blocks[index]
        if block.i1 == block.i2 == position:
            return block.j2 if after_insertion else block.j1
        if position >= block.i2:
            return position + block.j2 - block.i2
        # inside a replaced stretch: proportionally, as far as the new stretch reaches
        return block.j1 + min(position - block.i1, block.j2 - block.j1)

    def touches(self, start: int, end: int) -> list[int]:
        """Indexes of the blocks that cut into ``[start, end)`` (its edges do not count)."""
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        for index in range(first, len(self.blocks)):
            block = self.blocks[index]
            if block.i1 >= end:
                break
            if start < block.i1 if block.i1 == block.i2 else block.i2 > start:
                found.append(index)
        return found


# -- placing a range -----------------------------------------------------------------------


def place(old: str, new: str, remap: Remap, start: int, end: int) -> Placement:
    """Where ``old[start:end]`` is in ``new``: exactly, or its best range and why not exact.

    Of the equally true readings of the diff (blocks slid along repeated text), the first
    that keeps the range's text exactly wins; otherwise the one that keeps most of it at its
    two ends (so a corrected sentence keeps its full stop)."""
    wanted = old[start:end]
    mapped_start, mapped_end = remap.start(start), remap.end(end)
    if new[mapped_start:mapped_end] == wanted:
        return Placement(mapped_start, mapped_end, Fit.EXACT)
    best, score = (mapped_start, mapped_end), _kept_at_ends(new[mapped_start:mapped_end], wanted)
    for slid_start, slid_end in _slid_ranges(old, new, remap, start, end):
        text = new[slid_start:slid_end]
        if slid_start < slid_end and text == wanted:
            return Placement(slid_start, slid_end, Fit.EXACT)
        if slid_start < slid_end and _kept_at_ends(text, wanted) > score:
            best, score = (slid_start, slid_end), _kept_at_ends(text, wanted)
    plain = _plain_remap(old, new)  # the reading that keeps a single edit's surroundings
    plain_start, plain_end = plain.start(start), plain.end(end)
    if plain_start < plain_end and new[plain_start:plain_end] == wanted:
        return Placement(plain_start, plain_end, Fit.EXACT)
    mapped_start, mapped_end = best
    kept = new[mapped_start:mapped_end]
    if mapped_start < mapped_end and (_has_word(kept) or not _has_word(wanted)):
        return Placement(mapped_start, mapped_end, Fit.CHANGED)
    # Nothing of its words is left (a stray full stop is no passage): its text was deleted.
    word_start, word_end = nearest_word(new, mapped_start)
    return Placement(word_start, word_end, Fit.DELETED)


@lru_cache(maxsize=2)
def _plain_remap(old: str, new: str) -> Remap:
    return Remap(diff_blocks(old, new, whole_units=False))


def _kept_at_ends(text: str, wanted: str) -> int:
    """How many characters ``text`` shares with ``wanted`` at its start and at its end."""
    return _common_prefix(text, wanted) + _common_suffix(text, wanted, 0)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def nearest_word(text: str, position: int) -> tuple[int, int]:
    """The word at ``position`` (or the character there) as a non-empty range of ``text``."""
    position = max(0, min(position, len(text)))
    left = position
    while left > 0 and text[left - 1].isalnum():
        left -= 1
    right = position
    while right < len(text) and text[right].isalnum():
        right += 1
    if left < right:
        return left, right
    if position < len(text):
        return position, position + 1
    return max(position - 1, 0), position


def _slid_ranges(old: str, new: str, remap: Remap, start: int, end: int) -> list[tuple[int, int]]:
    """Where the range lands under every other reading of the blocks that cut into it."""
    cutting = remap.touches(start, end)
    if not cutting or len(cutting) > 3:
        return []
    choices = [
        [remap.blocks[index], *_slides_out(old, new, remap.blocks, index, start, end)]
        for index in cutting
    ]
    found = []
    for combination in product(*choices):
        blocks = list(remap.blocks)
        for index, block in zip(cutting, combination, strict=True):
            blocks[index] = block
        if blocks == remap.blocks:
            continue
        moved = Remap(blocks)
        found.append((moved.start(start), moved.end(end)))
    return found


def _slides_out(
    old: str, new: str, blocks: list[Block], index: int, start: int, end: int
) -> list[Block]:
    """The block slid just far enough to leave ``[start, end)``, to the left and/or right."""
    block = blocks[index]
    options = []
    left = block.i2 - start
    if 0 < left <= MAX_SLIDE and _can_slide(old, new, blocks, index, -left):
        options.append(_shifted(block, -left))
    right = end - block.i1
    if 0 < right <= MAX_SLIDE and _can_slide(old, new, blocks, index, right):
        options.append(_shifted(block, right))
    return options


def _can_slide(old: str, new: str, blocks: list[Block], index: int, steps: int) -> bool:
    """Whether the block can move ``steps`` characters (negative: left) and still describe
    the same correction, keeping at least one equal character next to its neighbours."""
    block = blocks[index]
    if steps < 0:
        floor = blocks[index - 1].i2 + 1 if index > 0 else 0
        if block.i1 + steps < floor:
            return False
        return all(old[block.i2 - k] == new[block.j2 - k] for k in range(1, -steps + 1))
    ceiling = blocks[index + 1].i1 - 1 if index + 1 < len(blocks) else len(old)
    if block.i2 + steps > ceiling:
        return False
    return all(old[block.i1 + k] == new[block.j1 + k] for k in range(steps))


def _shifted(block: Block, steps: int) -> Block:
    return replace(
        block, i1=block.i1 + steps, i2=block.i2 + steps, j1=block.j1 + steps, j2=block.j2 + steps
    )
