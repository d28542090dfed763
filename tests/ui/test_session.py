"""A whole working session, driven as a researcher would: new project from the seed codebook,
import, code by selection, by key and by dragging text onto a code, code a turn, undo and
redo, write a memo, filter the segments, close, reopen, and find everything there."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from reiscoder.model import Code, Coding, Memo
from reiscoder.model.project import Project
from reiscoder.templates import DEFAULT_TEMPLATE, load_template
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.new_project import create_project
from tests.ui.test_memos_panel import type_text

FATIMA = (
    "Interviewer: [00:00:05] Hoe lang woont u al in de wijk?\n\n"
    "Fatima: [00:00:09] Al twintig jaar. Mijn buurvrouw kookt op vrijdag een pan extra. "
    "Dat regel je gewoon onderling.\n\n"
    "Interviewer: [00:00:31] En het buurthuis?\n\n"
    "Fatima: [00:00:35] Dat ging dicht. De kerk en de voedselbank hebben het overgenomen.\n"
)
MARCO = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>Wat doet u in de wijk?

00:00:04.500 --> 00:00:09.000
<v Marco>Ik sta elke dinsdag op het plein. Dan weten mensen me te vinden.
"""


def _code(window: MainWindow, prefix: str) -> int:
    with window.workbench.reader() as session:
        return session.scalar(select(Code.id).where(Code.name.startswith(prefix + " ")))


def _coded(path, prefix: str) -> list[str]:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        code = session.scalar(select(Code.id).where(Code.name.startswith(prefix + " ")))
        return sorted(session.scalars(select(Coding.quote).where(Coding.code_id == code)))


def _select(window: MainWindow, words: str) -> None:
    """Press the mouse on the first character, move to the last, release: a real selection."""
    editor = window.transcript.editor
    start = editor.text.index(words)
    editor.select_range(start, start + len(words))  # scrolls it into view
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.map.to_qt(start))
    begin = editor.cursorRect(cursor).center()
    cursor.setPosition(editor.map.to_qt(start + len(words)))
    finish = editor.cursorRect(cursor).center()
    viewport, left = editor.viewport(), Qt.MouseButton.LeftButton
    QTest.mouseClick(viewport, left, pos=begin)
    QTest.mousePress(viewport, left, pos=begin)
    QTest.mouseMove(viewport, finish)
    QTest.mouseRelease(viewport, left, pos=finish)


def _drop_on_code(window: MainWindow, code: int) -> None:
    mime = window.transcript.editor.createMimeDataFromSelection()
    tree = window.codebook.tree
    index = window.codebook.proxy.index_of(code)
    tree.scrollTo(index)  # as a user scrolls the codebook to the code
    point = tree.visualRect(index).center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (
        QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys),
        QDragMoveEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys),
        QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys),
    ):
        QApplication.sendEvent(tree.viewport(), event)


def test_a_whole_session_survives_closing_and_reopening(qtbot, tmp_path, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    assert QTest.qWaitForWindowActive(window)
    path = tmp_path / "veldwerk.reis"
    project = create_project(window, path, load_template(DEFAULT_TEMPLATE))
    assert window.open_project(project)

    (tmp_path / "fatima.txt").write_text(FATIMA, encoding="utf-8")
    (tmp_path / "marco.vtt").write_text(MARCO, encoding="utf-8")
    window.documents.importer.workers = 0
    dialog = window.documents.import_paths([tmp_path / "fatima.txt", tmp_path / "marco.vtt"])
    dialog.form.field("Wijk").set_value("Afrikaanderwijk")
    with qtbot.waitSignal(window.documents.importer.finished, timeout=30_000):
        dialog.accept()
    assert window.documents.visible_names() == ["fatima", "marco"]
    window.documents.importer.progress.close()  # the report, read and closed
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)

    window.workbench.show_document(1)
    assert window.transcript.editor.toPlainText() == FATIMA
    window.transcript.editor.setFocus()

    # by selection with the code chosen in the codebook, and Ctrl+Return
    window.codebook.select_code(_code(window, "1.3"))
    _select(window, "buurvrouw kook")  # snaps to whole words
    window.transcript.editor.setFocus()
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # by key: 1 is the most recent code
    _select(window, "Dat regel je gewoon onderling.")
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_1)
    # by dragging the selected words onto a code
    _select(window, "De kerk en de voedselbank")
    _drop_on_code(window, _code(window, "5.2"))
    qtbot.waitUntil(lambda: _in_project(window, "5.2") == ["De kerk en de voedselbank"])
    # the whole turn under the cursor with B, then undo and redo it
    cursor = window.transcript.editor.textCursor()
    cursor.setPosition(FATIMA.index("En het buurthuis"))
    window.transcript.editor.setTextCursor(cursor)
    window.codebook.select_code(_code(window, "3.2"))
    window.transcript.editor.setFocus()
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_B)
    assert _in_project(window, "3.2") == ["En het buurthuis?"]
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not _in_project(window, "3.2")
    QTest.keyClick(window.transcript.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _in_project(window, "3.2") == ["En het buurthuis?"]

    # a project memo, typed with Dutch characters
    memos = window.memos
    memo_id = memos.new_project_memo()
    memos.editor.body.setFocus()
    type_text(memos.editor.body, "Eerste indruk: veel zorg voor elkaar, één buurt.")
    memos.save_editor()

    # the coded segments of 1.3, filtered on a coder
    window.codebook.select_code(_code(window, "1.3"))
    qtbot.waitUntil(lambda: window.segments.model.rowCount() == 2, timeout=5_000)

    window.close()
    assert _coded(path, "1.3") == ["Dat regel je gewoon onderling.", "buurvrouw kookt"]
    assert _coded(path, "5.2") == ["De kerk en de voedselbank"]
    assert _coded(path, "3.2") == ["En het buurthuis?"]
    with Project.open(path, read_only=True) as reopened, reopened.reader() as session:
        assert session.get(Memo, memo_id).text == "Eerste indruk: veel zorg voor elkaar, één buurt."

    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.open_path(path)
    again.workbench.show_document(1)
    assert len(again.transcript.margin.brackets()) == 4
    again.workbench.close_project()


def _in_project(window: MainWindow, prefix: str) -> list[str]:
    code = _code(window, prefix)
    with window.workbench.reader() as session:
        return list(session.scalars(select(Coding.quote).where(Coding.code_id == code)))
