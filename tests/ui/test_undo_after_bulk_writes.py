"""Ctrl+Z and Ctrl+Shift+Z after every write that is not an undo step (import, REFI merge,
assignment merge, repair, restore): no exception, no message, and each key takes the database
exactly where the undo history says, row for row; steps the bulk write made impossible are no
longer offered."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from reiscoder.model import Code, Document
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import create_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.documents import delete_document, rename_document
from reiscoder.refi.export import export_project
from reiscoder.teaching.assignment import prepare_assignment
from reiscoder.ui.analysis.dialogs import MergeDialog
from reiscoder.ui.backups import BackupsDialog, CheckDialog
from reiscoder.ui.refi import merge_refi
from tests.factories import code_id, dump

WAIT = 30_000


def _state(window) -> dict:
    with window.workbench.reader() as session:
        return dump(session)


def _press(window, *, redo: bool = False) -> None:
    editor = window.transcript.editor
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    editor.setFocus()
    if redo:
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    else:
        modifiers = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(editor, Qt.Key.Key_Z, modifiers)


def _walk_the_history(window) -> list[str]:
    """Undo everything offered, then redo it all: each key moves one step and changes the
    database; redo passes the same states backwards and ends where the walk began."""
    for widget in QApplication.topLevelWidgets():  # the reports the user reads and closes
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    stack = window.workbench.undo_stack
    messages: list[str] = []
    window.workbench.failed.connect(messages.append)
    states, labels = [_state(window)], []
    while stack.canUndo():
        labels.append(stack.undoText())
        index = stack.index()
        _press(window)
        assert stack.index() == index - 1, (labels, messages)
        states.append(_state(window))
        assert states[-1] != states[-2], f"undoing “{labels[-1]}” changed nothing"
    _press(window)  # nothing left to undo: nothing happens
    assert _state(window) == states[-1]
    for expected in reversed(states[:-1]):
        _press(window, redo=True)
        assert _state(window) == expected
    _press(window, redo=True)
    assert _state(window) == states[0]
    assert messages == []
    return labels


def _ids(window) -> tuple[int, int, int]:
    with window.workbench.reader() as session:
        henk = session.scalar(select(Document.id).where(Document.name == "Interview Henk"))
        return henk, code_id(session, "2.1"), window.workbench.coder_id


def _three_steps(window) -> tuple[str, str, str]:
    """A new code, a coding of Henk's interview, and a rename of that interview."""
    henk, code, coder = _ids(window)
    bench = window.workbench
    made = bench.execute(lambda s: create_code(s, "Nieuw uit de praktijk")).label
    coded = bench.execute(lambda s: apply_coding(s, henk, code, coder, 0, 12)).label
    renamed = bench.execute(lambda s: rename_document(s, henk, "Gesprek met Henk")).label
    return made, coded, renamed


def _prepare_window(qtbot, window):
    window.show()
    qtbot.waitExposed(window)
    window.documents.importer.workers = 0  # sentences in the import thread
    window.workbench.show_document(1)


def test_after_an_import_that_reuses_a_deleted_name(qtbot, window, tmp_path):
    _prepare_window(qtbot, window)
    henk, _code, _coder = _ids(window)
    made, coded, renamed = _three_steps(window)
    deleted = window.workbench.execute(lambda s: delete_document(s, henk)).label
    source = tmp_path / "Gesprek met Henk.txt"
    source.write_text("Interviewer: Hoe gaat het?\nHenk: Goed, dank je.\n", encoding="utf-8")

    dialog = window.documents.import_paths([source])
    with qtbot.waitSignal(window.documents.importer.finished, timeout=WAIT):
        dialog.accept()
    qtbot.waitUntil(lambda: not window.documents.importer.busy, timeout=WAIT)

    # The delete cannot be undone (its name is taken again), so neither can the rename and the
    # coding of the document it deleted; the new code can.
    offered = _walk_the_history(window)
    assert offered == [made]
    assert deleted not in offered and coded not in offered and renamed not in offered


def test_after_a_refi_merge(qtbot, window, tmp_path):
    _prepare_window(qtbot, window)
    made, coded, renamed = _three_steps(window)
    source = tmp_path / "bron.qdpx"
    with window.workbench.reader() as session:
        export_project(session, source)
    reports = []

    merge_refi(window, window.workbench, source, done=reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=WAIT)

    assert reports[0] is not None
    assert _walk_the_history(window) == [renamed, coded, made]


def test_after_an_assignment_merge(qtbot, window, tmp_path):
    _prepare_window(qtbot, window)
    with window.workbench.reader() as session:
        fatima = session.scalar(select(Document.id).where(Document.name == "Interview Fatima"))
    prepared = prepare_assignment(
        window.workbench.project, tmp_path / "week1.reis", [fatima], name="Week 1"
    )
    made, coded, renamed = _three_steps(window)
    with Project.open(prepared.path) as copy, copy.transaction() as session:
        sara = coder_id_for(session, "Sara")
        document = session.scalar(select(Document.id))
        apply_coding(session, document, code_id(session, "1.2"), sara, 13, 53)

    merge = MergeDialog(window.workbench, window)
    qtbot.addWidget(merge)
    merge.add_files([prepared.path])
    merge.accept()

    assert "Sara" in merge.summary()
    assert _walk_the_history(window) == [renamed, coded, made]


def test_after_a_repair(qtbot, window):
    _prepare_window(qtbot, window)
    made, coded, renamed = _three_steps(window)
    connection = sqlite3.connect(window.workbench.project.path)
    connection.execute("DROP TABLE sentence_index")
    connection.commit()
    connection.close()
    dialog = CheckDialog(window.workbench, window)
    qtbot.addWidget(dialog)

    assert dialog.repair() is not None

    assert _walk_the_history(window) == [renamed, coded, made]


def test_after_a_restore(qtbot, window):
    _prepare_window(qtbot, window)
    _three_steps(window)
    dialog = BackupsDialog(window.workbench, window.settings, window.open_path, window)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)

    with qtbot.waitSignal(window.workbench.project_opened, timeout=WAIT):
        assert dialog.restore_selected(confirmed=True)

    assert _walk_the_history(window) == []
    with window.workbench.reader() as session:
        assert "Nieuw uit de praktijk" not in session.scalars(select(Code.name)).all()


def test_a_step_made_stale_behind_the_gateway_is_refused_in_words(qtbot, window):
    _prepare_window(qtbot, window)
    made = window.workbench.execute(lambda s: create_code(s, "Nieuw uit de praktijk"))
    with window.workbench.project.transaction() as session:  # a colleague, say
        henk, _code, coder = _ids(window)
        apply_coding(session, henk, made.created_id, coder, 0, 12)
    before = _state(window)
    messages = []
    window.workbench.failed.connect(messages.append)

    _press(window)

    assert len(messages) == 1 and "kan niet meer ongedaan" in messages[0]
    assert _state(window) == before
    assert not window.workbench.undo_stack.canUndo()
