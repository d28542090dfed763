"""The project file: create, open (checking, locking, migrating), and sessions for work."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from reiscoder import __version__
from reiscoder.i18n import _
from reiscoder.model import commits, database, faults, migrations
from reiscoder.model.backups import backup_on_open, make_backup
from reiscoder.model.base import Base, new_uuid
from reiscoder.model.errors import (
    CorruptProjectError,
    NewerProjectError,
    NotAProjectError,
    OperationError,
    ProjectError,
    ReadOnlyProjectError,
)
from reiscoder.model.location import synced_folder_reason
from reiscoder.model.lock import ProjectLock
from reiscoder.model.meta import Meta

if TYPE_CHECKING:
    from reiscoder.model.server import ServerInfo

PROJECT_SUFFIX = ".reis"


class Project:
    """An open project: a file, or a database on a server (``path`` None, see
    :mod:`reiscoder.model.server`). Writes go through :meth:`transaction`, one at a time
    from this window."""

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        lock: ProjectLock | None,
        *,
        server: ServerInfo | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self.server = server
        self._write_lock = threading.RLock()
        self.warnings: list[str] = []
        self.migrated_from: int | None = None
        # Committed changes were found missing (the write-ahead log was lost; model/commits.py)
        self.missing_changes = False
        self._commits = 0
        # Checks and the backup made while the window loads (``open(checks_later=True)``).
        self._checks: threading.Thread | None = None
        self._check_problem: ProjectError | None = None

    @property
    def read_only(self) -> bool:
        if self.server is not None:
            return self.server.role == "reader"
        return self._lock is None

    @property
    def file(self) -> Path:
        """The project file; a project on a server has none, and what needs one says so."""
        if self.path is None:
            raise OperationError(
                _(
                    "This needs a project file; the project is on a server. Take a snapshot "
                    "first (reiscoder snapshot) and work on that copy."
                )
            )
        return self.path

    @property
    def location(self) -> str:
        """Where the project is, for a title or a message: a file path or a server URL."""
        return self.server.display_url if self.server is not None else str(self.path)

    # -- creating and opening -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, name: str) -> Project:
        """Make a new, empty project file at ``path`` (which must not exist yet)."""
        path = Path(path)
        if path.exists():
            raise ProjectError(_("The file {path} already exists.").format(path=path))
        doing = _("The project could not be created")
        lock = ProjectLock(path)
        try:
            lock.acquire()
        except OSError as error:  # a folder we may not write in
            raise _opening_error(error, path, doing) from error
        engine = database.make_engine(path, wal=synced_folder_reason(path) is None)
        try:
            Base.metadata.create_all(engine)
            database.mark_as_project(engine)
            with Session(engine) as session, session.begin():
                session.add_all(_initial_meta(name))
        except (OSError, DatabaseError, sqlite3.Error) as error:
            engine.dispose()
            lock.release()
            for leftover in ("", "-wal", "-shm", "-journal"):
                path.with_name(path.name + leftover).unlink(missing_ok=True)
            raise _opening_error(error, path, doing) from error
        return cls._finish_opening(path, engine, lock)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, checks_later: bool = False) -> Project:
        """Open an existing project; raise a :class:`ProjectError` with a clear message.

        With ``checks_later`` (the window), SQLite's structural check and the backup on
        opening run on a thread while the caller loads what it shows; every write waits for
        them (:meth:`wait_for_checks`), and a damaged file is refused before anything is
        written to it. A project that must be upgraded is checked first, as always.
        """
        path = Path(path)
        _check_file(path)
        if not read_only:
            _check_writable(path)
        _checked_version(
            path, structure=not checks_later
        )  # refuse before anything (the lock, WAL) touches the file
        lock = None if read_only else _acquire_lock(path)
        try:
            wal = synced_folder_reason(path) is None
            engine = database.make_engine(path, read_only=read_only, wal=wal)
            project = cls(path, engine, lock)
            version = _stored_version(project)
            newly_missing = project._count_commits()
            if version < migrations.SCHEMA_VERSION and checks_later:
                _quick_check(engine)  # before the upgrade changes the file
            if version >= migrations.SCHEMA_VERSION and checks_later:
                project._check_in_background(backup=not newly_missing)
            elif version < migrations.SCHEMA_VERSION:
                if read_only:
                    raise ProjectError(
                        _(
                            "This project was made with an older version of reiscoder and must "
                            "be upgraded first: open it once normally (not read-only); a backup "
                            "is made before the upgrade."
                        )
                    )
                project._migrate(version)
            elif not newly_missing:  # no backup of what is left: it could push out a good one
                project._rolling_backup()
        except (OSError, sqlite3.Error, DatabaseError) as error:
            if lock is not None:
                lock.release()
            raise _opening_error(error, path, _("The project could not be opened")) from error
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls._finish_opening(path, engine, lock, project)

    @classmethod
    def _finish_opening(
        cls, path: Path, engine: Engine, lock: ProjectLock | None, project: Project | None = None
    ) -> Project:
        project = project or cls(path, engine, lock)
        reason = synced_folder_reason(path)
        if reason is not None:
            project.warnings.append(
                _(
                    "This project is in a synced or network folder ({place}). reiscoder works "
                    "more carefully there, but keep the project in a local folder if you can "
                    "and never open it on two computers at once."
                ).format(place=reason)
            )
        return project

    def _migrate(self, from_version: int) -> None:
        make_backup(self.file, f"v{from_version}")
        with self.transaction() as session:
            migrations.upgrade(session.connection(), from_version)
            _set_meta(session, "schema_version", str(migrations.SCHEMA_VERSION))
        self.migrated_from = from_version

    def _count_commits(self) -> bool:
        """Read the commit counter; a crashed holder that counted more lost its changes (True
        when that is found now)."""
        if self._lock is None:
            return False
        with self.engine.connect() as connection:
            self._commits = commits.stored_commits(connection)
        self._lock.record_commits(self._commits)
        holder = self._lock.taken_over
        lost = commits.lost_commits(holder, self._commits)
        if lost and holder is not None:
            with self.transaction() as session:
                commits.record_missing(session.connection(), lost, holder)
        with self.engine.connect() as connection:
            notice = commits.missing_notice(connection)
        if notice:
            self.missing_changes = True
            self.warnings.append(notice)
        return bool(lost)

    def _check_in_background(self, *, backup: bool) -> None:
        def check() -> None:
            try:
                _quick_check(self.engine)
            except ProjectError as problem:
                self._check_problem = problem
                return
            if backup:  # not when changes were found missing: it could push out a good one
                self._rolling_backup()

        self._checks = threading.Thread(target=check, name="project-checks", daemon=True)
        self._checks.start()

    def wait_for_checks(self) -> None:
        """Until the checks of opening are done; raise the :class:`ProjectError` of a
        damaged file (then nothing may be written to it)."""
        if self._checks is not None:
            self._checks.join()
        if self._check_problem is not None:
            raise self._check_problem

    def _rolling_backup(self) -> None:
        """A backup on opening (see ``model/backups.py``); a failure warns but never blocks."""
        if self.read_only:
            return
        try:
            backup_on_open(self)
        except (OSError, sqlite3.Error) as error:
            self.warnings.append(
                faults.user_error(
                    error, self.file, doing=_("No backup could be made when opening this project")
                ).message
            )

    # -- working with it ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: a session whose work is committed together, or not at all."""
        if self.read_only:
            raise ReadOnlyProjectError(_("This project is open read-only."))
        self.wait_for_checks()
        with self._write_lock:
            with Session(self.engine) as session, session.begin():
                yield session
                if self._lock is not None:
                    commits.write_commits(session.connection(), commits.next_count(self._commits))
            if self._lock is not None:
                self._commits = commits.next_count(self._commits)
                self._lock.record_commits(self._commits)

    @contextmanager
    def trial(self) -> Iterator[Session]:
        """A transaction that is always rolled back: to find out whether writes would work."""
        if self.read_only:
            raise ReadOnlyProjectError(_("This project is open read-only."))
        self.wait_for_checks()
        with self._write_lock, Session(self.engine) as session:
            session.begin()
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for looking, never for changing."""
        with Session(self.engine) as session:
            yield session

    def meta(self, key: str) -> str | None:
        with self.reader() as session:
            return session.scalar(select(Meta.value).where(Meta.key == key))

    @property
    def name(self) -> str:
        fallback = self.path.stem if self.path is not None else self.location
        return self.meta("name") or fallback

    @property
    def schema_version(self) -> int:
        return int(self.meta("schema_version") or 0)

    def close(self) -> None:
        """Fold the write-ahead log into the file (a closed project is one file), let go."""
        if self._checks is not None:
            self._checks.join()
        if self._lock is not None:
            _checkpoint(self.engine)
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the file and empty it. A reader in another program may
    keep it from finishing; SQLite then folds it in when the last connection closes."""
    with (
        contextlib.suppress(DatabaseError, OperationalError, sqlite3.Error),
        engine.connect() as connection,
    ):
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()


