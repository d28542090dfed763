"""Speaker turns and sentences through a correction.

A turn whose label and line breaks were not touched keeps its row and moves with the text;
text typed at its edges belongs to it. Where a correction touches a speaker label or a line
break (a corrected label, two turns merged by deleting a label, a turn split by typing a
label on a new line), the lines around it are read again for speaker labels, the way an
import reads them, with the document's own speakers as known labels. Turns whose text was
touched get their sentences computed again; the sentences of other turns only move.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reiscoder.ops.remap import Block, Remap
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import lines_of_text
from reiscoder.parsing.parsed import ParsedTurn
from reiscoder.parsing.patterns import TurnPatterns
from reiscoder.parsing.turns import find_turns


@dataclass(frozen=True)
class OldTurn:
    id: int
    start: int
    content_start: int
    end: int
    speaker: str | None
    timestamp_ms: int | None


@dataclass(frozen=True)
class NewTurn:
    """A turn of the corrected text; ``id`` is the turn row it continues (None: a new row)."""

    id: int | None
    start: int
    content_start: int
    end: int
    speaker: str | None
    timestamp_ms: int | None
    resegment: bool  # its sentences must be computed again


@dataclass(frozen=True)
class TurnPlan:
    turns: list[NewTurn]
    removed: list[int]  # ids of turn rows that are no longer there

    @property
    def resegmented(self) -> list[NewTurn]:
        return [turn for turn in self.turns if turn.resegment]


def plan_turns(
    old: str,
    new: str,
    blocks: list[Block],
    turns: Sequence[OldTurn],
    speakers: Sequence[str],
) -> TurnPlan:
    remap = Remap(blocks)
    speakers = _speakers_of(new, speakers)
    if not turns:
        parsed = _read_turns(new, 0, len(new), speakers)
        return TurnPlan([_new(None, turn, 0) for turn in parsed], [])
    structural, touched = _touched(old, new, blocks, turns)
    planned: list[NewTurn] = []
    removed: list[int] = []
    index = 0
    while index < len(turns):
        if index not in structural:
            planned += _moved(new, remap, turns[index], index in touched)
            if not planned or planned[-1].id != turns[index].id:
                removed.append(turns[index].id)
            index += 1
            continue
        last = index
        while last + 1 < len(turns) and last + 1 in structural:
            last += 1
        region = turns[index : last + 1]
        low, high = _region(new, remap, turns, index, last, blocks)
        parsed = _read_turns(new, low, high, speakers)
        ids = [turn.id for turn in region]
        planned += [
            _new(ids[k] if k < len(ids) else None, turn, low, region[k] if k < len(ids) else None)
            for k, turn in enumerate(parsed)
        ]
        removed += ids[len(parsed) :]
        index = last + 1
    return TurnPlan(planned, removed)


def _touched(
    old: str, new: str, blocks: list[Block], turns: Sequence[OldTurn]
) -> tuple[set[int], set[int]]:
    """Indexes of turns whose structure (label, line breaks) and whose text were touched."""
    structural: set[int] = set()
    touched: set[int] = set()
    for block in blocks:
        changed = old[block.i1 : block.i2] + new[block.j1 : block.j2]
        hit = False
        for index, turn in enumerate(turns):
            if block.i1 > turn.end or block.i2 < turn.start:
                continue
            hit = True
            touched.add(index)
            in_label = block.i1 < turn.content_start and (
                block.i2 > turn.start or block.i1 == turn.start
            )
            if in_label or "\n" in changed:
                structural.add(index)
        if not hit and changed.strip():
            structural.update(_neighbours(turns, block.i1))
    return structural, touched


def _neighbours(turns: Sequence[OldTurn], position: int) -> set[int]:
    before = [k for k, turn in enumerate(turns) if turn.end < position]
    after = [k for k, turn in enumerate(turns) if turn.start > position]
    return set(before[-1:] + after[:1])


def _moved(new: str, remap: Remap, turn: OldTurn, touched: bool) -> list[NewTurn]:
    start = remap.end(turn.start)
    content_start = remap.end(turn.content_start)
    end = remap.start(turn.end)
    end = max(content_start, content_start + len(new[content_start:end].rstrip()))
    if end <= start:
        return []
    return [NewTurn(turn.id, start, content_start, end, turn.speaker, turn.timestamp_ms, touched)]


def _region(
    new: str,
    remap: Remap,
    turns: Sequence[OldTurn],
    first: int,
    last: int,
    blocks: list[Block],
) -> tuple[int, int]:
    """The whole lines of the new text that the turns ``first``..``last`` take up now."""
    low = remap.end(turns[first].start)
    high = remap.start(turns[last].end)
    floor = remap.start(turns[first - 1].end) if first > 0 else 0
    ceiling = remap.end(turns[last + 1].start) if last + 1 < len(turns) else len(new)
    if first == 0:
        low = 0
    if last == len(turns) - 1:
        high = len(new)
    for block in blocks:
        if floor <= block.j1 and block.j2 <= ceiling and block.j2 >= low and block.j1 <= high:
            low, high = min(low, block.j1), max(high, block.j2)
    low = max(floor, new.rfind("\n", 0, low) + 1)
    line_end = new.find("\n", high)
    high = min(ceiling, len(new) if line_end < 0 else line_end)
    return low, max(low, high)


def _speakers_of(new: str, known: Sequence[str]) -> list[str]:
    """The known labels and those the whole corrected text shows to be speakers (a name seen
    in two turns), so that a stretch read on its own is read with the document in mind."""
    reader = LabelReader(TurnPatterns(speakers=tuple(known)))
    found = {turn.speaker for turn in find_turns(new, lines_of_text(new), reader) if turn.speaker}
    return [*known, *sorted(found - set(known))]


def _read_turns(new: str, low: int, high: int, speakers: Sequence[str]) -> list[ParsedTurn]:
    stretch = new[low:high]
    reader = LabelReader(TurnPatterns(speakers=tuple(speakers)))
    return [t for t in find_turns(stretch, lines_of_text(stretch), reader) if t.start < t.end]


def _new(
    turn_id: int | None, parsed: ParsedTurn, offset: int, old: OldTurn | None = None
) -> NewTurn:
    return NewTurn(
        turn_id,
        parsed.start + offset,
        parsed.content_start + offset,
        parsed.end + offset,
        parsed.speaker,
        _kept_time(parsed.timestamp_ms, old),
        True,
    )


def _kept_time(read: int | None, old: OldTurn | None) -> int | None:
    """A timestamp read again from the text keeps the milliseconds it had (the text shows
    whole seconds); a turn read again without a written timestamp keeps none."""
    if old is None or old.timestamp_ms is None or read is None:
        return read
    return old.timestamp_ms if read // 1000 == old.timestamp_ms // 1000 else read
