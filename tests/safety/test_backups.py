"""Rolling backups on open, retention, listing with counts, and restoring a backup."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from reiscoder import i18n
from reiscoder.model import Coding, Document
from reiscoder.model.backups import (
    Retention,
    backup_folder,
    list_backups,
    make_backup,
    prune,
    restore_backup,
    retention_of,
    rolling_backup,
    save_retention,
    verify_backup,
)
from reiscoder.model.errors import ProjectError, ProjectLockedError
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from tests.factories import add_document, code_id, first_coder_id, new_project


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages are matched in English here (the app itself starts in Dutch)."""
    monkeypatch.setenv("REISCODER_LANG", "en")
    i18n.set_language("en")


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        document = add_document(session, "Interview 1")
        coder = first_coder_id(session)
        apply_coding(session, document, code_id(session, "1.1"), coder, 13, 53)
    return path


def codings(path) -> int:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        return session.scalar(select(func.count()).select_from(Coding))


def add_coding(path, start: int) -> None:
    with Project.open(path) as project, project.transaction() as session:
        coder, code = first_coder_id(session), code_id(session, "1.2")
        apply_coding(session, 1, code, coder, start, start + 5)


def test_opening_makes_a_rolling_backup_but_not_of_an_unchanged_project(path):
    assert list_backups(path) == []
    Project.open(path).close()
    assert [b.reason for b in list_backups(path)] == ["open"]
    Project.open(path).close()
    assert len(list_backups(path)) == 1, "an unchanged project is not backed up twice"
    add_coding(path, 0)
    Project.open(path).close()
    assert len(list_backups(path)) == 2
    Project.open(path, read_only=True).close()
    assert len(list_backups(path)) == 2


def test_listing_shows_date_reason_and_counts_newest_first(path):
    Project.open(path).close()
    add_coding(path, 0)
    before_import = rolling_backup(path, "import")
    backups = list_backups(path)
    assert backups[0].path == before_import and backups[0].reason == "import"
    assert [(b.reason, b.documents, b.codings, b.codes > 10) for b in backups] == [
        ("import", 1, 2, True),
        ("open", 1, 1, True),
    ]
    assert backups[0].made > backups[1].made
    assert backups[0].name == "Testproject" and backups[0].problem is None


def test_a_half_written_or_damaged_backup_is_not_mistaken_for_a_good_one(path):
    good = make_backup(path, "open")
    folder = backup_folder(path)
    (folder / (good.name + ".part")).write_bytes(b"SQLite format 3\x00half")
    damaged = folder / good.name.replace("-open", "-import")
    damaged.write_bytes(good.read_bytes()[:4096])
    listed = {b.path.name: b for b in list_backups(path)}
    assert set(listed) == {good.name, damaged.name}
    assert listed[good.name].problem is None
    assert listed[damaged.name].problem and listed[damaged.name].codings is None
    with pytest.raises(ProjectError, match="damaged|not a reiscoder"):
        verify_backup(damaged)


def test_retention_by_days_and_copies_keeps_the_newest_and_non_rolling_backups(path):
    now = datetime(2026, 11, 24, 12, 0)
    made = [make_backup(path, "open", now=now - timedelta(days=d)) for d in range(0, 60, 4)]
    upgrade = make_backup(path, "v1", now=now - timedelta(days=300))
    deleted = prune(path, Retention(days=30, copies=5), now=now)
    kept = {b.path for b in list_backups(path)}
    assert kept == {*made[:5], upgrade}
    assert set(deleted) == set(made[5:])
    prune(path, Retention(days=1, copies=20), now=now + timedelta(days=400))
    assert {b.path for b in list_backups(path)} == {*made[:3], upgrade}, "the newest three stay"


def test_retention_is_a_setting_of_the_project(path):
    with Project.open(path) as project:
        assert retention_of(project) == Retention()
        save_retention(project, Retention(days=7, copies=4))
    with Project.open(path) as project:
        assert retention_of(project) == Retention(days=7, copies=4)


def test_restore_round_trip_backs_up_the_current_file_first(path):
    early = make_backup(path, "open")
    add_coding(path, 0)
    add_coding(path, 10)
    assert codings(path) == 3
    saved = restore_backup(path, early)
    assert codings(path) == 1
    assert codings(saved) == 3 and saved.parent == backup_folder(path)
    restore_backup(path, saved)
    assert codings(path) == 3


def test_restore_refuses_while_the_project_is_open(path):
    early = make_backup(path, "open")
    with Project.open(path), pytest.raises(ProjectLockedError):
        restore_backup(path, early)
    assert codings(path) == 1


def test_restore_refuses_a_file_that_is_not_a_sound_project(path, tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ProjectError, match="not a reiscoder project"):
        restore_backup(path, other)
    text = tmp_path / "notes.reis"
    text.write_text("hallo")
    with pytest.raises(ProjectError, match="not a reiscoder project"):
        restore_backup(path, text)
    assert codings(path) == 1 and not backup_folder(path).exists()


def test_the_command_line_import_backs_up_first(path, tmp_path):
    from reiscoder.cli import main

    transcript = tmp_path / "gesprek.txt"
    transcript.write_text("Interviewer: Hoe gaat het?\n\nFatima: Goed.\n", encoding="utf-8")
    assert main(["import", str(path), str(transcript), "--coder", "Anna de Vries"]) == 0
    newest = list_backups(path)[0]
    assert newest.documents == 1, "the state before the import"
    with Project.open(path, read_only=True) as project, project.reader() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 2
