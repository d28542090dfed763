"""Frozen project files of every earlier schema open, are backed up first, and end up with
exactly the schema a new project gets, with every coding still on its text."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.model import Coding, Memo
from reiscoder.model.backups import backup_folder
from reiscoder.model.database import APPLICATION_ID
from reiscoder.model.migrations import SCHEMA_VERSION
from reiscoder.model.project import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "projects"
VERSIONS = sorted(int(re.findall(r"\d+", p.stem)[0]) for p in FIXTURES.glob("v*.sql"))


def load_fixture(version: int, target: Path) -> Path:
    connection = sqlite3.connect(target)
    connection.executescript((FIXTURES / f"v{version}.sql").read_text(encoding="utf-8"))
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.close()
    return target


def schema(path: Path) -> dict[str, object]:
    connection = sqlite3.connect(path)
    objects = connection.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1, 2"
    ).fetchall()
    columns = {
        name: connection.execute(f'PRAGMA table_info("{name}")').fetchall()
        for kind, name in objects
        if kind == "table"
    }
    connection.close()
    return {"objects": objects, "columns": columns}


def test_there_is_a_fixture_for_the_first_schema():
    assert VERSIONS[0] == 1


@pytest.mark.parametrize("version", VERSIONS)
def test_frozen_project_opens_with_current_schema(tmp_path, version):
    path = load_fixture(version, tmp_path / f"v{version}.reis")
    with Project.open(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        if version < SCHEMA_VERSION:
            assert project.migrated_from == version
            backups = list(backup_folder(path).glob("*.reis"))
            assert len(backups) == 1
        with project.reader() as session:
            codings = session.scalars(select(Coding)).all()
            assert len(codings) == 2
            assert all(c.quote == c.document.text[c.start : c.end] for c in codings)
            assert session.scalar(select(Memo.text).where(Memo.coding_id.is_not(None))) == (
                "Mooi voorbeeld van burenhulp."
            )
    fresh = tmp_path / "fresh.reis"
    Project.create(fresh, "fresh").close()
    assert schema(path) == schema(fresh)
