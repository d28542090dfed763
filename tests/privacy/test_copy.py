"""A pseudonymised copy of a project: a sound project of its own, every field pseudonymised,
codings on their words, the originals and the name list left out."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import String, Text, select

from reiscoder.checks.repair import diagnose
from reiscoder.cli import main
from reiscoder.model import Base, Coding, Document, Memo, Pseudonym, Sentence, Speaker
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.privacy.copy import (
    HANDLED_COLUMNS,
    LEFT_OUT,
    PSEUDONYMISED_KEY,
    STRUCTURAL_COLUMNS,
    TEXT_COLUMNS,
    make_pseudonymised_copy,
    pseudonymised_session,
)
from tests.privacy.builders import FIRST, ORIGINALS, build_names_project


@pytest.fixture
def names_path(tmp_path):
    return build_names_project(tmp_path / "namen.reis")


def test_every_table_and_text_column_has_a_decision():
    """A new table or text column must be added to the copy's lists, or it could leak."""
    for table in Base.metadata.sorted_tables:
        assert table.name in TEXT_COLUMNS or table.name in LEFT_OUT, table.name
        if table.name in LEFT_OUT:
            continue
        for column in table.columns:
            if isinstance(column.type, String | Text):
                known = (
                    column.name in TEXT_COLUMNS[table.name]
                    or column.name in STRUCTURAL_COLUMNS
                    or f"{table.name}.{column.name}" in HANDLED_COLUMNS
                )
                assert known, f"{table.name}.{column.name}"


def test_the_copy_is_a_sound_project_without_any_original(names_path, tmp_path):
    target = tmp_path / "gedeeld" / "kopie.reis"
    target.parent.mkdir()
    with Project.open(names_path, read_only=True) as project:
        report = make_pseudonymised_copy(project, target)
    assert report.documents == 2 and report.names == 8 and report.replaced > 10
    assert sorted(p.name for p in target.parent.iterdir()) == ["kopie.reis"]  # no backups
    assert_no_originals_in_file(target)
    with Project.open(target) as copy:
        assert diagnose(copy).sound
        with copy.reader() as session:
            assert session.scalars(select(Pseudonym)).all() == []
            assert copy.meta(PSEUDONYMISED_KEY)
            assert copy.name == "Wijkgesprekken [wijk A]"
            for coding in session.scalars(select(Coding)):
                assert coding.quote == coding.document.text[coding.start : coding.end]
            quotes = sorted(session.scalars(select(Coding.quote)))
            assert quotes == sorted(
                [
                    "[wijk A], mevrouw",
                    "[wijk A], mevrouw Respondent 1",  # it cut into both names
                    "Persoon 2 van [organisatie A]",
                    "Respondent 1's buurvrouw kookt",
                    "[wijk B] brug",
                ]
            )
            document = session.scalar(select(Document).where(Document.position == 0))
            assert document.source_filename == "Respondent 1 Respondent 1.docx"
            assert document.segmentation == "ready"
            sentences = session.scalars(select(Sentence).where(Sentence.document_id == 1)).all()
            assert sentences and all(s.start < s.end for s in sentences)
            speakers = session.scalars(select(Speaker.label)).all()
            assert "Respondent 1" in speakers
            memo = session.scalar(select(Memo.text).where(Memo.coding_id.is_not(None)))
            assert memo == "Respondent 1's verhaal over Persoon 3."


def test_the_copy_keeps_the_original_project_unchanged(names_path, tmp_path):
    before = names_path.read_bytes()
    with Project.open(names_path, read_only=True) as project:
        make_pseudonymised_copy(project, tmp_path / "kopie.reis")
    assert names_path.read_bytes() == before


def test_an_existing_file_is_never_overwritten(names_path, tmp_path):
    target = tmp_path / "bestaat.reis"
    target.write_text("iets")
    with Project.open(names_path, read_only=True) as project, pytest.raises(OperationError):
        make_pseudonymised_copy(project, target)
    assert target.read_text() == "iets"
    assert not list(tmp_path.glob(".bestaat*"))


def test_exports_read_a_copy_in_memory_with_the_same_ids(names_path):
    with Project.open(names_path, read_only=True) as project:
        with project.reader() as session:
            originals = {c.id: (c.code_id, c.coder_id) for c in session.scalars(select(Coding))}
        with pseudonymised_session(project) as (session, pseudonymiser):
            copied = {c.id: (c.code_id, c.coder_id) for c in session.scalars(select(Coding))}
            text = session.get(Document, 1).text
    assert copied == originals
    assert text == pseudonymiser.apply(FIRST)


def test_the_command_line_makes_a_copy(names_path, tmp_path, capsys):
    assert main(["pseudonymise", str(names_path), str(tmp_path / "kopie")]) == 0
    assert "kopie.reis" in capsys.readouterr().out
    assert_no_originals_in_file(tmp_path / "kopie.reis")


def test_the_command_line_refuses_without_a_name_list(tmp_path, capsys):
    path = build_names_project(tmp_path / "leeg.reis", names=False)
    assert main(["pseudonymise", str(path), str(tmp_path / "kopie.reis")]) == 2
    assert not (tmp_path / "kopie.reis").exists()


# -- looking for originals in a project file ---------------------------------------------------


def assert_no_originals_in_file(path) -> None:
    """Not in any field, not in the bytes of the file, not among the search index's terms."""
    data = path.read_bytes().lower()
    for name in ORIGINALS:
        assert name.encode() not in data, name
    connection = sqlite3.connect(path)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
        for table in tables:
            try:
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            except sqlite3.Error:
                continue
            for row in rows:
                for value in row:
                    if isinstance(value, str | bytes):
                        text = value if isinstance(value, str) else value.decode("latin-1")
                        for name in ORIGINALS:
                            assert name not in text.casefold(), (table, name, text[:80])
        connection.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, 'sentence_index', 'row')"
        )
        terms = {row[0] for row in connection.execute("SELECT term FROM temp.terms")}
        assert terms  # the search index was rebuilt for the new texts
        for name in ORIGINALS:
            assert not any(name.split()[-1] in term for term in terms), name
    finally:
        connection.close()


def test_the_copy_is_vacuumed_and_its_search_index_rebuilt(names_path, tmp_path):
    with Project.open(names_path, read_only=True) as project:
        make_pseudonymised_copy(project, tmp_path / "kopie.reis")
    connection = sqlite3.connect(tmp_path / "kopie.reis")
    try:
        assert connection.execute("PRAGMA freelist_count").fetchone() == (0,)
        connection.execute("INSERT INTO sentence_index(sentence_index) VALUES('integrity-check')")
        indexed = connection.execute("SELECT count(*) FROM sentence_index").fetchone()[0]
        sentences = connection.execute("SELECT count(*) FROM sentences").fetchone()[0]
    finally:
        connection.close()
    assert indexed == sentences > 0
