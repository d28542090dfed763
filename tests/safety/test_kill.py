"""Killing the app (SIGKILL) in the middle of a correction or of a restore leaves the old or the
new project, never a mix, and a sound file.

Kill points are deterministic: the child pauses at a named point of the operation (a test
hook), says so through its stdout pipe, and the parent kills it there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reiscoder.checks.check import check_project
from reiscoder.model import Coding, Document, DocumentEdit, Sentence
from reiscoder.model.backups import list_backups, make_backup, restore_backup
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from tests.factories import code_id, first_coder_id, new_project
from tests.ops.test_correct import segmented

ROOT = Path(__file__).resolve().parents[2]

PAUSING = textwrap.dedent(
    """
    import sys, time

    def pause_at(point):
        def pause(name):
            if name == point:
                print(name, flush=True)
                time.sleep(600)
        return pause
    """
)

RESTORER = PAUSING + textwrap.dedent(
    """
    from pathlib import Path
    from reiscoder.model import backups

    backups.PAUSE = pause_at(sys.argv[3])
    backups.restore_backup(Path(sys.argv[1]), Path(sys.argv[2]))
    print("done", flush=True)
    time.sleep(600)
    """
)

CORRECTOR = PAUSING + textwrap.dedent(
    """
    from reiscoder.model import Document
    from reiscoder.model.project import Project
    from reiscoder.ops import correct

    correct.PAUSE = pause_at(sys.argv[2])
    project = Project.open(sys.argv[1])
    with project.transaction() as session:
        text = session.get(Document, 1).text
        new = text.replace("Al twintig", "Al ruim twintig").replace("Fatima: Dat", "Dat")
        correct.correct_transcript(session, 1, new[: len(new) - 20], 1)
    print("done", flush=True)
    time.sleep(600)
    """
)

WRITER = textwrap.dedent(
    """
    import sys, time
    from reiscoder.model.project import Project
    from reiscoder.ops.codings import apply_coding

    project = Project.open(sys.argv[1])
    with project.transaction() as session:
        apply_coding(session, 1, int(sys.argv[2]), 1, 0, 5)
    print("done", flush=True)
    time.sleep(600)
    """
)


def run_until(script: str, *args: str, point: str = "done") -> None:
    """Run ``script`` in a child process and SIGKILL it once it reports ``point``."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True, env=environment
    )
    try:
        assert child.stdout.readline().strip() == point
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()


def sound(path: Path) -> None:
    with Project.open(path) as project:
        with project.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        report = check_project(project)
        assert report.sound, report.problems


def count_codings(path: Path) -> int:
    with Project.open(path, read_only=True) as project, project.reader() as session:
        return session.scalar(select(func.count()).select_from(Coding))


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project:
        document = segmented(project)
        with project.transaction() as session:
            coder = first_coder_id(session)
            for name, start in (("1.1", 13), ("1.2", 80), ("1.3", 150), ("2.1", 250)):
                apply_coding(session, document, code_id(session, name), coder, start, start + 20)
    return path


@pytest.mark.parametrize("point", ["saved", "staged", "folded", "replaced", "done"])
def test_kill_during_restore(project_path, point):
    early = make_backup(project_path, "open")
    with Project.open(project_path) as project, project.transaction() as session:
        session.execute(Coding.__table__.delete().where(Coding.id > 1))
    assert count_codings(project_path) == 1
    run_until(RESTORER, str(project_path), str(early), point, point=point)
    replaced = point in ("replaced", "done")
    assert count_codings(project_path) == (4 if replaced else 1)
    assert not project_path.with_name(project_path.name + "-wal").exists() or not replaced
    sound(project_path)


def test_a_killed_writer_s_log_is_kept_by_a_restore(project_path):
    early = make_backup(project_path, "open")
    with Project.open(project_path, read_only=True) as project, project.reader() as session:
        code = code_id(session, "3.1")
    run_until(WRITER, str(project_path), str(code))
    assert project_path.with_name(project_path.name + "-wal").exists()
    saved = restore_backup(project_path, early)  # the dead writer's lock is stale
    assert not project_path.with_name(project_path.name + "-wal").exists()
    assert count_codings(project_path) == 4
    assert count_codings(saved) == 5, "the coding that was only in the log is in the backup"
    sound(project_path)
    assert any(b.reason == "restore" for b in list_backups(project_path))


@pytest.mark.parametrize("point", ["text", "codings", "sentences", "structure", "history", "done"])
def test_kill_during_correction(project_path, point):
    with Project.open(project_path, read_only=True) as project, project.reader() as session:
        old_text = session.get(Document, 1).text
        old_sentences = session.scalar(select(func.count()).select_from(Sentence))
    run_until(CORRECTOR, str(project_path), point, point=point)
    with Project.open(project_path, read_only=True) as project, project.reader() as session:
        text = session.get(Document, 1).text
        edits = session.scalar(select(func.count()).select_from(DocumentEdit))
        sentences = session.scalar(select(func.count()).select_from(Sentence))
    if point == "done":
        assert text != old_text and "ruim twintig" in text and edits == 1
    else:
        assert (text, edits, sentences) == (old_text, 0, old_sentences)
    sound(project_path)
