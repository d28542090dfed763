"""The Coded segments panel as a researcher uses it: pick a code, filter, jump, edit, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from reiscoder.model import Attribute, Coding, Memo, Speaker, Turn
from reiscoder.ops.attributes import set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.lists import segment_columns as columns
from reiscoder.ui.lists.table import ID_ROLE
from reiscoder.ui.panels.segments import SegmentsPanel
from tests.factories import SAMPLE_TEXT, add_document, code_id


def _span(words: str) -> tuple[int, int]:
    start = SAMPLE_TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def ids(workbench):
    """Besides the fixture's two codings by Anna: one by Bram in a third document (etappe 2),
    one by Anna with a timestamp; Fatima of the first document is a bewoner."""
    with workbench.project.transaction() as s:
        first = s.scalar(select(Coding.document_id).limit(1))
        third = add_document(s, "Busgesprek")
        bram = coder_id_for(s, "Bram Jansen")
        c11 = code_id(s, "1.1")
        etappe = s.scalar(select(Attribute.id).where(Attribute.name == "Etappe"))
        role = s.scalar(select(Attribute.id).where(Attribute.name == "Rol"))
        set_value(s, etappe, "1 Sociale samenhang", document_id=first)
        set_value(s, etappe, "2 Sociale innovatie", document_id=third)
        fatima = create_case(s, "Fatima").created_id
        set_value(s, role, "bewoner", case_id=fatima)
        for speaker in s.scalars(select(Speaker).where(Speaker.label == "Fatima")):
            link_speaker(s, speaker.id, fatima)
        by_bram = apply_coding(s, third, c11, bram, *_span("Al twintig jaar.")).created_id
        turn = s.scalar(select(Turn).where(Turn.document_id == first).order_by(Turn.start.desc()))
        turn.timestamp_ms = 3_723_000
        by_anna = apply_coding(
            s, first, c11, workbench.coder_id, *_span("Dat ging dicht.")
        ).created_id
        first_coding = s.scalar(select(Coding.id).where(Coding.code_id == c11).order_by(Coding.id))
    return {
        "first": first,
        "third": third,
        "bram": bram,
        "c11": c11,
        "etappe": etappe,
        "role": role,
        "by_bram": by_bram,
        "by_anna": by_anna,
        "fixture": first_coding,
    }


@pytest.fixture
def panel(qtbot, workbench):
    widget = SegmentsPanel(workbench)
    qtbot.addWidget(widget)
    widget.resize(1300, 400)
    widget.show()
    return widget


def _select(workbench, *code_ids: int) -> None:
    workbench.selected_code_ids = list(code_ids)
    workbench.codes_selected.emit(list(code_ids))


def _cells(panel, column: int) -> list[str]:
    model = panel.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _ids(panel) -> list[int]:
    model = panel.table.model()
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


def test_without_a_code_the_panel_says_what_to_do(panel):
    assert panel.body.currentWidget() is panel.body.hint
    assert "codeboek" in panel.body.hint.text()


def test_selecting_a_code_lists_exactly_its_segments(panel, workbench, ids):
    _select(workbench, ids["c11"])
    assert sorted(_ids(panel)) == sorted([ids["fixture"], ids["by_anna"], ids["by_bram"]])
    # By document name, then in reading order.
    assert _cells(panel, columns.DOCUMENT) == ["Busgesprek", "Interview Fatima", "Interview Fatima"]
    assert _cells(panel, columns.SPEAKER) == ["Fatima", "Interviewer", "Fatima"]
    assert _cells(panel, columns.CODER) == ["Bram Jansen", "Anna de Vries", "Anna de Vries"]
    assert _cells(panel, columns.PLACE) == ["beurt 2", "beurt 1", "01:02:03"]
    quotes = _cells(panel, columns.QUOTE)
    assert (quotes[0], quotes[2]) == ("Al twintig jaar.", "Dat ging dicht.")
    assert _cells(panel, columns.CODE)[0].startswith("1.1 Thuis voelen")
    assert panel.count.text() == "3 fragmenten in 2 documenten"
    assert "1.1 Thuis voelen" in panel.title.text()
    assert panel.body.currentWidget() is panel.table


def test_a_code_without_segments_says_so(panel, workbench):
    with workbench.reader() as s:
        empty = code_id(s, "5.3")
    _select(workbench, empty)
    assert panel.body.currentWidget() is panel.body.hint
    assert "Nog geen fragmenten" in panel.body.hint.text()


def test_subcodes_on_request(panel, workbench, ids):
    with workbench.reader() as s:
        category = code_id(s, "1 ")
    _select(workbench, category)
    assert _ids(panel) == []
    panel.subcodes.setChecked(True)
    assert len(_ids(panel)) == 4  # three of 1.1, one of 1.3
    assert panel.count.text() == "4 fragmenten in 2 documenten"


def _menu_action(menu, text: str):
    menu.aboutToShow.emit()
    for action in menu.actions():
        if action.text() == text:
            return action
        if action.menu() is not None:
            for sub in action.menu().actions():
                if sub.text() == text:
                    return sub
    raise AssertionError(f"no menu item {text!r} in {[a.text() for a in menu.actions()]}")


def test_coder_filter_narrows_the_list(panel, workbench, ids):
    _select(workbench, ids["c11"])
    _menu_action(panel.filters.coders_button.menu(), "Anna de Vries").trigger()
    assert _ids(panel) == [ids["by_bram"]]
    assert panel.filters.coders_button.text() == "Codeurs (1/2)"
    assert panel.count.text() == "1 fragment in 1 document (gefilterd uit 3)"
    _menu_action(panel.filters.coders_button.menu(), "Alle codeurs").trigger()
    assert len(_ids(panel)) == 3


def test_hidden_coders_are_not_shown(panel, workbench, ids):
    _select(workbench, ids["c11"])
    workbench.set_coder_hidden(ids["bram"], True)
    assert ids["by_bram"] not in _ids(panel)
    menu = panel.filters.coders_button.menu()
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions()]
    assert "Bram Jansen" not in texts
    assert "Verborgen in het transcript: Bram Jansen" in texts
    workbench.set_coder_hidden(ids["bram"], False)
    assert ids["by_bram"] in _ids(panel)


def test_attribute_filters_by_document_and_by_speakers_case(panel, workbench, ids):
    _select(workbench, ids["c11"])
    _menu_action(panel.filters.attributes_button.menu(), "2 Sociale innovatie").trigger()
    assert _ids(panel) == [ids["by_bram"]]
    assert panel.filters.attributes_button.text() == "Kenmerken (1)"
    panel.filters.set_attribute(ids["etappe"], frozenset())
    _menu_action(panel.filters.attributes_button.menu(), "bewoner").trigger()
    assert sorted(_ids(panel)) == sorted([ids["by_anna"], ids["by_bram"]])
    _menu_action(panel.filters.attributes_button.menu(), "Alle kenmerken tonen").trigger()
    assert len(_ids(panel)) == 3


def test_filter_that_matches_nothing_says_so(panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.filters.set_attribute(ids["etappe"], frozenset({"3 Sociaal werk"}))
    assert panel.body.currentWidget() is panel.body.hint
    assert "filter" in panel.body.hint.text()


def test_sorting_by_coder_keeps_the_selection(panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.table.selectRow(_ids(panel).index(ids["by_bram"]))
    panel.table.sortByColumn(columns.CODER, Qt.SortOrder.DescendingOrder)
    assert _cells(panel, columns.CODER)[0] == "Bram Jansen"
    chosen = panel.table.selectionModel().selectedRows()
    assert [index.data(ID_ROLE) for index in chosen] == [ids["by_bram"]]


def test_double_click_and_enter_jump_to_the_fragment(qtbot, panel, workbench, ids):
    _select(workbench, ids["c11"])
    row = _ids(panel).index(ids["by_bram"])
    rect = panel.table.visualRect(panel.table.model().index(row, columns.QUOTE))
    start, end = _span("Al twintig jaar.")
    # A real double-click starts with a press on the same row.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [ids["third"], start, end]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.table.model().index(_ids(panel).index(ids["by_anna"]), 0))
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert signal.args == [ids["first"], *_span("Dat ging dicht.")]
    assert workbench.current_document_id == ids["first"]


def test_remove_coding_from_the_list_and_undo(qtbot, panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.table.selectRow(_ids(panel).index(ids["by_anna"]))
    panel.remove_action.trigger()
    qtbot.waitUntil(lambda: ids["by_anna"] not in _ids(panel), timeout=2000)
    with workbench.reader() as s:
        assert s.get(Coding, ids["by_anna"]) is None
    workbench.undo_stack.undo()
    qtbot.waitUntil(lambda: ids["by_anna"] in _ids(panel), timeout=2000)


def test_remove_several_codings_is_one_undo_step(qtbot, panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.table.selectAll()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _ids(panel) == [], timeout=2000)
    assert workbench.undo_stack.undoText() == "3 coderingen weghalen"
    workbench.undo_stack.undo()
    qtbot.waitUntil(lambda: len(_ids(panel)) == 3, timeout=2000)


def test_edit_coding_memo_in_a_dialog(qtbot, panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.table.setCurrentIndex(panel.table.model().index(_ids(panel).index(ids["by_bram"]), 0))
    dialog = panel.edit_memo()
    assert dialog is not None and dialog.text() == ""
    dialog.editor.setFocus()
    for char in "Één café":
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            dialog.editor,
            Qt.Key.Key_unknown,
            char,
            Qt.KeyboardModifier.NoModifier,
        )
    dialog.accept()
    qtbot.waitUntil(lambda: "Één café" in _cells(panel, columns.MEMO), timeout=2000)
    with workbench.reader() as s:
        assert s.scalar(select(Memo.text).where(Memo.coding_id == ids["by_bram"])) == "Één café"
    workbench.undo_stack.undo()
    qtbot.waitUntil(lambda: "Één café" not in _cells(panel, columns.MEMO), timeout=2000)


def test_copy_puts_quotes_with_their_source_on_the_clipboard(panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.table.selectRow(_ids(panel).index(ids["by_bram"]))
    panel.copy_action.trigger()
    text = QApplication.clipboard().text()
    assert text.startswith("“Al twintig jaar.” (Busgesprek, Fatima, beurt 2;")


def test_refreshes_when_a_coding_is_added_elsewhere(qtbot, panel, workbench, ids):
    _select(workbench, ids["c11"])
    workbench.code_selection(ids["third"], ids["c11"], *_span("Nou ja"))
    qtbot.waitUntil(lambda: len(_ids(panel)) == 4, timeout=2000)


def test_hidden_panel_reloads_when_shown_again(qtbot, panel, workbench, ids):
    _select(workbench, ids["c11"])
    panel.hide()
    workbench.code_selection(ids["third"], ids["c11"], *_span("Nou ja"))
    assert len(_ids(panel)) == 3
    panel.show()
    qtbot.waitUntil(lambda: len(_ids(panel)) == 4, timeout=2000)


def test_closing_the_project_empties_the_panel(panel, workbench, ids):
    _select(workbench, ids["c11"])
    workbench.close_project()
    assert _ids(panel) == []
    assert panel.body.currentWidget() is panel.body.hint


def test_row_heights_follow_the_length_of_the_quote(panel, workbench, ids):
    with workbench.project.transaction() as s:
        apply_coding(s, ids["third"], ids["c11"], workbench.coder_id, 0, len(SAMPLE_TEXT) - 1)
        count = s.scalar(select(func.count()).select_from(Coding))
    assert count > 3
    _select(workbench, ids["c11"])
    heights = [panel.table.rowHeight(r) for r in range(panel.table.model().rowCount())]
    assert max(heights) > min(heights)


def test_a_parent_code_without_own_fragments_points_to_the_subcodes(qtbot, workbench):
    from sqlalchemy import select

    from reiscoder.model import Code
    from reiscoder.ui.panels.segments import SegmentsPanel

    panel = SegmentsPanel(workbench)
    qtbot.addWidget(panel)
    with workbench.reader() as session:
        parent = session.scalar(select(Code.id).where(Code.name.startswith("1 ")))
    workbench.selected_code_ids = [parent]
    workbench.codes_selected.emit([parent])
    panel.reload()
    assert panel.body.currentWidget() is panel.body.hint
    assert "Met subcodes" in panel.body.hint.text()


def test_a_document_group_filters_the_fragments(panel, workbench, ids):
    from reiscoder.model import GroupKind
    from reiscoder.ops.groups import create_group

    workbench.execute(lambda s: create_group(s, GroupKind.DOCUMENT, "Bus", [ids["third"]]))
    _select(workbench, ids["c11"])
    assert len(_ids(panel)) == 3
    _menu_action(panel.filters.groups_button.menu(), "Bus (1)").trigger()
    assert _ids(panel) == [ids["by_bram"]]
    assert panel.filters.groups_button.text() == "Groep: Bus"
    _menu_action(panel.filters.groups_button.menu(), "Alle documenten").trigger()
    assert len(_ids(panel)) == 3
