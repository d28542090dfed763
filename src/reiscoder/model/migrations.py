"""Numbered schema migrations. ``STEPS[n]`` upgrades a version ``n - 1`` project to version ``n``.

A new project gets the current schema from the models directly; an older one is backed up and
then walked through every step after its version, in one transaction. Each step is tested
against a frozen project file of the version before it (tests/fixtures/projects/).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

SCHEMA_VERSION = 8

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


def _to_7_groups_relations_networks(connection: Connection) -> None:
    """Version 7 adds groups of documents and codes, relations between codes, and networks
    of codes with their nodes' positions (frozen DDL)."""
    statements = (
        """CREATE TABLE groups (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            kind VARCHAR(16) NOT NULL,
            name VARCHAR(255) NOT NULL,
            description TEXT NOT NULL,
            created DATETIME NOT NULL,
            uuid VARCHAR(36) NOT NULL,
            CONSTRAINT uq_groups_kind_name UNIQUE (kind, name),
            CONSTRAINT ck_groups_kind CHECK (kind IN ('document', 'code')),
            CONSTRAINT ck_groups_name CHECK (length(trim(name)) > 0),
            CONSTRAINT uq_groups_uuid UNIQUE (uuid))""",
        """CREATE TABLE group_members (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            group_id INTEGER NOT NULL,
            document_id INTEGER,
            code_id INTEGER,
            CONSTRAINT ck_group_members_one_member
                CHECK ((document_id IS NULL) <> (code_id IS NULL)),
            CONSTRAINT uq_group_members_group_id_document_id UNIQUE (group_id, document_id),
            CONSTRAINT uq_group_members_group_id_code_id UNIQUE (group_id, code_id),
            CONSTRAINT fk_group_members_group_id_groups FOREIGN KEY(group_id)
                REFERENCES groups (id) ON DELETE CASCADE,
            CONSTRAINT fk_group_members_document_id_documents FOREIGN KEY(document_id)
                REFERENCES documents (id) ON DELETE CASCADE,
            CONSTRAINT fk_group_members_code_id_codes FOREIGN KEY(code_id)
                REFERENCES codes (id) ON DELETE CASCADE)""",
        "CREATE INDEX ix_group_members_document_id ON group_members (document_id)",
        "CREATE INDEX ix_group_members_code_id ON group_members (code_id)",
        """CREATE TABLE code_relations (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            source_id INTEGER NOT NULL,
            target_id INTEGER NOT NULL,
            kind VARCHAR(255) NOT NULL,
            directed BOOLEAN NOT NULL,
            memo TEXT NOT NULL,
            created DATETIME NOT NULL,
            uuid VARCHAR(36) NOT NULL,
            CONSTRAINT uq_code_relations_source_id_target_id_kind
                UNIQUE (source_id, target_id, kind),
            CONSTRAINT ck_code_relations_two_codes CHECK (source_id <> target_id),
            CONSTRAINT ck_code_relations_kind CHECK (length(trim(kind)) > 0),
            CONSTRAINT fk_code_relations_source_id_codes FOREIGN KEY(source_id)
                REFERENCES codes (id) ON DELETE CASCADE,
            CONSTRAINT fk_code_relations_target_id_codes FOREIGN KEY(target_id)
                REFERENCES codes (id) ON DELETE CASCADE,
            CONSTRAINT uq_code_relations_uuid UNIQUE (uuid))""",
        "CREATE INDEX ix_code_relations_source_id ON code_relations (source_id)",
        "CREATE INDEX ix_code_relations_target_id ON code_relations (target_id)",
        """CREATE TABLE networks (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            name VARCHAR(255) NOT NULL,
            created DATETIME NOT NULL,
            uuid VARCHAR(36) NOT NULL,
            CONSTRAINT ck_networks_name CHECK (length(trim(name)) > 0),
            CONSTRAINT uq_networks_name UNIQUE (name),
            CONSTRAINT uq_networks_uuid UNIQUE (uuid))""",
        """CREATE TABLE network_nodes (
            id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            network_id INTEGER NOT NULL,
            code_id INTEGER NOT NULL,
            x FLOAT NOT NULL,
            y FLOAT NOT NULL,
            CONSTRAINT uq_network_nodes_network_id_code_id UNIQUE (network_id, code_id),
            CONSTRAINT fk_network_nodes_network_id_networks FOREIGN KEY(network_id)
                REFERENCES networks (id) ON DELETE CASCADE,
            CONSTRAINT fk_network_nodes_code_id_codes FOREIGN KEY(code_id)
                REFERENCES codes (id) ON DELETE CASCADE)""",
        "CREATE INDEX ix_network_nodes_code_id ON network_nodes (code_id)",
    )
    for statement in statements:
        connection.exec_driver_sql(statement)


def _to_8_document_lengths(connection: Connection) -> None:
    """Version 8 keeps every document's text length in a table of its own, which the range
    triggers read instead of the documents row (whose text lies before the length, so SQLite
    read the whole text for every turn, sentence or coding written). SQLite only: PostgreSQL
    keeps a long text out of the row and reads the length directly (frozen DDL)."""
    if connection.dialect.name != "sqlite":
        return
    statements = [
        """CREATE TABLE document_lengths (
            document_id INTEGER NOT NULL PRIMARY KEY,
            text_length INTEGER NOT NULL)""",
        """CREATE TRIGGER documents_length_insert AFTER INSERT ON documents BEGIN
            INSERT OR REPLACE INTO document_lengths (document_id, text_length)
            VALUES (new.id, new.text_length); END""",
        """CREATE TRIGGER documents_length_update AFTER UPDATE OF id, text_length ON documents
        BEGIN
            DELETE FROM document_lengths WHERE document_id = old.id;
            INSERT OR REPLACE INTO document_lengths (document_id, text_length)
            VALUES (new.id, new.text_length); END""",
        """CREATE TRIGGER documents_length_delete AFTER DELETE ON documents BEGIN
            DELETE FROM document_lengths WHERE document_id = old.id; END""",
        "INSERT INTO document_lengths (document_id, text_length)"
        " SELECT id, text_length FROM documents",
    ]
    events = (("insert", "INSERT"), ("update", 'UPDATE OF start, "end", document_id'))
    for table in ("codings", "turns", "sentences"):
        for when, event in events:
            statements += [
                f"DROP TRIGGER IF EXISTS {table}_{when}_within_text",
                f"""CREATE TRIGGER {table}_{when}_within_text BEFORE {event} ON {table}
                WHEN NEW."end" > (SELECT text_length FROM document_lengths
                                  WHERE document_id = NEW.document_id)
                BEGIN SELECT RAISE(ABORT, '{table}: range beyond the end of the document text');
                END""",
            ]
    for statement in statements:
        connection.exec_driver_sql(statement)


STEPS: dict[int, Step] = {
    2: _to_2_sentence_index,
    3: _to_3_document_edits,
    4: _to_4_pseudonyms,
    5: _to_5_recordings,
    6: _to_6_name_forms,
    7: _to_7_groups_relations_networks,
    8: _to_8_document_lengths,
}


def upgrade(connection: Connection, from_version: int) -> list[int]:
    """Run every step after ``from_version``; return the versions passed through."""
    done = []
    for version in range(from_version + 1, SCHEMA_VERSION + 1):
        STEPS[version](connection)
        done.append(version)
    return done
