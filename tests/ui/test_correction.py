"""The transcript edit mode: edit, review what happens to the codings, save as one undoable
step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from sqlalchemy import select

from reiscoder.model import Coding, Document, DocumentEdit
from reiscoder.ui.correction import CorrectionDialog

FATIMA = 1


def type_at(dialog: CorrectionDialog, text_before: str, typed: str) -> None:
    """Put the cursor just after ``text_before`` and type, one key event per character."""
    editor = dialog.editor
    position = editor.toPlainText().index(text_before) + len(text_before)
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    for character in typed:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            editor,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


def stored_text(workbench) -> str:
    with workbench.reader() as session:
        return session.get(Document, FATIMA).text


def coded(workbench) -> list[str]:
    with workbench.reader() as session:
        return [
            c.document.text[c.start : c.end]
            for c in session.scalars(select(Coding).where(Coding.document_id == FATIMA))
        ]


def test_the_editor_shows_the_text_with_coded_passages_tinted(qtbot, workbench):
    dialog = CorrectionDialog(workbench, FATIMA)
    qtbot.addWidget(dialog)
    assert dialog.editor.toPlainText() == stored_text(workbench)
    assert len(dialog.editor.extraSelections()) == 2
    assert not dialog.review_button.isEnabled() and not dialog.save_button.isEnabled()


def test_review_then_save_is_one_undoable_step(qtbot, workbench):
    before_text, before_coded = stored_text(workbench), coded(workbench)
    dialog = CorrectionDialog(workbench, FATIMA)
    qtbot.addWidget(dialog)
    type_at(dialog, "Al twintig", " (bijna)")
    assert dialog.review_button.isEnabled() and not dialog.save_button.isEnabled()
    plan = dialog.review()
    assert plan is not None and dialog.save_button.isEnabled()
    assert "Elke codering houdt precies haar tekst." in dialog.summary.text()
    with qtbot.waitSignal(workbench.changed, timeout=10_000):
        assert dialog.save() is not None
    assert "Al twintig (bijna) jaar" in stored_text(workbench)
    assert coded(workbench) == before_coded
    workbench.undo_stack.undo()
    assert stored_text(workbench) == before_text
    workbench.undo_stack.redo()
    assert "(bijna)" in stored_text(workbench)
    with workbench.reader() as session:
        assert session.scalar(select(DocumentEdit.document_id)) == FATIMA


def test_typing_after_a_review_asks_for_a_new_review(qtbot, workbench):
    dialog = CorrectionDialog(workbench, FATIMA)
    qtbot.addWidget(dialog)
    type_at(dialog, "Al twintig", " jaar")
    dialog.review()
    assert dialog.save_button.isEnabled()
    type_at(dialog, "Al twintig jaar", "!")
    assert not dialog.save_button.isEnabled()
    assert dialog.save() is None


def test_a_correction_inside_a_coding_is_listed_before_saving(qtbot, workbench):
    dialog = CorrectionDialog(workbench, FATIMA)
    qtbot.addWidget(dialog)
    text = dialog.editor.toPlainText()
    start, end = 13, 53  # the first coding of the fixture
    inside = text[start:end].index("woont") + start
    cursor = dialog.editor.textCursor()
    cursor.setPosition(inside)
    cursor.setPosition(inside + len("woont"), QTextCursor.MoveMode.KeepAnchor)
    dialog.editor.setTextCursor(cursor)
    dialog.editor.insertPlainText("woonde")
    dialog.review()
    assert dialog.unplaced.rowCount() == 1
    assert dialog.unplaced.index(0, 1).data() == text[start:end]
    assert "woonde" in dialog.unplaced.index(0, 2).data()
    assert dialog.unplaced.index(0, 0).data(Qt.ItemDataRole.UserRole) is not None
    assert "konden niet precies worden geplaatst" in dialog.summary.text()


def test_a_change_that_is_refused_is_explained(qtbot, workbench):
    dialog = CorrectionDialog(workbench, FATIMA)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("   ")
    assert dialog.review() is None
    assert dialog.summary.text() == "Een transcript kan niet leeg worden gemaakt."
    assert not dialog.save_button.isEnabled()


def test_the_transcript_in_the_main_window_follows_a_correction_and_its_undo(qtbot, window):
    workbench = window.workbench
    workbench.show_document(FATIMA)
    shown = window.transcript.editor
    before = shown.toPlainText()
    dialog = CorrectionDialog(workbench, FATIMA, window)
    qtbot.addWidget(dialog)
    type_at(dialog, "Al twintig", " (bijna)")
    dialog.review()
    dialog.save()
    assert "Al twintig (bijna) jaar" in shown.toPlainText()
    workbench.undo_stack.undo()
    assert shown.toPlainText() == before
