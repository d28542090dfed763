"""What an import hands to the rest of the app: text, turns, and remarks."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class ParsedTranscript:
    text: str  # normalised: BOM stripped, CRLF/CR -> LF, NFC
    turns: list[ParsedTurn]  # in order, non-overlapping, covering all non-blank text
    source_format: str  # "txt", "md", "docx", "odt", "rtf", "pdf", "srt", "vtt"
    encoding: str | None = None  # the detected encoding of a plain-text file
    warnings: list[str] = field(default_factory=list)  # translated remarks for the user
    # Known moments inside the text: (position, milliseconds), from subtitle cues inside a
    # turn or the words of an automatic transcript. The turns' own times are in the turns.
    sync_points: list[tuple[int, int]] = field(default_factory=list)
