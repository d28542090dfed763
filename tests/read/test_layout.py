"""One layout of turn headers for the screen and the Word transcript."""

from __future__ import annotations

from reiscoder.read.layout import HeaderSpan, Style, header_spans
from reiscoder.read.transcript import TurnView


def _turn(start: int, content_start: int, end: int) -> TurnView:
    return TurnView(
        id=1, start=start, content_start=content_start, end=end, speaker="", timestamp_ms=None
    )


def test_a_header_is_cut_into_label_and_timestamp():
    text = "[00:12:05] Fatima: Ja.\nFatima (12:07): Nee.\nZonder label."
    second = text.index("Fatima (")
    turns = [_turn(0, text.index("Ja."), second - 1), _turn(second, text.index("Nee."), len(text))]

    spans = header_spans(text, turns)

    assert [(text[s.start : s.end], s.style) for s in spans] == [
        ("[00:12:05] ", Style.STAMP),
        ("Fatima: ", Style.LABEL),
        ("Fatima ", Style.LABEL),
        ("(12:07)", Style.STAMP),
        (": ", Style.LABEL),
    ]
    assert all(isinstance(s, HeaderSpan) for s in spans)


def test_a_turn_without_header_has_no_spans():
    assert header_spans("Gewoon tekst.", [_turn(0, 0, 13)]) == []
