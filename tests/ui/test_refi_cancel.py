"""A REFI-QDA import from the File menu shows a Cancel button; cancelling says so and leaves
the project as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from reiscoder.ui.refi import merge_refi
from tests.factories import dump
from tests.refi.test_many_codes import _write


def test_cancelling_a_refi_import_changes_nothing(qtbot, window, tmp_path):
    refi = tmp_path / "veel.qdpx"
    _write(refi)
    project = window.workbench.project
    with project.reader() as session:
        before = dump(session)
    results = []
    # While this transaction is open the import cannot reach its last check before it
    # commits, so Cancel, pressed meanwhile, is always in time.
    with project.transaction():
        waiting = merge_refi(window, window.workbench, refi, done=results.append)
        assert waiting.isVisible() and waiting.labelText() == "“veel.qdpx” wordt geïmporteerd…"
        qtbot.mouseClick(waiting.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    assert results == [None]
    assert not waiting.isVisible()
    boxes = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert [box.text() for box in boxes] == ["De import is geannuleerd; er is niets veranderd."]
    with project.reader() as session:
        assert dump(session) == before
