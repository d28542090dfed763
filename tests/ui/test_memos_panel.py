"""The Memos panel as a researcher uses it: find, write, save on leaving, delete, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import select

from reiscoder.model import Coding, Memo
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.ui.lists import memo_columns as columns
from reiscoder.ui.lists.table import ID_ROLE
from reiscoder.ui.panels.memos import MemosPanel
from tests.factories import code_id


def type_text(widget: QWidget, text: str) -> None:
    """Type as a user would, one key event per character (also for é, ë, ĳ)."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


@pytest.fixture
def ids(workbench):
    with workbench.project.transaction() as s:
        coder = workbench.coder_id
        coding = s.scalar(select(Coding).order_by(Coding.id))
        code = code_id(s, "2.5")
        ids = {
            "document": coding.document_id,
            "coding": coding.id,
            "start": coding.start,
            "end": coding.end,
            "code": code,
            "project_memo": add_memo(
                s, coder, "Eerste indruk.\nMeer later.", title="Busreis"
            ).created_id,
            "document_memo": add_memo(
                s, coder, "Het café op de hoek", target=MemoTarget(document_id=coding.document_id)
            ).created_id,
            "code_memo": add_memo(
                s, coder, "Regeldruk", target=MemoTarget(code_id=code)
            ).created_id,
            "coding_memo": add_memo(
                s, coder, "Mooi citaat", target=MemoTarget(coding_id=coding.id)
            ).created_id,
        }
    return ids


@pytest.fixture
def panel(qtbot, workbench, ids):
    host = QWidget()
    qtbot.addWidget(host)
    widget = MemosPanel(workbench, host)
    other = QWidget(host)  # somewhere for the focus to go when leaving the editor
    other.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.resize(1200, 350)
    host.resize(1200, 400)
    host.show()
    host.activateWindow()
    qtbot.waitExposed(host)
    widget.elsewhere = other
    return widget


def _shown(panel) -> list[int]:
    model = panel.table.model()
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def _cell(panel, memo_id: int, column: int) -> str:
    model = panel.table.model()
    return model.index(_shown(panel).index(memo_id), column).data()


def _memo(workbench, memo_id: int) -> Memo | None:
    with workbench.reader() as s:
        memo = s.get(Memo, memo_id)
        if memo is not None:
            s.expunge(memo)
        return memo


def test_all_kinds_of_memo_are_listed_together(panel, ids):
    assert sorted(_shown(panel)) == sorted(
        ids[k] for k in ("project_memo", "document_memo", "code_memo", "coding_memo")
    )
    assert _cell(panel, ids["project_memo"], columns.KIND) == "Project"
    assert _cell(panel, ids["project_memo"], columns.TITLE) == "Busreis"
    assert _cell(panel, ids["project_memo"], columns.FIRST_LINE) == "Eerste indruk."
    assert _cell(panel, ids["document_memo"], columns.OWNER) == "Interview Fatima"
    assert _cell(panel, ids["document_memo"], columns.TITLE) == "(zonder titel)"
    assert _cell(panel, ids["code_memo"], columns.OWNER).startswith("2.5 Belemmeringen")
    assert _cell(panel, ids["coding_memo"], columns.KIND) == "Fragment"
    assert _cell(panel, ids["coding_memo"], columns.OWNER).startswith("1.1 Thuis voelen")
    assert _cell(panel, ids["coding_memo"], columns.CODER) == "Anna de Vries"


def test_search_ignores_accents_and_case_while_typing(panel, ids):
    panel.search.setFocus()
    type_text(panel.search, "CAFÉ")
    assert _shown(panel) == [ids["document_memo"]]
    panel.search.clear()
    type_text(panel.search, "cafe")
    assert _shown(panel) == [ids["document_memo"]]
    type_text(panel.search, "xyz")
    assert _shown(panel) == []
    assert panel.body.currentWidget() is panel.body.hint


def test_filter_by_kind(panel, ids):
    panel.kinds.setCurrentIndex(panel.kinds.findText("Codememo's"))
    assert _shown(panel) == [ids["code_memo"]]
    panel.kinds.setCurrentIndex(0)
    assert len(_shown(panel)) == 4


def test_choosing_a_memo_shows_it_in_the_editor(panel, ids):
    panel.select_memo(ids["project_memo"])
    assert panel.editor.title.text() == "Busreis"
    assert panel.editor.body.toPlainText() == "Eerste indruk.\nMeer later."
    assert "project" in panel.editor.about.text()


def test_new_memo_written_and_saved_once_on_leaving_the_editor(qtbot, panel, workbench):
    before = workbench.undo_stack.count()
    memo_id = panel.new_project_memo()
    assert memo_id is not None and panel.editor.memo_id == memo_id
    assert panel.editor.title.hasFocus()
    type_text(panel.editor.title, "Één ĳsbeer")
    panel.editor.body.setFocus()  # moving inside the editor does not save yet
    type_text(panel.editor.body, "Café-gesprek, naïef")
    assert _memo(workbench, memo_id).text == ""
    panel.elsewhere.setFocus()
    qtbot.waitUntil(lambda: _memo(workbench, memo_id).text == "Café-gesprek, naïef", timeout=2000)
    assert _memo(workbench, memo_id).title == "Één ĳsbeer"
    assert workbench.undo_stack.count() == before + 2  # new memo, then one edit
    assert workbench.undo_stack.undoText() == "Memo bewerken"
    qtbot.waitUntil(lambda: _cell(panel, memo_id, columns.TITLE) == "Één ĳsbeer", timeout=2000)

    workbench.undo_stack.undo()
    assert _memo(workbench, memo_id).text == ""
    qtbot.waitUntil(lambda: panel.editor.title.text() == "", timeout=2000)
    workbench.undo_stack.undo()
    assert _memo(workbench, memo_id) is None
    qtbot.waitUntil(lambda: memo_id not in _shown(panel), timeout=2000)


