"""A full disk: every write refused in plain Dutch, nothing half-written, nothing lost.

SQLite's ``max_page_count`` gives the database the SQLITE_FULL of a full disk; a file-size
limit (``RLIMIT_FSIZE``) and ``/dev/full`` give the system's own errors for other files."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from reiscoder.cli import main
from reiscoder.model import Coding
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.gateway import Gateway, WriteFault
from tests.factories import code_id, first_coder_id
from tests.faults.conftest import (
    SOURCE,
    assert_plain,
    count_rows,
    disk_full,
    make_project,
)

REFUSED = 2


def test_a_coding_on_a_full_disk_is_refused_and_nothing_changes(tmp_path):
    path = make_project(tmp_path / "project.reis", body="Fatima: " + "x" * 3000)
    with Project.open(path) as project:
        gateway = Gateway(project)
        with project.reader() as session:
            code, coder = code_id(session, "2.1"), first_coder_id(session)
            before = session.scalar(select(func.count(Coding.id)))
        project.engine.dispose()  # the connections made from now on find the disk full
        with disk_full(), pytest.raises(WriteFault) as refused:
            for n in range(5000):  # until the room left in the file's pages is used up
                at, length = 8 + n % 2900, 1 + n // 2900
                gateway.execute(
                    lambda s, at=at, end=at + length: apply_coding(s, 1, code, coder, at, end)
                )
        message = refused.value.message
        assert message.startswith("De wijziging kon niet worden bewaard; er is niets van")
        assert "De schijf is vol" in message
        assert_plain(message)
        project.engine.dispose()
        with project.reader() as session:
            saved = session.scalar(select(func.count(Coding.id)))
        assert saved - before == len(gateway.history), "every saved coding is an undo step"
    assert count_rows(path, "codings") == saved


def test_an_import_on_a_full_disk_exits_with_the_refusal_code(tmp_path, capsys, log_home):
    path = make_project(tmp_path / "project.reis")
    transcript = tmp_path / "lang.txt"
    transcript.write_text("Interviewer: Vertel.\nFatima: " + "We praten. " * 20_000 + "\n")
    with disk_full():
        code = main(["import", str(path), str(transcript), "--coder", "Anna"])
    output = capsys.readouterr()
    assert code == REFUSED
    assert "De schijf is vol" in output.err
    assert_plain(output.out + output.err)
    assert count_rows(path, "documents") == 1
    assert count_rows(path, "codings") == 3
    assert "database or disk is full" in (log_home / "logs" / "reiscoder.log").read_text()


def _limit_file_size() -> None:  # in the child: files stop growing at 33 kB (a full disk)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (33_000, 33_000))


def test_an_export_to_a_full_disk_leaves_nothing_and_says_so(place):
    make_project(place / "project.reis")
    result = subprocess.run(
        [sys.executable, "-m", "reiscoder", "export", "project.reis", "codebook", "boek.docx"],
        cwd=place,
        env={
            "PYTHONPATH": str(SOURCE),
            "HOME": str(place / "home"),
            "REISCODER_LANG": "nl",
            "PYTHONDONTWRITEBYTECODE": "1",  # a byte-code cache cut short would stay behind
        },
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size,
        check=False,
    )
    assert result.returncode == REFUSED, result.stderr
    assert "boek.docx kon niet worden geschreven. De schijf is vol" in result.stderr
    assert_plain(result.stdout + result.stderr)
    assert not (place / "boek.docx").exists()
    assert not [p for p in place.iterdir() if p.name.endswith(".part")]


def test_output_to_a_full_disk_is_a_refusal_not_a_complaint_at_exit(place):
    make_project(place / "project.reis")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reiscoder", "codebook", "project.reis"],
            cwd=place,
            env={"PYTHONPATH": str(SOURCE), "HOME": str(place / "home"), "REISCODER_LANG": "nl"},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
            check=False,
        )
    assert result.returncode == REFUSED
    assert "De schijf is vol" in result.stderr
    assert_plain(result.stderr)
