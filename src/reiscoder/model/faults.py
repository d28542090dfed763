"""The one error path for faults of the disk and the database file.

SQLite, SQLAlchemy and the operating system report a read-only file, a full disk or a damaged
file in their own English (``attempt to write a readonly database``, ``[Errno 28] No space
left on device``, ``[SQL: ...]``). :func:`storage_fault` turns each into a :class:`StorageFault`:
a :class:`~reiscoder.errors.UserError` whose message says, in plain words, what happened and
what to do. The original error goes to the log (see :mod:`reiscoder.model.logbook`), never to
the user. Qt-free: the command line and the window both use it.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from reiscoder.errors import UserError
from reiscoder.i18n import _

log = logging.getLogger("reiscoder.faults")
# A library's manners: without a log file (see model/logbook.py) nothing reaches stderr.
logging.getLogger("reiscoder").addHandler(logging.NullHandler())

# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps
# its primary code in the low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_AUTH = 23
SQLITE_NOTADB = 26
SQLITE_READONLY_DBMOVED = SQLITE_READONLY | (4 << 8)
SQLITE_READONLY_DIRECTORY = SQLITE_READONLY | (6 << 8)


class Fault(Enum):
    READ_ONLY = "read-only"
    READ_ONLY_FOLDER = "read-only folder"
    MOVED = "moved"
    DISK_FULL = "disk full"
    NO_PERMISSION = "no permission"
    DISK_IO = "disk i/o"
    DAMAGED = "damaged"
    BUSY = "busy"
    OUT_OF_MEMORY = "out of memory"
    CANNOT_OPEN = "cannot open"


class StorageFault(UserError):
    """The disk or the database file refused; ``message`` says what to do."""

    def __init__(self, message: str, fault: Fault) -> None:
        super().__init__(message)
        self.fault = fault


_SQLITE_FAULTS = {
    SQLITE_PERM: Fault.NO_PERMISSION,
    SQLITE_AUTH: Fault.NO_PERMISSION,
    SQLITE_BUSY: Fault.BUSY,
    SQLITE_LOCKED: Fault.BUSY,
    SQLITE_PROTOCOL: Fault.BUSY,
    SQLITE_NOMEM: Fault.OUT_OF_MEMORY,
    SQLITE_READONLY: Fault.READ_ONLY,
    SQLITE_IOERR: Fault.DISK_IO,
    SQLITE_CORRUPT: Fault.DAMAGED,
    SQLITE_NOTADB: Fault.DAMAGED,
    SQLITE_FULL: Fault.DISK_FULL,
    SQLITE_CANTOPEN: Fault.CANNOT_OPEN,
}

_OS_FAULTS = {
    errno.EROFS: Fault.READ_ONLY,
    errno.EACCES: Fault.NO_PERMISSION,
    errno.EPERM: Fault.NO_PERMISSION,
    errno.ENOSPC: Fault.DISK_FULL,
    errno.EDQUOT: Fault.DISK_FULL,
    errno.EFBIG: Fault.DISK_FULL,
    errno.EIO: Fault.DISK_IO,
    errno.ENOMEM: Fault.OUT_OF_MEMORY,
}

# Older drivers give no code; SQLite's own wording is stable, so it is the fallback.
_SQLITE_WORDS = (
    ("readonly database", Fault.READ_ONLY),
    ("database or disk is full", Fault.DISK_FULL),
    ("disk i/o error", Fault.DISK_IO),
    ("file is not a database", Fault.DAMAGED),
    ("malformed", Fault.DAMAGED),
    ("database is locked", Fault.BUSY),
    ("unable to open database file", Fault.CANNOT_OPEN),
)


def _chain(error: BaseException) -> Iterator[BaseException]:
    """``error``, the driver error inside a SQLAlchemy error, and their causes."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        pending.extend([orig if isinstance(orig, BaseException) else None, current.__cause__])


