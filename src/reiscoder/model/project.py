"""The project file: create, open (checking, locking, migrating), and sessions for work."""

from __future__ import annotations

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
from reiscoder.model import database, migrations
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
        lock = ProjectLock(path)
        lock.acquire()
        try:
            engine = database.make_engine(path, wal=synced_folder_reason(path) is None)
            Base.metadata.create_all(engine)
            database.mark_as_project(engine)
            with Session(engine) as session, session.begin():
                session.add_all(_initial_meta(name))
        except (OSError, DatabaseError) as error:
            lock.release()
            path.unlink(missing_ok=True)
            raise ProjectError(
                _("The project could not be created: {reason}").format(reason=error)
            ) from error
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
        lock = None if read_only else ProjectLock(path)
        if lock is not None:
            lock.acquire()
        try:
            wal = synced_folder_reason(path) is None
            engine = database.make_engine(path, read_only=read_only, wal=wal)
            version = _checked_version(engine, quick_check=not checks_later)
            project = cls(path, engine, lock)
            if version < migrations.SCHEMA_VERSION and checks_later:
                _quick_check(engine)  # before the upgrade changes the file
            if version >= migrations.SCHEMA_VERSION and checks_later:
                project._check_in_background()
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
            else:
                project._rolling_backup()
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

    def _check_in_background(self) -> None:
        def check() -> None:
            try:
                _quick_check(self.engine)
            except ProjectError as problem:
                self._check_problem = problem
                return
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
                _("No backup could be made when opening this project: {reason}").format(
                    reason=error
                )
            )

    # -- working with it ------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: a session whose work is committed together, or not at all."""
        if self.read_only:
            raise ReadOnlyProjectError(_("This project is open read-only."))
        self.wait_for_checks()
        with self._write_lock, Session(self.engine) as session, session.begin():
            yield session

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
        if self._checks is not None:
            self._checks.join()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


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
        raise ProjectError(
            _("The project file cannot be read: {reason}").format(reason=error.strerror)
        ) from error
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
        raise CorruptProjectError(_damaged_message(str(error))) from error
    if problems:
        raise CorruptProjectError(_damaged_message(problems[0]))


def _checked_version(engine: Engine, *, quick_check: bool = True) -> int:
    """The schema version of a sound project file, or a clear error; ``quick_check``
    False: the structural check is done elsewhere (:meth:`Project.wait_for_checks`)."""
    if quick_check:
        _quick_check(engine)
    try:
        if database.application_id(engine) != database.APPLICATION_ID:
            raise NotAProjectError(_("This SQLite file is not a reiscoder project."))
        with Session(engine) as session:
            version = int(session.scalar(select(Meta.value).where(Meta.key == "schema_version")))
    except (DatabaseError, OperationalError, sqlite3.DatabaseError, TypeError, ValueError) as error:
        raise CorruptProjectError(_damaged_message(str(error))) from error
    if version > migrations.SCHEMA_VERSION:
        raise NewerProjectError(
            _(
                "This project was saved by a newer version of reiscoder (schema {found}; this "
                "version knows up to {known}). Update reiscoder to open it; the file is unchanged."
            ).format(found=version, known=migrations.SCHEMA_VERSION)
        )
    return version


def _damaged_message(detail: str) -> str:
    return _(
        "The project file is damaged and cannot be opened safely ({detail}). Restore a backup "
        "copy; this file has not been changed."
    ).format(detail=detail)
