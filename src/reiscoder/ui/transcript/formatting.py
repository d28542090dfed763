"""Character formats of the transcript: speaker labels, timestamps and coding highlights.

Everything is applied in one pass over the pieces of text between coding boundaries, so a
document with a thousand codings formats in one go, and a new coding reformats only the
stretch it touches.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reiscoder.read.layers import coverage
from reiscoder.read.layout import Style, header_spans
from reiscoder.read.transcript import CodingView, TurnView
from reiscoder.ui.transcript.positions import Utf16Map

SPEAKER_COLOR = QColor("#1f3a56")
TIMESTAMP_COLOR = QColor("#7b8794")
LIGHTEN = {1: 0.72, 2: 0.60}  # more codings on a piece: a deeper tint, still readable
LIGHTEN_MORE = 0.50
LIGHTEN_SELECTED = 0.42


@cache
def tint(color: str, depth: int, *, selected: bool = False) -> QColor:
    """A code's colour lightened for use behind black text; deeper where codings overlap."""
    base = QColor(color)
    keep = LIGHTEN_SELECTED if selected else LIGHTEN.get(depth, LIGHTEN_MORE)
    return QColor(*(round(v + (255 - v) * keep) for v in (base.red(), base.green(), base.blue())))


class Formatter:
    """Applies formats to one document's QTextDocument, in code point positions."""

    def __init__(
        self, document: QTextDocument, text: str, turns: Sequence[TurnView], positions: Utf16Map
    ) -> None:
        self.document = document
        self.map = positions
        self.text = text
        self.turns = turns
        self.cursor = QTextCursor(document)

    def _cursor(self, start: int, end: int) -> QTextCursor:
        """The one cursor, spanning ``[start, end)``; changes made inside an edit block are
        laid out once, at its end."""
        self.cursor.setPosition(self.map.to_qt(start))
        self.cursor.setPosition(self.map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return self.cursor

    def format_turns(self) -> None:
        """Speaker labels bold and coloured, timestamps grey, a little space before a turn."""
        label = QTextCharFormat()
        label.setFontWeight(QFont.Weight.Bold)
        label.setForeground(QBrush(SPEAKER_COLOR))
        stamp = QTextCharFormat()
        stamp.setForeground(QBrush(TIMESTAMP_COLOR))
        stamp.setFontWeight(QFont.Weight.Normal)
        spacing = QTextBlockFormat()
        spacing.setTopMargin(6)
        self.cursor.beginEditBlock()
        for turn in self.turns:
            cursor = self._cursor(turn.start, turn.end)
            cursor.mergeBlockFormat(spacing)
        for span in header_spans(self.text, self.turns):
            style = stamp if span.style is Style.STAMP else label
            self._cursor(span.start, span.end).mergeCharFormat(style)
        self.cursor.endEditBlock()

    def paint_codings(
        self,
        codings: Sequence[CodingView],
        lo: int = 0,
        hi: int | None = None,
        selected: int | None = None,
    ) -> None:
        """(Re)tint ``[lo, hi)``: clear its backgrounds, then one format per piece."""
        hi = len(self.text) if hi is None else hi
        if lo >= hi:
            return
        self.cursor.beginEditBlock()
        clear = QTextCharFormat()
        clear.setBackground(QBrush())
        clear.setUnderlineStyle(QTextCharFormat.UnderlineStyle.NoUnderline)
        self._cursor(lo, hi).mergeCharFormat(clear)
        by_id = {c.id: c for c in codings}
        for start, end, ids in coverage(codings, lo, hi):
            # The innermost (shortest) coding gives the hue, so overlaps keep recognisable
            # colours instead of a grey mixture; a dotted underline marks the overlap.
            covering = sorted((by_id[i] for i in ids), key=lambda c: (c.end - c.start, c.id))
            piece = QTextCharFormat()
            piece.setBackground(QBrush(tint(covering[0].color, len(ids), selected=selected in ids)))
            if len(covering) > 1:
                piece.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                piece.setUnderlineColor(QColor(covering[1].color))
            self._cursor(start, end).mergeCharFormat(piece)
        self.cursor.endEditBlock()
