"""The transcript view: highlights in the right place, coding by keyboard, brackets, undo."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from sqlalchemy import insert, select

from reiscoder.model import Coding, Sentence
from reiscoder.ops.coders import add_coder
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.transcript.formatting import tint
from reiscoder.ui.transcript.panel import TranscriptPanel
from tests.factories import SAMPLE_TEXT, add_document, code_id


def _panel(qtbot, workbench) -> TranscriptPanel:
    panel = TranscriptPanel(workbench)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    panel.activateWindow()
    assert QTest.qWaitForWindowActive(panel)
    return panel


def _background_at(panel: TranscriptPanel, position: int) -> str:
    cursor = QTextCursor(panel.editor.document())
    cursor.setPosition(panel.editor.map.to_qt(position) + 1)  # format of the char before
    return cursor.charFormat().background().color().name()


def _codings(workbench) -> list[tuple[int, int, str]]:
    with workbench.reader() as session:
        rows = session.execute(select(Coding.start, Coding.end, Coding.quote).order_by(Coding.id))
        return [tuple(r) for r in rows]


def test_document_shows_its_exact_text_with_highlights_and_brackets(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    assert panel.editor.toPlainText() == SAMPLE_TEXT
    assert panel.title.text() == "Interview Fatima"
    assert len(panel.margin.brackets()) == 2
    with workbench.reader() as session:
        color = session.get(Coding, 1).code.color
    assert _background_at(panel, 20) == tint(color, 1).name()
    assert _background_at(panel, 5) != tint(color, 1).name()


def test_positions_after_an_emoji_stay_on_their_characters(qtbot, workbench):
    with workbench.project.transaction() as session:
        doc = add_document(session, "Emoji", "R: 😀😀 Ik woon hier graag.\n")
        start = "R: 😀😀 Ik woon hier graag.".index("woon")
        apply_coding(session, doc, code_id(session, "1.1"), 1, start, start + 4)
    panel = _panel(qtbot, workbench)
    workbench.show_document(doc)
    panel.editor.select_range(start, start + 4)
    assert panel.editor.textCursor().selectedText() == "woon"
    assert _background_at(panel, start) != _background_at(panel, start - 1)


def test_mouse_selection_snaps_to_words_and_is_reported(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    start = SAMPLE_TEXT.index("uurvrouw")
    panel.editor.select_range(start, start + 5)
    QTest.mouseRelease(panel.editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    doc, s, e = workbench.selection
    assert SAMPLE_TEXT[s:e] == "buurvrouw"


def test_keys_code_sentence_and_recent_code_and_undo(qtbot, workbench):
    sentence = "Dat is hier thuis…"
    s = SAMPLE_TEXT.index(sentence)
    with workbench.project.transaction() as session:
        session.execute(insert(Sentence).values(document_id=1, start=s, end=s + len(sentence)))
        target = code_id(session, "5.2")
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    workbench.selected_code_ids = [target]
    panel.editor.setFocus()
    cursor = panel.editor.textCursor()
    cursor.setPosition(s + 3)
    panel.editor.setTextCursor(cursor)
    QTest.keyClick(panel.editor, Qt.Key.Key_Z)
    assert (s, s + len(sentence), sentence) in _codings(workbench)

    workbench.remember_code(target)
    word = SAMPLE_TEXT.index("voedselbank")
    panel.editor.select_range(word, word + len("voedselbank"))
    workbench.selected_code_ids = []
    QTest.keyClick(panel.editor, Qt.Key.Key_1)
    assert (word, word + 11, "voedselbank") in _codings(workbench)
    assert len(panel.margin.brackets()) == 4

    workbench.undo_stack.undo()
    workbench.undo_stack.undo()
    assert len(_codings(workbench)) == 2
    assert len(panel.margin.brackets()) == 2
    workbench.undo_stack.redo()
    assert (s, s + len(sentence), sentence) in _codings(workbench)


def test_clicking_a_bracket_selects_the_coding_and_delete_removes_it(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    bracket = panel.margin.brackets()[0]
    offset = panel.editor.verticalScrollBar().value()
    point = QPoint(panel.margin._x(bracket.column), (bracket.top + bracket.bottom) // 2 - offset)
    with qtbot.waitSignal(workbench.coding_selected) as selected:
        QTest.mouseClick(panel.margin, Qt.MouseButton.LeftButton, pos=point)
    assert selected.args == [bracket.coding.id]
    assert (
        panel.editor.textCursor().selectedText()
        == SAMPLE_TEXT[bracket.coding.start : bracket.coding.end]
    )
    panel.editor.setFocus()
    QTest.keyClick(panel.editor, Qt.Key.Key_Delete)
    assert len(_codings(workbench)) == 1
    workbench.undo_stack.undo()
    assert len(_codings(workbench)) == 2


def test_codings_of_a_hidden_coder_are_hidden_not_lost(qtbot, workbench):
    with workbench.project.transaction() as session:
        other = add_coder(session, "Bram").created_id
        apply_coding(session, 1, code_id(session, "2.1"), other, 0, 12)
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    assert len(panel.margin.brackets()) == 3
    workbench.set_coder_hidden(other, True)
    assert len(panel.margin.brackets()) == 2
    assert len(_codings(workbench)) == 3
    workbench.set_coder_hidden(other, False)
    assert len(panel.margin.brackets()) == 3
