"""The Documents panel: what the table shows, filtering and sorting, opening, and edits that
can be undone (rename, delete, attributes, speakers and cases)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import func, select, update

from reiscoder.model import (
    Attribute,
    AttributeValue,
    Case,
    Coding,
    Document,
    SegmentationState,
    Sentence,
    Speaker,
)
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.documents import rename_document
from reiscoder.ui.documents.table_model import PROGRESS_ROLE, SEGMENTING_ROLE
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.panels.documents import DocumentsPanel
from reiscoder.ui.workbench import Workbench
from tests.factories import SAMPLE_TEXT, add_document, code_id
from tests.ui.conftest import CODER

SHORT = "Interviewer: Hoe is het?\n\nSamira: Goed hoor."


def _attribute(session, name: str) -> int:
    return session.scalar(select(Attribute.id).where(Attribute.name == name))


@pytest.fixture
def filled(workbench):
    """Three documents with etappe, wijk and date; Fatima is a resident (bewoner)."""
    with workbench.project.transaction() as s:
        short = add_document(s, "Kort gesprek", SHORT)
        etappe, wijk, datum = (_attribute(s, n) for n in ("Etappe", "Wijk", "Datum"))
        for doc, values in {
            1: ("1 Sociale samenhang", "Afrikaanderwijk", "02-12-2025"),
            2: ("3 Sociaal werk", "Feijenoord", "01-03-2026"),
            short: ("1 Sociale samenhang", "Charlois", ""),
        }.items():
            set_value(s, etappe, values[0], document_id=doc)
            set_value(s, wijk, values[1], document_id=doc)
            set_value(s, datum, values[2], document_id=doc)
        case = create_case(s, "Fatima").created_id
        set_value(s, _attribute(s, "Rol"), "bewoner", case_id=case)
        speaker = s.scalar(
            select(Speaker.id).where(Speaker.document_id == 1, Speaker.label == "Fatima")
        )
        link_speaker(s, speaker, case)
    return workbench


def _panel(qtbot, workbench) -> DocumentsPanel:
    panel = DocumentsPanel(workbench)
    qtbot.addWidget(panel)
    panel.resize(1100, 400)
    panel.show()
    panel.activateWindow()
    assert QTest.qWaitForWindowActive(panel)
    return panel


def _cell(panel: DocumentsPanel, name: str, column_title: str) -> str:
    column = [c.title() for c in panel.model.columns].index(column_title)
    for row in range(panel.proxy.rowCount()):
        if panel.proxy.index(row, 0).data() == name:
            return panel.proxy.index(row, column).data()
    raise AssertionError(name)


def _select(panel: DocumentsPanel, name: str, column: int = 0):
    row = panel.visible_names().index(name)
    index = panel.proxy.index(row, column)
    flags = QItemSelectionModel.SelectionFlag
    panel.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
    panel.table.setFocus()
    return index


def _db(workbench, query):
    with workbench.reader() as session:
        return session.scalar(query)


# -- what the table shows ---------------------------------------------------------------------


def test_table_shows_attributes_roles_words_codings_and_progress(qtbot, filled):
    panel = _panel(qtbot, filled)
    titles = [c.title() for c in panel.model.columns]
    assert titles == [
        "Document",
        "Gecodeerd",
        "Etappe",
        "Wijk",
        "Datum",
        "Interviewer",
        "Rollen",
        "Woorden",
        "Coderingen",
    ]
    assert panel.visible_names() == ["Interview Fatima", "Interview Henk", "Kort gesprek"]
    assert _cell(panel, "Interview Fatima", "Wijk") == "Afrikaanderwijk"
    assert _cell(panel, "Interview Fatima", "Datum") == "02-12-2025"
    assert _cell(panel, "Interview Fatima", "Rollen") == "bewoner"
    assert _cell(panel, "Interview Henk", "Rollen") == ""
    assert _cell(panel, "Kort gesprek", "Woorden") == "7"
    assert _cell(panel, "Interview Fatima", "Coderingen") == "2"
    # no sentences in these test documents: two of Fatima's four turns carry a coding
    assert _cell(panel, "Interview Fatima", "Gecodeerd") == "50%"
    assert _cell(panel, "Interview Henk", "Gecodeerd") == "0%"
    words = 2 * len(SAMPLE_TEXT.split()) + 7
    assert panel.status.counts.text() == f"3 documenten · {words} woorden"


def test_progress_counts_sentences_and_shows_segmenting_documents(qtbot, filled):
    with filled.project.transaction() as s:
        text = s.scalar(select(Document.text).where(Document.id == 1))
        first = text.index("Al twintig jaar.")
        for start, end in ((0, 20), (first, first + 16), (first + 17, first + 40), (120, 130)):
            s.add(Sentence(document_id=1, start=start, end=end))
        s.execute(
            update(Document)
            .where(Document.id == 2)
            .values(segmentation=SegmentationState.SEGMENTING)
        )
    panel = _panel(qtbot, filled)
    fatima = panel.proxy.index(0, panel.model.column_of("progress"))
    assert fatima.data(PROGRESS_ROLE) == pytest.approx(0.75)  # 3 of 4 sentences coded
    assert "3 van 4 zinnen" in fatima.data(Qt.ItemDataRole.ToolTipRole)
    henk = panel.proxy.index(1, 0)
    assert henk.data(SEGMENTING_ROLE) is True
    assert "zinnen worden nog bepaald" in henk.data(Qt.ItemDataRole.ToolTipRole)
    assert panel.status.work.text() == "Zinnen worden bepaald voor 1 document…"
    panel.grab()  # the name and progress delegates paint without errors


def test_hidden_coders_are_not_counted(qtbot, filled):
    with filled.project.transaction() as s:
        bram = coder_id_for(s, "Bram Jansen")
        apply_coding(s, 2, code_id(s, "2.1"), bram, 0, 12)
    panel = _panel(qtbot, filled)
    assert _cell(panel, "Interview Henk", "Coderingen") == "1"
    filled.set_coder_hidden(bram, True)
    assert _cell(panel, "Interview Henk", "Coderingen") == "0"


def test_refreshes_when_codings_change_and_keeps_the_selection(qtbot, filled):
    panel = _panel(qtbot, filled)
    _select(panel, "Interview Henk")
    filled.execute(lambda s: apply_coding(s, 2, code_id(s, "2.1"), filled.coder_id, 0, 12))
    # while coding, counts follow a moment later (one refresh per burst of codings)
    qtbot.waitUntil(lambda: _cell(panel, "Interview Henk", "Coderingen") == "1", timeout=2000)
    assert panel.selected_ids() == [2]


def test_a_hidden_panel_refreshes_when_shown_again(qtbot, filled):
    panel = _panel(qtbot, filled)
    panel.hide()
    filled.execute(lambda s: rename_document(s, 2, "Gesprek met Henk"))
    assert "Interview Henk" in panel.visible_names()
    panel.show()
    assert "Gesprek met Henk" in panel.visible_names()


def test_empty_states(qtbot, tmp_path, workbench):
    from tests.factories import new_project

    path = tmp_path / "leeg.reis"
    new_project(path).close()
    panel = _panel(qtbot, workbench)
    workbench.close_project()
    assert panel.stack.currentWidget() is panel.empty
    assert panel.empty.title.text() == "Geen project geopend"
    project = Project.open(path)
    workbench.set_project(project, coder_in_project(project, CODER))
    assert panel.empty.title.text() == "Nog geen documenten"
    assert panel.empty.button.isVisibleTo(panel)


# -- filtering and sorting --------------------------------------------------------------------


def test_filter_box_matches_name_and_attribute_values(qtbot, filled):
    panel = _panel(qtbot, filled)
    qtbot.keyClicks(panel.filter_bar.search, "feijenoord")
    assert panel.visible_names() == ["Interview Henk"]
    assert panel.status.counts.text() == "1 van 3 documenten"
    assert panel.status.clear_button.isVisibleTo(panel)
    panel.filter_bar.search.clear()
    qtbot.keyClicks(panel.filter_bar.search, "bewoner")
    assert panel.visible_names() == ["Interview Fatima"]
    panel.status.clear_button.click()
    assert len(panel.visible_names()) == 3
    assert panel.filter_bar.search.text() == ""


def test_filter_per_choice_attribute_and_on_a_cell_value(qtbot, filled):
    panel = _panel(qtbot, filled)
    etappe = _db(filled, select(Attribute.id).where(Attribute.name == "Etappe"))
    combo = panel.filter_bar.combos[etappe]
    combo.setCurrentIndex(combo.findData("1 Sociale samenhang"))
    assert panel.visible_names() == ["Interview Fatima", "Kort gesprek"]
    # the context menu of a Wijk cell offers "show only" that value
    index = panel.proxy.index(1, panel.model.column_of("attribute", etappe + 1))
    menu = panel.context_menu(index)
    action = next(a for a in menu.actions() if a.text() == "Alleen “Charlois” tonen")
    action.trigger()
    assert panel.visible_names() == ["Kort gesprek"]
    chip = panel.filter_bar.chips[etappe + 1]
    assert chip.text().startswith("Wijk: Charlois")
    chip.click()
    combo.setCurrentIndex(0)
    assert len(panel.visible_names()) == 3
    combo.setCurrentIndex(combo.count() - 1)  # "Etappe: leeg"
    assert panel.visible_names() == []


def test_sort_by_any_column_numbers_and_dates_as_such(qtbot, filled):
    panel = _panel(qtbot, filled)
    panel.table.sortByColumn(panel.model.column_of("words"), Qt.SortOrder.AscendingOrder)
    assert panel.visible_names() == ["Kort gesprek", "Interview Fatima", "Interview Henk"]
    datum = _db(filled, select(Attribute.id).where(Attribute.name == "Datum"))
    column = panel.model.column_of("attribute", datum)
    panel.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    # 02-12-2025 comes before 01-03-2026; the document without a date comes last
    assert panel.visible_names() == ["Interview Fatima", "Interview Henk", "Kort gesprek"]
    panel.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert panel.visible_names()[:2] == ["Kort gesprek", "Interview Henk"]
    panel.table.sortByColumn(panel.model.column_of("progress"), Qt.SortOrder.DescendingOrder)
    assert panel.visible_names()[0] == "Interview Fatima"


def test_columns_can_be_hidden_and_stay_hidden_after_a_refresh(qtbot, filled):
    panel = _panel(qtbot, filled)
    menu = panel.table.column_menu()
    words = next(a for a in menu.actions() if a.text() == "Woorden")
    words.setChecked(False)
    column = panel.model.column_of("words")
    assert panel.table.isColumnHidden(column)
    filled.execute(lambda s: create_attribute(s, "Plek"))  # a new column: the model resets
    assert panel.table.isColumnHidden(panel.model.column_of("words"))
    assert not panel.table.isColumnHidden(panel.model.column_of("codings"))


# -- opening ------------------------------------------------------------------------------------


def test_click_and_enter_open_the_document(qtbot, filled):
    panel = _panel(qtbot, filled)
    rect = panel.table.visualRect(panel.proxy.index(1, 0))
    with qtbot.waitSignal(filled.document_requested, timeout=1000) as blocker:
        QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == 2
    assert panel.model.current_id == 2
    _select(panel, "Kort gesprek")
    with qtbot.waitSignal(filled.document_requested, timeout=1000) as blocker:
        QTest.keyClick(panel.table, Qt.Key.Key_Return)
    assert blocker.args[0] == 3


# -- changing -----------------------------------------------------------------------------------


def test_rename_with_f2_and_undo(qtbot, filled):
    panel = _panel(qtbot, filled)
    _select(panel, "Interview Henk", column=panel.model.column_of("words"))
    QTest.keyClick(panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "Interview Henk"
    editor.selectAll()
    qtbot.keyClicks(editor, "Gesprek met Henk")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    name = select(Document.name).where(Document.id == 2)
    qtbot.waitUntil(lambda: _db(filled, name) == "Gesprek met Henk", timeout=2000)
    assert "Gesprek met Henk" in panel.visible_names()
    filled.undo_stack.undo()
    assert _db(filled, name) == "Interview Henk"
    assert "Interview Henk" in panel.visible_names()


def test_inline_attribute_edit_is_undoable(qtbot, filled):
    panel = _panel(qtbot, filled)
    wijk = _db(filled, select(Attribute.id).where(Attribute.name == "Wijk"))
    index = panel.proxy.index(1, panel.model.column_of("attribute", wijk))
    assert panel.proxy.setData(index, "Delfshaven")
    query = select(AttributeValue.value).where(
        AttributeValue.document_id == 2, AttributeValue.attribute_id == wijk
    )
    assert _db(filled, query) == "Delfshaven"
    assert _cell(panel, "Interview Henk", "Wijk") == "Delfshaven"
    filled.undo_stack.undo()
    assert _db(filled, query) == "Feijenoord"


def test_an_invalid_date_is_refused_with_a_message(qtbot, filled):
    panel = _panel(qtbot, filled)
    messages = []
    filled.failed.connect(messages.append)
    datum = _db(filled, select(Attribute.id).where(Attribute.name == "Datum"))
    panel.set_value(2, datum, "31-02-2026")
    assert "geen datum" in messages[0]
    assert _cell(panel, "Interview Henk", "Datum") == "01-03-2026"


def test_delete_asks_naming_the_codings_and_can_be_undone(qtbot, filled):
    panel = _panel(qtbot, filled)
    _select(panel, "Interview Fatima")
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    question = panel.question
    assert question is not None and question.isVisible()
    assert "Interview Fatima" in question.text()
    assert "2 coderingen gaan verloren" in question.informativeText()
    question.delete_button.click()
    assert panel.visible_names() == ["Interview Henk", "Kort gesprek"]
    assert _db(filled, select(func.count()).select_from(Coding)) == 0
    filled.undo_stack.undo()
    assert panel.visible_names()[0] == "Interview Fatima"
    assert _db(filled, select(func.count()).select_from(Coding)) == 2


def test_cancelling_the_delete_question_keeps_everything(qtbot, filled):
    panel = _panel(qtbot, filled)
    _select(panel, "Interview Henk")
    question = panel.delete()
    question.reject()
    assert len(panel.visible_names()) == 3


def test_attribute_dialog_saves_all_changes_as_one_undoable_step(qtbot, filled):
    panel = _panel(qtbot, filled)
    dialog = panel.edit_attributes(2)
    assert dialog.windowTitle() == "Kenmerken — Interview Henk"
    dialog.form.field("Etappe").set_value("2 Sociale innovatie")
    dialog.form.field("Interviewer").set_value("Anna de Vries")
    dialog.form.field("Datum").set_value("")
    dialog.accept()
    assert _cell(panel, "Interview Henk", "Etappe") == "2 Sociale innovatie"
    assert _cell(panel, "Interview Henk", "Interviewer") == "Anna de Vries"
    assert _cell(panel, "Interview Henk", "Datum") == ""
    filled.undo_stack.undo()
    assert _cell(panel, "Interview Henk", "Etappe") == "3 Sociaal werk"
    assert _cell(panel, "Interview Henk", "Interviewer") == ""
    assert _cell(panel, "Interview Henk", "Datum") == "01-03-2026"


# -- speakers and cases -----------------------------------------------------------------------


def test_speakers_dialog_renames_links_and_gives_roles_undoably(qtbot, filled):
    panel = _panel(qtbot, filled)
    dialog = panel.edit_speakers(2)
    model = dialog.model
    assert dialog.windowTitle() == "Sprekers en casussen — Interview Henk"
    assert [(r.label, r.case_name) for r in model.rows] == [("Interviewer", ""), ("Fatima", "")]
    fatima_speaker = model.rows[1].id

    # rename the speaker
    assert model.setData(model.index(1, 1), "Fatima B.")
    assert model.rows[1].name == "Fatima B."
    # link to the existing case: Henk's document now has a resident speaking
    assert model.setData(model.index(1, 2), "fatima")
    assert model.rows[1].case_name == "Fatima"
    assert model.rows[1].role == "bewoner"
    assert _cell(panel, "Interview Henk", "Rollen") == "bewoner"
    # a new case for the interviewer, then a role for it
    assert model.setData(model.index(0, 2), "Anna")
    assert model.setData(model.index(0, 3), "onderzoeker")
    assert (model.rows[0].case_name, model.rows[0].role) == ("Anna", "onderzoeker")
    assert _cell(panel, "Interview Henk", "Rollen") == "bewoner, onderzoeker"

    for _step in range(3):
        filled.undo_stack.undo()
    assert [(r.name, r.case_name) for r in model.rows] == [("Interviewer", ""), ("Fatima B.", "")]
    filled.undo_stack.undo()
    assert model.rows[1].name == "Fatima"
    assert _db(filled, select(Speaker.case_id).where(Speaker.id == fatima_speaker)) is None
    assert _db(filled, select(func.count()).select_from(Case)) == 1


def test_the_context_menu_opens_the_dialogs_for_the_row(qtbot, filled):
    panel = _panel(qtbot, filled)
    index = _select(panel, "Interview Henk")
    texts = [a.text() for a in panel.context_menu(index).actions() if a.text()]
    assert texts[:4] == ["Openen", "Kenmerken…", "Sprekers en casussen…", "Naam wijzigen"]
    assert "Verwijderen…" in texts and "Transcripten importeren…" in texts
    panel.actions_["speakers"].trigger()
    assert panel.dialogs[-1].windowTitle() == "Sprekers en casussen — Interview Henk"
    panel.actions_["attributes"].trigger()
    assert panel.dialogs[-1].windowTitle() == "Kenmerken — Interview Henk"


def test_the_case_column_edits_with_a_combo_of_cases(qtbot, filled):
    from PySide6.QtWidgets import QComboBox

    panel = _panel(qtbot, filled)
    dialog = panel.edit_speakers(2)
    index = dialog.model.index(1, 2)
    delegate = dialog.table.itemDelegateForColumn(2)
    editor = delegate.createEditor(dialog.table.viewport(), None, index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "Fatima"]
    delegate.setEditorData(editor, index)
    editor.setCurrentIndex(1)
    delegate.setModelData(editor, dialog.model, index)
    assert dialog.model.rows[1].case_name == "Fatima"


def test_a_role_for_a_speaker_without_case_makes_the_case(qtbot, filled):
    panel = _panel(qtbot, filled)
    dialog = panel.edit_speakers(3)
    model = dialog.model
    assert model.setData(model.index(1, 3), "bewoner")
    assert (model.rows[1].case_name, model.rows[1].role) == ("Samira", "bewoner")
    filled.undo_stack.undo()
    assert model.rows[1].case_name == ""
    assert _db(filled, select(Case.id).where(Case.name == "Samira")) is None


def test_speakers_dialog_closes_when_its_document_is_deleted(qtbot, filled):
    panel = _panel(qtbot, filled)
    dialog = panel.edit_speakers(3)
    assert dialog.isVisible()
    _select(panel, "Kort gesprek")
    panel.delete().delete_button.click()
    assert not dialog.isVisible()


def test_read_only_project_offers_no_edits(qtbot, project_path):
    bench = Workbench()
    bench.set_project(Project.open(project_path, read_only=True), None)
    try:
        panel = _panel(qtbot, bench)
        index = panel.proxy.index(0, 0)
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert panel.delete() is None
        assert panel.import_paths([project_path]) is None
    finally:
        bench.close_project()


def test_a_big_project_counts_its_sentences_in_the_background(qtbot, monkeypatch, project_path):
    from reiscoder.ui.panels import documents as panel_module

    monkeypatch.setattr(panel_module, "LAZY_WORDS", 10)
    bench = Workbench()
    panel = _panel(qtbot, bench)
    project = Project.open(project_path)
    try:
        bench.set_project(project, coder_in_project(project, CODER))
        column = panel.model.column_of("progress")
        first = panel.proxy.index(0, column)
        assert first.data() == "…"  # the count comes back through the event loop
        qtbot.waitUntil(lambda: panel.proxy.index(0, column).data() == "50%", timeout=5000)
        assert not panel._lazy
    finally:
        bench.close_project()
