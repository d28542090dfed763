"""Lock files: a lock that cannot be read, or whose process is gone or newer than the lock, is
stale and taken over; a real lock of someone else is respected, in Dutch."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import psutil
import pytest

from reiscoder.model.errors import ProjectLockedError
from reiscoder.model.lock import lock_path
from reiscoder.model.project import Project
from tests.factories import new_project
from tests.faults.children import environment


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "p.reis"
    new_project(path).close()
    return path


@pytest.fixture
def sleeper():
    """A live process on this computer (its start time is now)."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield process
    process.kill()
    process.wait()


def opens_and_takes_over(path) -> None:
    with Project.open(path) as project:
        assert not project.read_only
        assert json.loads(lock_path(path).read_text())["pid"] == os.getpid()
    assert not lock_path(path).exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x00\x00\x00", b'{"user": "anna", "ho', b"\xff\xfe garbage", b"[1, 2]", b"null"],
    ids=["empty", "zeros", "cut-off", "not-utf8", "a-list", "null"],
)
def test_a_lock_that_cannot_be_read_is_stale(path, content):
    lock_path(path).write_bytes(content)
    opens_and_takes_over(path)


def test_a_lock_whose_process_number_now_belongs_to_a_newer_process_is_stale(path, sleeper):
    """After a restart, the lock's pid may be a different, live process started later."""
    written = datetime.now(UTC) - timedelta(hours=3)
    lock = {
        "user": "anna",
        "host": socket.gethostname(),
        "pid": sleeper.pid,
        "since": written.astimezone().isoformat(timespec="seconds"),
    }
    lock_path(path).write_text(json.dumps(lock))
    opens_and_takes_over(path)
    assert sleeper.poll() is None, "the other process is left alone"


def test_a_lock_of_a_live_process_that_started_before_it_is_respected_in_dutch(path, sleeper):
    started = psutil.Process(sleeper.pid).create_time()
    lock = {
        "user": "anna",
        "host": socket.gethostname(),
        "pid": sleeper.pid,
        "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        "written": started + 1,
    }
    lock_path(path).write_text(json.dumps(lock))
    before = lock_path(path).read_bytes()
    with pytest.raises(ProjectLockedError) as caught:
        Project.open(path)
    assert caught.value.message.startswith("Dit project is geopend door anna op ")
    assert f"proces {sleeper.pid}" in caught.value.message
    assert lock_path(path).read_bytes() == before


def test_the_lock_is_written_whole_with_nothing_beside_it(path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    killed_while_locking = path.with_name(f".p.reis.lock.{int(dead.stdout)}.tmp")
    killed_while_locking.write_text('{"user": "anna"')
    with Project.open(path):
        holder = json.loads(lock_path(path).read_text())
        assert holder["pid"] == os.getpid() and holder["host"] == socket.gethostname()
        assert abs(holder["written"] - time.time()) < 60
        leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []


def test_the_lock_counts_the_commits_of_the_session(path):
    with Project.open(path) as project:
        before = json.loads(lock_path(path).read_text()).get("commits", 0)
        for _ in range(3):
            with project.transaction():
                pass
        assert json.loads(lock_path(path).read_text())["commits"] == before + 3


OPEN_AS_CHILD = (
    "import sys, json\n"
    "from reiscoder.model.errors import ProjectError\n"
    "from reiscoder.model.project import Project\n"
    "try:\n"
    "    with Project.open(sys.argv[1]) as project:\n"
    "        print('open', json.loads(open(sys.argv[1] + '.lock').read())['pid'])\n"
    "except ProjectError as error:\n"
    "    print(error.message)\n"
)


def open_without_privileges(path) -> str:
    """Open ``path`` in a child process that file permissions apply to (also as root)."""
    command = [sys.executable, "-c", OPEN_AS_CHILD, str(path)]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    child = subprocess.run(command, capture_output=True, text=True, env=environment(), check=True)
    return child.stdout.strip()


def test_a_lock_that_may_not_be_read_is_stale(path):
    lock_path(path).write_text('{"user": "bram"}')
    lock_path(path).chmod(0)
    said = open_without_privileges(path)
    assert said.startswith("open ") and said != f"open {os.getpid()}"
    assert not lock_path(path).exists()


def test_a_folder_without_write_permission_is_said_in_dutch(path):
    before = path.read_bytes()
    path.parent.chmod(0o555)
    try:
        said = open_without_privileges(path)
    finally:
        path.parent.chmod(0o755)
    assert said == (
        "Het vergrendelbestand van dit project kan niet worden gemaakt: je mag in deze map niet "
        "schrijven. Open het project alleen-lezen, of kopieer het naar een map van jezelf."
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["p.reis"]
