"""Numbered schema migrations. ``STEPS[n]`` upgrades a version ``n - 1`` project to version ``n``.

A new project gets the current schema from the models directly; an older one is backed up and
then walked through every step after its version, in one transaction. Each step is tested
against a frozen project file of the version before it (tests/fixtures/projects/).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

SCHEMA_VERSION = 2

Step = Callable[[Connection], None]


def _to_2_sentence_index(connection: Connection) -> None:
    """Version 2 adds the full-text index over sentence lemmas (frozen copy of its DDL)."""
    statements = (
        """CREATE VIRTUAL TABLE sentence_index USING fts5(
            lemmas, tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER sentences_index_delete AFTER DELETE ON sentences BEGIN
            DELETE FROM sentence_index WHERE rowid = old.id; END""",
        """CREATE TRIGGER sentences_index_update AFTER UPDATE OF lemmas ON sentences BEGIN
            DELETE FROM sentence_index WHERE rowid = old.id;
            INSERT INTO sentence_index(rowid, lemmas) VALUES (new.id, new.lemmas); END""",
        "INSERT INTO sentence_index(rowid, lemmas) SELECT id, lemmas FROM sentences",
    )
    for statement in statements:
        connection.exec_driver_sql(statement)


STEPS: dict[int, Step] = {2: _to_2_sentence_index}


def upgrade(connection: Connection, from_version: int) -> list[int]:
    """Run every step after ``from_version``; return the versions passed through."""
    done = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](connection)
        done.append(version)
    return done
