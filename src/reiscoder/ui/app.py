"""Start the desktop application."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reiscoder import i18n


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("reiscoder")
    app.setOrganizationName("reiscoder")
    app.setApplicationDisplayName("reiscoder")
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
    from reiscoder.ui.settings import Settings

    make_application()  # QSettings needs the application's name first
    settings = Settings()
    i18n.set_language(os.environ.get("REISCODER_LANG") or settings.language)
    app = make_application()
    _install_qt_translations(app)
    window = MainWindow(settings)
    window.show()
    if path is not None:
        window.open_location(str(path))
    return app.exec()