def test_the_new_memo_is_found_by_its_text(qtbot, panel, workbench):
    memo_id = panel.new_project_memo()
    panel.editor.body.setFocus()
    type_text(panel.editor.body, "Overleg met de wijkagent")
    panel.editor.save_button.click()
    panel.search.setText("WIJKAGENT")
    qtbot.waitUntil(lambda: _shown(panel) == [memo_id], timeout=2000)


def test_save_button_saves_and_switching_memo_saves_too(qtbot, panel, workbench, ids):
    panel.select_memo(ids["code_memo"])
    panel.editor.body.setFocus()
    QTest.keyClick(panel.editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(panel.editor.body, " en subsidies")
    panel.editor.save_button.click()
    assert _memo(workbench, ids["code_memo"]).text == "Regeldruk en subsidies"
    assert panel.editor.status.text() == "Opgeslagen"
    panel.editor.title.setFocus()
    panel.editor.title.selectAll()
    type_text(panel.editor.title, "Regels")
    assert panel.editor.is_dirty()
    panel.select_memo(ids["project_memo"])
    assert _memo(workbench, ids["code_memo"]).title == "Regels"
    assert panel.editor.title.text() == "Busreis"


def test_typing_is_kept_when_the_list_reloads_meanwhile(qtbot, panel, workbench, ids):
    panel.select_memo(ids["project_memo"])
    panel.editor.body.setFocus()
    QTest.keyClick(panel.editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(panel.editor.body, "!")
    coder = workbench.coder_id
    new = workbench.execute(lambda s: add_memo(s, coder, "Van elders")).created_id
    qtbot.waitUntil(lambda: new in _shown(panel), timeout=2000)
    assert panel.editor.memo_id == ids["project_memo"]
    assert panel.editor.body.toPlainText().endswith("!")


def test_new_memos_on_the_current_document_and_the_selected_code(panel, workbench, ids):
    assert not panel.new_document_action.isEnabled() or workbench.current_document_id
    workbench.show_document(ids["document"])
    workbench.selected_code_ids = [ids["code"]]
    on_document = panel.new_document_memo()
    on_code = panel.new_code_memo()
    assert _memo(workbench, on_document).document_id == ids["document"]
    assert _memo(workbench, on_code).code_id == ids["code"]
    assert "Interview Fatima" in _cell(panel, on_document, columns.OWNER)


def test_delete_asks_first_and_can_be_undone(qtbot, panel, workbench, ids):
    panel.select_memo(ids["document_memo"])
    box = panel.confirm_delete()
    assert box is not None and "verwijderen" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert _memo(workbench, ids["document_memo"]) is not None
    box = panel.confirm_delete()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert _memo(workbench, ids["document_memo"]) is None
    qtbot.waitUntil(lambda: ids["document_memo"] not in _shown(panel), timeout=2000)
    assert panel.editor.memo_id is None
    workbench.undo_stack.undo()
    qtbot.waitUntil(lambda: ids["document_memo"] in _shown(panel), timeout=2000)


def test_delete_key_asks_for_confirmation(qtbot, panel, ids):
    panel.select_memo(ids["code_memo"])
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert panel.confirm_box is not None and panel.confirm_box.isVisible()
    panel.confirm_box.button(QMessageBox.StandardButton.No).click()


def test_double_click_on_a_fragment_memo_jumps_to_the_fragment(qtbot, panel, workbench, ids):
    row = _shown(panel).index(ids["coding_memo"])
    rect = panel.table.visualRect(panel.table.model().index(row, columns.OWNER))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [ids["document"], ids["start"], ids["end"]]
    panel.select_memo(ids["document_memo"])
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        panel.open_current()
    assert signal.args == [ids["document"], -1, -1]


def test_closing_the_project_clears_the_panel(panel, workbench, ids):
    panel.select_memo(ids["project_memo"])
    workbench.close_project()
    assert _shown(panel) == []
    assert panel.editor.memo_id is None and not panel.editor.title.isEnabled()


def test_f2_goes_to_the_title(qtbot, panel, ids):
    panel.select_memo(ids["project_memo"])
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert panel.editor.title.hasFocus()


def test_text_being_typed_is_saved_when_the_project_closes(panel, workbench, ids, project_path):
    panel.select_memo(ids["project_memo"])
    panel.editor.body.setFocus()
    panel.editor.body.moveCursor(panel.editor.body.textCursor().MoveOperation.End)
    type_text(panel.editor.body, " Nog één gedachte.")
    workbench.close_project()
    from reiscoder.model.project import Project

    with Project.open(project_path) as project, project.reader() as s:
        assert s.get(Memo, ids["project_memo"]).text.endswith("Nog één gedachte.")
