"""An assignment leaks nothing: every file the assignment step wrote is opened and searched."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from reiscoder.model import Coding
from reiscoder.model.project import Project
from reiscoder.teaching.prepare import KEPT_META
from tests.teaching.conftest import DOCS, SECRET, TURNS

ASSIGNMENT_META = {
    "codebook_locked",
    "assignment_uuid",
    "assignment_source_uuid",
    "assignment_name",
    "name",
    "project_uuid",
}


def _reference_uuids(teacher):
    with Project.open(teacher, read_only=True) as project, project.reader() as s:
        return s.scalars(select(Coding.uuid)).all()


def _codebook_text(teacher):
    from reiscoder.model import Code

    with Project.open(teacher, read_only=True) as project, project.reader() as s:
        rows = s.execute(
            select(Code.name, Code.definition, Code.inclusion, Code.exclusion, Code.example)
        ).all()
    return " ".join(" ".join(row) for row in rows)


def _words_only_in(name, codebook):
    """Words of a document that the other documents and the codebook do not have."""
    own = {w for _s, sentences in TURNS[name] for t in sentences for w in t.split()}
    others = {
        w
        for other in DOCS
        if other != name
        for _s, sentences in TURNS[other]
        for t in sentences
        for w in t.split()
    }
    found = {w.strip(".") for w in own - others if len(w) > 6}
    return {w for w in found if w not in codebook}


def test_every_file_the_assignment_step_wrote_holds_no_reference_coding(classroom):
    written = classroom.written
    # Only the three assignment files: no backup folder, no journal, no lock, no staging file.
    assert [p.name for p in written] == ["opdracht-1.reis", "opdracht-2.reis", "opdracht-3.reis"]
    assert all(p.is_file() for p in written)
    uuids = _reference_uuids(classroom.teacher)
    codebook = _codebook_text(classroom.teacher)
    assert len(uuids) == 16
    given = {"opdracht-1.reis": DOCS[:2], "opdracht-2.reis": DOCS[1:], "opdracht-3.reis": DOCS}
    for path in written:
        raw = path.read_bytes()
        for uuid in uuids:
            assert uuid.encode() not in raw, f"{path.name} holds a reference coding"
        for secret in (SECRET, "Let op de ironie", "Lastig gesprek", "Docent"):
            assert secret.encode() not in raw, f"{path.name} holds {secret!r}"
        for other in set(DOCS) - set(given[path.name]):
            words = _words_only_in(other, codebook)
            assert words
            for word in words:
                assert word.encode() not in raw, f"{path.name} holds {word!r} of {other}"
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            counts = {
                table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("codings", "memos", "coders", "document_edits")
            }
            meta = dict(connection.execute("SELECT key, value FROM meta"))
            names = [row[0] for row in connection.execute("SELECT name FROM documents")]
            journal = connection.execute("PRAGMA journal_mode").fetchone()[0]
        finally:
            connection.close()
        assert counts == {"codings": 0, "memos": 0, "coders": 0, "document_edits": 0}
        assert set(meta) <= KEPT_META | ASSIGNMENT_META, set(meta) - KEPT_META - ASSIGNMENT_META
        assert sorted(names) == sorted(given[path.name])
        assert journal == "delete"  # no write-ahead log can hold old pages
        assert not any(key.startswith("assignment:") for key in meta)
    assert sorted(p.name for p in classroom.folder.iterdir()) == [
        "lies.reis",
        "noor.reis",
        "opdracht-1.reis",
        "opdracht-2.reis",
        "opdracht-3.reis",
        "sara.reis",
        "tom.reis",
    ]


def test_the_teacher_remembers_each_assignment_but_no_copy_carries_the_others(classroom):
    with Project.open(classroom.teacher, read_only=True) as project, project.reader() as s:
        from reiscoder.model import Meta

        records = s.scalars(select(Meta.value).where(Meta.key.startswith("assignment:"))).all()
    assert len(records) == 3
    for path in classroom.written:
        raw = path.read_bytes()
        assert b"opdracht-" not in raw.replace(path.name.encode(), b"")


def test_a_failed_assignment_leaves_nothing_behind(classroom, tmp_path):
    import pytest

    from reiscoder.model.errors import ProjectError

    target = tmp_path / "leeg.reis"
    with Project.open(classroom.teacher) as project, pytest.raises(ProjectError):
        from reiscoder.teaching.assignment import prepare_assignment

        prepare_assignment(project, target, [99999], name="Niets")
    assert list(tmp_path.glob("*leeg*")) == []