def classify(error: BaseException) -> Fault | None:
    """Which fault of the disk or the file ``error`` is, or None if it is none of them."""
    for current in _chain(error):
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if code == SQLITE_READONLY_DBMOVED:
                return Fault.MOVED
            if code == SQLITE_READONLY_DIRECTORY:
                return Fault.READ_ONLY_FOLDER
            if code is not None and code & 0xFF in _SQLITE_FAULTS:
                return _SQLITE_FAULTS[code & 0xFF]
            words = str(current).lower()
            for phrase, fault in _SQLITE_WORDS:
                if phrase in words:
                    return fault
        if isinstance(current, OSError) and current.errno in _OS_FAULTS:
            return _OS_FAULTS[current.errno]
    return None


def _file_named(error: BaseException) -> str | None:
    for current in _chain(error):
        name = getattr(current, "filename", None) if isinstance(current, OSError) else None
        if name:
            return str(name)
    return None


def explain(fault: Fault, place: Path | str | None = None) -> str:
    """What happened and what to do, for a fault at ``place`` (a file or folder, if known)."""
    where = str(place) if place is not None else _("the file")
    texts = {
        Fault.READ_ONLY: _(
            "{place} is read-only: reiscoder may not write to it. Make the file writable, or "
            "copy the project to a folder of your own and open that copy."
        ),
        Fault.READ_ONLY_FOLDER: _(
            "The folder of {place} is read-only: reiscoder cannot write its files beside the "
            "project there. Copy the project to a folder of your own and open that copy, or "
            "open it read-only."
        ),
        Fault.MOVED: _(
            "{place} was moved, renamed or deleted while it was open. Close the project and "
            "open it again where it is now."
        ),
        Fault.DISK_FULL: _(
            "The disk is full: there is no room to write to {place}. Make room on the disk "
            "(or move the project to another disk) and try again."
        ),
        Fault.NO_PERMISSION: _(
            "You have no permission to read or change {place} (or its folder). Ask whoever "
            "manages that folder for access, or copy the project to a folder of your own."
        ),
        Fault.DISK_IO: _(
            "The disk could not be read or written at {place} (a disk error). Check that the "
            "disk, USB stick or network drive is still connected and try again; if it keeps "
            "happening, copy the project to another disk."
        ),
        Fault.DAMAGED: _(
            "{place} is damaged, or it is not a reiscoder project. Restore a backup copy "
            "(File > Restore from a backup…, or the folder PROJECT.reis.reservekopieen "
            "beside the project)."
        ),
        Fault.BUSY: _(
            "{place} is busy: another program is writing to it. Wait a moment and try again, "
            "and close other programs that have the project open."
        ),
        Fault.OUT_OF_MEMORY: _(
            "The computer ran out of memory. Close other programs and try again."
        ),
        Fault.CANNOT_OPEN: _(
            "{place} cannot be opened: the file or its folder cannot be reached or written. "
            "Check that the disk is connected and that you may write in that folder, or copy "
            "the project to a folder of your own."
        ),
    }
    text = texts[fault].format(place=where)
    return text if place is not None else text[:1].upper() + text[1:]


def storage_fault(
    error: BaseException, place: Path | str | None = None, *, doing: str | None = None
) -> StorageFault | None:
    """``error`` as a fault with a plain message, or None when it is no disk or file fault.

    ``doing`` says what could not be done ("The change could not be saved"); it is put before
    the explanation. The original error is logged with its traceback.
    """
    fault = classify(error)
    if fault is None:
        return None
    if place is None:
        place = _file_named(error) or (_("the disk") if isinstance(error, OSError) else None)
    log.warning("%s: %s", fault.value, error, exc_info=error)
    message = explain(fault, place)
    if doing:
        message = _("{doing}. {explanation}").format(doing=doing, explanation=message)
    return StorageFault(message, fault)


def user_error(
    error: BaseException, place: Path | str | None = None, *, doing: str | None = None
) -> UserError:
    """Any database or disk error as a message for the user: a known fault explained, an
    unknown one named as such (its details are in the log), never the driver's English."""
    known = storage_fault(error, place, doing=doing)
    if known is not None:
        return known
    log.error("unexpected database or disk error: %s", error, exc_info=error)
    from reiscoder.model.logbook import log_file

    text = _(
        "reiscoder ran into an unexpected problem with the project or the disk; nothing of "
        "this action was saved. The details are in the log file {log}."
    ).format(log=log_file())
    if doing:
        text = _("{doing}. {explanation}").format(doing=doing, explanation=text)
    return UserError(text)
