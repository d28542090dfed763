"""Start the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from reiscoder import i18n
from reiscoder.i18n import _
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import Project


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("reiscoder")
    app.setOrganizationName("reiscoder")
    app.setApplicationDisplayName("reiscoder")
    _install_qt_translations(app)
    return app  # type: ignore[return-value]


def _install_qt_translations(app: QApplication) -> None:
    """Qt's own dialogs (file chooser, colour picker, message boxes) speak Dutch too."""
    if i18n.current_language() != "nl":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Dutch), "qtbase", "_", folder):
        app.installTranslator(translator)


def run(path: Path | None) -> int:
    from reiscoder.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow()
    if path is not None:
        try:
            window.open_project(Project.open(path))
        except ProjectError as error:
            QMessageBox.warning(window, _("Cannot open project"), error.message)
    window.show()
    return app.exec()
