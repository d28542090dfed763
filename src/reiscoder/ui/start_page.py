"""What the window shows while no project is open: make one, open one, try the demo, or go
back to a recent project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _

MAX_SHOWN = 6
LINK_STYLE = (
    "QPushButton { border: none; color: #1f5f8b; text-align: left; padding: 2px 4px; }"
    "QPushButton:hover { text-decoration: underline; }"
)


class StartPage(QScrollArea):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(object)  # a Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        title = QLabel("reiscoder")
        title.setStyleSheet("font-size: 20pt; font-weight: 600; color: #1f3a56;")
        intro = QLabel(_("Qualitative coding of interview transcripts, offline and in Dutch."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #52606d;")
        self.new_button = self._choice(
            _("New project…"),
            _("A new project file, starting from a codebook of your choice."),
            self.new_requested,
        )
        self.open_button = self._choice(
            _("Open project…"), _("A project file (.reis) on this computer."), self.open_requested
        )
        self.demo_button = self._choice(
            _("Open the demo project"),
            _("Three coded interviews to try everything out."),
            self.demo_requested,
        )
        self.recent_title = QLabel(_("Recent projects"))
        self.recent_title.setStyleSheet("font-weight: 600; color: #3e4c59; margin-top: 12px;")
        self.recent_layout = QVBoxLayout()
        self.recent_layout.setSpacing(0)
        self.recent_buttons: list[QPushButton] = []
        column = QWidget()
        column.setMinimumWidth(360)
        column.setMaximumWidth(560)
        layout = QVBoxLayout(column)
        layout.setSpacing(8)
        for widget in (title, intro, self.new_button, self.open_button, self.demo_button):
            layout.addWidget(widget)
        layout.addWidget(self.recent_title)
        layout.addLayout(self.recent_layout)
        layout.addStretch(1)
        outer = QWidget()
        centre = QVBoxLayout(outer)
        centre.setContentsMargins(24, 32, 24, 24)
        centre.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(outer)
        self.set_recent([])

    def _choice(self, text: str, description: str, signal) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description)
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button

    def set_recent(self, paths: list[Path]) -> None:
        """List the recent projects that still exist, newest first."""
        for button in self.recent_buttons:
            self.recent_layout.removeWidget(button)
            button.deleteLater()
        self.recent_buttons = []
        for path in [p for p in paths if p.exists()][:MAX_SHOWN]:
            button = QPushButton(path.stem)
            button.setToolTip(str(path))
            button.setStyleSheet(LINK_STYLE)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, p=path: self.recent_requested.emit(p))
            self.recent_layout.addWidget(button)
            self.recent_buttons.append(button)
        self.recent_title.setVisible(bool(self.recent_buttons))
