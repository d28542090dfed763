"""A student's copy keeps the teacher's codebook: every way to change it is refused."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.model import Code, Document
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.code_moves import move_codes
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import (
    CodingFate,
    create_code,
    delete_code,
    merge_codes,
    move_code,
    update_code,
)
from reiscoder.ops.invivo import code_in_vivo
from reiscoder.teaching.assignment import merge_copies
from tests.factories import code_id, new_project
from tests.teaching.conftest import code_sentence


def codebook(path):
    with Project.open(path, read_only=True) as project, project.reader() as s:
        return sorted(s.execute(select(Code.uuid, Code.name, Code.parent_id, Code.color)).all())


@pytest.fixture
def foreign_codebook(tmp_path):
    """A .qdc and a .qdpx with one code more than the seed codebook."""
    path = tmp_path / "ander.reis"
    with new_project(path) as project, project.transaction() as s:
        create_code(s, "Eigen code van de student")
    qdc, qdpx = tmp_path / "ander.qdc", tmp_path / "ander.qdpx"
    assert main(["export-refi", str(path), str(qdc)]) == 0
    assert main(["export-refi", str(path), str(qdpx)]) == 0
    return qdc, qdpx


def test_every_operation_on_the_codebook_is_refused(classroom):
    copy = classroom.copies["Sara"]
    before = codebook(copy)
    with Project.open(copy) as project, project.transaction() as s:
        me = coder_id_for(s, "Sara")
        one, two = code_id(s, "1.1 "), code_id(s, "1.2 ")
        document = s.scalar(select(Document.id).where(Document.name == "Gesprek Fatima"))
        attempts = [
            lambda: create_code(s, "Eigen code"),
            lambda: create_code(s, "Eigen subcode", parent_id=one),
            lambda: update_code(s, one, name="Anders"),
            lambda: update_code(s, one, color="#123456"),
            lambda: update_code(s, one, definition="Mijn eigen definitie"),
            lambda: move_code(s, one, two),
            lambda: move_codes(s, [one], None),
            lambda: merge_codes(s, one, two),
            lambda: delete_code(s, one),
            lambda: delete_code(s, one, CodingFate.TO_PARENT),
            lambda: code_in_vivo(s, document, me, 0, 11),
        ]
        for attempt in attempts:
            with pytest.raises(OperationError, match="vergrendeld"):
                attempt()
        code_sentence(s, document, "Mijn buurvrouw", "1.3", me)  # coding itself is fine
    assert codebook(copy) == before


def test_a_refi_import_into_the_copy_is_refused_on_the_command_line(
    classroom, foreign_codebook, capsys
):
    copy = classroom.copies["Sara"]
    before = codebook(copy)
    for path in foreign_codebook:
        for extra in ([], ["--codebook-only"]):
            assert main(["import-refi", str(copy), str(path), *extra]) != 0
            assert "vergrendeld" in capsys.readouterr().err
    assert codebook(copy) == before


def test_a_code_smuggled_into_the_copy_is_not_merged(classroom):
    """Round the lock (an old version, a database tool): the merge still refuses the code."""
    copy = classroom.copies["Tom"]
    with Project.open(copy) as project, project.transaction() as s:
        tom = coder_id_for(s, "Tom")
        document = s.scalar(select(Document.id).where(Document.name == "Gesprek Marco"))
        code_sentence(s, document, "Ik ken", "3.1", tom)
    connection = sqlite3.connect(copy)
    with connection:
        connection.execute(
            "INSERT INTO codes (uuid, name, color, definition, inclusion, exclusion, example,"
            " position) VALUES (?, 'Gesmokkeld', '#ff0000', '', '', '', '', 99)",
            (str(uuid.uuid4()),),
        )
        code = connection.execute("SELECT id FROM codes WHERE name = 'Gesmokkeld'").fetchone()[0]
        start, end, quote = connection.execute('SELECT start, "end", quote FROM codings').fetchone()
        connection.execute(
            'INSERT INTO codings (uuid, document_id, code_id, coder_id, start, "end", quote,'
            ' created) SELECT ?, document_id, ?, coder_id, start, "end", quote, created'
            " FROM codings",
            (str(uuid.uuid4()), code),
        )
    connection.close()
    before = codebook(classroom.teacher)
    with Project.open(classroom.teacher) as project:
        _backup, reports = merge_copies(project, [copy])
    assert codebook(classroom.teacher) == before
    report = reports[0]
    assert report.codings == 1 and report.new_codes == []
    [left] = report.left_out
    assert (left.student, left.document, left.code) == ("Tom", "Gesprek Marco", "Gesmokkeld")
    assert left.passage == quote and left.reason.startswith("its code is not")
