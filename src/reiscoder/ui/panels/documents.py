"""The Documents panel (placeholder until its issue work lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reiscoder.ui.workbench import Workbench


class DocumentsPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("…"))

    def choose_files_to_import(self) -> None:
        pass
