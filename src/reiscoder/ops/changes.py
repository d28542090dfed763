"""What an operation changed, recorded so that it can be reverted exactly.

Operations never write rows directly: they go through a :class:`ChangeSet`, which remembers the
row images before and after. Reverting a change set applies the opposite writes in reverse
order and returns a new change set, so undo and redo are the same mechanism. Dependent rows
that the database would cascade (a coding's memos, say) are deleted explicitly by the
operation, so that they are recorded too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from reiscoder.model import Base
from reiscoder.model.base import RESTORE_HOOKS

Row = dict[str, Any]


class Topic(StrEnum):
    """What a view may need to refresh after a change."""

    PROJECT = "project"
    CODERS = "coders"
    DOCUMENTS = "documents"
    SPEAKERS = "speakers"
    CODES = "codes"
    CODINGS = "codings"
    MEMOS = "memos"
    CASES = "cases"
    ATTRIBUTES = "attributes"
    PSEUDONYMS = "pseudonyms"  # the name list (reiscoder.privacy)


TABLE_TOPICS = {
    "meta": Topic.PROJECT,
    "coders": Topic.CODERS,
    "documents": Topic.DOCUMENTS,
    "turns": Topic.DOCUMENTS,
    "sentences": Topic.DOCUMENTS,
    "speakers": Topic.SPEAKERS,
    "codes": Topic.CODES,
    "codings": Topic.CODINGS,
    "memos": Topic.MEMOS,
    "cases": Topic.CASES,
    "attributes": Topic.ATTRIBUTES,
    "attribute_values": Topic.ATTRIBUTES,
    "document_edits": Topic.DOCUMENTS,
    "pseudonyms": Topic.PSEUDONYMS,
    "recordings": Topic.DOCUMENTS,
    "document_recordings": Topic.DOCUMENTS,
    "sync_points": Topic.DOCUMENTS,
}


@dataclass(frozen=True)
class RowChange:
    table: str
    before: Row | None  # None: the row was inserted
    after: Row | None  # None: the row was deleted


@dataclass
class ChangeSet:
    """The row writes of one operation, in the order they were made."""

    entries: list[RowChange] = field(default_factory=list)

    @property
    def topics(self) -> frozenset[Topic]:
        return frozenset(TABLE_TOPICS[entry.table] for entry in self.entries)

    def insert(self, session: Session, model: type[Base], **values: Any) -> int:
        table = _table(model)
        new_id = session.execute(insert(table).values(**values)).inserted_primary_key[0]
        self.entries.append(RowChange(table.name, None, _read(session, table, new_id)))
        return int(new_id)

    def update(self, session: Session, model: type[Base], row_id: int, **values: Any) -> None:
        table = _table(model)
        before = _read(session, table, row_id)
        if all(before[key] == value for key, value in values.items()):
            return
        session.execute(update(table).where(table.c.id == row_id).values(**values))
        self.entries.append(RowChange(table.name, before, _read(session, table, row_id)))
        session.expire_all()

    def delete(self, session: Session, model: type[Base], row_id: int) -> None:
        table = _table(model)
        before = _read(session, table, row_id)
        session.execute(delete(table).where(table.c.id == row_id))
        self.entries.append(RowChange(table.name, before, None))
        session.expire_all()


@dataclass(frozen=True)
class Outcome:
    """The result of an operation: a label for the undo menu, its changes, the row it made."""

    label: str
    changes: ChangeSet
    created_id: int | None = None

    @property
    def topics(self) -> frozenset[Topic]:
        return self.changes.topics


def revert(session: Session, changes: ChangeSet) -> ChangeSet:
    """Undo ``changes``; the returned change set reverts the revert (that is: redo)."""
    undone = ChangeSet()
    restored: dict[str, list[Row]] = {}
    for entry in reversed(changes.entries):
        table = Base.metadata.tables[entry.table]
        if entry.before is None:
            session.execute(delete(table).where(table.c.id == entry.after["id"]))
        elif entry.after is None:
            session.execute(insert(table).values(**entry.before))
            restored.setdefault(entry.table, []).append(entry.before)
        else:
            session.execute(
                update(table).where(table.c.id == entry.before["id"]).values(**entry.before)
            )
        undone.entries.append(RowChange(entry.table, entry.after, entry.before))
    for table_name, rows in restored.items():
        if table_name in RESTORE_HOOKS:
            RESTORE_HOOKS[table_name](session, rows)
    session.expire_all()
    return undone


def _table(model: type[Base]) -> Table:
    return model.__table__  # type: ignore[return-value]


def _read(session: Session, table: Table, row_id: int) -> Row:
    return dict(session.execute(select(table).where(table.c.id == row_id)).mappings().one())
