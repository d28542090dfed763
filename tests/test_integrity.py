"""`reiscoder check` tells in plain words what is wrong, and what is merely unfinished."""

from __future__ import annotations

import sqlite3

from reiscoder.cli import main
from reiscoder.ingest.store import store_transcript
from reiscoder.ops.codings import apply_coding
from reiscoder.parsing import parse_text
from tests.factories import SAMPLE_TEXT, add_document, code_id, first_coder_id, new_project


def _project(tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        doc = add_document(session, "Interview")
        apply_coding(session, doc, code_id(session, "1.1"), first_coder_id(session), 13, 53)
    return path


def test_a_sound_project_passes(tmp_path, capsys):
    assert main(["check", str(_project(tmp_path))]) == 0
    assert "in orde" in capsys.readouterr().out


def test_drift_between_quote_and_text_is_reported(tmp_path, capsys):
    path = _project(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE codings SET quote = 'iets anders'")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "iets anders" in out and SAMPLE_TEXT[13:53] in out


def test_a_document_still_segmenting_is_a_note_not_a_problem(tmp_path, capsys):
    path = _project(tmp_path)
    from reiscoder.model.project import Project

    with Project.open(path) as project, project.transaction() as session:
        store_transcript(session, parse_text("R: Nog niet in zinnen verdeeld."), name="Nieuw")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Nieuw" in out and "geen schade" in out
