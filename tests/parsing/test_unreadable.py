"""A file the user may not read, a folder, or a file that is gone: a Dutch sentence in the
import report, never the system's English ("Permission denied"), and the project unchanged.

CI runs as root, who reads anything: the import runs as the unprivileged user ``nobody``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.ingest.batch import ImportOptions, import_files
from reiscoder.model import Document
from reiscoder.model.project import Project
from tests.factories import new_project

NOBODY = 65534
SOURCE = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def folder():
    """A folder that belongs to ``nobody`` (pytest's own tmp folders are closed to others)."""
    path = Path(tempfile.mkdtemp(prefix="reiscoder-unreadable-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _as_nobody(command: list[str], home: Path) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        for path in [home, *home.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        command = [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            *command,
        ]
    environment = {**os.environ, "HOME": str(home), "PYTHONPATH": str(SOURCE)}
    return subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def _import(project_path: Path, source: Path, home: Path) -> subprocess.CompletedProcess:
    # one file per run: no worker processes (a sandbox may keep the interpreter from nobody)
    command = [sys.executable, "-m", "reiscoder", "import", str(project_path), str(source)]
    return _as_nobody(command, home)


def test_a_file_without_permission_is_reported_in_dutch_and_nothing_changes(folder):
    project_path = folder / "project.reis"
    new_project(project_path).close()
    secret = folder / "geheim.txt"
    secret.write_text("Interviewer: Hoe gaat het?\nRespondent: Goed.\n", "utf-8")
    _as_nobody(["true"], folder)  # the files become nobody's first
    secret.chmod(0)
    result = _import(project_path, secret, folder)
    assert result.stdout.splitlines() == [
        "[1/1] ✗ geheim.txt: Je hebt geen toestemming om dit bestand te lezen.",
        "0 van 1 bestand geïmporteerd.",
    ]
    assert "Permission denied" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    with Project.open(project_path, read_only=True) as project, project.reader() as session:
        assert list(session.scalars(select(Document.name))) == []


def test_a_folder_and_a_vanished_file_are_reported_in_dutch(tmp_path):
    (tmp_path / "map.txt").mkdir()
    good = tmp_path / "goed.txt"
    good.write_text("Interviewer: Hallo?\nRespondent: Dag.\n", "utf-8")
    with new_project(tmp_path / "p.reis") as project:
        reports = import_files(
            project,
            [tmp_path / "map.txt", tmp_path / "weg.txt", good],
            ImportOptions(coder="Anna de Vries", backup=False, workers=0),
        )
    assert [(r.path.name, r.status.value, r.message) for r in reports] == [
        ("map.txt", "failed", "Dit is een map, geen bestand."),
        ("weg.txt", "failed", "Het bestand bestaat niet (meer)."),
        ("goed.txt", "imported", ""),
    ]
