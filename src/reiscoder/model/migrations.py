"""Numbered schema migrations. ``STEPS[n]`` upgrades a version ``n - 1`` project to version ``n``.

A new project gets the current schema from the models directly; an older one is backed up and
then walked through every step after its version, in one transaction. Each step is tested
against a frozen project file of the version before it (tests/fixtures/projects/).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

SCHEMA_VERSION = 6

Step = Callable[[Connection], None]
# Projects on a PostgreSQL server start at this version; every later step must run there too
# (portable DDL, or one statement per dialect: ``connection.dialect.name``).
FIRST_SERVER_VERSION = 4


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


def _to_3_document_edits(connection: Connection) -> None:
    """Version 3 adds the history of transcript corrections (frozen copy of its DDL)."""
    statements = (
        """CREATE TABLE document_edits (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL,
            coder_id INTEGER NOT NULL,
            edited_at DATETIME NOT NULL,
            old_length INTEGER NOT NULL,
            new_length INTEGER NOT NULL,
            summary TEXT NOT NULL,
            changes TEXT NOT NULL,
            unplaced TEXT NOT NULL,
            CONSTRAINT fk_document_edits_document_id_documents FOREIGN KEY(document_id)
                REFERENCES documents (id) ON DELETE CASCADE,
            CONSTRAINT fk_document_edits_coder_id_coders FOREIGN KEY(coder_id)
                REFERENCES coders (id) ON DELETE RESTRICT)""",
        "CREATE INDEX ix_document_edits_document_id ON document_edits (document_id)",
        "CREATE INDEX ix_document_edits_coder_id ON document_edits (coder_id)",
    )
    for statement in statements:
        connection.exec_driver_sql(statement)


def _to_4_pseudonyms(connection: Connection) -> None:
    """Version 4 adds the name list for pseudonymisation (frozen copy of its DDL)."""
    connection.exec_driver_sql(
        """CREATE TABLE pseudonyms (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            original VARCHAR(255) NOT NULL,
            pseudonym VARCHAR(255) NOT NULL,
            kind VARCHAR(16) NOT NULL,
            confirmed BOOLEAN NOT NULL,
            rejected BOOLEAN NOT NULL,
            created DATETIME NOT NULL,
            CONSTRAINT uq_pseudonyms_original UNIQUE (original),
            CONSTRAINT ck_pseudonyms_kind
                CHECK (kind IN ('person', 'place', 'organisation', 'other')),
            CONSTRAINT ck_pseudonyms_original CHECK (length(trim(original)) > 0))"""
    )


def _to_5_recordings(connection: Connection) -> None:
    """Version 5 adds recordings, their link to documents, and sync points (frozen DDL)."""
    statements = (
        """CREATE TABLE recordings (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            path VARCHAR(4096) NOT NULL,
            name VARCHAR(255) NOT NULL,
            kind VARCHAR(8) NOT NULL,
            size INTEGER NOT NULL,
            checksum VARCHAR(64) NOT NULL,
            duration_ms INTEGER,
            added DATETIME NOT NULL,
            uuid VARCHAR(36) NOT NULL,
            CONSTRAINT ck_recordings_kind CHECK (kind IN ('audio', 'video')),
            CONSTRAINT ck_recordings_size CHECK (size >= 0),
            CONSTRAINT ck_recordings_path CHECK (length(path) > 0),
            CONSTRAINT uq_recordings_uuid UNIQUE (uuid))""",
        """CREATE TABLE document_recordings (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL,
            recording_id INTEGER NOT NULL,
            CONSTRAINT uq_document_recordings_document_id UNIQUE (document_id),
            CONSTRAINT fk_document_recordings_document_id_documents FOREIGN KEY(document_id)
                REFERENCES documents (id) ON DELETE CASCADE,
            CONSTRAINT fk_document_recordings_recording_id_recordings FOREIGN KEY(recording_id)
                REFERENCES recordings (id) ON DELETE CASCADE)""",
        "CREATE INDEX ix_document_recordings_recording_id ON document_recordings (recording_id)",
        """CREATE TABLE sync_points (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            time_ms INTEGER NOT NULL,
            uuid VARCHAR(36) NOT NULL,
            CONSTRAINT ck_sync_points_position CHECK (position >= 0),
            CONSTRAINT ck_sync_points_time_ms CHECK (time_ms >= 0),
            CONSTRAINT fk_sync_points_document_id_documents FOREIGN KEY(document_id)
                REFERENCES documents (id) ON DELETE CASCADE,
            CONSTRAINT uq_sync_points_uuid UNIQUE (uuid))""",
        "CREATE INDEX ix_sync_points_document_position ON sync_points (document_id, position)",
    )
    for statement in statements:
        connection.exec_driver_sql(statement)


def _to_6_name_forms(connection: Connection) -> None:
    """Version 6 gives every name-list entry its other spellings (``pseudonyms.forms``)."""
    connection.exec_driver_sql("ALTER TABLE pseudonyms ADD COLUMN forms TEXT DEFAULT '' NOT NULL")


STEPS: dict[int, Step] = {
    2: _to_2_sentence_index,
    3: _to_3_document_edits,
    4: _to_4_pseudonyms,
    5: _to_5_recordings,
    6: _to_6_name_forms,
}


def upgrade(connection: Connection, from_version: int) -> list[int]:
    """Run every step after ``from_version``; return the versions passed through."""
    done = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](connection)
        done.append(version)
    return done
