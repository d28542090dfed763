"""The Codebook panel: the tree with counts, search, editing the codebook, all undoable."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import func, select

from reiscoder.i18n import _
from reiscoder.model import Code, Coding
from reiscoder.ops.codes import CodingFate
from reiscoder.ui.codebook.dialogs import DeleteCodeDialog, MergeCodeDialog, NewCodeDialog
from reiscoder.ui.codebook.model import CODES_MIME, Column, usage_text
from reiscoder.ui.panels.codebook import CodebookPanel
from tests.factories import code_id


def type_text(widget, text: str) -> None:
    """One key event per character: keyClicks with non-ASCII text aborts the process."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def make_panel(qtbot, workbench) -> CodebookPanel:
    panel = CodebookPanel(workbench)
    qtbot.addWidget(panel)
    panel.resize(420, 800)
    panel.show()
    panel.activateWindow()
    assert QTest.qWaitForWindowActive(panel)
    workbench.project_opened.emit()  # the project was opened before the panel existed
    return panel


def ids(workbench, prefix: str) -> int:
    with workbench.reader() as session:
        return code_id(session, prefix)


def shown_names(panel: CodebookPanel, parent=None) -> list[str]:
    """The names the tree shows, depth first (only codes under expanded parents)."""
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    names = []
    for row in range(panel.proxy.rowCount(parent)):
        index = panel.proxy.index(row, 0, parent)
        names.append(index.data())
        if panel.tree.isExpanded(index):
            names.extend(shown_names(panel, index))
    return names


def cell(panel: CodebookPanel, code: int, column: Column) -> str:
    return panel.proxy.index_of(code).siblingAtColumn(column).data()


def code_row(workbench, code: int):
    with workbench.reader() as session:
        return session.get(Code, code)


def codings_of(workbench, code: int) -> int:
    with workbench.reader() as session:
        return session.scalar(select(func.count()).where(Coding.code_id == code))


