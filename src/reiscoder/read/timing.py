"""Times for every position of a transcript: known points, and what lies between them.

Known points (anchors) are the turns' own timestamps (written in the text, or a subtitle cue's
start) and the document's sync points (a Whisper word, a cue inside a turn, a REFI sync point,
"Tijd vastzetten"). A sync point inside a turn's label counts for the whole turn and wins over
the timestamp written there; the turn's first word is spoken at the turn's time. Anchors that
would make time run backwards (a typo in a timestamp, a sync point set at the wrong place)
are left out, keeping as many as possible: times never go backwards through a text.

Between two anchors the time grows in proportion to the characters; before the first and after
the last it grows at the pace of the known stretch (or, without one, a typical pace of Dutch
speech), never below zero and never beyond the recording's end. A time that is not at an
anchor is approximate, and shown as such.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Document, DocumentRecording, Recording, Sentence, SyncPoint, Turn

DEFAULT_MS_PER_CHAR = 70  # about fourteen characters a second: ordinary Dutch speech


class Anchor(NamedTuple):
    position: int
    time_ms: int


class TurnSpan(NamedTuple):
    start: int
    content_start: int
    timestamp_ms: int | None


class TimedUnit(NamedTuple):
    """A turn or sentence with the time it begins at."""

    start: int
    end: int
    time_ms: int
    exact: bool


@dataclass(frozen=True)
class Timing:
    anchors: tuple[Anchor, ...]
    length: int
    duration_ms: int | None = None

    @property
    def known(self) -> bool:
        return bool(self.anchors) or bool(self.duration_ms)

    @property
    def ms_per_char(self) -> float:
        if len(self.anchors) >= 2:
            first, last = self.anchors[0], self.anchors[-1]
            if last.position > first.position and last.time_ms > first.time_ms:
                return (last.time_ms - first.time_ms) / (last.position - first.position)
        if not self.anchors and self.duration_ms and self.length:
            return self.duration_ms / self.length
        return DEFAULT_MS_PER_CHAR

    def is_exact(self, position: int) -> bool:
        index = bisect.bisect_left(self.anchors, (position, -1))
        return index < len(self.anchors) and self.anchors[index].position == position

    def time_at(self, position: int) -> int:
        """The moment ``position`` of the text is spoken (interpolated between anchors)."""
        anchors, rate = self.anchors, self.ms_per_char
        if not anchors:
            return self._clamp(round(position * rate))
        index = bisect.bisect_right(anchors, (position, float("inf")))
        if index == 0:
            first = anchors[0]
            return self._clamp(round(first.time_ms - (first.position - position) * rate))
        before = anchors[index - 1]
        if index == len(anchors):
            return self._clamp(round(before.time_ms + (position - before.position) * rate))
        after = anchors[index]
        share = (position - before.position) / (after.position - before.position)
        return self._clamp(round(before.time_ms + share * (after.time_ms - before.time_ms)))

    def position_at(self, time_ms: int) -> int:
        """The first position whose time is ``time_ms`` or later (the inverse of time_at)."""
        low, high = 0, self.length
        while low < high:
            middle = (low + high) // 2
            if self.time_at(middle) < time_ms:
                low = middle + 1
            else:
                high = middle
        return low

    def _clamp(self, time_ms: int) -> int:
        time_ms = max(0, time_ms)
        if self.duration_ms:
            time_ms = min(time_ms, self.duration_ms)
        return time_ms


def make_timing(
    length: int,
    turns: Sequence[TurnSpan],
    sync_points: Sequence[tuple[int, int]],
    duration_ms: int | None = None,
) -> Timing:
    """The anchors of a text from its turns' timestamps and its sync points."""
    turn_starts = sorted((t.start, t.content_start) for t in turns)
    candidates: dict[int, tuple[int, int]] = {}  # position -> (priority, time)
    for turn in turns:
        if turn.timestamp_ms is not None:
            candidates.setdefault(turn.start, (1, turn.timestamp_ms))
    for position, time_ms in sync_points:
        position = _turn_start_for(turn_starts, position)
        if position not in candidates or candidates[position][0] > 0:
            candidates[position] = (0, time_ms)
    labels = dict(turn_starts)
    for start, (_priority, time_ms) in list(candidates.items()):
        content_start = labels.get(start, start)
        if content_start != start and content_start not in candidates:
            candidates[content_start] = (2, time_ms)  # a label is not spoken: same moment
    points = [Anchor(p, t) for p, (_priority, t) in sorted(candidates.items()) if 0 <= p <= length]
    return Timing(tuple(_never_backwards(points)), length, duration_ms)


