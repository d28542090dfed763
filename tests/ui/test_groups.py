"""Groups in the window: made from the open document, a search, an attribute value and the
chosen codes, undoable; chosen in the export dialog; the REFI-QDA dialog picks the positions
per program."""

from __future__ import annotations

from sqlalchemy import select

from reiscoder.model import Code, GroupKind
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.read.groups import load_groups
from reiscoder.refi import PositionConvention
from reiscoder.reports.options import ExportKind
from reiscoder.ui.exporting.dialog import ExportDialog
from reiscoder.ui.groups import GroupsDialog
from reiscoder.ui.refi import RefiExportDialog


def _groups(workbench):
    with workbench.reader() as session:
        return {g.name: g for g in load_groups(session)}


def test_groups_are_made_changed_and_undone_in_the_dialog(qtbot, workbench, monkeypatch):
    dialog = GroupsDialog(workbench)
    qtbot.addWidget(dialog)
    with workbench.reader() as session:
        codes = list(session.scalars(select(Code.id).order_by(Code.id)).all())[:3]
    workbench.show_document(1)
    workbench.selected_code_ids = codes
    assert dialog.make(GroupKind.DOCUMENT, "Fatima", [1]) is not None
    assert dialog.make(GroupKind.CODE, "Drie codes", codes) is not None
    groups = _groups(workbench)
    assert groups["Fatima"].members == (1,) and len(groups["Drie codes"].members) == 3
    assert dialog.tree.topLevelItem(0).child(0).text(0) == "Fatima"
    assert dialog.tree.topLevelItem(1).child(0).text(1) == "3"

    monkeypatch.setattr(
        "reiscoder.ui.groups.dialog.QInputDialog.getText", lambda *a, **k: ("buurvrouw", True)
    )
    dialog.new_from_search()  # these test documents have no sentences to search yet
    assert _groups(workbench)["buurvrouw"].members == ()

    buurt = workbench.execute(lambda s: create_attribute(s, "Buurt", "text")).created_id
    workbench.execute(lambda s: set_value(s, buurt, "Katendrecht", document_id=2))
    monkeypatch.setattr(
        "reiscoder.ui.groups.dialog.QInputDialog.getItem",
        lambda *a, **k: ("Buurt: Katendrecht", True),
    )
    monkeypatch.setattr(
        "reiscoder.ui.groups.dialog.QInputDialog.getText", lambda *a, **k: ("Katendrecht", True)
    )
    dialog.new_from_value()
    assert _groups(workbench)["Katendrecht"].members == (2,)

    item = None
    for index in range(dialog.tree.topLevelItem(0).childCount()):
        if dialog.tree.topLevelItem(0).child(index).text(0) == "Fatima":
            item = dialog.tree.topLevelItem(0).child(index)
    dialog.tree.setCurrentItem(item)
    workbench.show_document(2)
    dialog.add_current()
    assert _groups(workbench)["Fatima"].members == (1, 2)
    workbench.undo()
    assert _groups(workbench)["Fatima"].members == (1,)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))
    dialog.delete()
    assert len(_groups(workbench)) == 3
    workbench.undo()
    assert len(_groups(workbench)) == 4


def test_the_export_dialog_limits_to_a_group(qtbot, workbench):
    workbench.execute(
        lambda s: __import__("reiscoder.ops.groups", fromlist=["x"]).create_group(
            s, GroupKind.DOCUMENT, "Alleen Henk", [2]
        )
    )
    dialog = ExportDialog(workbench)
    qtbot.addWidget(dialog)
    dialog.set_kind(ExportKind.FRAGMENTS)
    assert dialog.options().selection.document_ids is None
    dialog.document_group.setCurrentIndex(1)
    assert dialog.document_group.currentText() == "Alleen Henk (1)"
    assert dialog.options().selection.document_ids == frozenset({2})
    assert "0 coderingen" in dialog.preview_label.text() or "niets" in dialog.preview_label.text()


def test_the_refi_dialog_gives_each_program_its_positions(qtbot, workbench):
    dialog = RefiExportDialog(workbench)
    qtbot.addWidget(dialog)
    assert dialog.positions.currentData()[0] is PositionConvention.CODEPOINTS
    dialog.tool.setCurrentIndex(dialog.tool.findText("NVivo"))
    assert dialog.positions.currentData()[0] is PositionConvention.NVIVO
    assert "UTF-16" in dialog.explanation.text()
    dialog.tool.setCurrentIndex(dialog.tool.findText("MAXQDA"))
    assert dialog.positions.currentData()[0] is PositionConvention.CRLF
