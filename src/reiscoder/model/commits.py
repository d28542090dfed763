"""Noticing committed changes that went missing: a counter of commits, kept twice.

Every write transaction of a project file raises a counter of commits inside that same
transaction: SQLite's ``user_version`` in the file header (otherwise unused; no row, so a
refused or undone change still leaves every table exactly as it was). After the commit the
new count is written into the lock file
(see :mod:`reiscoder.model.lock`). Committed changes live in the write-ahead log
(``PROJECT.reis-wal``) until they are checkpointed into the file. If that log is deleted
while the project is open and the program then crashes, those changes are gone, and the file
alone looks sound. The lock file of the crashed process is still there, though: when it
counted more commits than the file holds, the next opening (or ``reiscoder check``) says so,
and the finding is kept in the meta table (``missing_changes``) until a backup is restored or
the user acknowledges it (``reiscoder check --repair``). See docs/decisions.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, text

from reiscoder.i18n import ngettext
from reiscoder.model.lock import LockHolder

MISSING_KEY = "missing_changes"
_WRAP = 2**31

_UPSERT = text(
    "INSERT INTO meta (key, value) VALUES (:key, :value) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def stored_commits(connection: Connection) -> int:
    return int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def next_count(commits: int) -> int:
    """The count after one more commit (within SQLite's 32-bit signed ``user_version``)."""
    return (commits + 1) % _WRAP


def write_commits(connection: Connection, commits: int) -> None:
    """Part of the caller's transaction."""
    connection.exec_driver_sql(f"PRAGMA user_version = {int(commits)}")


def lost_commits(holder: LockHolder | None, stored: int) -> int:
    """How many commits the (stale) lock ``holder`` counted beyond what the file holds."""
    if holder is None or holder.commits is None:
        return 0
    return max(0, holder.commits - stored)


def record_missing(connection: Connection, lost: int, holder: LockHolder) -> None:
    """Keep the finding in the project, until a backup is restored or it is acknowledged."""
    value = f"{lost}|{holder.since}|{datetime.now().astimezone().isoformat(timespec='seconds')}"
    connection.execute(_UPSERT, {"key": MISSING_KEY, "value": value})


def missing_notice(connection: Connection) -> str | None:
    """The words for changes found missing earlier, or None."""
    value = connection.execute(
        text("SELECT value FROM meta WHERE key = :key"), {"key": MISSING_KEY}
    ).scalar()
    if not value:
        return None
    lost, since, found = (str(value).split("|") + ["?", "?", "?"])[:3]
    return missing_message(int(lost) if lost.isdigit() else 0, since, found)


def forget_missing(connection: Connection) -> None:
    connection.execute(text("DELETE FROM meta WHERE key = :key"), {"key": MISSING_KEY})


def missing_message(lost: int, since: str, found: str) -> str:
    return ngettext(
        "Recent changes are missing from this project: {lost} saved change made after {since} "
        "is not in the file. Its write-ahead log (the .reis-wal file beside it) was probably "
        "deleted or lost while the project was open, before a crash. Restore the newest backup "
        "made before {found} (File > Restore from backup…, or `reiscoder backups PROJECT`) and "
        "check your latest work.",
        "Recent changes are missing from this project: {lost} saved changes made after {since} "
        "are not in the file. Its write-ahead log (the .reis-wal file beside it) was probably "
        "deleted or lost while the project was open, before a crash. Restore the newest backup "
        "made before {found} (File > Restore from backup…, or `reiscoder backups PROJECT`) and "
        "check your latest work.",
        lost,
    ).format(lost=lost, since=_readable(since), found=_readable(found))


def _readable(moment: str) -> str:
    """An ISO time as a person writes it (``2026-12-02 14:38``); other text as it is."""
    try:
        return datetime.fromisoformat(moment).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return moment
