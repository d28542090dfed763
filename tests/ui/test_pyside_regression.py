"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of some void methods
and the process aborts after a few thousand calls. Check the installed PySide6, don't trust it:
a short burst first, so that a leaking version fails here instead of crashing later."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication


def _calls(cursor: QTextCursor, count: int) -> int:
    before = sys.getrefcount(None)
    for i in range(count):
        cursor.setPosition(i % 500)
        if i % 10 == 0:
            QApplication.processEvents()
    return before - sys.getrefcount(None)


def test_void_methods_do_not_leak_references_to_none(qapp):
    cursor = QTextCursor(QTextDocument("Één café, „zegt ze”. " * 50))
    assert _calls(cursor, 500) < 50, "PySide6 leaks references to None: pin another version"
    assert _calls(cursor, 20_000) < 2_000
