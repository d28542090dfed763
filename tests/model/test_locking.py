"""One writer at a time: a second process is told who holds the project."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap

import pytest

from reiscoder.model.errors import ProjectLockedError
from reiscoder.model.lock import lock_path
from reiscoder.model.project import Project
from tests.factories import new_project

HOLDER = textwrap.dedent(
    """
    import sys
    from reiscoder.model.project import Project
    project = Project.open(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()
    project.close()
    print("closed", flush=True)
    """
)


def test_second_process_is_told_who_holds_it_and_may_read(tmp_path):
    path = tmp_path / "p.reis"
    new_project(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ProjectLockedError) as caught:
            Project.open(path)
        assert socket.gethostname() in caught.value.message
        assert str(holder.pid) in caught.value.message
        with Project.open(path, read_only=True) as project:
            assert project.name == "Testproject"
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        holder.kill()
        holder.wait()
    with Project.open(path) as project:
        assert not project.read_only


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "p.reis"
    new_project(path).close()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = {"user": "anna", "host": socket.gethostname(), "pid": int(dead.stdout), "since": "x"}
    lock_path(path).write_text(json.dumps(stale))
    with Project.open(path) as project:
        holder = json.loads(lock_path(path).read_text())
        assert holder["pid"] == os.getpid()
        assert not project.read_only
    assert not lock_path(path).exists()


def test_a_lock_from_another_computer_is_respected(tmp_path):
    path = tmp_path / "p.reis"
    new_project(path).close()
    other = {"user": "bram", "host": "laptop-van-bram", "pid": 1234, "since": "2026-11-24"}
    lock_path(path).write_text(json.dumps(other))
    with pytest.raises(ProjectLockedError) as caught:
        Project.open(path)
    assert "bram" in caught.value.message and "laptop-van-bram" in caught.value.message
    assert json.loads(lock_path(path).read_text()) == other
