"""Small pieces the list panels share: colour swatches, quiet labels, menus that stay open."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QMouseEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QStackedWidget, QWidget

SWATCH_SIZE = 12


@lru_cache(maxsize=256)
def swatch(color: str) -> QIcon:
    """A small rounded square in a code's colour."""
    pixmap = QPixmap(SWATCH_SIZE * 2, SWATCH_SIZE * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(color).darker(130))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, SWATCH_SIZE - 2, SWATCH_SIZE - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


def muted(label: QLabel) -> QLabel:
    """Secondary text (counts, hints) in the palette's quieter colour."""
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


def empty_state(text: str = "") -> QLabel:
    """The centred, wrapped hint shown where a list has nothing to show."""
    label = muted(QLabel(text))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMargin(24)
    return label


class ListOrHint(QStackedWidget):
    """Shows a list, or in its place a hint when the list is empty."""

    def __init__(self, view: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.hint = empty_state()
        self.addWidget(view)
        self.addWidget(self.hint)

    def show_list(self) -> None:
        self.setCurrentWidget(self.view)

    def show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.setCurrentWidget(self.hint)


class StickyMenu(QMenu):
    """A menu whose checkable items can be ticked one after another without it closing."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if action is not None and action.isCheckable() and event.key() in keys:
            action.trigger()
            return
        super().keyPressEvent(event)


class FocusWatcher(QObject):
    """Calls back when keyboard focus leaves a group of widgets (not when it moves inside)."""

    def __init__(self, container: QWidget, on_leave: Callable[[], None]) -> None:
        super().__init__(container)
        self._container = container
        self._on_leave = on_leave
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._inside(old) and not self._inside(new):
            self._on_leave()

    def _inside(self, widget: QWidget | None) -> bool:
        return widget is not None and (
            widget is self._container or self._container.isAncestorOf(widget)
        )