def _turn_start_for(turn_starts: list[tuple[int, int]], position: int) -> int:
    """A position inside a turn's label (or at its first word) means the turn's start."""
    index = bisect.bisect_right(turn_starts, (position, float("inf"))) - 1
    if index >= 0:
        start, content_start = turn_starts[index]
        if start <= position <= content_start:
            return start
    return position


def _never_backwards(points: list[Anchor]) -> list[Anchor]:
    """The longest run of anchors (in text order) whose times do not decrease."""
    if not points:
        return []
    tails: list[int] = []  # tails[k]: index of the smallest last time of a run of length k+1
    previous = [-1] * len(points)
    for index, point in enumerate(points):
        times = [points[t].time_ms for t in tails]
        k = bisect.bisect_right(times, point.time_ms)
        previous[index] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(index)
        else:
            tails[k] = index
    run, index = [], tails[-1]
    while index >= 0:
        run.append(points[index])
        index = previous[index]
    return run[::-1]


def timed_units(timing: Timing, ranges: Sequence[tuple[int, int]]) -> list[TimedUnit]:
    return [
        TimedUnit(start, end, timing.time_at(start), timing.is_exact(start))
        for start, end in ranges
    ]


def unit_at_time(units: Sequence[TimedUnit], time_ms: int) -> int | None:
    """Index of the unit being spoken at ``time_ms`` (the last one begun by then)."""
    times = [unit.time_ms for unit in units]
    index = bisect.bisect_right(times, time_ms) - 1
    return index if index >= 0 else (0 if units else None)


# -- reading -------------------------------------------------------------------------------


def document_timing(session: Session, document_id: int) -> Timing:
    length = session.scalar(select(Document.text_length).where(Document.id == document_id)) or 0
    turns = [
        TurnSpan(*row)
        for row in session.execute(
            select(Turn.start, Turn.content_start, Turn.timestamp_ms).where(
                Turn.document_id == document_id
            )
        )
    ]
    points = [
        (position, time_ms)
        for position, time_ms in session.execute(
            select(SyncPoint.position, SyncPoint.time_ms).where(
                SyncPoint.document_id == document_id
            )
        )
    ]
    duration = session.scalar(
        select(Recording.duration_ms)
        .join(DocumentRecording, DocumentRecording.recording_id == Recording.id)
        .where(DocumentRecording.document_id == document_id)
    )
    return make_timing(length, turns, points, duration)


def turn_ranges(session: Session, document_id: int) -> list[tuple[int, int]]:
    rows = session.execute(
        select(Turn.start, Turn.end).where(Turn.document_id == document_id).order_by(Turn.start)
    )
    return [(start, end) for start, end in rows]


def sentence_units(session: Session, document_id: int, timing: Timing) -> list[TimedUnit]:
    rows = session.execute(
        select(Sentence.start, Sentence.end)
        .where(Sentence.document_id == document_id)
        .order_by(Sentence.start)
    )
    return timed_units(timing, [(start, end) for start, end in rows])


def clock(time_ms: int, *, tenths: bool = False) -> str:
    """``hh:mm:ss`` (and a tenth of a second, f4transkript's ``-4``, when asked)."""
    seconds = time_ms // 1000
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{text}.{time_ms % 1000 // 100}" if tenths else text
