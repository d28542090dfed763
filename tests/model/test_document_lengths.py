"""The range triggers read a document's length from ``document_lengths`` (schema 8), never the
documents row: that row holds the text before its length, so reading it for every turn,
sentence and coding made an import grow with the square of the transcript's size."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reiscoder.ingest.batch import ImportOptions, import_files
from reiscoder.model import Coding, Document
from reiscoder.model.project import Project
from reiscoder.ops.correct import correct_transcript
from tests.factories import add_document, first_coder_id, new_project
from tests.model.test_migrations import load_fixture

RANGE_TABLES = ("codings", "turns", "sentences")


def _tables_read_by_range_triggers(path: Path, statement: str) -> set[str]:
    """The tables SQLite reads on behalf of a ``*_within_text`` trigger when it compiles
    ``statement`` (the authorizer is told of every column a trigger body reads, NEW.* as the
    written table's)."""
    read: set[str] = set()

    def authorizer(action: int, table: str | None, _column: str | None, _db, source) -> int:
        if action == sqlite3.SQLITE_READ and source and source.endswith("_within_text"):
            read.add(str(table))
        return sqlite3.SQLITE_OK

    connection = sqlite3.connect(path)
    try:
        connection.set_authorizer(authorizer)
        connection.execute(f"EXPLAIN {statement}").fetchall()
    finally:
        connection.close()
    return read


@pytest.mark.parametrize(
    "statement",
    [
        'INSERT INTO turns (document_id, start, content_start, "end") VALUES (1, 0, 0, 1)',
        'INSERT INTO sentences (document_id, start, "end", lemmas) VALUES (1, 0, 1, "")',
        'UPDATE codings SET "end" = "end" + 1',
        "UPDATE turns SET start = start WHERE id = 1",
    ],
)
def test_range_triggers_read_the_lengths_table_not_the_documents(tmp_path, statement):
    Project.create(tmp_path / "p.reis", "p").close()
    read = _tables_read_by_range_triggers(tmp_path / "p.reis", statement)
    assert "document_lengths" in read and "documents" not in read


def test_upgraded_project_fills_the_lengths_and_its_triggers_read_them(tmp_path):
    path = load_fixture(7, tmp_path / "v7.reis")
    with Project.open(path) as project:
        with project.reader() as session:
            lengths = _lengths(session)
            documents = _documents(session)
            assert lengths == documents and lengths
        document_id, length = next(iter(documents.items()))
        refused = pytest.raises(IntegrityError, match="range beyond the end")
        with refused, project.transaction() as session:
            coding = session.scalars(select(Coding)).first()
            assert coding is not None
            coding.document_id, coding.end = document_id, length + 1
    statements = ('UPDATE codings SET "end" = "end"', "INSERT INTO turns SELECT * FROM turns")
    for statement in statements:
        read = _tables_read_by_range_triggers(path, statement)
        assert "document_lengths" in read and "documents" not in read


def test_lengths_follow_imports_corrections_and_deletions(tmp_path):
    transcript = tmp_path / "gesprek.txt"
    transcript.write_text(
        "".join(f"R: regel {n} over de buurt.\n" for n in range(300)), encoding="utf-8"
    )
    project = new_project(tmp_path / "p.reis")
    try:
        report = import_files(project, [transcript], ImportOptions(coder="Anna", backup=False))
        document_id = report[0].document_id
        with project.transaction() as session:
            other = add_document(session, "Tweede")
        with project.transaction() as session:
            old = session.scalar(select(Document.text).where(Document.id == document_id))
            coder = first_coder_id(session)
            correct_transcript(session, document_id, "Respondent" + old[1:], coder)

        def lengths() -> dict[int, int]:
            with project.reader() as session:
                return _lengths(session)

        with project.reader() as session:
            documents = _documents(session)
        assert lengths() == documents
        assert documents[document_id] == len(transcript.read_text(encoding="utf-8")) + 9
        with project.transaction() as session:
            session.execute(text("DELETE FROM documents WHERE id = :id"), {"id": other})
        assert set(lengths()) == {document_id}
    finally:
        project.close()


def _lengths(session: Session) -> dict[int, int]:
    return dict(session.execute(text("SELECT * FROM document_lengths")).tuples().all())


def _documents(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Document.id, Document.text_length)).tuples().all())
