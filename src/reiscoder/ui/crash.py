"""The crash handler: an unexpected error becomes a dialog and an entry in the log file.

Without it, an exception in a slot goes to stderr, which a user who started reiscoder from an
icon never sees. :func:`install` replaces ``sys.excepthook`` and ``threading.excepthook``; an
error in another thread is shown by the window's thread (a queued signal). The traceback goes
to the rotating log (:mod:`reiscoder.model.logbook`); the dialog says where it is. Work is not
lost: every action was committed (or not at all) before the error reached this handler.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from reiscoder.i18n import _
from reiscoder.model import logbook

log = logging.getLogger("reiscoder.crash")


class CrashHandler(QObject):
    """Shows one dialog at a time; errors that follow while it is open are only logged."""

    crashed = Signal(str, str)  # what went wrong, the traceback

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        logbook.start_logging()
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal that started it
            self._previous[0](kind, error, trace)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        details = "".join(traceback.format_exception(kind, error, trace))
        self.crashed.emit(f"{kind.__name__}: {error}", details)

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        if self.box is not None and self.box.isVisible():
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            _("Something went wrong"),
            crash_message(),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setInformativeText(summary)
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget)
        self.box = box
        box.open()  # not modal for the event loop: background work keeps running

    def _forget(self) -> None:
        self.box = None


def crash_message() -> str:
    return _(
        "Something went wrong in reiscoder. Your work up to now is saved: every action is "
        "stored at once, or not at all. You can go on working; if it happens again, restart "
        "reiscoder. The details are in the log file {log}; please send it to whoever manages "
        "reiscoder for you."
    ).format(log=logbook.log_file())


def install(app: QApplication) -> CrashHandler:
    """Install the crash handler for the application's lifetime."""
    handler = CrashHandler(app)
    handler.install()
    app.aboutToQuit.connect(handler.uninstall)
    return handler


@contextmanager
def held_slot_errors() -> Iterator[list[BaseException]]:
    """Collect the exceptions that slots raise while the block emits signals (PySide hands
    them to ``sys.excepthook``, never to the emitter), so that the caller decides: the window
    opening a project drops those caused by a damaged file its checks then report, and passes
    any other on with :func:`pass_on`."""
    held: list[BaseException] = []
    previous = sys.excepthook
    sys.excepthook = lambda _kind, error, _trace: held.append(error)
    try:
        yield held
    finally:
        sys.excepthook = previous


def pass_on(errors: list[BaseException]) -> None:
    for error in errors:
        sys.excepthook(type(error), error, error.__traceback__)
