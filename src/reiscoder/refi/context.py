"""What the steps of one import share: the session, the report, and foreign-to-our id maps."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Base
from reiscoder.model.base import utcnow
from reiscoder.model.tables import table_of
from reiscoder.ops.coders import coder_id_for
from reiscoder.refi.code_ids import CodeIds
from reiscoder.refi.extras import Extras
from reiscoder.refi.guids import derived_guid
from reiscoder.refi.report import ImportReport
from reiscoder.refi.safety import RefiRefused


@dataclass
class SelectionTarget:
    """Where a foreign selection landed, for notes and cases that refer to it."""

    document_id: int
    start: int
    end: int
    coding_ids: list[int] = field(default_factory=list)


@dataclass
class NamesInUse:
    """The names of one kind of thing in the project, read once per import, and the numbers
    :func:`unique_name` gave names that were taken; kept up to date as things come in."""

    taken: set[str]
    numbers: dict[str, int] = field(default_factory=dict)

    def unique(self, wanted: str) -> str:
        return unique_name(wanted, self.taken, numbers=self.numbers)


@dataclass
class ImportContext:
    session: Session
    report: ImportReport
    merge: bool
    fallback_coder_name: str
    extras: Extras = field(default_factory=Extras)
    coders: dict[str, int] = field(default_factory=dict)  # foreign guid -> our id, for each map
    codes: CodeIds = field(init=False)  # the file's code GUIDs -> our ids
    cases: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # document id -> its text
    # only the selections and codings that notes or comments are written on (see store_memos)
    selections: dict[str, SelectionTarget] = field(default_factory=dict)
    codings: dict[str, int] = field(default_factory=dict)
    # document id -> (code id, coder id, start, end) as one number -> coding id: what a
    # document holds already, loaded once per document (see store_texts)
    coding_keys: dict[int, dict[int, int]] = field(default_factory=dict)
    # (code guid, its note refs) of the codes with notes, in the tree's order: written by
    # the code writer for store_memos: the code tree itself is never held (see code_writer)
    code_notes: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    linked_documents: set[int] = field(default_factory=set)  # speakers linked from extras
    relations: dict[str, int] = field(default_factory=dict)  # link guid -> our relation id
    consumed_notes: set[str] = field(default_factory=set)  # notes that became relation memos
    project_path: Path | None = None  # where recordings are linked from
    recordings: dict = field(default_factory=dict)  # ForeignRecording -> Path | None
    cancelled: Callable[[], bool] = field(default=lambda: False)  # asked now and then
    # table -> the uuids in use; a dict as a set, which takes half a set's room
    _used: dict[str, dict[str, None]] = field(default_factory=dict)
    _steps: int = 0
    _names: dict[str, NamesInUse] = field(default_factory=dict)  # see names_in_use
    _renames_told: dict[str, int] = field(default_factory=dict)  # per kind of thing
    _renames_untold: dict[str, int] = field(default_factory=dict)
    _fallback: int | None = None
    fallback_uses: int = 0

    def __post_init__(self) -> None:
        self.codes = CodeIds(self.session)

    def fresh_uuid(self, model: type[Base], wanted: str | None) -> str:
        """``wanted`` if no row of ``model`` has it yet, else a stable derived uuid."""
        table = model.__tablename__
        used = self._used.get(table)
        if used is None:
            used = dict.fromkeys(self.session.scalars(select(table_of(model).c.uuid)))
            self._used[table] = used
        candidate, number = wanted, 0
        while candidate is None or candidate in used:
            number += 1
            candidate = derived_guid(table, wanted or "", number)
        used[candidate] = None
        return candidate

    def names_in_use(self, kind: str, read: Callable[[], Iterable[str]]) -> NamesInUse:
        """The names of ``kind`` ("case", "group document", ...) in use, read once (``read``):
        a file may bring thousands of things of one kind, each of which needs a free name."""
        names = self._names.get(kind)
        if names is None:
            names = self._names[kind] = NamesInUse(set(read()))
        return names

    def step(self) -> None:
        """One more row written; every so often, stop if the user cancelled (the caller's
        transaction is rolled back, so nothing of the import stays)."""
        self._steps += 1
        if self._steps % CANCEL_EVERY == 0:
            self.check_cancelled()

    def check_cancelled(self) -> None:
        if self.cancelled():
            raise ImportCancelled(_("The import was cancelled; nothing was changed."))

    def coder_for(self, user: str | None) -> int:
        """Our coder for a foreign user GUID; unknown or absent users get the fallback coder."""
        if user is not None and user in self.coders:
            return self.coders[user]
        self.fallback_uses += 1
        if self._fallback is None:
            self._fallback = coder_id_for(self.session, self.fallback_coder_name)
        return self._fallback

    def renamed(self, given: str, final: str, what: str, twice: str | None = None) -> str:
        """Say why ``final`` is not the name ``given`` in the file (none, too long, taken);
        ``what`` is the kind of thing ("Code"), ``twice`` a message of its own for a name
        that was taken. Returns ``final``."""
        tidy = " ".join(given.split())
        if final == tidy:
            return final
        if not tidy:
            message = _("{what} without a name in the file, now called “{new}”.")
        elif len(tidy) > NAME_LIMIT:
            message = _(
                "{what} “{name}…”: the name is longer than 255 characters and was cut to “{new}”."
            )
        else:
            message = twice or _("{what} “{name}” occurs twice; the second is called “{new}”.")
        told = self._renames_told.get(what, 0)
        if told >= RENAMES_TOLD:  # a report of 100,000 lines is read by no one
            self._renames_untold[what] = self._renames_untold.get(what, 0) + 1
            return final
        self._renames_told[what] = told + 1
        self.report.converted.append(
            message.format(what=what, name=_shown(tidy), new=_shown(final))
        )
        return final

    def finish(self) -> None:
        for what, count in self._renames_untold.items():
            self.report.converted.append(
                _("{what}: {count} more renamed in the same way, not each named here.").format(
                    what=what, count=count
                )
            )
        if self.fallback_uses:
            self.report.converted.append(
                _("Items without a known author, attributed to “{coder}”: {count}.").format(
                    count=self.fallback_uses, coder=self.fallback_coder_name
                )
            )


class ImportCancelled(RefiRefused):
    """The user cancelled the import; nothing was changed."""


CANCEL_EVERY = 500


def moment(*candidates: datetime | None) -> datetime:
    """The first known time, or now."""
    return next((c for c in candidates if c is not None), None) or utcnow()


NAME_LIMIT = 255
RENAMES_TOLD = 25  # renamed things of one kind named in the report; the rest are counted


class Names(Protocol):
    """Names in use: a set, or something that looks them up where they are stored."""

    def __contains__(self, name: object, /) -> bool: ...

    def add(self, name: str, /) -> None: ...


def unique_name(
    wanted: str, taken: Names, limit: int = NAME_LIMIT, numbers: dict[str, int] | None = None
) -> str:
    """``wanted`` (cut to ``limit`` characters) or ``wanted (2)``, ``(3)``, ...; adds the
    result to ``taken``. A name is cut only as far as it has to be. With ``numbers``, the
    number a name got is kept there, and the next of that name starts after it (a file may
    hold thousands of one name: each then costs a step, not one per earlier one)."""
    base = " ".join(wanted.split()) or "?"
    number = numbers.get(base, 1) if numbers is not None else 1
    name = _numbered(base, number, limit)
    while name in taken:
        number += 1
        name = _numbered(base, number, limit)
    taken.add(name)
    if numbers is not None and number > 1:
        numbers[base] = number
    return name


def _numbered(base: str, number: int, limit: int) -> str:
    if number == 1:
        return base[:limit]
    suffix = f" ({number})"
    return base[: limit - len(suffix)] + suffix


def _shown(name: str, length: int = 80) -> str:
    """A name short enough for a line of the report."""
    return name if len(name) <= length else name[: length - 1] + "…"
