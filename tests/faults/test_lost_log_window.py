"""In the window: a project whose write-ahead log was lost says so on opening, and the check
dialog lists it as a problem (never "in orde") whose repair only removes the notice."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reiscoder.ui.backups import CheckDialog
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.settings import Settings
from tests.factories import add_document, new_project
from tests.faults.test_lost_log import MISSING, crash_while_coding


def test_the_window_says_recent_changes_are_missing(qtbot, tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        add_document(session, "Interview 1")
    crash_while_coding(path, "delete")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.coder_name = "Anna de Vries"
    window = MainWindow(settings)
    qtbot.addWidget(window)

    notes: list[str] = []

    def close_notes() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                notes.append(widget.text())
                widget.accept()

    watcher = QTimer()
    watcher.timeout.connect(close_notes)
    watcher.start(20)
    try:
        assert window.open_path(path)
    finally:
        watcher.stop()
    assert any(MISSING in note for note in notes)

    dialog = CheckDialog(window.workbench)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "1 probleem gevonden."
    assert MISSING in dialog.lines()[0][1]
    assert dialog.repair_button.isEnabled()
    dialog.repair()
    assert dialog.headline.text() == "Het project is in orde."
    window.workbench.close_project()
