"""How a transcript is laid out for reading, for the screen and for Word alike.

A turn's header (``start``..``content_start``) holds the speaker label and perhaps a
timestamp; :func:`header_spans` cuts it into the pieces that are styled differently, so the
transcript panel and the annotated Word transcript mark exactly the same characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reiscoder.read.transcript import TurnView

# A timestamp as it may stand in a header: 12:05, 1:02:03, [00:12:05.250], (12:05,3), with
# the dash that may follow it ("00:12:05 - Fatima:").
TIMESTAMP = re.compile(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s*-?")


class Style(StrEnum):
    LABEL = "label"  # the speaker label and the punctuation around it
    STAMP = "stamp"  # a timestamp in the header


@dataclass(frozen=True, slots=True)
class HeaderSpan:
    start: int
    end: int
    style: Style


def header_spans(text: str, turns: Sequence[TurnView]) -> list[HeaderSpan]:
    """The styled pieces of every turn header, in text order, without gaps inside a header."""
    spans: list[HeaderSpan] = []
    for turn in turns:
        if turn.content_start <= turn.start:
            continue
        position = turn.start
        for match in TIMESTAMP.finditer(text, turn.start, turn.content_start):
            if match.start() > position:
                spans.append(HeaderSpan(position, match.start(), Style.LABEL))
            spans.append(HeaderSpan(match.start(), match.end(), Style.STAMP))
            position = match.end()
        if position < turn.content_start:
            spans.append(HeaderSpan(position, turn.content_start, Style.LABEL))
    return spans
