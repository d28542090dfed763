"""Coding from the codebook: double-click, Enter, dropped text, in-vivo, the quick-code box."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from reiscoder.i18n import _
from reiscoder.model import Coding
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ui.codebook.model import Column
from reiscoder.ui.workbench import SELECTION_MIME
from tests.factories import SAMPLE_TEXT, code_id
from tests.ui.test_codebook import cell, code_row, ids, make_panel, type_text


def span(words: str) -> tuple[int, int, int]:
    start = SAMPLE_TEXT.index(words)
    return 1, start, start + len(words)


def coded_ranges(workbench, code: int) -> list[tuple[int, int, int]]:
    with workbench.reader() as session:
        query = select(Coding.document_id, Coding.start, Coding.end).where(Coding.code_id == code)
        return [tuple(row) for row in session.execute(query)]


def test_double_click_codes_the_selection_and_undo_removes_it(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "5.2")
    workbench.set_selection(span("Al twintig jaar"))
    center = panel.tree.visualRect(panel.proxy.index_of(code)).center()
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert coded_ranges(workbench, code) == [span("Al twintig jaar")]
    assert cell(panel, code, Column.CODINGS) == "1"
    assert cell(panel, code, Column.KEY) == "1"  # now a recent code
    assert panel.tree.current_code() == code  # selection survives the refresh
    workbench.undo_stack.undo()
    assert coded_ranges(workbench, code) == []


def test_enter_on_a_code_codes_the_selection(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "2.2")
    panel.select_code(code)
    panel.tree.setFocus()
    workbench.set_selection(span("de kerk en de voedselbank"))
    QTest.keyClick(panel.tree, Qt.Key.Key_Return)
    assert coded_ranges(workbench, code) == [span("de kerk en de voedselbank")]


def test_without_a_selection_double_click_only_says_what_to_do(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.actions.apply(ids(workbench, "2.2"))
    assert panel.status.text() == _("Select text in the transcript first.")
    assert workbench.undo_stack.count() == 0


def test_dropping_transcript_text_on_a_code_codes_that_text(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "2.1")
    rect = panel.tree.visualRect(panel.proxy.index_of(code))
    data = QMimeData()
    doc, start, end = span("Dat ging dicht")
    data.setData(SELECTION_MIME, QByteArray(f"{doc} {start} {end}".encode()))
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.tree.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: coded_ranges(workbench, code) == [(doc, start, end)], timeout=2000)
    workbench.undo_stack.undo()
    assert coded_ranges(workbench, code) == []


def test_in_vivo_creates_code_and_coding_in_one_undo_step(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    parent = ids(workbench, "1.3")
    panel.select_code(parent)
    workbench.set_selection(span("een pan extra"))
    panel.tree.setFocus()
    QTest.keyClick(
        panel.tree,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    new = ids(workbench, "een pan extra")
    assert new is not None
    assert code_row(workbench, new).parent_id == parent
    assert coded_ranges(workbench, new) == [span("een pan extra")]
    assert panel.tree.current_code() == new
    assert panel.editor.name.text() == "een pan extra"
    assert workbench.undo_stack.count() == 1
    workbench.undo_stack.undo()
    assert ids(workbench, "een pan extra") is None
    with workbench.reader() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 2
    workbench.undo_stack.redo()
    assert coded_ranges(workbench, ids(workbench, "een pan extra")) == [span("een pan extra")]


def test_ctrl_k_then_typing_and_enter_codes_the_selection(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "1.2")
    workbench.set_selection(span("Mijn buurvrouw"))
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert panel.quick_box.hasFocus()
    type_text(panel.quick_box, "ontmoetingen")
    assert panel.model.highlighted == code
    QTest.keyClick(panel.quick_box, Qt.Key.Key_Return)
    assert coded_ranges(workbench, code) == [span("Mijn buurvrouw")]
    assert panel.quick_box.text() == ""
    assert panel.tree.hasFocus()  # back where the user came from
    assert len(panel.tree.expanded_codes()) == 5


def test_quick_code_box_with_accented_typing(qtbot, workbench):
    with workbench.project.transaction() as session:
        create_code(session, "Één keer per week", parent_id=code_id(session, "1 "))
    panel = make_panel(qtbot, workbench)
    een = ids(workbench, "Één")
    workbench.set_selection(span("op vrijdag"))
    panel.quick.focus()
    type_text(panel.quick_box, "Één")
    assert panel.quick_box.text() == "Één"
    assert panel.model.highlighted == een
    QTest.keyClick(panel.quick_box, Qt.Key.Key_Enter)
    assert coded_ranges(workbench, een) == [span("op vrijdag")]


def test_arrows_choose_another_match_and_escape_clears(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.quick.focus()
    type_text(panel.quick_box, "kennis")
    first = panel.model.highlighted
    assert first == ids(workbench, "4 ")
    QTest.keyClick(panel.quick_box, Qt.Key.Key_Down)
    assert panel.model.highlighted == ids(workbench, "4.1")
    QTest.keyClick(panel.quick_box, Qt.Key.Key_Up)
    assert panel.model.highlighted == first
    QTest.keyClick(panel.quick_box, Qt.Key.Key_Escape)
    assert panel.quick_box.text() == ""
    assert panel.model.highlighted is None


def test_enter_without_a_selection_selects_the_code(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.quick.focus()
    type_text(panel.quick_box, "polarisatie")
    QTest.keyClick(panel.quick_box, Qt.Key.Key_Return)
    assert panel.tree.current_code() == ids(workbench, "5.3")
    assert workbench.selected_code_ids == [ids(workbench, "5.3")]
    assert workbench.undo_stack.count() == 0


def test_refresh_keeps_expansion_selection_and_editor(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.tree.collapse(panel.proxy.index_of(ids(workbench, "2 ")))
    target = ids(workbench, "3.3")
    panel.select_code(target)
    before = panel.tree.expanded_codes()
    workbench.code_selection(1, ids(workbench, "5.1"), *span("Al twintig jaar")[1:])
    assert panel.tree.expanded_codes() == before
    assert panel.tree.current_code() == target
    assert workbench.selected_code_ids == [target]
    assert panel.editor.name.text().startswith("3.3")
    assert cell(panel, ids(workbench, "5.1"), Column.CODINGS) == "1"
    with qtbot.assertNotEmitted(workbench.codes_selected):
        workbench.execute(lambda s: update_code(s, ids(workbench, "5.3"), name="5.3 Tegenpolen"))
    assert cell(panel, ids(workbench, "5.3"), Column.NAME) == "5.3 Tegenpolen"
    assert panel.tree.expanded_codes() == before
    assert panel.tree.current_code() == target
    assert panel.tree.selected_codes() == [target]


def test_codes_created_elsewhere_and_undo_show_up(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    workbench.execute(lambda s: create_code(s, "Nieuw thema"))
    assert "Nieuw thema" in [panel.proxy.index(r, 0).data() for r in range(6)]
    workbench.undo_stack.undo()
    assert panel.proxy.rowCount() == 5
