"""Real project files on disk: create, reopen, refuse what is not ours or too new, say why."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from sqlalchemy import select

from reiscoder.model import Code, Coding
from reiscoder.model.errors import (
    CorruptProjectError,
    NewerProjectError,
    NotAProjectError,
    ProjectError,
    ReadOnlyProjectError,
)
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from tests.factories import add_document, code_id, first_coder_id, new_project


def _project_with_codings(path, n=40):
    with new_project(path) as project, project.transaction() as session:
        doc, coder = add_document(session, "Interview"), first_coder_id(session)
        codes = [code_id(session, name) for name in ("1.1", "1.2", "2.1", "3.1")]
        for i in range(n):
            start = i % 200
            apply_coding(session, doc, codes[i // 200], coder, start, start + 5)
    return path


def test_create_then_reopen_keeps_everything(tmp_path):
    path = _project_with_codings(tmp_path / "project.reis")
    with Project.open(path) as project, project.reader() as session:
        assert project.name == "Testproject"
        assert len(session.scalars(select(Coding)).all()) == 40
        assert len(session.scalars(select(Code)).all()) == 25
        assert session.scalar(select(Coding.quote).where(Coding.start == 0)) == "Inter"


def test_foreign_keys_are_enforced_on_every_connection(tmp_path):
    path = _project_with_codings(tmp_path / "project.reis", n=1)
    with Project.open(path) as project, project.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "bestaat.reis"
    path.write_text("mijn werk")
    with pytest.raises(ProjectError, match="bestaat al"):
        Project.create(path, "x")
    assert path.read_text() == "mijn werk"


@pytest.mark.parametrize(
    "content",
    [b"", b"Dit is een tekstbestand.\n", bytes(range(256)) * 64, b"PK\x03\x04 a zip"],
    ids=["empty", "text", "binary", "zip"],
)
def test_a_file_that_is_not_a_project_gets_a_clear_message(tmp_path, content):
    path = tmp_path / "vreemd.reis"
    path.write_bytes(content)
    with pytest.raises(NotAProjectError) as caught:
        Project.open(path)
    assert "geen reiscoder-project" in caught.value.message
    assert path.read_bytes() == content
    assert not (tmp_path / "vreemd.reis.lock").exists()


def test_another_sqlite_database_is_not_taken_for_a_project(tmp_path):
    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(NotAProjectError, match="geen reiscoder-project"):
        Project.open(path)


def test_a_truncated_project_is_reported_as_damaged_and_left_alone(tmp_path):
    path = _project_with_codings(tmp_path / "project.reis", n=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptProjectError) as caught:
        Project.open(path)
    assert "beschadigd" in caught.value.message
    assert path.read_bytes() == data[: len(data) // 2]


def test_a_project_from_a_newer_version_is_refused_unchanged(tmp_path):
    path = _project_with_codings(tmp_path / "project.reis", n=1)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    before = path.read_bytes()
    with pytest.raises(NewerProjectError) as caught:
        Project.open(path)
    assert "nieuwere versie" in caught.value.message
    assert path.read_bytes() == before


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ProjectError, match="bestaat niet"):
        Project.open(tmp_path / "weg.reis")


def test_read_only_projects_refuse_changes(tmp_path):
    path = _project_with_codings(tmp_path / "project.reis", n=1)
    shutil.copy(path, tmp_path / "copy.reis")
    with Project.open(path, read_only=True) as project:
        with pytest.raises(ReadOnlyProjectError), project.transaction():
            pass
        with project.reader() as session:
            assert session.scalar(select(Coding.quote)) == "Inter"


def test_the_database_rejects_a_coding_beyond_the_text(tmp_path):
    path = _project_with_codings(tmp_path / "project.reis", n=1)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    length = connection.execute("SELECT text_length FROM documents").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="beyond the end"):
        connection.execute(
            'INSERT INTO codings (uuid, document_id, code_id, coder_id, start, "end", quote,'
            " created) VALUES ('x', 1, 1, 1, 0, ?, '', '2026-01-01')",
            (length + 1,),
        )
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute('UPDATE codings SET start = 5, "end" = 5')
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("DELETE FROM codes WHERE id = (SELECT code_id FROM codings)")
    connection.close()
