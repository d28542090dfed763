"""Fault injection: real project files, the real command line in a subprocess, and a user
who may not write where root may (CI runs as root, where ``chmod 444`` blocks nothing)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from reiscoder.ops.codings import apply_coding
from tests.factories import add_document, code_id, first_coder_id, new_project

SOURCE = Path(__file__).resolve().parents[2] / "src"
NOBODY = 65534
# An unprivileged user (nobody) who may still read and search every folder, so that it can
# reach the Python of this machine wherever it is installed (under /root, say), but may write
# only where anyone may.
AS_NOBODY = [
    "setpriv",
    f"--reuid={NOBODY}",
    f"--regid={NOBODY}",
    "--clear-groups",
    "--inh-caps=+dac_read_search",
    "--ambient-caps=+dac_read_search",
]
# What must never reach the user: the English of SQLite, SQLAlchemy and the system.
RAW = (
    "Traceback",
    "[SQL",
    "sqlalche.me",
    "Background on this error",
    "Errno",
    "Exception ignored",
    "readonly database",
    "disk is full",
    "disk image is malformed",
    "not a database",
    "no such table",
    "invalid literal",
    "OperationalError",
    "DatabaseError",
)
TRANSCRIPT = "Interviewer: Hoe gaat het met de buurt?\nFatima: Goed, we kennen elkaar weer.\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_plain(text: str) -> None:
    for fragment in RAW:
        assert fragment not in text, f"{fragment!r} reached the user: {text}"


def count_rows(path: Path, table: str) -> int:
    """Counted through a read-only connection: looking changes nothing."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def make_project(path: Path, codings: int = 3, body: str | None = None) -> Path:
    with new_project(path, coder="Anna") as project, project.transaction() as session:
        if body is None:
            document = add_document(session, "Interview Fatima")
        else:
            document = add_document(session, "Interview Fatima", body)
        coder = first_coder_id(session)
        for number in range(codings):
            apply_coding(session, document, code_id(session, "1.1"), coder, number, number + 9)
    return path


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder with a transcript and a home for the unprivileged user, in the system's
    temporary folder (pytest's own are private to root, and pytest keeps them so), so
    that the system's permission checks (``access``) see what a user sees."""
    folder = Path(tempfile.mkdtemp(prefix="reiscoder-faults-"))
    folder.chmod(0o755)
    home = folder / "home"
    home.mkdir()
    home.chmod(0o777)
    for name in ("data", "config", "cache", "matplotlib"):
        (home / name).mkdir()
        (home / name).chmod(0o777)
    (folder / "transcript.txt").write_text(TRANSCRIPT, encoding="utf-8")
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def run_cli(
    place: Path, *args: str, unprivileged: bool = False
) -> subprocess.CompletedProcess[str]:
    """``reiscoder ARGS`` in ``place`` as a separate program, in Dutch; as nobody if asked."""
    home = place / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "MPLCONFIGDIR": str(home / "matplotlib"),
        "PYTHONPATH": str(SOURCE),
        "REISCODER_LANG": "nl",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    command = [sys.executable, "-m", "reiscoder", *args]
    if unprivileged and os.geteuid() == 0:
        command = [*AS_NOBODY, *command]
    return subprocess.run(
        command, cwd=place, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@contextmanager
def disk_full() -> Iterator[None]:
    """From now on every new connection of every engine finds the disk full: SQLite's
    ``max_page_count`` stops the file at the pages it has (the same SQLITE_FULL that a
    full disk gives)."""

    def limit(connection: sqlite3.Connection, _record: object) -> None:
        cursor = connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    event.listen(Engine, "connect", limit)
    try:
        yield
    finally:
        event.remove(Engine, "connect", limit)


@pytest.fixture
def log_home(tmp_path, monkeypatch) -> Iterator[Path]:
    """The user data folder (and so the log) of an in-process command, in tmp."""
    from reiscoder.model import logbook

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield tmp_path / "data" / "reiscoder"
    logbook.stop_logging()
