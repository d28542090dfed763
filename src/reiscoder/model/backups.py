"""Rolling backups of a project file, and restoring one of them.

Backups live beside the project in ``PROJECT.reis.reservekopieen/`` and are named
``PROJECT-YYYYMMDD-HHMMSS-ffffff-REASON.reis``. Each is a consistent copy made with SQLite's
online backup (also while the project is open), written under a temporary name and renamed
when complete, so that a half-written backup is never listed.

- A rolling backup is made when a project is opened and before bulk work (an import, a
  merge). One that is byte for byte the newest backup is not kept twice. Rolling backups are
  kept for ``days`` days and at most ``copies`` of them, but the newest ``keep`` always stay.
  Backups made for other reasons (before an upgrade, before a restore) are never pruned.
- Restoring replaces the project file atomically: the current file is backed up first, the
  backup is copied to a temporary file beside the project, the project's write-ahead log is
  folded into the file (or, for a damaged file, moved aside with it), and only then does
  ``os.replace`` swap the files. A process killed at any moment leaves the old or the new
  project, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from reiscoder.i18n import _
from reiscoder.model.database import APPLICATION_ID, SQLITE_HEADER
from reiscoder.model.errors import ProjectError
from reiscoder.model.lock import ProjectLock
from reiscoder.model.meta import Meta
from reiscoder.model.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from reiscoder.model.project import Project

ROLLING = frozenset({"open", "import", "merge", "refi-import"})
KEEP_DAYS_KEY, KEEP_COPIES_KEY = "backup_keep_days", "backup_keep_copies"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.*)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[\w-]+)$")
_TEMPORARY = ".part"

# Tests may set this to pause a restore at a named point (kill tests); None in the app.
PAUSE: Callable[[str], None] | None = None


@dataclass(frozen=True)
class Retention:
    days: int = 30
    copies: int = 10
    keep: int = 3  # the newest rolling backups that always stay

    @classmethod
    def from_meta(cls, values: dict[str, str | None]) -> Retention:
        default = cls()
        return cls(
            days=_positive(values.get(KEEP_DAYS_KEY), default.days),
            copies=_positive(values.get(KEEP_COPIES_KEY), default.copies),
        )


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    reason: str
    size: int
    name: str | None = None  # the project's name inside the backup
    documents: int | None = None
    codings: int | None = None
    memos: int | None = None
    codes: int | None = None
    schema_version: int | None = None
    problem: str | None = None  # why it cannot be read; None for a readable backup

    @property
    def rolling(self) -> bool:
        return self.reason in ROLLING


# -- making backups ------------------------------------------------------------------------


def backup_folder(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".reservekopieen")


def make_backup(project_path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """A consistent copy of the project in its backup folder, complete or not there at all."""
    folder = backup_folder(project_path)
    folder.mkdir(exist_ok=True)
    stamp = (now or datetime.now()).strftime(_STAMP)
    target = folder / f"{project_path.stem}-{stamp}-{reason}{project_path.suffix}"
    partial = _partial_name(target)
    remove_leftovers(project_path)
    source = sqlite3.connect(f"file:{project_path}?mode=ro", uri=True)
    try:
        _copy_database(source, partial, progress=lambda: _pause("backup-copying"))
    finally:
        source.close()
    _sync_file(partial)
    _pause("backup-copied")
    os.replace(partial, target)
    _sync_folder(folder)
    return target


def _partial_name(target: Path) -> Path:
    """Where a backup is written before it is complete: never a name that is listed."""
    return target.with_name(f"{target.name}.{os.getpid()}{_TEMPORARY}")


def remove_leftovers(project_path: Path) -> list[Path]:
    """Delete half-written backups a killed program left behind (not this program's own)."""
    folder = backup_folder(project_path)
    if not folder.is_dir():
        return []
    own = f".{os.getpid()}{_TEMPORARY}"
    removed = []
    for path in folder.glob(f"*{_TEMPORARY}*"):
        if own in path.name:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def rolling_backup(
    project_path: Path, reason: str = "open", retention: Retention | None = None
) -> Path | None:
    """A rolling backup, unless the project is unchanged since the newest backup; then prune.

    Returns the new backup, or None when an identical one was already there.
    """
    newest = next(iter(_backup_files(project_path)), None)
    made = make_backup(project_path, reason)
    kept: Path | None = made
    if newest is not None and _same_bytes(newest[0], made):
        made.unlink()
        kept = None
    prune(project_path, retention or Retention())
    return kept


def backup_on_open(project: Project) -> Path | None:
    """The rolling backup made when a project is opened, with the project's own retention."""
    if project.path is None:
        return None
    return rolling_backup(project.path, "open", retention_of(project))


def backup_before(project: Project, reason: str) -> Path | None:
    """A rolling backup before bulk work: ``reason`` is "import" or "merge". A project on a
    server has none here: the server's own backups (``reiscoder snapshot``, pg_dump) are it."""
    if project.path is None:
        return None
    return rolling_backup(project.path, reason, retention_of(project))


def reason_label(reason: str) -> str:
    """Why a backup was made, in words."""
    labels = {
        "open": _("when opened"),
        "import": _("before an import"),
        "merge": _("before a merge"),
        "refi-import": _("before a REFI-QDA import"),
        "restore": _("before a restore"),
        "repair": _("before a repair"),
        "damaged": _("damaged file, kept as it was"),
    }
    if reason in labels:
        return labels[reason]
    if reason.startswith("v") and reason[1:].isdigit():
        return _("before upgrading from version {version}").format(version=reason[1:])
    return reason


def retention_of(project: Project) -> Retention:
    return Retention.from_meta({key: project.meta(key) for key in (KEEP_DAYS_KEY, KEEP_COPIES_KEY)})


def save_retention(project: Project, retention: Retention) -> None:
    """Store how long backups are kept, in the project itself (a setting, not undoable)."""
    with project.transaction() as session:
        session.merge(Meta(key=KEEP_DAYS_KEY, value=str(retention.days)))
        session.merge(Meta(key=KEEP_COPIES_KEY, value=str(retention.copies)))


def prune(project_path: Path, retention: Retention, *, now: datetime | None = None) -> list[Path]:
    """Delete rolling backups beyond the retention; returns what was deleted."""
    now = now or datetime.now()
    rolling = [
        (path, made) for path, made, reason in _backup_files(project_path) if reason in ROLLING
    ]
    doomed = []
    for index, (path, made) in enumerate(rolling):
        if index < retention.keep:
            continue
        if index >= retention.copies or now - made > timedelta(days=retention.days):
            doomed.append(path)
    for path in doomed:
        path.unlink(missing_ok=True)
    remove_leftovers(project_path)
    return doomed


# -- listing -------------------------------------------------------------------------------


def list_backups(project_path: Path, *, with_counts: bool = True) -> list[BackupInfo]:
    """The backups of a project, newest first, with what each holds."""
    infos = []
    for path, made, reason in _backup_files(project_path):
        info = BackupInfo(path, made, reason, path.stat().st_size)
        infos.append(_with_counts(info) if with_counts else info)
    return infos


def _with_counts(info: BackupInfo) -> BackupInfo:
    try:
        connection = sqlite3.connect(f"file:{info.path}?mode=ro&immutable=1", uri=True)
        try:
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            counts = [
                connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "codings", "memos", "codes")
            ]
        finally:
            connection.close()
    except sqlite3.Error as error:
        return _replace(
            info, problem=_("This backup cannot be read ({reason}).").format(reason=error)
        )
    return _replace(
        info,
        name=meta.get("name"),
        documents=counts[0],
        codings=counts[1],
        memos=counts[2],
        codes=counts[3],
        schema_version=int(meta.get("schema_version") or 0),
    )


