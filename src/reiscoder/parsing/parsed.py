"""What an import hands to the rest of the app: text, turns, and remarks."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload


@dataclass(frozen=True, slots=True)
class ParsedTurn:
    """One speaker turn; half-open code point offsets into ``ParsedTranscript.text``.

    ``start``..``end`` includes the label and timestamp; the spoken text begins at
    ``content_start`` (start <= content_start <= end).
    """

    start: int
    content_start: int
    end: int
    speaker: str | None  # the label as written: "Interviewer", "R", "Fatima"; None: no label
    timestamp_ms: int | None


class TurnColumns(Sequence[ParsedTurn]):
    """The turns of a transcript kept column-wise: a few bytes per turn instead of objects.

    A transcript of a million short lines has a million turns; holding each as a ParsedTurn
    with its int objects costs many times the text. Here every offset is a machine integer in
    an array and a speaker an index into the few distinct labels; a :class:`ParsedTurn` is made
    when one is asked for (indexing or iterating).
    """

    __slots__ = ("_content", "_end", "_index", "_speaker", "_speakers", "_start", "_time")

    def __init__(self, turns: Sequence[ParsedTurn] = ()) -> None:
        # Offsets fit in 32 bits: a text is at most 64 MB (parsing/limits.py).
        self._start = array("i")
        self._content = array("i")
        self._end = array("i")
        self._time = array("q")  # -1: no timestamp
        self._speaker = array("i")  # -1: no speaker, else an index into _speakers
        self._speakers: list[str] = []
        self._index: dict[str, int] = {}
        for turn in turns:
            self.append(turn.start, turn.content_start, turn.end, turn.speaker, turn.timestamp_ms)

    def append(
        self,
        start: int,
        content_start: int,
        end: int,
        speaker: str | None,
        timestamp_ms: int | None,
    ) -> None:
        self._start.append(start)
        self._content.append(content_start)
        self._end.append(end)
        self._time.append(-1 if timestamp_ms is None else timestamp_ms)
        if speaker is None:
            self._speaker.append(-1)
            return
        index = self._index.get(speaker)
        if index is None:
            index = self._index[speaker] = len(self._speakers)
            self._speakers.append(speaker)
        self._speaker.append(index)

    def __len__(self) -> int:
        return len(self._start)

    @overload
    def __getitem__(self, index: int) -> ParsedTurn: ...
    @overload
    def __getitem__(self, index: slice) -> list[ParsedTurn]: ...
    def __getitem__(self, index: int | slice) -> ParsedTurn | list[ParsedTurn]:
        if isinstance(index, slice):
            return [self._turn(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("turn index out of range")
        return self._turn(index)

    def __iter__(self) -> Iterator[ParsedTurn]:
        for index in range(len(self)):
            yield self._turn(index)

    def _turn(self, index: int) -> ParsedTurn:
        speaker = self._speaker[index]
        time = self._time[index]
        return ParsedTurn(
            self._start[index],
            self._content[index],
            self._end[index],
            None if speaker < 0 else self._speakers[speaker],
            None if time < 0 else time,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TurnColumns({list(self)!r})"


@dataclass(frozen=True)
class ParsedTranscript:
    text: str  # normalised: BOM stripped, CRLF/CR -> LF, NFC
    # in order, non-overlapping, covering all non-blank text; a TurnColumns from the parser
    turns: Sequence[ParsedTurn]
    source_format: str  # "txt", "md", "docx", "odt", "rtf", "pdf", "srt", "vtt"
    encoding: str | None = None  # the detected encoding of a plain-text file
    warnings: list[str] = field(default_factory=list)  # translated remarks for the user
    # Known moments inside the text: (position, milliseconds), from subtitle cues inside a
    # turn or the words of an automatic transcript. The turns' own times are in the turns.
    sync_points: list[tuple[int, int]] = field(default_factory=list)
