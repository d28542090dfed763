"""The lock file beside a project: one writer at a time, and who that writer is.

The lock is written whole or not at all: its content goes to a temporary file first, which is
then linked to the lock's name (an atomic "create if absent"); where a file system has no
hard links, it is created exclusively and written and synced at once. A lock is *stale*, and
taken over, when it cannot be read (empty or garbage: a crash while it was written), when its
process on this computer no longer runs, or when that process number now belongs to a process
that started after the lock was written (the computer was restarted meanwhile).

While a project is open, the lock also carries how many changes were committed (see
:mod:`reiscoder.model.commits`), so that a crash that took the write-ahead log with it can be
noticed on the next opening.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import psutil

from reiscoder.i18n import _
from reiscoder.model.errors import ProjectLockedError

# A process that started this long after the lock was written cannot have written it (the
# written time has a resolution of a second at worst; process start times of a clock tick).
_START_SLACK_S = 2.0
# How long a lock that cannot be read is read again before it counts as stale: another
# process may be writing it right now on a file system without hard links.
_UNREADABLE_RETRIES, _UNREADABLE_WAIT_S = 5, 0.1
_COUNT_WIDTH = 10  # digits of a count of commits (below 2**31)


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str
    written: float | None = field(default=None, compare=False)  # epoch seconds
    commits: int | None = field(default=None, compare=False)

    def describe(self) -> str:
        return _("{user} on {host} (process {pid}, since {since})").format(
            user=self.user, host=self.host, pid=self.pid, since=self.since
        )

    def is_stale(self) -> bool:
        """True when the holder was a process on this machine that no longer runs, or whose
        process number has since been given to a process that started after the lock. A lock
        that could not be read (pid -1) is stale wherever it came from."""
        if self.pid <= 0:
            return True
        if self.host != socket.gethostname():
            return False
        started = process_start_time(self.pid)
        if started is None:
            return True
        written = self.written_time()
        return written is not None and started > written + _START_SLACK_S

    def written_time(self) -> float | None:
        if self.written is not None:
            return self.written
        try:
            return datetime.fromisoformat(self.since).timestamp()
        except ValueError:
            return None

    def as_json(self) -> str:
        """The lock's text; its length does not depend on the count of commits (padded with
        spaces), so that the count can be written over in place."""
        data = {
            "user": self.user,
            "host": self.host,
            "pid": self.pid,
            "since": self.since,
            "written": self.written,
        }
        return json.dumps(data)[:-1] + f', "commits": {self.commits or 0:<{_COUNT_WIDTH}d}}}'


def process_start_time(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds); None when no such process runs.

    A process whose start time cannot be read (another user's, on some systems) counts as
    running since forever: its lock is respected."""
    if pid <= 0:
        return None
    try:
        return psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:
        return None
    except (psutil.AccessDenied, OSError):
        return float("-inf") if psutil.pid_exists(pid) else None


def lock_path(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".lock")


def current_holder() -> LockHolder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    now = datetime.now(UTC).astimezone()
    since = now.isoformat(timespec="seconds")
    return LockHolder(user, socket.gethostname(), os.getpid(), since, written=now.timestamp())


def read_holder(path: Path) -> LockHolder | None:
    """The holder written in a lock file; None when there is no lock file. A lock that cannot
    be read (empty, garbage, or not readable) has pid -1 and is stale."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        written = data.get("written")
        commits = data.get("commits")
        return LockHolder(
            str(data["user"]),
            str(data["host"]),
            int(data["pid"]),
            str(data["since"]),
            written=float(written) if written is not None else None,
            commits=int(commits) if commits is not None else None,
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return UNREADABLE


UNREADABLE = LockHolder("?", "?", -1, "?")


class ProjectLock:
    """Held by the one process that may write to a project."""

    def __init__(self, project_path: Path) -> None:
        self.path = lock_path(project_path)
        self.holder = current_holder()
        self.held = False
        self.taken_over: LockHolder | None = None  # the stale lock this one replaced

    def acquire(self) -> None:
        for _attempt in range(3):
            if self._create():
                self.held = True
                _remove_leftovers(self.path)
                return
            other = self._read_settled()
            if other is not None and not other.is_stale():
                message = _("This project is opened by {holder}.").format(holder=other.describe())
                raise ProjectLockedError(message, other.describe())
            if other is not None:
                self.taken_over = other
            try:
                self.path.unlink(missing_ok=True)
            except OSError as error:
                raise self._cannot_create(error) from error
        raise ProjectLockedError(_("The lock file of this project cannot be created."), "?")

    def _read_settled(self) -> LockHolder | None:
        """The holder of the lock there, read again for a moment while it cannot be read."""
        holder = read_holder(self.path)
        for _retry in range(_UNREADABLE_RETRIES):
            if holder is not UNREADABLE:
                break
            time.sleep(_UNREADABLE_WAIT_S)
            holder = read_holder(self.path)
        return holder

    def _create(self) -> bool:
        try:
            return _create_whole(self.path, self.holder.as_json())
        except OSError as error:
            raise self._cannot_create(error) from error

    def _cannot_create(self, error: OSError) -> ProjectLockedError:
        """In words, without the system's English: the lock is needed to change a project."""
        if isinstance(error, PermissionError) or error.errno == errno.EROFS:
            reason = _(
                "you may not write in this folder. Open the project read-only, or copy it to a "
                "folder of your own"
            )
        elif error.errno == errno.ENOSPC:
            reason = _("the disk is full. Make room on it and try again")
        else:
            reason = _("the system reports error {number}").format(number=error.errno)
        return ProjectLockedError(
            _("The lock file of this project cannot be created: {reason}.").format(reason=reason),
            "?",
        )

    def record_commits(self, commits: int) -> None:
        """Write the number of committed changes into the lock: over the old text in one
        write of the same length (a rename per commit cost a disk flush on ext4)."""
        if not self.held:
            return
        self.holder = replace(self.holder, commits=commits)
        with contextlib.suppress(OSError), self.path.open("r+b") as handle:
            handle.write(self.holder.as_json().encode("utf-8"))

    def release(self) -> None:
        if self.held and read_holder(self.path) == self.holder:
            self.path.unlink(missing_ok=True)
        self.held = False


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _remove_leftovers(path: Path) -> None:
    """Temporary lock files of programs killed while they took a lock."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        pid = leftover.name[len(path.name) + 2 : -len(".tmp")]
        if pid.isdigit() and process_start_time(int(pid)) is None:
            with contextlib.suppress(OSError):
                leftover.unlink()


def _create_whole(path: Path, content: str) -> bool:
    """Create ``path`` holding ``content``, complete, unless it exists (then False)."""
    temporary = _temporary_name(path)
    temporary.unlink(missing_ok=True)
    try:
        _write_synced(temporary, content, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (FAT, some network shares)
            return _create_exclusive(path, content)
        return True
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _create_exclusive(path: Path, content: str) -> bool:
    try:
        _write_synced(path, content, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        return False
    return True


def _write_synced(path: Path, content: str, flags: int) -> None:
    descriptor = os.open(path, flags, 0o644)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