def _initial_meta(name: str) -> list[Meta]:
    return [
        Meta(key="schema_version", value=str(migrations.SCHEMA_VERSION)),
        Meta(key="project_uuid", value=new_uuid()),
        Meta(key="name", value=name),
        Meta(key="created_with", value=__version__),
    ]


def _set_meta(session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def _check_file(path: Path) -> None:
    if not path.exists():
        raise ProjectError(_("The project file {path} does not exist.").format(path=path))
    if not path.is_file():
        raise NotAProjectError(_("{path} is not a file.").format(path=path))
    try:
        is_sqlite = database.looks_like_sqlite(path)
    except OSError as error:
        raise _opening_error(error, path, _("The project file cannot be read")) from error
    if not is_sqlite:
        raise NotAProjectError(
            _("{name} is not a reiscoder project (or it is damaged beyond repair).").format(
                name=path.name
            )
        )


def _quick_check(engine: Engine) -> None:
    """SQLite's structural check; a :class:`CorruptProjectError` when the file is damaged."""
    try:
        problems = database.quick_check(engine)
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as error:
        faults.log.warning("quick_check failed: %s", error)
        raise CorruptProjectError(_damaged_message()) from error
    if problems:
        faults.log.warning("quick_check: %s", "; ".join(problems[:5]))
        raise CorruptProjectError(_damaged_message())


def _check_writable(path: Path) -> None:
    """A project to change must be writable: refused at once, with the way out (open it
    read-only), instead of at the first change; and before SQLite looks at it, which would
    leave its side files behind. (A folder one may not write in is refused by the lock.)"""
    if not os.access(path, os.W_OK):
        raise ReadOnlyProjectError(_read_only_message(faults.Fault.READ_ONLY, path))


def _acquire_lock(path: Path) -> ProjectLock:
    lock = ProjectLock(path)
    try:
        lock.acquire()
    except OSError as error:
        raise _opening_error(error, path, _("The project could not be opened")) from error
    return lock


def _read_only_message(fault: faults.Fault, path: Path) -> str:
    return (
        faults.explain(fault, path)
        + " "
        + _("To look without changing anything, open it read-only; nothing is written then.")
    )


def _opening_error(error: BaseException, path: Path, doing: str) -> ProjectError:
    """A fault while creating or opening a project, as a :class:`ProjectError` in plain words."""
    fault = faults.user_error(error, path, doing=doing)
    if isinstance(fault, faults.StorageFault) and fault.fault is faults.Fault.DAMAGED:
        return CorruptProjectError(_damaged_message())
    return ProjectError(fault.message)


def _checked_version(path: Path, *, structure: bool = True) -> int:
    """The schema version of a sound project file, or a clear error. Reads the file through a
    read-only connection: a file that is refused here is left exactly as it was. ``structure``
    False: SQLite's structural check is done later (:meth:`Project.wait_for_checks`)."""
    try:
        facts = database.inspect_file(path, structure=structure)
    except (sqlite3.Error, OSError) as error:
        raise _opening_error(error, path, _("The project could not be opened")) from error
    if facts.problems:
        faults.log.warning("%s: quick_check: %s", path, "; ".join(facts.problems[:5]))
        raise CorruptProjectError(_damaged_message())
    if facts.application_id != database.APPLICATION_ID:
        raise NotAProjectError(_("This SQLite file is not a reiscoder project."))
    if facts.schema_version is None:
        raise CorruptProjectError(_damaged_message(_("the record of its version is missing")))
    try:
        version = int(facts.schema_version)
    except ValueError:
        faults.log.warning("%s: schema version %r", path, facts.schema_version)
        raise CorruptProjectError(
            _damaged_message(_("the record of its version is unreadable"))
        ) from None
    _refuse_newer(version)
    return version


def _stored_version(project: Project) -> int:
    """The version as the project's own engine sees it, once the lock is held: another window
    may have upgraded the file since :func:`_checked_version` looked."""
    version = project.schema_version
    _refuse_newer(version)
    return version


def _refuse_newer(version: int) -> None:
    if version > migrations.SCHEMA_VERSION:
        raise NewerProjectError(
            _(
                "This project was saved by a newer version of reiscoder (schema {found}; this "
                "version knows up to {known}). Update reiscoder to open it; the file is unchanged."
            ).format(found=version, known=migrations.SCHEMA_VERSION)
        )


def _damaged_message(detail: str | None = None) -> str:
    if detail is None:
        return _(
            "The project file is damaged and cannot be opened safely. Restore a backup copy "
            "(File > Restore from a backup…); this file has not been changed."
        )
    return _(
        "The project file is damaged and cannot be opened safely ({detail}). Restore a backup "
        "copy (File > Restore from a backup…); this file has not been changed."
    ).format(detail=detail)
