"""Damaged and odd files: refused in plain Dutch, the same exit code, byte for byte unchanged
(no switch to WAL, no lock left behind), from the command line and from the library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reiscoder.model.database import APPLICATION_ID
from reiscoder.model.errors import CorruptProjectError, NewerProjectError, NotAProjectError
from reiscoder.model.project import Project
from tests.faults.conftest import assert_plain, digest, make_project, run_cli

REFUSED = 2


def truncated(place: Path) -> Path:
    path = make_project(place / "project.reis", codings=300)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def scribbled(place: Path) -> Path:
    """Random bytes over the pages after the first: the header still says SQLite."""
    path = make_project(place / "project.reis", codings=300)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page : 8 * page] = bytes((n * 7919) % 256 for n in range(7 * page))
    path.write_bytes(bytes(data))
    return path


def foreign(place: Path) -> Path:
    """Another program's database, renamed: rollback journal, no application id."""
    path = place / "adressen.reis"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE adressen (straat TEXT, nummer INTEGER)")
        connection.execute("INSERT INTO adressen VALUES ('Putselaan', 12)")
    connection.close()
    return path


def marked_without_meta(place: Path) -> Path:
    """Marked as a reiscoder project, but without the table that says its version."""
    path = place / "leeg.reis"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY)")
    connection.close()
    return path


def with_version(value: str):
    def make(place: Path) -> Path:
        path = make_project(place / "project.reis")
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))
        connection.close()
        return path

    return make


CASES = {
    "truncated": (truncated, CorruptProjectError, "beschadigd"),
    "scribbled": (scribbled, CorruptProjectError, "beschadigd"),
    "foreign sqlite": (foreign, NotAProjectError, "geen reiscoder-project"),
    "no meta table": (marked_without_meta, CorruptProjectError, "versie ontbreekt"),
    "newer version": (with_version("999"), NewerProjectError, "nieuwere versie"),
    "garbage version": (with_version("drie"), CorruptProjectError, "versie is onleesbaar"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_an_odd_file_is_refused_by_every_command_and_left_alone(place, case):
    make, _error, words = CASES[case]
    path = make(place)
    before = digest(path)
    header = path.read_bytes()[:100]
    for command in (
        ["info", path.name],
        ["import", path.name, "transcript.txt", "--coder", "Anna"],
        ["check", path.name],
    ):
        result = run_cli(place, *command)
        assert result.returncode == REFUSED, (command, result.stderr)
        assert words in result.stderr, (command, result.stderr)
        assert_plain(result.stdout + result.stderr)
    assert digest(path) == before
    assert path.read_bytes()[:100] == header  # bytes 18-19: the journal mode, not WAL now
    assert not path.with_name(path.name + ".lock").exists()
    assert not path.with_name(path.name + ".reservekopieen").exists()


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_library_refuses_it_with_its_own_error(place, case):
    make, error, words = CASES[case]
    path = make(place)
    before = digest(path)
    for read_only in (False, True):
        with pytest.raises(error) as caught:
            Project.open(path, read_only=read_only)
        assert words in caught.value.message
        assert_plain(caught.value.message)
    assert digest(path) == before


def test_a_foreign_file_keeps_its_rollback_journal(place):
    path = foreign(place)
    assert path.read_bytes()[18:20] == b"\x01\x01"
    with pytest.raises(NotAProjectError):
        Project.open(path)
    assert path.read_bytes()[18:20] == b"\x01\x01", "switched to WAL"
    assert sorted(p.name for p in place.iterdir()) == ["adressen.reis", "home", "transcript.txt"]
