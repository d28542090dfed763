"""The work done in segmentation worker processes: pure, picklable, and free of the database
layer, so that a worker starts with nothing but the Dutch pipeline loaded.

Memory stays in proportion to the text: the turns go to the pipeline a group of about
:data:`GROUP_CHARS` characters at a time (a worker gets one group, with only its text, as a
part job; the sentences are written part by part), and a turn longer than
:data:`PIECE_CHARS` (a whole book on one line) a piece at a time: each piece ends at a space,
its last sentence (which the cut may have shortened) is dropped, and the next piece starts
where that sentence did. So the sentences are those of the whole turn, unless one sentence
alone is longer than a piece.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

PIECE_CHARS = 100_000
GROUP_CHARS = 50_000
_SPACE = re.compile(r"\s")


class TurnRanges(Sequence[tuple[int, int, int]]):
    """(turn id, content start, end) of a document's turns, as three columns of integers."""

    def __init__(self) -> None:
        self.ids, self.starts, self.ends = array("q"), array("i"), array("i")  # texts < 2 GB

    @classmethod
    def of(cls, rows: Iterable[tuple[int, int, int]]) -> TurnRanges:
        ranges = cls()
        for turn, start, end in rows:
            ranges.ids.append(turn)
            ranges.starts.append(start)
            ranges.ends.append(end)
        return ranges

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> tuple[int, int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int, int] | list[tuple[int, int, int]]:
        if isinstance(index, slice):
            return list(zip(self.ids[index], self.starts[index], self.ends[index], strict=True))
        return self.ids[index], self.starts[index], self.ends[index]

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        return zip(self.ids, self.starts, self.ends, strict=True)


@dataclass(frozen=True)
class SegmentationJob:
    """The text and turns to split into sentences: a whole document, or one part of it.

    ``text`` is the document's text from position ``offset`` on; the turns' positions are
    those of the whole document, so a part carries only its own stretch of text.
    """

    document_id: int
    text: str
    turns: Sequence[tuple[int, int, int]]  # (turn id, content_start, end)
    offset: int = 0

    @property
    def long(self) -> bool:
        """One turn longer than a piece: computed piece by piece, where it is written."""
        return len(self.turns) == 1 and self.turns[0][2] - self.turns[0][1] > PIECE_CHARS


@dataclass(frozen=True)
class SegmentationResult:
    """The sentences of a document (or of a part of it) as columns (a few bytes a sentence
    besides its lemmas: a transcript of a million lines has a million sentences)."""

    document_id: int
    pipeline: str
    turn_ids: array[int] = field(default_factory=lambda: array("q"))
    starts: array[int] = field(default_factory=lambda: array("i"))
    ends: array[int] = field(default_factory=lambda: array("i"))
    lemmas: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def rows(self, first: int = 0, last: int | None = None) -> list[tuple[int, int, int, str]]:
        """(turn id, start, end, lemmas) of sentences ``first`` up to ``last``."""
        part = slice(first, last)
        return list(
            zip(
                self.turn_ids[part],
                self.starts[part],
                self.ends[part],
                self.lemmas[part],
                strict=True,
            )
        )

    @property
    def sentences(self) -> list[tuple[int, int, int, str]]:
        return self.rows()

    def add(self, rows: Iterable[tuple[int, int, int, str]]) -> None:
        for turn, start, end, lemmas in rows:
            self.turn_ids.append(turn)
            self.starts.append(start)
            self.ends.append(end)
            self.lemmas.append(lemmas)

    def extend(self, other: SegmentationResult) -> None:
        self.turn_ids.extend(other.turn_ids)
        self.starts.extend(other.starts)
        self.ends.extend(other.ends)
        self.lemmas.extend(other.lemmas)


def compute_sentences(job: SegmentationJob) -> SegmentationResult:
    """All sentences of ``job`` at once (what a worker process returns)."""
    parts = sentence_parts(job)
    result = next(parts)
    for part in parts:
        result.extend(part)
    return result


