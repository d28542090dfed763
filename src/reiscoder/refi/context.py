"""What the steps of one import share: the session, the report, and foreign-to-our id maps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Base
from reiscoder.model.base import utcnow
from reiscoder.model.tables import table_of
from reiscoder.ops.coders import coder_id_for
from reiscoder.refi.extras import Extras
from reiscoder.refi.guids import derived_guid
from reiscoder.refi.report import ImportReport


@dataclass
class SelectionTarget:
    """Where a foreign selection landed, for notes and cases that refer to it."""

    document_id: int
    start: int
    end: int
    coding_ids: list[int] = field(default_factory=list)


@dataclass
class ImportContext:
    session: Session
    report: ImportReport
    merge: bool
    origin: str
    fallback_coder_name: str
    extras: Extras = field(default_factory=Extras)
    coders: dict[str, int] = field(default_factory=dict)  # foreign guid -> our id, for each map
    codes: dict[str, int] = field(default_factory=dict)
    cases: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # document id -> its text
    selections: dict[str, SelectionTarget] = field(default_factory=dict)
    codings: dict[str, int] = field(default_factory=dict)
    linked_documents: set[int] = field(default_factory=set)  # speakers linked from extras
    project_path: Path | None = None  # where recordings are linked from
    recordings: dict = field(default_factory=dict)  # ForeignRecording -> Path | None
    _used: dict[str, set[str]] = field(default_factory=dict)
    _fallback: int | None = None
    fallback_uses: int = 0

    def fresh_uuid(self, model: type[Base], wanted: str | None) -> str:
        """``wanted`` if no row of ``model`` has it yet, else a stable derived uuid."""
        table = model.__tablename__
        used = self._used.get(table)
        if used is None:
            used = set(self.session.scalars(select(table_of(model).c.uuid)))
            self._used[table] = used
        candidate, number = wanted, 0
        while candidate is None or candidate in used:
            number += 1
            candidate = derived_guid(table, wanted or "", number)
        used.add(candidate)
        return candidate

    def coder_for(self, user: str | None) -> int:
        """Our coder for a foreign user GUID; unknown or absent users get the fallback coder."""
        if user is not None and user in self.coders:
            return self.coders[user]
        self.fallback_uses += 1
        if self._fallback is None:
            self._fallback = coder_id_for(self.session, self.fallback_coder_name)
        return self._fallback

    def finish(self) -> None:
        if self.fallback_uses:
            self.report.converted.append(
                _("Items without a known author, attributed to “{coder}”: {count}.").format(
                    count=self.fallback_uses, coder=self.fallback_coder_name
                )
            )


def moment(*candidates: datetime | None) -> datetime:
    """The first known time, or now."""
    return next((c for c in candidates if c is not None), None) or utcnow()


def unique_name(wanted: str, taken: set[str], limit: int = 255) -> str:
    """``wanted`` or ``wanted (2)``, ``(3)``, ...; adds the result to ``taken``."""
    base = " ".join(wanted.split())[: limit - 8] or "?"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base} ({number})"
    taken.add(name)
    return name
