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

from reiscoder.parsing.layout import Kind, Line

_TIME = r"(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)"
_NAME = r"(?P<name>[^\W\d_][\w'’.\- ]{0,58}?)"
SHAPES = (
    re.compile(rf"^[ \t]*{_NAME}(?:[ ]{{2,}}|\t+){_TIME}[ \t]*$"),  # Teams
    re.compile(rf"^[ \t]*\[?{_TIME}\]?[ \t]*(?:[-–][ \t]*)?{_NAME}[ \t]*:?[ \t]*$"),  # Happy Scribe
    re.compile(rf"^[ \t]*{_NAME}[ \t]*[\[(]{_TIME}[\])][ \t]*:?[ \t]*$"),
)
MIN_HEADINGS = 2


def mark_service_headings(lines: list[Line]) -> None:
    """Mark the heading lines of a service's layout as turn starts (in place)."""
    for shape in SHAPES:
        found = []
        for index, line in enumerate(lines):
            if line.kind is not Kind.DETECT:
                continue
            match = shape.match(line.text)
            if match and _text_follows(lines, index):
                found.append((index, match))
        if len(found) >= MIN_HEADINGS:
            for index, match in found:
                line = lines[index]
                line.kind = Kind.TURN
                line.speaker = " ".join(match.group("name").split())
                line.timestamp_ms = _milliseconds(match.group("time"))
                line.content_offset = len(line.text)
            return


def _text_follows(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 :]:
        if line.text.strip():
            return not any(shape.match(line.text) for shape in SHAPES)
    return False


def _milliseconds(text: str) -> int:
    clock, _sep, fraction = text.replace(",", ".").partition(".")
    parts = [int(p) for p in clock.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    hours, minutes, seconds = parts
    millis = int(fraction.ljust(3, "0")[:3]) if fraction else 0
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis
