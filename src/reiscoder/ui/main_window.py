"""The main window (the coding workbench grows here)."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from reiscoder.i18n import _
from reiscoder.model.project import Project
from reiscoder.queries import summary


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.summary_label = QLabel(_("No project is open."))
        self.summary_label.setMargin(24)
        self.setCentralWidget(self.summary_label)
        self.resize(1200, 800)
        self.setWindowTitle("reiscoder")

    def open_project(self, project: Project) -> None:
        self.close_project()
        self.project = project
        self.setWindowTitle(f"{project.name} — reiscoder")
        with project.reader() as session:
            facts = summary(session)
        self.summary_label.setText(
            _("{documents} documents, {codes} codes, {codings} codings").format(
                documents=facts.documents, codes=facts.codes, codings=facts.codings
            )
        )

    def close_project(self) -> None:
        if self.project is not None:
            self.project.close()
            self.project = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_project()
        super().closeEvent(event)
