"""Geometry of codings over a text, independent of how it is drawn.

- ``coverage``: the text cut at every coding boundary, with the codings covering each piece,
  so overlapping highlights can be drawn as one blended colour per piece.
- ``assign_columns``: a column per coding such that overlapping codings never share one
  (margin brackets), using as few columns as an interval colouring allows.
- ``snap_to_words`` and ``unit_at``: what a selection or a keystroke means in the text.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Sequence
from typing import Protocol


class Span(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def coverage(
    spans: Iterable[Span], lo: int = 0, hi: int | None = None
) -> list[tuple[int, int, tuple[int, ...]]]:
    """Pieces ``(start, end, ids)`` of ``[lo, hi)`` covered by at least one span."""
    events: dict[int, list[tuple[int, int]]] = {}
    for span in spans:
        start, end = max(span.start, lo), span.end if hi is None else min(span.end, hi)
        if start < end:
            events.setdefault(start, []).append((1, span.id))
            events.setdefault(end, []).append((-1, span.id))
    pieces: list[tuple[int, int, tuple[int, ...]]] = []
    active: list[int] = []
    previous: int | None = None
    for position in sorted(events):
        if previous is not None and active and previous < position:
            pieces.append((previous, position, tuple(active)))
        for delta, span_id in events[position]:
            if delta > 0:
                active.append(span_id)
            else:
                active.remove(span_id)
        previous = position
    return pieces


def assign_columns(spans: Sequence[Span]) -> dict[int, int]:
    """Greedy interval colouring: longest-first among equal starts keeps brackets nested."""
    order = sorted(spans, key=lambda s: (s.start, -(s.end - s.start), s.id))
    busy: list[tuple[int, int]] = []  # (end, column) of spans still open
    free: list[int] = []
    columns, next_column = {}, 0
    for span in order:
        while busy and busy[0][0] <= span.start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            column = heapq.heappop(free)
        else:
            column, next_column = next_column, next_column + 1
        columns[span.id] = column
        heapq.heappush(busy, (span.end, column))
    return columns


_WORD = re.compile(r"[\w'’-]", re.UNICODE)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and trim white space around it."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]) and _WORD.match(text[end - 1]):
        end += 1
    return start, end


def unit_at(units: Sequence[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The (start, end) of the unit (sentence, turn) containing ``position``, if any.

    ``units`` are sorted and do not overlap. A position in the gap after a unit (its white
    space) belongs to that unit, so that a click at a line end still finds the sentence.
    """
    starts = [u[0] for u in units]
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    unit = units[index]
    following = units[index + 1][0] if index + 1 < len(units) else None
    if position < unit[1] or following is None or position < following:
        return unit
    return None
