"""The central panel: the transcript of the current document (being built)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reiscoder.ui.workbench import Workbench


class TranscriptPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("…"))

    def coding_actions(self) -> list[QAction]:
        return []
