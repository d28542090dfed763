"""Readers hand over blocks (paragraphs, table rows, subtitle turns); this lays them out as
one normalised text of lines, each line remembering what its reader knew about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum

from reiscoder.parsing.normalise import normalise


class Kind(IntEnum):
    DETECT = 0  # look for a label at the start of each line
    TURN = 1  # a turn starts here; the reader knows speaker and timestamp
    CONTINUE = 2  # belongs to the turn before it, whatever it starts with
    HEADING = 3  # a heading of the document: a turn of its own, without speaker or label


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph as a reader found it; ``text`` may hold line breaks.

    For a TURN block, ``text[:content_offset]`` is the label and timestamp as they will be
    shown. For a DETECT block, ``bold_end`` is the length of a bold run at its start.
    """

    text: str
    kind: Kind = Kind.DETECT
    speaker: str | None = None
    timestamp_ms: int | None = None
    content_offset: int = 0
    bold_end: int = 0


@dataclass(slots=True)
class Line:
    """One line of the normalised text; ``start`` is its offset in that text."""

    start: int
    text: str
    kind: Kind = Kind.DETECT
    speaker: str | None = None
    timestamp_ms: int | None = None
    content_offset: int = 0
    bold_end: int = 0


class TextLines:
    """The lines of an already normalised text, split only at LF (unlike str.splitlines).

    Made one at a time each time it is iterated, so that a text of a million short lines
    never holds a million :class:`Line` objects at once.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __iter__(self) -> Iterator[Line]:
        text = self.text
        start = 0
        while (end := text.find("\n", start)) >= 0:
            yield Line(start, text[start:end])
            start = end + 1
        yield Line(start, text[start:])


def lines_of_text(text: str) -> TextLines:
    """The lines of ``text``, as :class:`TextLines`: iterable as often as needed."""
    return TextLines(text)


def assemble(blocks: list[Block]) -> tuple[str, list[Line]]:
    """Normalise every block, join them with LF, and return the text and its lines."""
    pieces: list[str] = []
    lines: list[Line] = []
    offset = 0
    for number, block in enumerate(blocks):
        if number:
            pieces.append("\n")
            offset += 1
        cut = block.content_offset if block.kind is Kind.TURN else block.bold_end
        head = normalise(block.text[:cut]) if cut else ""
        body = normalise(block.text[cut:])
        text = head + body
        pieces.append(text)
        first = True
        for piece in text.split("\n"):
            line = Line(offset, piece, block.kind)
            if first:
                line.speaker = block.speaker
                line.timestamp_ms = block.timestamp_ms
                line.content_offset = len(head) if block.kind is Kind.TURN else 0
                line.bold_end = len(head) if block.kind is Kind.DETECT else 0
            elif block.kind in (Kind.TURN, Kind.HEADING):
                line.kind = Kind.CONTINUE
            lines.append(line)
            offset += len(piece) + 1
            first = False
        offset -= 1
    return "".join(pieces), lines


def block_starts(blocks: list[Block]) -> list[int]:
    """Where each block begins in the text :func:`assemble` makes of them."""
    starts, offset = [], 0
    for block in blocks:
        starts.append(offset)
        cut = block.content_offset if block.kind is Kind.TURN else block.bold_end
        head = normalise(block.text[:cut]) if cut else ""
        offset += len(head) + len(normalise(block.text[cut:])) + 1
    return starts


@dataclass
class Extracted:
    """What a reader found: either blocks, or (for plain text) one text to read line by line."""

    blocks: list[Block] = field(default_factory=list)
    text: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    # (block index, offset in the block's normalised text, milliseconds): moments inside blocks
    sync_points: list[tuple[int, int, int]] = field(default_factory=list)
