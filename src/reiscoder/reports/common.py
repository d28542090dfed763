"""What every export shares: the report it returns, progress and cancelling, a safe write.

A file is written under a temporary name beside the target and moved over it only when it is
complete, so a half-written file never appears under the target's name. Problems a user can
act on (a missing folder, a read-only file, a file open in Word or Excel) become an
:class:`ExportError` with a translated message, raised before any work is done when they
can be seen in advance.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model import faults
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def no_progress(done: int, total: int) -> None:
    """The default progress callback: tell nobody."""


def never_cancelled() -> bool:
    return False


class ExportError(OperationError):
    """An export that cannot be done as asked; ``message`` says why, for the user."""


class ExportCancelled(Exception):
    """The user cancelled; nothing was written under the target name."""


@dataclass(frozen=True)
class Contents:
    """How much an export holds (a preview) or held (a report)."""

    codes: int = 0
    codings: int = 0
    documents: int = 0
    memos: int = 0
    coders: int = 0

    def describe(self) -> str:
        """E.g. "25 codes · 27 codings · 3 documents", leaving out what is not counted."""
        parts = []
        if self.codes:
            parts.append(ngettext("{count} code", "{count} codes", self.codes))
        if self.codings:
            parts.append(ngettext("{count} coding", "{count} codings", self.codings))
        if self.documents:
            parts.append(ngettext("{count} document", "{count} documents", self.documents))
        if self.memos:
            parts.append(ngettext("{count} memo", "{count} memos", self.memos))
        if self.coders:
            parts.append(ngettext("{count} coder", "{count} coders", self.coders))
        numbers = (self.codes, self.codings, self.documents, self.memos, self.coders)
        counts = [n for n in numbers if n]
        found = [part.format(count=n) for part, n in zip(parts, counts, strict=True)]
        return " · ".join(found) if found else _("nothing")


@dataclass
class ExportReport:
    """What an export wrote: where, how much, how long it took, and what to mention."""

    kind: str
    path: Path
    contents: Contents
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return _("Exported {contents} to {name}.").format(
            contents=self.contents.describe(), name=self.path.name
        )


class Ticker:
    """Reports progress now and then and raises :class:`ExportCancelled` when asked to stop."""

    def __init__(self, total: int, progress: Progress, cancelled: Cancelled) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._every = max(1, self.total // 200)
        self._reported = -1

    def step(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        if self.done - self._reported >= self._every:
            self.check()
            self._report()

    def check(self) -> None:
        if self._cancelled():
            raise ExportCancelled

    def finish(self) -> None:
        self.done = self.total
        self._report()

    def _report(self) -> None:
        self._reported = self.done
        self._progress(self.done, self.total)


@contextmanager
def reading(source: Project | Session) -> Iterator[Session]:
    """A session to read from: the one given, or a new reader of the project."""
    if isinstance(source, Session):
        yield source
        return
    with source.reader() as session:
        yield session


@contextmanager
def reading_for(source: Project | Session, options: Any) -> Iterator[tuple[Session, Any]]:
    """The session an export with ``options`` reads, and the options to read with.

    With ``options.pseudonymise`` the session is one on a pseudonymised copy of the project,
    and filter values in the options are pseudonymised alike (see :mod:`reiscoder.privacy`).
    """
    if not getattr(options, "pseudonymise", False):
        with reading(source) as session:
            yield session, options
        return
    from reiscoder.privacy.exporting import pseudonymised_export

    with pseudonymised_export(source, options) as (session, private):
        yield session, private


class Stopwatch:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


# -- writing safely -------------------------------------------------------------------------


def check_target(target: Path) -> None:
    """Raise an :class:`ExportError` for a target that cannot be written, before any work."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(_("The folder {folder} does not exist.").format(folder=folder))
    if target.is_dir():
        raise ExportError(_("{path} is a folder, not a file.").format(path=target))
    owner = open_by_program(target)
    if owner is not None:
        raise ExportError(_open_message(target))
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportError(
            _("{name} is read-only. Choose another name or make the file writable.").format(
                name=target.name
            )
        )
    if not os.access(folder, os.W_OK):
        raise ExportError(
            _("You cannot save files in the folder {folder}. Choose another folder.").format(
                folder=folder
            )
        )


def open_by_program(target: Path) -> Path | None:
    """The lock file that Word, Excel or LibreOffice keeps beside ``target`` while open."""
    name = target.name
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    for candidate in sorted(candidates):
        path = target.with_name(candidate)
        if len(candidate) > 2 and path.is_file():
            return path
    return None


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file beside ``target``, then move it over ``target``.

    On any error or cancellation the temporary file is removed and ``target`` is untouched.
    """
    target = Path(target)
    check_target(target)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        raise ExportError(_cannot_write(target, error)) from error
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _replace(temporary, target)
    except OSError as error:
        _let_go_quietly(error)
        raise ExportError(_cannot_write(target, error)) from error
    finally:
        temporary.unlink(missing_ok=True)


def _replace(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except PermissionError as error:
        # Windows refuses to replace a file that Word or Excel holds open.
        raise ExportError(_open_message(target)) from error


def _open_message(target: Path) -> str:
    return _(
        "{name} is open in another program (Word, Excel or LibreOffice?). Close it there "
        "and export again, or choose another name."
    ).format(name=target.name)


def _let_go_quietly(error: OSError) -> None:
    """Close now what the writer left open (a half-written zip): on a full disk its closing
    fails again, and Python would print that at exit as "Exception ignored"."""
    import gc
    import sys
    import traceback

    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: faults.log.info(
        "while letting go of a failed export: %s", unraisable.exc_value
    )
    try:
        traceback.clear_frames(error.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = previous


def _cannot_write(target: Path, error: OSError) -> str:
    doing = _("{name} could not be written").format(name=target.name)
    fault = faults.storage_fault(error, target.name, doing=doing)
    if fault is not None:
        return fault.message
    return _("{name} could not be written: {reason}").format(
        name=target.name, reason=error.strerror or str(error)
    )
