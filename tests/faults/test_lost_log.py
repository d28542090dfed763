"""The write-ahead log deleted while the project is open, then a crash: committed codings are
gone. That is noticed (a commit counter in the file and in the lock file), said in Dutch on
opening and by ``reiscoder check``, which does not call the project sound; and a project that
is closed normally is one file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reiscoder.checks.check import check_project
from reiscoder.cli import main
from reiscoder.model import Coding
from reiscoder.model.lock import lock_path
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from tests.factories import add_document, code_id, first_coder_id, new_project
from tests.faults.children import run_until

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from reiscoder.model.project import Project
    from reiscoder.ops.codings import apply_coding

    project = Project.open(sys.argv[1])
    code = int(sys.argv[2])

    def coding(start):
        with project.transaction() as session:
            apply_coding(session, 1, code, 1, start, start + 5)

    coding(0)
    coding(10)
    if sys.argv[3] == "delete":
        os.remove(sys.argv[1] + "-wal")
    coding(20)
    print("done", flush=True)
    time.sleep(600)
    """
)

MISSING = "Er ontbreken recente wijzigingen in dit project"


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        add_document(session, "Interview 1")
    return path


def crash_while_coding(path: Path, log: str) -> None:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        code = code_id(session, "1.1")
    run_until(WRITER, str(path), str(code), log, point="done")


def codings(path: Path) -> int:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        return session.scalar(select(func.count()).select_from(Coding))


def test_a_deleted_log_is_noticed_by_check_and_on_opening(path, capsys):
    crash_while_coding(path, "delete")
    assert codings(path) == 0, "the codings were only in the deleted log"

    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert MISSING in out and "3 opgeslagen wijzigingen" in out
    assert "Het project is in orde" not in out

    with Project.open(path) as project:
        assert any(MISSING in warning for warning in project.warnings)
        report = check_project(project)
        assert not report.sound and MISSING in report.problems[0]
    with Project.open(path, read_only=True) as project:
        assert MISSING in check_project(project).problems[0], "it stays said"

    assert main(["check", str(path), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "De melding over ontbrekende wijzigingen is verwijderd" in out
    with Project.open(path) as project:
        assert project.warnings == [] and check_project(project).sound


def test_a_crash_with_the_log_in_place_loses_nothing_and_raises_no_alarm(path, capsys):
    crash_while_coding(path, "keep")
    assert lock_path(path).exists()
    assert codings(path) == 3
    assert main(["check", str(path)]) == 0
    assert MISSING not in capsys.readouterr().out
    with Project.open(path) as project:
        assert project.warnings == []
        assert check_project(project).sound


def test_a_closed_project_is_one_file(path):
    with Project.open(path) as project:
        with project.transaction() as session:
            coder, code = first_coder_id(session), code_id(session, "1.2")
            for start in range(0, 50, 5):
                apply_coding(session, 1, code, coder, start, start + 3)
        beside = {p.name for p in path.parent.iterdir() if p.is_file()}
        assert {"p.reis", "p.reis-wal", "p.reis.lock"} <= beside
    left = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    assert left == ["p.reis"]
    assert codings(path) == 10


def test_a_project_only_looked_at_is_left_one_file(path, tmp_path, capsys):
    """Reading without writing (an export, a list, a read-only window) leaves no write-ahead
    log or shared-memory file beside the project, and still refuses every write."""
    before = path.read_bytes()
    with Project.open(path, read_only=True) as project:
        with project.reader() as session:
            assert session.scalar(select(func.count()).select_from(Coding)) == codings(path)
        with pytest.raises(Exception, match="alleen-lezen"), project.transaction() as session:
            apply_coding(session, 1, code_id(session, "1.2"), first_coder_id(session), 0, 3)
    (tmp_path / "uit").mkdir()
    assert main(["export", str(path), "codings", str(tmp_path / "uit" / "c.csv")]) == 0
    assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == ["p.reis"]
    assert path.read_bytes() == before
