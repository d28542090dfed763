"""Preparing an assignment and merging students' copies through the dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from reiscoder.model import Coder, Coding, Document
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.analysis.dialogs import AssignmentDialog, MergeDialog
from tests.factories import code_id


def test_prepare_code_and_merge_back_as_a_bulk_write(qtbot, workbench, tmp_path):
    dialog = AssignmentDialog(workbench)
    qtbot.addWidget(dialog)
    assert dialog.documents.count() == 2
    dialog.documents.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.name.setText("Week 3")
    dialog.target.setText(str(tmp_path / "week3"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    copy = tmp_path / "week3.reis"
    assert copy.exists() and dialog.prepared.documents == 1

    with Project.open(copy) as student, student.transaction() as s:
        sara = coder_id_for(s, "Sara")
        document = s.scalar(select(Document.id))
        apply_coding(s, document, code_id(s, "1.2"), sara, 13, 53)

    merge = MergeDialog(workbench)
    qtbot.addWidget(merge)
    merge.add_files([copy])
    merge.accept()
    assert "Sara" in merge.summary() and merge.backup.exists()
    with workbench.reader() as s:
        assert "Sara" in s.scalars(select(Coder.name)).all()
        assert s.scalar(select(func.count()).select_from(Coding)) == 3
    # A merge is not an undo step (the backup made before it is the way back): undo offers
    # nothing, and Ctrl+Z leaves the merged codings where they are.
    assert not workbench.undo_stack.canUndo()
    workbench.undo_stack.undo()
    with workbench.reader() as s:
        assert s.scalar(select(func.count()).select_from(Coding)) == 3


def test_an_assignment_needs_a_file_and_documents(qtbot, workbench, tmp_path):
    messages = []
    workbench.failed.connect(messages.append)
    dialog = AssignmentDialog(workbench)
    qtbot.addWidget(dialog)
    dialog.accept()
    dialog.target.setText(str(tmp_path / "leeg.reis"))
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert messages == [
        "Kies waar de opdracht wordt opgeslagen.",
        "Kies minstens één document voor de opdracht.",
    ]
