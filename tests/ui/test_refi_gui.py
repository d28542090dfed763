"""REFI-QDA from the File menu: export with a chosen position convention, import into a
project, and a new project from a file, each followed by a report."""

from __future__ import annotations

import zipfile

from sqlalchemy import func, select

from reiscoder.model import Coding
from reiscoder.model.project import Project
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.refi import RefiExportDialog, merge_refi, refi_as_new_project
from tests.factories import new_project


def test_export_then_import_into_another_project(qtbot, window, tmp_path):
    dialog = RefiExportDialog(window.workbench, window)
    qtbot.addWidget(dialog)
    target = tmp_path / "uitwisseling.qdpx"
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000) as done:
        dialog.export_to(target)
    assert done.args[0] is not None
    assert "project.qde" in zipfile.ZipFile(target).namelist()

    other = tmp_path / "ander.reis"
    new_project(other, template=False).close()
    second = MainWindow(window.settings)
    qtbot.addWidget(second)
    assert second.open_path(other)
    reports = []
    merge_refi(second, second.workbench, target, done=reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    assert reports[0] is not None
    with second.workbench.reader() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 2
    second.workbench.close_project()


def test_a_hostile_file_is_refused_with_a_message_and_changes_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "kwaad.qdpx"
    bad.write_bytes(b"PK\x03\x04 geen zip")
    results = []
    merge_refi(window, window.workbench, bad, done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    assert results == [None]


def test_new_project_from_a_refi_file(qtbot, window, tmp_path):
    dialog = RefiExportDialog(window.workbench, window)
    qtbot.addWidget(dialog)
    source = tmp_path / "bron.qdpx"
    with qtbot.waitSignal(dialog.finished_export, timeout=30_000):
        dialog.export_to(source)
    opened = []
    refi_as_new_project(window, source, tmp_path / "nieuw", opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    with Project.open(opened[0], read_only=True) as project, project.reader() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 2
