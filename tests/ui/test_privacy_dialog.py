"""Project > Name list (pseudonyms)…: suggestions to confirm, edit or reject; names to add,
edit and remove; every change undoable; and the pseudonymised copy and exports."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from reiscoder.model import NameKind, Pseudonym
from reiscoder.model.project import Project
from reiscoder.ops.names import NewName, add_names
from reiscoder.reports.options import ExportKind
from reiscoder.ui.exporting.dialog import ExportDialog
from reiscoder.ui.privacy import make_pseudonymised_copy, open_pseudonyms_dialog
from reiscoder.ui.privacy.models import NamesModel, SuggestionsModel
from reiscoder.ui.refi import RefiExportDialog


@pytest.fixture
def dialog(qtbot, workbench):
    shown = open_pseudonyms_dialog(None, workbench)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: not shown.searching, timeout=30_000)
    return shown


def _names(workbench) -> dict[str, tuple[str, str, bool, bool]]:
    with workbench.reader() as session:
        rows = session.scalars(select(Pseudonym)).all()
        return {r.original: (r.pseudonym, r.kind, r.confirmed, r.rejected) for r in rows}


def _suggested(dialog) -> list[str]:
    return [row.suggestion.original for row in dialog.suggestions.rows]


def _row(dialog, original: str) -> int:
    return _suggested(dialog).index(original)


def test_suggestions_are_found_and_shown_with_examples(dialog):
    assert dialog.tabs.currentIndex() == 1  # an empty list opens on the suggestions
    assert {"Fatima", "Afrikaanderwijk", "Jansen"} <= set(_suggested(dialog))
    model = dialog.suggestions
    fatima = _row(dialog, "Fatima")
    assert model.index(fatima, SuggestionsModel.PSEUDONYM).data() == "Respondent 1"
    assert "Fatima" in model.index(fatima, SuggestionsModel.EXAMPLE).data()
    assert dialog.tabs.tabText(1) == f"Suggesties ({len(model.rows)})"
    assert not dialog.accept_button.isEnabled()


def test_ticked_suggestions_are_added_with_their_edits_and_undone(dialog, workbench):
    model = dialog.suggestions
    fatima, jansen = _row(dialog, "Fatima"), _row(dialog, "Jansen")
    model.setData(model.index(fatima, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(jansen, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(fatima, SuggestionsModel.PSEUDONYM), "Amira")
    model.setData(model.index(jansen, SuggestionsModel.KIND), NameKind.OTHER)
    assert model.index(jansen, SuggestionsModel.PSEUDONYM).data() == "[naam 1]"
    dialog.accept_button.click()
    assert _names(workbench) == {
        "Fatima": ("Amira", "person", True, False),
        "Jansen": ("[naam 1]", "other", True, False),
    }
    assert "Fatima" not in _suggested(dialog) and "Jansen" not in _suggested(dialog)
    assert dialog.tabs.tabText(0) == "Namenlijst (2)"
    assert dialog.names.rowCount() == 2
    workbench.undo_stack.undo()
    assert _names(workbench) == {}
    assert dialog.names.rowCount() == 0 and not dialog.empty.isHidden()


def test_not_a_name_is_remembered(qtbot, dialog, workbench):
    row = _row(dialog, "Afrikaanderwijk")
    dialog.suggestion_table.selectRow(row)
    dialog.reject_button.click()
    assert _names(workbench)["Afrikaanderwijk"][3] is True  # rejected
    assert "Afrikaanderwijk" not in _suggested(dialog)
    dialog.find_suggestions()
    assert not dialog.search_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.searching, timeout=30_000)
    assert "Afrikaanderwijk" not in _suggested(dialog) and "Fatima" in _suggested(dialog)


def test_add_all_marks_them_to_check(dialog, workbench):
    count = len(dialog.suggestions.rows)
    dialog.add_all_button.click()
    names = _names(workbench)
    assert len(names) == count and not any(confirmed for _p, _k, confirmed, _r in names.values())
    assert dialog.names.index(0, NamesModel.STATUS).data() == "te controleren"
    dialog.table.selectAll()
    dialog.confirm_button.click()
    assert all(confirmed for _p, _k, confirmed, _r in _names(workbench).values())


def test_names_are_typed_edited_and_removed(qtbot, dialog, workbench):
    dialog.tabs.setCurrentIndex(0)
    dialog.new_original.setText("J. de Vries")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(NameKind.PERSON))
    assert dialog.add_typed_name()
    assert _names(workbench)["J. de Vries"][0] == "Persoon 1"
    assert dialog.new_original.text() == ""
    model = dialog.names
    assert model.setData(model.index(0, NamesModel.PSEUDONYM), "Persoon 2")
    assert _names(workbench)["J. de Vries"][0] == "Persoon 2"
    # a pseudonym that holds a name of the list is refused, with the reason in the dialog
    dialog.new_original.setText("Karim")
    dialog.new_pseudonym.setText("J. de Vries junior")
    assert not dialog.add_typed_name()
    assert dialog.message.isVisibleTo(dialog) and "J. de Vries" in dialog.message.text()
    assert "Karim" not in _names(workbench)
    # Delete removes the selected name; Ctrl+Z brings it back
    dialog.table.selectRow(0)
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert _names(workbench) == {}
    workbench.undo_stack.undo()
    assert _names(workbench)["J. de Vries"][0] == "Persoon 2"
    assert dialog.selected_ids() == []  # the row came back, not selected


def test_the_pseudonymised_copy_from_the_gui(qtbot, workbench, tmp_path):
    target = tmp_path / "kopie.reis"
    assert not make_pseudonymised_copy(None, workbench, target)  # an empty list: refused
    _close_messages()
    workbench.execute(lambda s: add_names(s, [NewName("Fatima"), NewName("Jansen")]))
    made = []
    assert make_pseudonymised_copy(None, workbench, target, done=made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    assert made == [target]
    data = target.read_bytes().lower()
    assert b"fatima" not in data and b"jansen" not in data
    with Project.open(target, read_only=True) as copy, copy.reader() as session:
        assert session.scalars(select(Pseudonym)).all() == []
    _close_messages()


def test_export_dialogs_offer_pseudonyms(qtbot, workbench, tmp_path):
    dialog = ExportDialog(workbench)
    qtbot.addWidget(dialog)
    assert not dialog.pseudonymise.isEnabled()
    assert "leeg" in dialog.pseudonymise.text()
    workbench.execute(lambda s: add_names(s, [NewName("Fatima"), NewName("Jansen")]))
    dialog = ExportDialog(workbench)
    qtbot.addWidget(dialog)
    dialog.set_kind(ExportKind.TRANSCRIPT)
    assert dialog.pseudonymise.isEnabled() and "2" in dialog.pseudonymise.text()
    dialog.pseudonymise.setChecked(True)
    assert dialog.options().pseudonymise
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.export_to(tmp_path / "t.docx")
    assert not _holds_names(tmp_path / "t.docx")
    refi = RefiExportDialog(workbench)
    qtbot.addWidget(refi)
    refi.pseudonymise.setChecked(True)
    with qtbot.waitSignal(refi.finished_export, timeout=30_000):
        refi.export_to(tmp_path / "p.qdpx")
    assert not _holds_names(tmp_path / "p.qdpx")
    _close_messages()


def _holds_names(path) -> bool:
    with zipfile.ZipFile(path) as archive:
        text = b"".join(archive.read(name) for name in archive.namelist()).lower()
    return b"fatima" in text or b"jansen" in text


def _close_messages() -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.windowTitle() in (
            "Gepseudonimiseerde kopie",
            "Gepseudonimiseerde kopie gemaakt",
            "Geëxporteerd",
        ):
            widget.close()


def test_the_checklist_lists_what_is_not_covered_and_each_is_decided_once(qtbot, workbench):
    from reiscoder.ui.privacy.dialog import CHECKLIST_TAB, PseudonymsDialog

    dialog = PseudonymsDialog(workbench)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(CHECKLIST_TAB)
    checklist = dialog.checklist
    qtbot.waitUntil(lambda: not checklist.checking, timeout=60_000)
    found = {item.text: item for item in checklist.model.items}
    assert {"Fatima", "Afrikaanderwijk", "Jansen"} <= set(found)
    assert found["Afrikaanderwijk"].examples[0].text == "Afrikaanderwijk"
    assert dialog.tabs.tabText(CHECKLIST_TAB) == f"Nog niet gedekt ({len(found)})"
    for name in ("Fatima", "Afrikaanderwijk"):
        row = next(n for n, i in enumerate(checklist.model.items) if i.text == name)
        checklist.table.selectRow(row)
        (checklist.add_button if name == "Fatima" else checklist.keep_button).click()
        qtbot.waitUntil(lambda: not checklist.checking, timeout=60_000)
    left = {item.text for item in checklist.model.items}
    assert "Fatima" not in left and "Afrikaanderwijk" not in left and "Jansen" in left
    entries = {e.original: e for e in dialog.names.entries}
    assert not entries["Fatima"].rejected and entries["Afrikaanderwijk"].rejected
