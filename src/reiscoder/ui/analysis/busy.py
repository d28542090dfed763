"""A tab's busy state: "Computing…" over its results while its read runs, or what went wrong.

The options above stay usable: changing one asks for a newer read, which supersedes the one
that runs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from reiscoder.i18n import _


class BusyOverlay(QLabel):
    """Covers its parent (half transparent) while busy; the last results show through, and
    clicks on them (stale figures) are held off until the new ones are there."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(_("Computing…"), parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: rgba(255, 255, 255, 170); color: #2b2b2b; font-size: 15px; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        parent.installEventFilter(self)
        self.hide()

    def set_busy(self, busy: bool) -> None:
        if busy:
            self.setText(_("Computing…"))
            self._cover()
        else:
            self.hide()

    def show_error(self, message: str) -> None:
        self.setText(_("This could not be computed: {error}").format(error=message))
        self._cover()

    def _cover(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False
