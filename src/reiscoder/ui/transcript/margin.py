"""Coloured brackets beside the transcript, one per coding, with code names (as ATLAS.ti and
MAXQDA show them). Hover names the code and coder; a click on a bracket or its label selects
the coding.

The margin's width follows the editor's width only, never the codings: the text beside it
does not re-wrap when a first coding or a deeper level of nesting appears (a click would then
land on another sentence than the one the user aimed at). Nesting deeper than ``MAX_COLUMNS``
shares the last column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import QToolTip, QWidget

from reiscoder.i18n import _
from reiscoder.read.layers import assign_columns
from reiscoder.read.transcript import CodingView
from reiscoder.ui.transcript.editor import TranscriptEdit

COLUMN_WIDTH = 9
LEFT = 10
LABEL_WIDTH = 170
MAX_COLUMNS = 6
WIDTH = LEFT + COLUMN_WIDTH * MAX_COLUMNS + 4 + LABEL_WIDTH  # room for the code names
MIN_WIDTH = 110
SHARE = 0.38  # of a narrow editor (a small screen, large fonts), so the text keeps its room


def margin_width(editor_width: int) -> int:
    """The margin's width beside an editor this wide: the same whatever is coded."""
    return max(MIN_WIDTH, min(WIDTH, round(editor_width * SHARE)))


class Bracket(NamedTuple):
    coding: CodingView
    column: int
    top: int  # document coordinates
    bottom: int


