"""The codebook inside the main window: shortcuts that work from the transcript."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from reiscoder.model import Code, Coding
from tests.factories import SAMPLE_TEXT
from tests.ui.test_codebook import type_text


def _show(window) -> None:
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.workbench.show_document(1)


def test_ctrl_k_from_the_transcript_codes_and_returns_there(qtbot, window):
    _show(window)
    editor = window.transcript.editor
    start = SAMPLE_TEXT.index("de voedselbank")
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    window.workbench.set_selection((1, start, start + len("de voedselbank")))
    QTest.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    box = window.codebook.quick_box
    assert box.hasFocus()
    type_text(box, "burgers")
    QTest.keyClick(box, Qt.Key.Key_Return)
    with window.workbench.reader() as session:
        name = session.scalar(
            select(Code.name).join(Coding, Coding.code_id == Code.id).where(Coding.start == start)
        )
    assert name == "2.2 Drager 2: burgers centraal"
    assert editor.hasFocus()


def test_in_vivo_shortcut_from_the_transcript(qtbot, window):
    _show(window)
    editor = window.transcript.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    start = SAMPLE_TEXT.index("Nou ja")
    window.workbench.set_selection((1, start, start + len("Nou ja")))
    QTest.keyClick(
        editor,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    with window.workbench.reader() as session:
        code = session.scalar(select(Code).where(Code.name == "Nou ja"))
        assert code is not None and code.parent_id is None
    assert window.workbench.undo_stack.undoText()
    window.workbench.undo_stack.undo()
    with window.workbench.reader() as session:
        assert session.scalar(select(Code).where(Code.name == "Nou ja")) is None
