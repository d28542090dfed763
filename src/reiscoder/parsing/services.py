"""Heading lines of transcripts from transcription services: a speaker and a time on a line of
their own, with the speech on the lines after it.

- Microsoft Teams (.docx): ``Fatima El Amrani   0:03`` (name, spaces or a tab, m:ss or h:mm:ss);
- Happy Scribe and Amberscript (.docx): ``00:00:03 Speaker 1`` or ``[00:00:03] - Spreker 1``;
- others: ``Spreker 1 (00:00:03)``, ``Spreker 1 [00:00:03]``.

Such a line counts only when the document has at least two of the same shape, each followed by
text; it then starts a turn like a label (``reiscoder.parsing.turns``), with its speaker and
its time. The text itself is kept exactly as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reiscoder.parsing.layout import Kind, Line

_TIME = r"(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)"
_NAME = r"(?P<name>[^\W\d_][\w'’.\- ]{0,58}?)"
SHAPES = (
    re.compile(rf"^[ \t]*{_NAME}(?:[ ]{{2,}}|\t+){_TIME}[ \t]*$"),  # Teams
    re.compile(rf"^[ \t]*\[?{_TIME}\]?[ \t]*(?:[-–][ \t]*)?{_NAME}[ \t]*:?[ \t]*$"),  # Happy Scribe
    re.compile(rf"^[ \t]*{_NAME}[ \t]*[\[(]{_TIME}[\])][ \t]*:?[ \t]*$"),
)
MIN_HEADINGS = 2


def service_headings(lines: Iterable[Line]) -> dict[int, tuple[str, int]]:
    """The heading lines of a service's layout: line index -> (speaker, milliseconds).

    One pass over the lines; each candidate waits for the next non-blank line to tell whether
    text follows it.
    """
    found: list[list[tuple[int, re.Match[str]]]] = [[] for _shape in SHAPES]
    waiting: list[tuple[int, re.Match[str]] | None] = [None for _shape in SHAPES]
    for index, line in enumerate(lines):
        if not line.text.strip():
            continue
        if any(waiting):
            text_follows = not any(shape.match(line.text) for shape in SHAPES)
            for number, candidate in enumerate(waiting):
                if candidate is not None and text_follows:
                    found[number].append(candidate)
                waiting[number] = None
        if line.kind is Kind.DETECT:
            for number, shape in enumerate(SHAPES):
                if match := shape.match(line.text):
                    waiting[number] = (index, match)
    for matches in found:
        if len(matches) >= MIN_HEADINGS:
            return {
                index: (" ".join(match.group("name").split()), _milliseconds(match.group("time")))
                for index, match in matches
            }
    return {}


def mark_headings(lines: Iterable[Line], headings: dict[int, tuple[str, int]]) -> Iterator[Line]:
    """The lines, with the heading lines of :func:`service_headings` marked as turn starts."""
    for index, line in enumerate(lines):
        heading = headings.get(index)
        if heading is not None:
            line.kind = Kind.TURN
            line.speaker, line.timestamp_ms = heading
            line.content_offset = len(line.text)
        yield line


def _milliseconds(text: str) -> int:
    clock, _sep, fraction = text.replace(",", ".").partition(".")
    parts = [int(p) for p in clock.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    hours, minutes, seconds = parts
    millis = int(fraction.ljust(3, "0")[:3]) if fraction else 0
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
