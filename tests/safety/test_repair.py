"""The check in plain words and the safe repairs, on deliberately damaged project files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from reiscoder import i18n
from reiscoder.checks.repair import Kind, diagnose, repair
from reiscoder.cli import main
from reiscoder.model import Coding, Sentence
from reiscoder.model.backups import backup_folder
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from reiscoder.read.search import search_sentences
from tests.factories import code_id, first_coder_id, new_project
from tests.ops.test_correct import segmented


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages are matched in English here (the app itself starts in Dutch)."""
    monkeypatch.setenv("REISCODER_LANG", "en")
    i18n.set_language("en")


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project:
        document = segmented(project)
        with project.transaction() as session:
            coder = first_coder_id(session)
            apply_coding(session, document, code_id(session, "1.1"), coder, 13, 53)
            apply_coding(session, document, code_id(session, "1.3"), coder, 80, 120)
    return path


def damage(path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


def kinds(path) -> list[Kind]:
    with Project.open(path, read_only=True) as project:
        return [finding.kind for finding in diagnose(project).findings]


def test_a_sound_project_is_sound(path):
    with Project.open(path, read_only=True) as project:
        diagnosis = diagnose(project)
    assert diagnosis.sound and diagnosis.problems == []


def test_a_drifted_coding_whose_text_occurs_once_is_put_back(path):
    damage(path, 'UPDATE codings SET start = start + 3, "end" = "end" + 3 WHERE id = 2')
    with Project.open(path) as project:
        diagnosis = diagnose(project)
        assert [f.kind for f in diagnosis.findings] == [Kind.DRIFT]
        assert len(diagnosis.problems) == 1, "the check's own drift message is not repeated"
        result = repair(project, diagnosis)
        assert result.left == [] and result.backup
        with project.reader() as session:
            assert (session.get(Coding, 2).start, session.get(Coding, 2).end) == (80, 120)


def test_drift_that_cannot_be_placed_is_left_for_a_person(path):
    damage(path, "UPDATE codings SET quote = 'een tekst die er niet staat' WHERE id = 1")
    with Project.open(path) as project:
        diagnosis = diagnose(project)
        assert [f.repairable for f in diagnosis.findings] == [False]
        assert "by hand" in diagnosis.problems[0]
        assert diagnosis.report.notes == [], "a backup is no cure for this"
        assert len(repair(project, diagnosis).left) == 1


def test_damage_that_cannot_be_repaired_advises_a_backup(path):
    damage(
        path,
        "PRAGMA foreign_keys = OFF",
        "INSERT INTO memos (title, text, coder_id, created, modified, coding_id, uuid)"
        " VALUES ('', 'wees', 1, '2026-01-01', '2026-01-01', 999, 'x')",
    )
    with Project.open(path, read_only=True) as project:
        diagnosis = diagnose(project)
    assert diagnosis.unrepairable and diagnosis.repairable == []
    assert any("restore a backup" in note for note in diagnosis.report.notes)


def test_a_deleted_search_index_is_rebuilt(path):
    damage(path, "DROP TABLE sentence_index")
    assert kinds(path) == [Kind.SEARCH_INDEX]
    with Project.open(path) as project:
        result = repair(project)
        assert result.left == []
        with project.reader() as session:
            assert [h.text for h in search_sentences(session, "voedselbank")] == [
                "Nou ja, de kerk en de voedselbank hebben het overgenomen."
            ]
    assert kinds(path) == []


def test_an_incomplete_search_index_is_rebuilt(path):
    damage(path, "DELETE FROM sentence_index WHERE rowid IN (SELECT id FROM sentences LIMIT 3)")
    assert kinds(path) == [Kind.SEARCH_INDEX]
    with Project.open(path) as project:
        repair(project)
    assert kinds(path) == []


def test_missing_sentences_are_determined_again(path):
    with Project.open(path, read_only=True) as project, project.reader() as session:
        before = session.execute(select(Sentence.turn_id, Sentence.start, Sentence.end)).all()
    damage(path, "DELETE FROM sentences WHERE turn_id = 2")
    assert kinds(path) == [Kind.SENTENCES]
    with Project.open(path) as project:
        assert repair(project).left == []
        with project.reader() as session:
            after = session.execute(select(Sentence.turn_id, Sentence.start, Sentence.end)).all()
    assert sorted(after) == sorted(before)


def test_sentences_outside_their_turn_are_determined_again(path):
    damage(path, 'UPDATE sentences SET start = 0, "end" = 5 WHERE id = 3')
    with Project.open(path) as project:
        diagnosis = diagnose(project)
        assert Kind.SENTENCES in [f.kind for f in diagnosis.findings]
        assert repair(project, diagnosis).left == []


def test_cli_check_and_repair(path, capsys):
    damage(path, "DROP TABLE sentence_index")
    assert main(["check", str(path)]) == 1
    assert "search index" in capsys.readouterr().out
    assert main(["check", str(path), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "rebuilt" in out and "The project is sound." in out
    assert any(b.name.endswith("-repair.reis") for b in backup_folder(path).iterdir())


def test_a_truncated_file_gives_a_clear_message(path, capsys):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    assert main(["check", str(path)]) == 2
    error = capsys.readouterr().err
    assert "damaged" in error and "backup" in error


def test_cli_lists_and_restores_backups(path, capsys):
    assert main(["backups", str(path)]) == 0
    assert "No backups yet." in capsys.readouterr().out
    Project.open(path).close()
    with Project.open(path) as project, project.transaction() as session:
        session.execute(Coding.__table__.delete())
    assert main(["backups", str(path)]) == 0
    listing = capsys.readouterr().out
    assert "  1  " in listing and "2 codings" in listing and "when opened" in listing
    assert main(["backups", str(path), "--restore", "1"]) == 0
    assert "Restored" in capsys.readouterr().out
    with Project.open(path, read_only=True) as project, project.reader() as session:
        assert len(session.scalars(select(Coding)).all()) == 2
    assert main(["backups", str(path), "--restore", "99"]) == 2
