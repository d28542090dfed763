"""The lock file beside a project: one writer at a time, and who that writer is."""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import psutil

from reiscoder.i18n import _
from reiscoder.model.errors import ProjectLockedError


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return _("{user} on {host} (process {pid}, since {since})").format(**asdict(self))

    def is_stale(self) -> bool:
        """True when the holder was a process on this machine that no longer runs."""
        return self.host == socket.gethostname() and not psutil.pid_exists(self.pid)


def lock_path(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".lock")


def current_holder() -> LockHolder:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    since = datetime.now(UTC).astimezone().isoformat(timespec="seconds")
    return LockHolder(user, socket.gethostname(), os.getpid(), since)


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"])
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockHolder("?", "?", -1, "?")


class ProjectLock:
    """Held by the one process that may write to a project."""

    def __init__(self, project_path: Path) -> None:
        self.path = lock_path(project_path)
        self.holder = current_holder()
        self.held = False

    def acquire(self) -> None:
        for _attempt in range(2):
            if self._create():
                self.held = True
                return
            other = read_holder(self.path)
            if other is not None and not other.is_stale():
                message = _("This project is opened by {holder}.").format(holder=other.describe())
                raise ProjectLockedError(message, other.describe())
            self.path.unlink(missing_ok=True)
        raise ProjectLockedError(_("The lock file of this project cannot be created."), "?")

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(self.holder), handle)
        return True

    def release(self) -> None:
        if self.held and read_holder(self.path) == self.holder:
            self.path.unlink(missing_ok=True)
        self.held = False
