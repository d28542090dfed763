"""A play button for lists of passages (Coded segments, Search): plays just that passage."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

from reiscoder.i18n import _
from reiscoder.ui.workbench import Workbench

Passage = tuple[int, int, int]  # document id, start, end


def play_button(
    workbench: Workbench, current: Callable[[], Passage | None], parent: QWidget
) -> QToolButton:
    """A button (and its action, for context menus) that plays the current row's passage."""
    button = QToolButton(parent)
    button.setIcon(parent.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
    button.setText(_("Play"))
    button.setToolTip(_("Play this passage of the recording"))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)

    def play() -> None:
        passage = current()
        if passage is not None:
            workbench.play_requested.emit(*passage)

    button.clicked.connect(play)
    return button
