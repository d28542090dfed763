"""Everything that knows the project is an SQLite file lives here and in ``backup.py``.

The models themselves are portable; this module adds SQLite's pragmas, the triggers that keep
positions inside their document's text, and the journal-mode choice for synced folders.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import DDL, Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from reiscoder.model.base import Base

APPLICATION_ID = 0x52534344  # "RSCD": marks an SQLite file as a reiscoder project
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000

# The range triggers read a document's length from a small table of its own, kept by triggers
# on ``documents``: read from ``documents``, the length (stored after the text) made SQLite walk
# the whole text's overflow pages for every turn, sentence and coding written (an import of a
# long transcript grew with the square of its size).
DOCUMENT_LENGTHS_DDL = (
    """CREATE TABLE document_lengths (
        document_id INTEGER NOT NULL PRIMARY KEY,
        text_length INTEGER NOT NULL)""",
    """CREATE TRIGGER documents_length_insert AFTER INSERT ON documents BEGIN
        INSERT OR REPLACE INTO document_lengths (document_id, text_length)
        VALUES (new.id, new.text_length); END""",
    """CREATE TRIGGER documents_length_update AFTER UPDATE OF id, text_length ON documents BEGIN
        DELETE FROM document_lengths WHERE document_id = old.id;
        INSERT OR REPLACE INTO document_lengths (document_id, text_length)
        VALUES (new.id, new.text_length); END""",
    """CREATE TRIGGER documents_length_delete AFTER DELETE ON documents BEGIN
        DELETE FROM document_lengths WHERE document_id = old.id; END""",
)

for _statement in DOCUMENT_LENGTHS_DDL:
    event.listen(Base.metadata, "after_create", DDL(_statement).execute_if(dialect="sqlite"))

RANGE_TRIGGER = """
CREATE TRIGGER {table}_{when}_within_text BEFORE {event} ON {table}
WHEN NEW."end" > (SELECT text_length FROM document_lengths WHERE document_id = NEW.document_id)
BEGIN SELECT RAISE(ABORT, '{table}: range beyond the end of the document text'); END
"""
RANGE_TABLES = ("codings", "turns", "sentences")
RANGE_EVENTS = (("insert", "INSERT"), ("update", 'UPDATE OF start, "end", document_id'))

for _table in RANGE_TABLES:
    for _when, _event in RANGE_EVENTS:
        event.listen(
            Base.metadata,
            "after_create",
            DDL(RANGE_TRIGGER.format(table=_table, when=_when, event=_event)).execute_if(
                dialect="sqlite"
            ),
        )


# Full-text search over sentence lemmas: an FTS5 table whose rowid is the sentence id. Deleting
# or changing a sentence updates it by trigger; new sentences are indexed in bulk by
# `model.fulltext.index_sentences` (a per-row insert trigger made imports four times
# slower). A sentence that was never indexed is merely not found; deleting it is harmless.
# PostgreSQL will use its `dutch` text search configuration instead.
SENTENCE_INDEX_DDL = (
    """CREATE VIRTUAL TABLE sentence_index USING fts5(
        lemmas, tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER sentences_index_delete AFTER DELETE ON sentences BEGIN
        DELETE FROM sentence_index WHERE rowid = old.id; END""",
    """CREATE TRIGGER sentences_index_update AFTER UPDATE OF lemmas ON sentences BEGIN
        DELETE FROM sentence_index WHERE rowid = old.id;
        INSERT INTO sentence_index(rowid, lemmas) VALUES (new.id, new.lemmas); END""",
)

for _statement in SENTENCE_INDEX_DDL:
    event.listen(Base.metadata, "after_create", DDL(_statement).execute_if(dialect="sqlite"))


def make_engine(path: Path, *, read_only: bool = False, wal: bool = True) -> Engine:
    """An engine whose every connection has foreign keys on and waits for the writer."""
    mode, query_only = _read_only_mode(path) if read_only else ("rwc", False)
    url = f"sqlite:///file:{path}?mode={mode}&uri=true"
    # A few connections are kept open: opening one costs its PRAGMAs, closing one in WAL mode
    # may checkpoint. Threads each take their own from the pool.
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=3,
        max_overflow=8,
        connect_args={"check_same_thread": False},
    )
    journal = "WAL" if wal else "DELETE"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's session own BEGIN, so that SAVEPOINT and our PRAGMAs behave.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if query_only:
            cursor.execute("PRAGMA query_only = ON")
        if not read_only:
            cursor.execute(f"PRAGMA journal_mode = {journal}")
            cursor.execute("PRAGMA synchronous = NORMAL" if wal else "PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _read_only_mode(path: Path) -> tuple[str, bool]:
    """How to open ``path`` for reading only: (SQLite's open mode, whether to refuse writes by
    pragma instead).

    A file we may write is opened read-write with every write refused (``query_only``): a
    connection opened read-only cannot fold the write-ahead log back in, so a project only
    looked at (an export, a report) would be left with a WAL and shared-memory file beside
    it. A file we may not write, with no WAL beside it, is read as immutable, as
    :func:`connect_to_look` does."""
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return "rw", True
    if not path.with_name(path.name + "-wal").exists():
        return "ro&immutable=1", False
    return "ro", False


def looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def application_id(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql("PRAGMA application_id").scalar_one())


def mark_as_project(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


@dataclass(frozen=True)
class FileFacts:
    """What a file is, found without changing it: SQLite's check, the mark, the version."""

    problems: list[str]  # empty: the file is sound
    application_id: int
    schema_version: str | None  # as stored; None when there is no meta table or no row


def connect_to_look(path: Path, *, read_only: bool = True) -> sqlite3.Connection:
    """A plain connection that changes nothing by itself: no journal-mode switch, no pragma
    that writes. ``read_only`` opens the file so that SQLite cannot write to it at all.

    A file we may not write, with no WAL beside it, is read as immutable: SQLite would
    otherwise leave a WAL and shared-memory file behind with the file's permissions, which
    the next connection (ours or the owner's) then cannot use."""
    mode = "ro" if read_only else "rw"
    uri = f"{Path(path).resolve().as_uri()}?mode={mode}"
    wal = path.with_name(path.name + "-wal")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if read_only and not writable and not wal.exists():
        uri += "&immutable=1"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def inspect_file(path: Path, *, structure: bool = True) -> FileFacts:
    """Check ``path`` before anything else touches it, so that a refused file stays as it was
    byte for byte (the connect hook of :func:`make_engine` switches a file to WAL).

    A file whose rollback journal was left behind by a crash cannot be read read-only; it is
    then looked at read-write, which rolls the journal back as any opening would.
    ``structure`` False leaves out SQLite's structural check (the caller does it later)."""
    try:
        return _inspect(path, read_only=True, structure=structure)
    except sqlite3.OperationalError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF != 8:  # SQLITE_READONLY
            raise
    return _inspect(path, read_only=False, structure=structure)


def _inspect(path: Path, *, read_only: bool, structure: bool) -> FileFacts:
    connection = connect_to_look(path, read_only=read_only)
    try:
        check = connection.execute("PRAGMA quick_check").fetchall() if structure else [("ok",)]
        problems = _problems(check)
        mark = int(connection.execute("PRAGMA application_id").fetchone()[0])
        version = None
        if connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone():
            row = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
            version = None if row is None or row[0] is None else str(row[0])
        return FileFacts(problems, mark, version)
    finally:
        connection.close()


def integrity_check(path: Path) -> list[str]:
    """SQLite's full check on a fresh connection; an empty list means the file is sound.

    Never on a pooled connection that stayed open while another one changed the file: since
    SQLite 3.44 the check includes the full-text index, and a connection with an outdated
    picture of it reports a "checksum mismatch" for a file that is sound."""
    connection = connect_to_look(path)
    try:
        return _problems(connection.execute("PRAGMA integrity_check").fetchall())
    finally:
        connection.close()


def quick_check(engine: Engine) -> list[str]:
    """SQLite's own structural check; an empty list means the file is sound."""
    with engine.connect() as connection:
        rows = [str(r[0]) for r in connection.exec_driver_sql("PRAGMA quick_check").all()]
    return [] if rows == ["ok"] else rows


def _problems(rows: list[tuple[object, ...]]) -> list[str]:
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found
