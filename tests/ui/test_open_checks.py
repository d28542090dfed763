"""The window opens a project while SQLite's check and the backup on opening run beside it:
a damaged file is still refused before anything is written to it, a sound one is backed up
before the first change."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from reiscoder.model.backups import list_backups
from reiscoder.model.errors import CorruptProjectError
from reiscoder.model.project import Project
from reiscoder.ui.main_window import MainWindow
from tests.model.test_project_file import _project_with_codings

PAGE = 4096


def _damaged(tmp_path, table: str | None = None):
    """A project whose header and meta are readable, with one page overwritten: the page in
    the middle of the file (only SQLite's structural check finds it), or the first page of
    ``table`` (the panels then fail to read it while the check runs)."""
    path = _project_with_codings(tmp_path / "project.reis", n=400)
    data = path.read_bytes()
    cut = len(data) // 2 // PAGE * PAGE
    if table is not None:
        with closing(sqlite3.connect(path)) as connection:
            (root,) = connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
            ).fetchone()
        cut = (root - 1) * PAGE
    damaged = data[:cut] + b"Z" * PAGE + data[cut + PAGE :]
    path.write_bytes(damaged)
    return path, damaged


@pytest.mark.parametrize("table", [None, "codings"])
def test_a_damaged_project_is_refused_by_the_window_and_left_alone(
    qtbot, monkeypatch, settings, tmp_path, table
):
    path, damaged = _damaged(tmp_path, table)
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not window.open_path(path)
    assert window.workbench.project is None
    assert messages and "beschadigd" in messages[0]
    assert path.read_bytes() == damaged
    assert not list_backups(path)


def test_a_write_waits_for_the_check_and_a_damaged_file_takes_none(tmp_path):
    path, damaged = _damaged(tmp_path)
    project = Project.open(path, checks_later=True)  # opens: the check runs beside it
    with pytest.raises(CorruptProjectError), project.transaction() as session:
        session.execute(text("DELETE FROM codings"))  # never reached
    project.close()
    assert path.read_bytes() == damaged


def test_a_sound_project_is_backed_up_before_the_window_lets_anyone_change_it(window, project_path):
    assert window.workbench.project is not None
    assert len(list_backups(project_path)) == 1
