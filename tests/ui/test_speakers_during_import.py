"""A role or case being chosen in the Speakers and cases dialog is kept while an import runs
(every stored file refreshes the dialog; that used to close the open editor, and the choice
was gone)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from sqlalchemy import select

from reiscoder.model import Case, Speaker
from reiscoder.ui.documents.importer import STORED_TOPICS
from reiscoder.ui.documents.speakers_dialog import CASE, ROLE
from reiscoder.ui.panels.documents import DocumentsPanel
from tests.factories import add_document

WAIT = 30_000
INTERVIEW = "Interviewer: Hoe gaat het?\nMarco: Goed. Ik werk in het buurthuis.\n"


def _open_editor(dialog, row: int, column: int) -> QComboBox:
    index = dialog.model.index(row, column)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.indexWidget(index)
    assert isinstance(editor, QComboBox)
    return editor


def _start_import(panel: DocumentsPanel, tmp_path: Path) -> None:
    """Two files; the import runs in a thread, and what it stored shows once the window
    handles its events again (each file refreshes the speakers dialog)."""
    files = []
    for name in ("marco", "samira"):
        path = tmp_path / f"{name}.txt"
        path.write_text(INTERVIEW.replace("Marco", name.title()), encoding="utf-8")
        files.append(path)
    panel.import_paths(files).accept()


def _panel(qtbot, workbench) -> DocumentsPanel:
    panel = DocumentsPanel(workbench)
    qtbot.addWidget(panel)
    panel.importer.workers = 0
    panel.show()
    return panel


def test_a_role_chosen_while_files_are_imported_is_kept(qtbot, workbench, tmp_path):
    panel = _panel(qtbot, workbench)
    _start_import(panel, tmp_path)
    dialog = panel.edit_speakers(2)  # Interview Henk: Interviewer and Fatima, no cases
    editor = _open_editor(dialog, 1, ROLE)
    editor.setCurrentIndex(editor.findText("onderzoeker"))
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT):
        pass
    assert len(panel.visible_names()) == 4

    assert dialog.table.indexWidget(dialog.model.index(1, ROLE)) is editor  # still open
    assert editor.currentText() == "onderzoeker"
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: dialog.model.rows[1].role == "onderzoeker")
    assert dialog.model.rows[1].case_name == "Fatima"
    with workbench.reader() as session:
        case = session.scalar(
            select(Speaker.case_id).where(Speaker.document_id == 2, Speaker.label == "Fatima")
        )
        assert session.get(Case, case).name == "Fatima"


def test_a_case_name_typed_while_files_are_imported_is_kept(qtbot, workbench, tmp_path):
    panel = _panel(qtbot, workbench)
    _start_import(panel, tmp_path)
    dialog = panel.edit_speakers(2)
    editor = _open_editor(dialog, 0, CASE)
    editor.setEditText("Anna")
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT):
        pass

    assert editor.currentText() == "Anna"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rows[0].case_name == "Anna")


def test_a_value_being_typed_in_the_documents_table_is_kept_while_files_arrive(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    column = [c.title() for c in panel.model.columns].index("Wijk")
    row = panel.visible_names().index("Interview Henk")
    index = QPersistentModelIndex(panel.proxy.index(row, column))
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.indexWidget(index)
    editor.set_value("Feijenoord")
    # what the import does for each file it stored (its worker thread writes, then this)
    for name in ("Marco", "Samira"):
        with workbench.project.transaction() as session:
            add_document(session, name, INTERVIEW)
        workbench.announce("Import", STORED_TOPICS)
    assert len(panel.visible_names()) == 4  # the new rows are there

    assert panel.table.indexWidget(index) is editor
    assert editor.value() == "Feijenoord"
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: index.data() == "Feijenoord")
