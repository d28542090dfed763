"""Start the desktop application."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reiscoder import i18n


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("reiscoder")
    app.setOrganizationName("reiscoder")
    app.setApplicationDisplayName("reiscoder")
    return app  # type: ignore[return-value]


def install_qt_translations(app: QApplication, language: str) -> QTranslator | None:
    """Qt's own texts follow the language: in Dutch, the buttons of message boxes and file
    choosers ("Annuleren"), and through the default locale the month and day names of date
    pickers and calendars. Returns the installed translator (None in English)."""
    if language != "nl":
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Dutch), "qtbase", "_", folder):
        return None  # a build without Qt's translations: its dialogs stay English
    app.installTranslator(translator)
    return translator


def run(path: Path | None) -> int:
    from reiscoder.ui import single_instance as instance
    from reiscoder.ui.main_window import MainWindow
    from reiscoder.ui.settings import Settings

    name = instance.instance_name()
    if instance.hand_over(path, name):  # before any window: no display, no wait needed
        return 0  # the app that runs already opens it
    app = make_application()  # QSettings needs the application's name first
    from reiscoder.ui import crash

    crash.install(app)  # an unexpected error: a dialog and the log file, not stderr
    server = instance.InstanceServer(name, app)
    server.listen()
    settings = Settings()
    i18n.set_language(i18n.first_language(os.environ.get("REISCODER_LANG"), settings.language))
    install_qt_translations(app, i18n.current_language())
    window = MainWindow(settings)
    app.setWindowIcon(app_icon())
    window.show()
    if path is not None:
        window.open_location(str(path))
    server.requested.connect(lambda wanted: instance.open_in_window(window, wanted))
    opener = instance.FileOpenFilter(app)
    opener.requested.connect(lambda wanted: instance.open_in_window(window, wanted))
    app.installEventFilter(opener)
    smoke = os.environ.get("REISCODER_SMOKE_TEST")
    if smoke:
        from reiscoder.ui.smoke import SmokeTest

        SmokeTest(window, Path(smoke)).start()
    try:
        return app.exec()
    finally:
        server.close()


def app_icon() -> QIcon:
    from reiscoder.resources import resource_path

    return QIcon(str(resource_path("icons", "reiscoder.svg")))