class CodingMargin(QWidget):
    coding_clicked = Signal(int)

    def __init__(self, editor: TranscriptEdit) -> None:
        super().__init__(editor)  # lives in the editor, between its text and its scroll bar
        self.editor = editor
        self.codings: list[CodingView] = []
        self.columns: dict[int, int] = {}
        self.selected: int | None = None
        self._brackets: list[Bracket] | None = None
        self._extents: dict[tuple[int, int], tuple[int, int]] = {}  # (start, end) -> (top, bottom)
        self.setMouseTracking(True)
        font = self.font()
        font.setPointSizeF(max(8.0, font.pointSizeF() - 1.5))
        self.setFont(font)
        self._reserve(margin_width(editor.width()))  # before any coding is shown
        editor.verticalScrollBar().valueChanged.connect(self.update)
        editor.document().documentLayout().documentSizeChanged.connect(self.invalidate)

    def set_codings(self, codings: Sequence[CodingView]) -> None:
        self.codings = list(codings)
        columns = assign_columns(self.codings)
        self.columns = {key: min(column, MAX_COLUMNS - 1) for key, column in columns.items()}
        self.place()
        self._brackets = None
        self.update()

    def place(self) -> None:
        """Sit right of the editor's viewport, as tall as it (the editor was resized)."""
        width = margin_width(self.editor.width())
        if width != self.width():
            self._reserve(width)
        viewport = self.editor.viewport().geometry()
        self.setGeometry(viewport.right() + 1, viewport.top(), self.width(), viewport.height())

    def _reserve(self, width: int) -> None:
        self.setFixedWidth(width)
        self.editor.setViewportMargins(0, 0, width, 0)

    def set_selected(self, coding_id: int | None) -> None:
        self.selected = coding_id
        self.update()

    def invalidate(self, *_args: object) -> None:
        """The text's layout changed: every bracket must be measured again."""
        self._extents.clear()
        self._brackets = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self.width(), 200)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.invalidate()

    # -- geometry ----------------------------------------------------------------------------

    def brackets(self) -> list[Bracket]:
        """Every coding's bracket (measuring all of them costs a few milliseconds)."""
        if self._brackets is None:
            self._brackets = [self._bracket(c) for c in self.codings]
        return self._brackets

    def visible_brackets(self) -> list[Bracket]:
        """The brackets of the codings that reach into the visible part of the text."""
        first, last = self._visible_range()
        return [self._bracket(c) for c in self.codings if c.start <= last and c.end >= first]

    def _bracket(self, coding: CodingView) -> Bracket:
        return Bracket(coding, self.columns[coding.id], *self._vertical_extent(coding))

    def _visible_range(self) -> tuple[int, int]:
        viewport = self.editor.viewport().rect()
        top = self.editor.cursorForPosition(viewport.topLeft()).position()
        bottom = self.editor.cursorForPosition(viewport.bottomRight()).position()
        return self.editor.map.from_qt(top), self.editor.map.from_qt(bottom) + 1

    def _vertical_extent(self, coding: CodingView) -> tuple[int, int]:
        key = (coding.start, coding.end)
        if key not in self._extents:
            self._extents[key] = self._measure(coding)
        return self._extents[key]

    def _measure(self, coding: CodingView) -> tuple[int, int]:
        offset = self.editor.verticalScrollBar().value()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self.editor.map.to_qt(coding.start))
        top = self.editor.cursorRect(cursor).top() + offset
        cursor.setPosition(self.editor.map.to_qt(max(coding.start, coding.end - 1)))
        bottom = self.editor.cursorRect(cursor).bottom() + offset
        return top, max(bottom, top + 4)

    def _x(self, column: int) -> int:
        return LEFT + column * COLUMN_WIDTH

    def bracket_at(self, point: QPoint) -> Bracket | None:
        """The bracket, or the code name beside it, under ``point`` (margin coordinates)."""
        y = point.y() + self.editor.verticalScrollBar().value()
        visible = self.visible_brackets()
        hits = [
            b
            for b in visible
            if b.top <= y <= b.bottom and abs(point.x() - self._x(b.column)) <= COLUMN_WIDTH // 2
        ]
        if not hits:
            return next((b for rect, b in self.labels(visible) if rect.contains(point)), None)
        return min(hits, key=lambda b: b.bottom - b.top)

    def labels(self, visible: list[Bracket] | None = None) -> list[tuple[QRect, Bracket]]:
        """Where each visible bracket's code name is drawn: the first free line within the
        bracket (margin coordinates; a bracket without room has no label)."""
        offset = self.editor.verticalScrollBar().value()
        height = QFontMetrics(self.font()).height()
        x = LEFT + COLUMN_WIDTH * (max(self.columns.values(), default=-1) + 1) + 4
        width = self.width() - x - 4
        placed: list[tuple[QRect, Bracket]] = []
        brackets = self.visible_brackets() if visible is None else visible
        for bracket in sorted(brackets, key=lambda b: (b.top, b.column)):
            if bracket.bottom < offset or bracket.top > offset + self.height():
                continue
            top = bracket.top - offset
            while any(top < r.bottom() + 1 and r.top() < top + height for r, _b in placed):
                top += height
            if top + height <= bracket.bottom - offset + 2:
                placed.append((QRect(x, top, width, height), bracket))
        return placed

    # -- Qt API ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        offset = self.editor.verticalScrollBar().value()
        visible = self.visible_brackets()
        for bracket in visible:
            if bracket.bottom >= offset and bracket.top <= offset + self.height():
                self._draw_bracket(painter, bracket, offset)
        metrics = QFontMetrics(self.font())
        for rect, bracket in self.labels(visible):
            painter.setPen(QColor(bracket.coding.color).darker(160))
            name = bracket.coding.code_name
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, text)
        painter.end()

    def _draw_bracket(self, painter: QPainter, bracket: Bracket, offset: int) -> None:
        color = QColor(bracket.coding.color)
        width = 4 if bracket.coding.id == self.selected else 2
        painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        x, top, bottom = (
            self._x(bracket.column),
            bracket.top - offset + 2,
            bracket.bottom - offset - 2,
        )
        painter.drawLine(x, top, x, bottom)
        painter.drawLine(x - 4, top, x, top)
        painter.drawLine(x - 4, bottom, x, bottom)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bracket = self.bracket_at(event.position().toPoint())
        if bracket is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        coding = bracket.coding
        tip = _("{code}\ncoded by {coder}").format(code=coding.code_path, coder=coding.coder_name)
        if coding.memo:
            tip += "\n" + _("Memo: {text}").format(text=coding.memo[:200])
        QToolTip.showText(event.globalPosition().toPoint(), tip, self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        bracket = self.bracket_at(event.position().toPoint())
        if bracket is not None and event.button() == Qt.MouseButton.LeftButton:
            self.coding_clicked.emit(bracket.coding.id)
