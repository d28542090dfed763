"""Following along: the turn (and the sentence, where its time is known) being spoken is
highlighted in the transcript, and the view keeps it in sight.

The highlight is an extra selection of the text edit: it leaves the coding colours alone and
costs nothing to move. Only a change of turn or sentence touches the widget, so following a
long recording at the player's pace is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from reiscoder.read.timing import TimedUnit, unit_at_time
from reiscoder.ui.transcript.positions import Utf16Map

TURN_COLOR = QColor("#eef4fb")
SENTENCE_COLOR = QColor("#fde68a")


class FollowAlong:
    def __init__(self, editor: QTextEdit) -> None:
        self.editor = editor
        self.turns: list[TimedUnit] = []
        self.sentences: list[TimedUnit] = []
        self.keep_in_view = True
        self.current: tuple[int | None, int | None] = (None, None)

    def set_units(self, turns: Sequence[TimedUnit], sentences: Sequence[TimedUnit]) -> None:
        self.turns = list(turns)
        self.sentences = [s for s in sentences if s.exact]  # only where the time is known
        self.clear()

    def clear(self) -> None:
        self.current = (None, None)
        self.editor.setExtraSelections([])

    @property
    def map(self) -> Utf16Map:
        return self.editor.map  # type: ignore[attr-defined]

    def follow(self, time_ms: int) -> tuple[int | None, int | None]:
        """Highlight what is spoken at ``time_ms``; returns (turn index, sentence index)."""
        turn = unit_at_time(self.turns, time_ms)
        sentence = unit_at_time(self.sentences, time_ms) if self.sentences else None
        if sentence is not None and turn is not None:
            unit = self.sentences[sentence]
            if not self.turns[turn].start <= unit.start < self.turns[turn].end:
                sentence = None  # the sentence's turn is not the one being spoken
        if (turn, sentence) != self.current:
            self.current = (turn, sentence)
            self._paint()
        return self.current

    def _paint(self) -> None:
        turn, sentence = self.current
        selections = []
        if turn is not None:
            selections.append(self._selection(self.turns[turn], TURN_COLOR, whole_lines=True))
        if sentence is not None:
            selections.append(self._selection(self.sentences[sentence], SENTENCE_COLOR))
        self.editor.setExtraSelections(selections)
        if self.keep_in_view and turn is not None:
            self._show(self.turns[turn] if sentence is None else self.sentences[sentence])

    def _selection(self, unit: TimedUnit, color: QColor, *, whole_lines: bool = False):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self.map.to_qt(unit.start))
        cursor.setPosition(self.map.to_qt(unit.end), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if whole_lines:
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _show(self, unit: TimedUnit) -> None:
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self.map.to_qt(unit.start))
        rect = self.editor.cursorRect(cursor)
        viewport = self.editor.viewport().rect()
        if not viewport.adjusted(0, 20, 0, -40).contains(rect.center()):
            bar = self.editor.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - viewport.height() // 3)