def sentence_parts(job: SegmentationJob) -> Iterator[SegmentationResult]:
    """The sentences of ``job`` a group of turns (or a piece of a long turn) at a time, so
    that they can be written as they come; at least one result, perhaps empty."""
    from reiscoder.nlp import pipeline_name  # spaCy only where it is used

    name = pipeline_name()
    yield SegmentationResult(job.document_id, name)
    for group in _groups(job.turns):
        if len(group) == 1 and group[0][2] - group[0][1] > PIECE_CHARS:
            for rows in _long_turn(job, *group[0]):
                yield _result(job.document_id, name, rows)
            continue
        ranges = [(start - job.offset, end - job.offset) for _turn, start, end in group]
        turn_ids = [turn for turn, _start, _end in group]
        spans = _spans(job.text, ranges)
        yield _result(job.document_id, name, _assign_turns(spans, ranges, turn_ids, job.offset))


def part_jobs(job: SegmentationJob) -> Iterator[SegmentationJob]:
    """``job`` as parts of about GROUP_CHARS characters, each holding only its own text (at
    least one part, so that an empty document is finished too)."""
    any_part = False
    for group in _groups(job.turns):
        first, last = group[0][1], group[-1][2]
        text = job.text[first - job.offset : last - job.offset]
        any_part = True
        yield SegmentationJob(job.document_id, text, group, offset=first)
    if not any_part:
        yield SegmentationJob(job.document_id, "", [])


def _result(
    document_id: int, name: str, rows: Iterable[tuple[int, int, int, str]]
) -> SegmentationResult:
    result = SegmentationResult(document_id, name)
    result.add(rows)
    return result


def _spans(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    from reiscoder.nlp import segment_turns

    return [(s.start, s.end, s.lemmas) for s in segment_turns(text, ranges)]


def _long_turn(
    job: SegmentationJob, turn: int, start: int, end: int
) -> Iterator[list[tuple[int, int, int, str]]]:
    """The sentences of one long turn, a piece at a time (positions of the document)."""
    text, offset = job.text, job.offset
    start, end = start - offset, end - offset
    while end - start > PIECE_CHARS:
        cut = _cut(text, start, start + PIECE_CHARS)
        spans = _spans(text, [(start, cut)])
        if len(spans) > 1 and spans[-1][0] > start:
            spans, start = spans[:-1], spans[-1][0]
        else:
            start = cut
        yield [(turn, s + offset, e + offset, lemmas) for s, e, lemmas in spans]
    yield [(turn, s + offset, e + offset, lemmas) for s, e, lemmas in _spans(text, [(start, end)])]


def _cut(text: str, start: int, limit: int) -> int:
    """Where a piece of ``text[start:limit]`` ends: the last space in its second half, or
    ``limit`` (a "word" of a hundred thousand characters)."""
    half = start + (limit - start) // 2
    space = _last(_SPACE.finditer(text, half, limit))
    return space.start() if space is not None and space.start() > half else limit


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        continue
    return found


def _groups(turns: Sequence[tuple[int, int, int]]) -> Iterator[list[tuple[int, int, int]]]:
    """The non-empty turns, a group of about GROUP_CHARS characters at a time; a turn longer
    than a piece is a group of its own."""
    group: list[tuple[int, int, int]] = []
    size = 0
    for turn in turns:
        length = turn[2] - turn[1]
        if length <= 0:
            continue
        if length > PIECE_CHARS and group:
            yield group
            group, size = [], 0
        group.append(turn)
        size += length
        if size >= GROUP_CHARS or length > PIECE_CHARS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _assign_turns(
    spans: Sequence[tuple[int, int, str]],
    ranges: list[tuple[int, int]],
    turn_ids: list[int],
    offset: int,
) -> list[tuple[int, int, int, str]]:
    rows, index = [], 0
    for start, end, lemmas in spans:
        while index < len(ranges) - 1 and start >= ranges[index][1]:
            index += 1
        rows.append((turn_ids[index], start + offset, end + offset, lemmas))
    return rows