def test_tree_shows_the_seed_codebook_with_counts(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    names = shown_names(panel)
    assert names[0] == "1 Sociale samenhang"
    assert names[1].startswith("1.1 Thuis voelen")
    assert len(names) == 25
    thuis = ids(workbench, "1.1")
    assert (cell(panel, thuis, Column.CODINGS), cell(panel, thuis, Column.DOCUMENTS)) == ("1", "1")
    assert cell(panel, ids(workbench, "2.1"), Column.CODINGS) == "0"
    assert panel.status.text() == _("{count} codes").format(count=25)
    index = panel.proxy.index_of(thuis)
    assert index.data(Qt.ItemDataRole.UserRole) == thuis
    assert "Thuis voelen" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_counts_leave_out_hidden_coders_and_recent_codes_show_their_key(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    thuis = ids(workbench, "1.1")
    workbench.set_coder_hidden(workbench.coder_id, True)
    assert cell(panel, thuis, Column.CODINGS) == "0"
    workbench.set_coder_hidden(workbench.coder_id, False)
    assert cell(panel, thuis, Column.CODINGS) == "1"
    workbench.remember_code(ids(workbench, "3.2"))
    workbench.remember_code(thuis)
    assert cell(panel, ids(workbench, "3.2"), Column.KEY) == "1"
    assert cell(panel, thuis, Column.KEY) == "2"
    assert cell(panel, ids(workbench, "3.3"), Column.KEY) is None


def test_search_filters_and_keeps_the_ancestors_of_matches(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.quick_box.setText("ervaringskennis")
    assert shown_names(panel) == ["4 Soort kennis", "4.1 Ervaringskennis"]
    panel.quick_box.setText("SAMENWERKING")  # also in definitions; case does not matter
    assert "2.3 Drager 3: samenwerking" in shown_names(panel)
    assert panel.model.highlighted == ids(workbench, "2.3")
    assert panel.status.text() == _("{matches} of {total} codes match").format(
        matches=len(panel.quick.matches), total=25
    )
    panel.quick_box.clear()
    assert len(shown_names(panel)) == 25


def test_selecting_codes_tells_the_workbench_and_fills_the_editor(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    thuis = ids(workbench, "1.1")
    with qtbot.waitSignal(workbench.codes_selected, timeout=1000) as signal:
        panel.select_code(thuis)
    assert signal.args == [[thuis]]
    assert workbench.selected_code_ids == [thuis]
    assert panel.editor.name.text().startswith("1.1 Thuis voelen")
    assert panel.editor.texts["definition"].toPlainText()
    assert panel.editor.counts.text() == usage_text(1, 1)


def test_create_code_and_subcode_through_the_dialog_and_undo(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.select_code(ids(workbench, "1.2"))
    dialog = panel.actions.ask_new_code()
    assert isinstance(dialog, NewCodeDialog) and not dialog.ok.isEnabled()
    dialog.name.setText("  Buurtfeest  ")
    dialog.accept()
    new = ids(workbench, "Buurtfeest")
    assert code_row(workbench, new).parent_id == ids(workbench, "1 ")
    assert panel.tree.current_code() == new
    sub = panel.actions.ask_new_subcode()
    sub.name.setText("Muziek")
    sub.accept()
    assert code_row(workbench, ids(workbench, "Muziek")).parent_id == new
    workbench.undo_stack.undo()
    workbench.undo_stack.undo()
    assert ids(workbench, "Buurtfeest") is None
    assert len(shown_names(panel)) == 25


def test_rename_inline_through_the_model_and_undo(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "3.4")
    index = panel.proxy.index_of(code)
    assert panel.proxy.setData(index, "3.4 Vindingrijk", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: code_row(workbench, code).name == "3.4 Vindingrijk", timeout=2000)
    assert cell(panel, code, Column.NAME) == "3.4 Vindingrijk"
    workbench.undo_stack.undo()
    assert code_row(workbench, code).name == "3.4 Creatieve oplossingen"
    assert cell(panel, code, Column.NAME) == "3.4 Creatieve oplossingen"


def test_recolour_through_the_colour_dialog_and_undo(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "5.1")
    old = code_row(workbench, code).color
    dialog = panel.actions.ask_recolour(code)
    dialog.setCurrentColor(QColor("#123456"))
    dialog.accept()
    assert code_row(workbench, code).color == "#123456"
    workbench.undo_stack.undo()
    assert code_row(workbench, code).color == old


def _drop(panel: CodebookPanel, mime: str, payload: str, target: int, *, above: bool = False):
    rect = panel.tree.visualRect(panel.proxy.index_of(target))
    point = QPointF(rect.center().x(), rect.top() + 1 if above else rect.center().y())
    data = QMimeData()
    data.setData(mime, QByteArray(payload.encode()))
    action = Qt.DropAction.CopyAction if mime != CODES_MIME else Qt.DropAction.MoveAction
    event = QDropEvent(
        point, action, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    panel.tree.dropEvent(event)
    return event


def test_drag_a_code_onto_another_and_between_codes_then_undo(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    moved, top = ids(workbench, "1.2"), ids(workbench, "3 ")
    _drop(panel, CODES_MIME, str(moved), top)  # onto "3 Sociaal werk": last subcode
    qtbot.waitUntil(lambda: code_row(workbench, moved).parent_id == top, timeout=2000)
    assert code_row(workbench, moved).position == 5
    _drop(panel, CODES_MIME, str(moved), ids(workbench, "3.2"), above=True)
    qtbot.waitUntil(lambda: code_row(workbench, moved).position == 1, timeout=2000)
    workbench.undo_stack.undo()
    workbench.undo_stack.undo()
    assert (code_row(workbench, moved).parent_id, code_row(workbench, moved).position) == (
        ids(workbench, "1 "),
        1,
    )


def test_a_code_cannot_be_dropped_into_its_own_subcode(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    top = ids(workbench, "2 ")
    event = _drop(panel, CODES_MIME, str(top), ids(workbench, "2.4"))
    QTest.qWait(20)
    assert not event.isAccepted()
    assert code_row(workbench, top).parent_id is None
    assert workbench.undo_stack.count() == 0


def test_merge_into_a_chosen_code_and_undo(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    source, target = ids(workbench, "1.3"), ids(workbench, "1.1")
    panel.select_code(source)
    dialog = panel.actions.ask_merge_current()
    assert isinstance(dialog, MergeCodeDialog)
    assert not dialog.proxy.index_of(source).isValid()  # not a target of itself
    dialog.filter.setText("thuis voelen")
    dialog.choose(target)
    dialog.accept()
    assert code_row(workbench, source) is None
    assert codings_of(workbench, target) == 2
    assert cell(panel, target, Column.CODINGS) == "2"
    workbench.undo_stack.undo()
    assert codings_of(workbench, source) == 1 and codings_of(workbench, target) == 1


def test_delete_asks_what_happens_to_the_codings(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code, parent = ids(workbench, "1.1"), ids(workbench, "1 ")
    panel.select_code(code)
    dialog = panel.actions.ask_delete_current()
    assert isinstance(dialog, DeleteCodeDialog)
    assert _("There is 1 coding with it. What happens to it?") in dialog.message.text()
    assert not dialog.ok.isEnabled()
    dialog.accept()  # no choice made: nothing happens
    assert code_row(workbench, code) is not None and workbench.undo_stack.count() == 0
    dialog.choose(CodingFate.TO_PARENT)
    assert dialog.ok.isEnabled()
    dialog.accept()
    assert code_row(workbench, code) is None
    assert codings_of(workbench, parent) == 1
    workbench.undo_stack.undo()
    assert codings_of(workbench, code) == 1 and codings_of(workbench, parent) == 0


def test_delete_key_with_the_codings_deleted_and_undo(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "1.3")
    panel.select_code(code)
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_Delete)
    dialog = panel.actions.dialog
    assert isinstance(dialog, DeleteCodeDialog)
    dialog.choose(CodingFate.DELETE)
    dialog.accept()
    assert code_row(workbench, code) is None
    with workbench.reader() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 1
    workbench.undo_stack.undo()
    assert codings_of(workbench, code) == 1


def test_a_top_level_code_cannot_give_its_codings_to_a_parent(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.select_code(ids(workbench, "1 "))
    dialog = panel.actions.ask_delete_current()
    assert "2" in dialog.message.text()
    dialog.choose(CodingFate.TO_PARENT)
    assert dialog.fate() is None
    dialog.reject()


def test_the_editor_saves_all_fields_as_one_undoable_edit(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "4.2")
    panel.select_code(code)
    old_example = code_row(workbench, code).example
    editor = panel.editor
    editor.texts["definition"].setPlainText("Kennis uit opleiding en beroep.")
    editor.texts["example"].setPlainText("„Als opbouwwerker zie je dat…”")
    assert editor.save_button.isEnabled()
    assert code_row(workbench, code).definition != "Kennis uit opleiding en beroep."
    editor.save_button.click()
    row = code_row(workbench, code)
    assert row.definition == "Kennis uit opleiding en beroep."
    assert row.example == "„Als opbouwwerker zie je dat…”"
    assert workbench.undo_stack.count() == 1
    assert not editor.save_button.isEnabled()
    workbench.undo_stack.undo()
    assert code_row(workbench, code).example == old_example
    assert editor.texts["example"].toPlainText() == old_example


def test_leaving_a_field_saves_it(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "4.3")
    panel.select_code(code)
    panel.activateWindow()
    field = panel.editor.texts["inclusion"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    field.setPlainText("Onderzoek, cijfers, literatuur.")
    panel.tree.setFocus()
    qtbot.waitUntil(
        lambda: code_row(workbench, code).inclusion.startswith("Onderzoek"), timeout=2000
    )


def test_a_failed_rename_in_the_editor_shows_the_stored_name_again(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "1.2")
    panel.select_code(code)
    messages = []
    workbench.failed.connect(messages.append)
    panel.editor.name.setText("1.1 Thuis voelen, gehoord en gezien worden")
    panel.editor.save()
    assert messages
    assert panel.editor.name.text().startswith("1.2 ")


def test_filtering_hides_codes_but_does_not_unselect_them(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    chosen = ids(workbench, "1.2")
    panel.select_code(chosen)
    panel.quick_box.setText("polarisatie")
    assert workbench.selected_code_ids == [chosen]
    assert panel.editor.name.text().startswith("1.2 ")
    panel.quick_box.clear()
    assert panel.tree.current_code() == chosen
    assert panel.tree.selected_codes() == [chosen]


def test_a_read_only_project_can_be_browsed_but_not_changed(qtbot, project_path):
    from reiscoder.model.project import Project
    from reiscoder.ui.workbench import Workbench

    bench = Workbench()
    bench.set_project(Project.open(project_path, read_only=True), 1)
    try:
        panel = make_panel(qtbot, bench)
        code = ids(bench, "1.1")
        panel.select_code(code)
        index = panel.proxy.index_of(code)
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert not panel.actions.actions["delete"].isEnabled()
        assert panel.editor.name.isReadOnly()
        bench.set_selection((1, 0, 11))
        panel.actions.apply(code)
        assert bench.undo_stack.count() == 0
        assert panel.status.text() == _("This project is open read-only.")
    finally:
        bench.close_project()


def test_f2_renames_in_place(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    code = ids(workbench, "2.5")
    panel.select_code(code)
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text().startswith("2.5 ")
    editor.selectAll()
    type_text(editor, "2.5 Belemmeringen")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: code_row(workbench, code).name == "2.5 Belemmeringen", timeout=2000)
    assert panel.tree.current_code() == code


def test_context_menu_offers_what_can_be_done_with_the_code(qtbot, workbench):
    panel = make_panel(qtbot, workbench)
    panel.select_code(ids(workbench, "1.1"))
    menu = panel.actions.context_menu(QPoint(10, 10))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    menu.close()
    assert _("In-vivo code from the selected words") in texts
    assert _("Delete…") in texts and _("Merge into…") in texts