def _replace(info: BackupInfo, **values: object) -> BackupInfo:
    return BackupInfo(**{**info.__dict__, **values})


def _backup_files(project_path: Path) -> list[tuple[Path, datetime, str]]:
    folder = backup_folder(project_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{project_path.suffix}"):
        match = _NAME.match(path.stem)
        if match is None:
            continue
        try:
            made = datetime.strptime(match["stamp"], _STAMP)
        except ValueError:
            continue
        found.append((path, made, match["reason"]))
    return sorted(found, key=lambda item: item[1], reverse=True)


# -- restoring -----------------------------------------------------------------------------


def verify_backup(path: Path) -> None:
    """Raise a :class:`ProjectError` unless ``path`` is a sound project this version can open."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise ProjectError(_("The backup cannot be read: {reason}").format(reason=error)) from error
    if header != SQLITE_HEADER:
        raise ProjectError(_("{name} is not a reiscoder project.").format(name=path.name))
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            application = connection.execute("PRAGMA application_id").fetchone()[0]
            if application != APPLICATION_ID:
                raise ProjectError(_("{name} is not a reiscoder project.").format(name=path.name))
            check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            version = connection.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise ProjectError(_("The backup is damaged ({reason}).").format(reason=error)) from error
    if check != ["ok"]:
        raise ProjectError(_("The backup is damaged ({reason}).").format(reason=check[0]))
    if version is None or int(version[0]) > SCHEMA_VERSION:
        raise ProjectError(_("This backup was made by a newer version of reiscoder."))


def restore_backup(project_path: Path, backup: Path) -> Path:
    """Replace the (closed) project with ``backup``; returns the backup of the file it replaced.

    The project must not be open anywhere: the restore takes the project's lock itself.
    """
    project_path, backup = Path(project_path), Path(backup)
    verify_backup(backup)
    lock = ProjectLock(project_path)
    lock.acquire()
    try:
        saved = _save_current(project_path)
        _pause("saved")
        staged = _stage(project_path, backup)
        _pause("staged")
        _fold_log(project_path, saved, damaged=saved.stem.endswith("-damaged"))
        _pause("folded")
        os.replace(staged, project_path)
        _sync_folder(project_path.parent)
        _pause("replaced")
        for suffix in ("-wal", "-shm"):
            _side_file(project_path, suffix).unlink(missing_ok=True)
    finally:
        lock.release()
    return saved


def _pause(point: str) -> None:
    if PAUSE is not None:
        PAUSE(point)


def _save_current(project_path: Path) -> Path:
    """Back up the file about to be replaced; a damaged one is copied as it is."""
    if not project_path.exists():
        raise ProjectError(_("The project file {path} does not exist.").format(path=project_path))
    try:
        return make_backup(project_path, "restore")
    except sqlite3.Error:
        return _raw_copy(project_path)


def _raw_copy(project_path: Path) -> Path:
    """Byte copies of a damaged project and its log, for whoever wants to rescue it."""
    folder = backup_folder(project_path)
    stamp = datetime.now().strftime(_STAMP)
    target = folder / f"{project_path.stem}-{stamp}-damaged{project_path.suffix}"
    for suffix in ("", "-wal"):
        source = _side_file(project_path, suffix) if suffix else project_path
        if source.exists():
            partial = folder / (target.name + suffix + _TEMPORARY)
            shutil.copyfile(source, partial)
            _sync_file(partial)
            os.replace(partial, folder / (target.name + suffix))
    return target


def _stage(project_path: Path, backup: Path) -> Path:
    """The backup, copied to a temporary file beside the project and synced to disk."""
    staged = project_path.with_name(f".{project_path.name}.restoring")
    for leftover in (staged, _side_file(staged, "-journal")):
        leftover.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro&immutable=1", uri=True)
    try:
        _copy_database(source, staged)
    finally:
        source.close()
    _sync_file(staged)
    return staged


def _fold_log(project_path: Path, saved: Path, *, damaged: bool) -> None:
    """Bring the project's write-ahead log into the file: a log must never outlive the file it
    belongs to. The log of a damaged file (copied as it was) is moved aside instead."""
    try:
        connection = sqlite3.connect(project_path, timeout=10)
        try:
            connection.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        if not damaged:
            raise ProjectError(
                _(
                    "The project file is in use by another program ({reason}); nothing was "
                    "restored."
                ).format(reason=error)
            ) from error
    for suffix in ("-wal", "-journal"):
        side = _side_file(project_path, suffix)
        if side.exists():
            if not damaged:
                raise ProjectError(
                    _("The project file is in use by another program; nothing was restored.")
                )
            shutil.move(side, saved.with_name(saved.name + ".old" + suffix))
    _sync_folder(project_path.parent)


def _copy_database(
    source: sqlite3.Connection, target: Path, progress: Callable[[], None] | None = None
) -> None:
    destination = sqlite3.connect(target)
    try:
        if PAUSE is not None and progress is not None:  # kill tests: pause halfway
            source.backup(destination, pages=1, progress=lambda *_: progress())
        else:
            source.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        destination.close()


def _side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _same_bytes(first: Path, second: Path) -> bool:
    if first.stat().st_size != second.stat().st_size:
        return False
    with first.open("rb") as a, second.open("rb") as b:
        while True:
            chunk = a.read(1 << 20)
            if chunk != b.read(1 << 20):
                return False
            if not chunk:
                return True


def _sync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system syncs directories
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _positive(value: str | None, default: int) -> int:
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if number > 0 else default
