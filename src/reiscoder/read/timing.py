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
from functools import cached_property
from typing import NamedTuple

from sqlalchemy.orm import Session

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


@dataclass(frozen=True)  # not slotted: ms_per_char is cached on the instance
class Timing:
    anchors: tuple[Anchor, ...]
    length: int
    duration_ms: int | None = None

    @property
    def known(self) -> bool:
        return bool(self.anchors) or bool(self.duration_ms)

    @cached_property
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
    tail_times: list[int] = []
    previous = [-1] * len(points)
    for index, point in enumerate(points):
        k = bisect.bisect_right(tail_times, point.time_ms)
        previous[index] = tails[k - 1] if k else -1
        if k == len(tails):
            tails.append(index)
            tail_times.append(point.time_ms)
        else:
            tails[k] = index
            tail_times[k] = point.time_ms
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


@dataclass(frozen=True)
class TimingSource:
    """What a document's times are made of, read once: recomputing times is then cheap."""

    length: int
    turns: tuple[TurnSpan, ...]
    sync_points: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    duration_ms: int | None

    def timing(self, duration_ms: int | None = None) -> Timing:
        duration = duration_ms or self.duration_ms
        return make_timing(self.length, self.turns, self.sync_points, duration)


def timing_source(session: Session, document_id: int) -> TimingSource:
    """Plain rows (a long transcript has thousands of sentences), read without the ORM."""
    connection = session.connection()
    key = (document_id,)
    length = connection.exec_driver_sql(
        "SELECT text_length FROM documents WHERE id = ?", key
    ).scalar()
    turns = connection.exec_driver_sql(
        "SELECT start, content_start, timestamp_ms FROM turns WHERE document_id = ? ORDER BY start",
        key,
    ).fetchall()
    points = connection.exec_driver_sql(
        "SELECT position, time_ms FROM sync_points WHERE document_id = ?", key
    ).fetchall()
    sentences = connection.exec_driver_sql(
        'SELECT start, "end" FROM sentences WHERE document_id = ? ORDER BY start', key
    ).fetchall()
    duration = connection.exec_driver_sql(
        "SELECT r.duration_ms FROM recordings r JOIN document_recordings l"
        " ON l.recording_id = r.id WHERE l.document_id = ?",
        key,
    ).scalar()
    return TimingSource(
        length or 0,
        tuple(TurnSpan(*row) for row in turns),
        tuple((p, t) for p, t in points),
        tuple((a, b) for a, b in sentences),
        duration,
    )


def timed_documents(session: Session) -> set[int]:
    """Documents whose times are more than their turns' timestamps: a recording or sync points."""
    rows = session.connection().exec_driver_sql(
        "SELECT document_id FROM document_recordings UNION SELECT document_id FROM sync_points"
    )
    return {document_id for (document_id,) in rows}


def document_timing(session: Session, document_id: int) -> Timing:
    return timing_source(session, document_id).timing()


def sentence_units(session: Session, document_id: int, timing: Timing) -> list[TimedUnit]:
    return timed_units(timing, timing_source(session, document_id).sentences)


def clock(time_ms: int, *, tenths: bool = False) -> str:
    """``hh:mm:ss`` (and a tenth of a second, f4transkript's ``-4``, when asked)."""
    seconds = time_ms // 1000
    text = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    return f"{text}.{time_ms % 1000 // 100}" if tenths else text
