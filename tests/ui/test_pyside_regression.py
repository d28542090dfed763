"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of some void methods
and the process aborts after a few thousand calls. Check the installed PySide6, don't trust it."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

CALLS = 20_000


def test_void_methods_do_not_leak_references_to_none(qapp):
    document = QTextDocument("Één café, „zegt ze”. " * 50)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        cursor.setPosition(i % 500)
        if i % 100 == 0:
            QApplication.processEvents()
    drift = before - sys.getrefcount(None)
    assert drift < CALLS // 10, f"None lost {drift} references in {CALLS} calls"
