"""The leak test a privacy officer asks for: Dutch transcripts with names in every position and
spelling (see ``dutch_corpus``); after ``reiscoder names PROJECT suggest --accept`` (every
person, place and organisation suggested goes on the list) no original is left in any export
format, zip member, document property or the pseudonymised copy."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.model import Pseudonym
from reiscoder.model.project import Project
from reiscoder.privacy.copy import make_pseudonymised_copy
from tests.privacy.dutch_corpus import ORIGINALS, build_dutch_project, originals_in
from tests.privacy.test_leaks import REFI, REPORTS, export, readable_texts

FORMATS = [*REPORTS, *REFI]


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return build_dutch_project(tmp_path_factory.mktemp("dutch-plain"))


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    path = build_dutch_project(tmp_path_factory.mktemp("dutch"))
    assert main(["names", str(path), "suggest", "--accept"]) == 0
    return path


def leaks(output) -> list[tuple[str, str]]:
    texts = readable_texts(output)
    assert len(texts) >= 2  # the file name and at least its content were searched
    return [(where, name) for where, text in texts for name in originals_in(text)]


def test_accepting_the_suggestions_makes_one_entry_per_person(accepted):
    with Project.open(accepted, read_only=True) as project, project.reader() as session:
        entries = {row.original: row for row in session.scalars(select(Pseudonym))}
    assert {"Fatima El Amrani", "Youssef El Amrani", "Ingrid Verbeek", "Sevda Yılmaz"} <= set(
        entries
    )
    assert {"Bospolder-Tussendijken", "Katendrecht", "Stichting Wijkpaleis"} <= set(entries)
    assert not {"Fatima", "Ingrid", "Verbeek", "Sevda", "Youssef"} & set(entries)
    assert entries["Katendrecht"].kind == "place"
    assert entries["Stichting Wijkpaleis"].kind == "organisation"
    assert entries["Fatima El Amrani"].pseudonym.startswith("Respondent")


@pytest.mark.parametrize("name", FORMATS)
def test_without_the_list_the_search_finds_the_originals(plain, tmp_path, name):
    with Project.open(plain, read_only=True) as project:
        output = export(project, name, tmp_path, pseudonymise=False)
    assert leaks(output)


@pytest.mark.parametrize("name", FORMATS)
def test_no_original_in_any_pseudonymised_export(accepted, tmp_path, name):
    with Project.open(accepted, read_only=True) as project:
        output = export(project, name, tmp_path, pseudonymise=True)
    assert leaks(output) == []


def test_no_original_in_the_pseudonymised_copy(accepted, tmp_path):
    target = tmp_path / "gedeeld.reis"
    with Project.open(accepted, read_only=True) as project:
        make_pseudonymised_copy(project, target)
    found = originals_in(target.read_bytes().decode("utf-8", errors="replace"))
    connection = sqlite3.connect(target)
    try:
        values = 0
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
        for table in tables:
            try:
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            except sqlite3.Error:
                continue
            for value in (v for row in rows for v in row if isinstance(v, str)):
                values += 1
                found += [(table, name) for name in originals_in(value)]
        connection.execute(
            "CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, 'sentence_index', 'row')"
        )
        terms = [row[0] for row in connection.execute("SELECT term FROM temp.terms")]
    finally:
        connection.close()
    assert values > 100 and len(terms) > 50  # the copy has its texts and its search index
    found += [("index", name) for name in ORIGINALS if any(name in term for term in terms)]
    assert found == []
