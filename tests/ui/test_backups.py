"""Herstel uit reservekopie and Project controleren, with real project files."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from sqlalchemy import func, select, update

from reiscoder.checks.repair import repair
from reiscoder.ingest.segmentation import segment_pending
from reiscoder.model import Coding, Document, SegmentationState
from reiscoder.model.backups import Retention, list_backups, retention_of
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.backups import BackupsDialog, CheckDialog
from tests.factories import code_id


def count_codings(workbench) -> int:
    with workbench.reader() as session:
        return session.scalar(select(func.count()).select_from(Coding))


def add_coding(workbench) -> None:
    coder = workbench.coder_id
    workbench.execute(
        lambda session: apply_coding(session, 1, code_id(session, "2.1"), coder, 0, 11)
    )


def test_the_list_shows_each_backup_with_date_reason_and_counts(qtbot, workbench, settings):
    dialog = BackupsDialog(workbench, settings)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 1, "opening the project made one"
    cells = [model.index(0, column).data() for column in range(model.columnCount())]
    assert cells[1:5] == ["bij openen", "2", "2", "0"]
    assert cells[5].endswith("MB")
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == str(
        list_backups(workbench.project.path)[0].path
    )
    assert dialog.restore_button.isEnabled()


def test_restoring_replaces_the_project_and_keeps_the_current_state(qtbot, workbench, settings):
    path = workbench.project.path
    add_coding(workbench)
    assert count_codings(workbench) == 3
    dialog = BackupsDialog(workbench, settings)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(workbench.project_opened, timeout=10_000):
        assert dialog.restore_selected(confirmed=True)
    assert workbench.project is not None and workbench.project.path == path
    assert count_codings(workbench) == 2
    assert workbench.undo_stack.count() == 0
    reasons = [backup.reason for backup in list_backups(path)]
    assert "restore" in reasons
    saved = next(b for b in list_backups(path) if b.reason == "restore")
    assert saved.codings == 3


def test_a_custom_reopen_is_used_after_a_restore(qtbot, workbench, settings):
    reopened = []

    def reopen(path):
        reopened.append(path)
        return True

    dialog = BackupsDialog(workbench, settings, reopen)
    qtbot.addWidget(dialog)
    path = workbench.project.path
    assert dialog.restore_selected(confirmed=True)
    assert reopened == [path]


def test_retention_is_saved_in_the_project(qtbot, workbench, settings):
    dialog = BackupsDialog(workbench, settings)
    qtbot.addWidget(dialog)
    dialog.days.setValue(7)
    dialog.copies.setValue(5)
    assert retention_of(workbench.project) == Retention(days=7, copies=5)


def sound(workbench) -> None:
    """The fixture's documents have no sentences yet: compute them the way an import does."""
    project = workbench.project
    with project.transaction() as session:
        session.execute(update(Document).values(segmentation=SegmentationState.SEGMENTING))
    segment_pending(project)
    assert repair(project).left == []


def test_a_sound_project_checks_out(qtbot, workbench):
    sound(workbench)
    dialog = CheckDialog(workbench)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "Het project is in orde."
    assert dialog.lines() == []
    assert not dialog.repair_button.isVisible()


def test_missing_sentences_are_found_and_determined(qtbot, workbench):
    sound(workbench)
    connection = sqlite3.connect(workbench.project.path)
    connection.execute("DELETE FROM sentences WHERE turn_id = 2")
    connection.commit()
    connection.close()
    dialog = CheckDialog(workbench)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "1 probleem gevonden."
    assert "opnieuw worden bepaald" in dialog.lines()[0][1]
    dialog.repair()
    assert dialog.headline.text() == "Het project is in orde."


def test_damage_is_shown_in_plain_words_and_repaired(qtbot, workbench):
    sound(workbench)
    with workbench.reader() as session:
        codings_before = session.scalar(select(func.count(Coding.id)))
    add_coding(workbench)
    connection = sqlite3.connect(workbench.project.path)
    connection.execute("DROP TABLE sentence_index")
    connection.commit()
    connection.close()
    dialog = CheckDialog(workbench)
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "1 probleem gevonden."
    assert dialog.lines() == [
        ("✗", "✗  De zoekindex ontbreekt of is onvolledig; hij kan opnieuw worden opgebouwd.")
    ]
    assert dialog.repair_button.isEnabled()
    with qtbot.waitSignal(workbench.changed, timeout=10_000):
        report = dialog.repair()
    assert report is not None and report.left == []
    assert dialog.headline.text() == "Het project is in orde."
    assert dialog.lines()[0][0] == "✓"
    # Rebuilding the index left the coding as it was: its step can still be undone.
    assert workbench.undo_stack.count() == 1
    workbench.undo_stack.undo()
    with workbench.reader() as session:
        assert session.scalar(select(func.count(Coding.id))) == codings_before


def test_drift_that_needs_a_person_cannot_be_repaired(qtbot, workbench):
    sound(workbench)
    connection = sqlite3.connect(workbench.project.path)
    connection.execute("UPDATE codings SET quote = 'iets anders' WHERE id = 1")
    connection.commit()
    connection.close()
    dialog = CheckDialog(workbench)
    qtbot.addWidget(dialog)
    marks = [mark for mark, _text in dialog.lines()]
    assert marks == ["✗"]
    assert "met de hand" in dialog.lines()[0][1]
    assert not dialog.repair_button.isEnabled()
    shown = []
    workbench.document_requested.connect(lambda *place: shown.append(place))
    dialog.list.activated.emit(dialog.model.index(0, 0))
    assert shown == [(1, 13, 53)]
