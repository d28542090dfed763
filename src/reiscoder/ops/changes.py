"""What an operation changed, recorded so that it can be reverted exactly.

Operations never write rows directly: they go through a :class:`ChangeSet`, which remembers the
row images before and after. Reverting a change set applies the opposite writes in reverse
order and returns a new change set, so undo and redo are the same mechanism. Dependent rows
that the database would cascade (a coding's memos, say) are deleted explicitly by the
operation, so that they are recorded too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Base
from reiscoder.model.base import RESTORE_HOOKS
from reiscoder.model.errors import OperationError
from reiscoder.model.tables import row_count, table_of

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
    GROUPS = "groups"  # groups of documents and of codes
    RELATIONS = "relations"  # relations between codes, and the networks that draw them


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
    "groups": Topic.GROUPS,
    "group_members": Topic.GROUPS,
    "code_relations": Topic.RELATIONS,
    "networks": Topic.RELATIONS,
    "network_nodes": Topic.RELATIONS,
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
        """Insert one row; its image comes back from the INSERT itself (RETURNING)."""
        table = _table(model)
        statement = insert(table).values(**values).returning(*table.columns)
        row = dict(session.execute(statement).mappings().one())
        self.entries.append(RowChange(table.name, None, row))
        return int(row["id"])

    def update(self, session: Session, model: type[Base], row_id: int, **values: Any) -> None:
        table = _table(model)
        before = _read(session, table, row_id)
        if all(before[key] == value for key, value in values.items()):
            return
        result = session.execute(update(table).where(table.c.id == row_id).values(**values))
        _check_written(row_count(result), table.name, before)
        self.entries.append(RowChange(table.name, before, _read(session, table, row_id)))
        session.expire_all()

    def update_many(
        self, session: Session, model: type[Base], rows: Mapping[int, Mapping[str, Any]]
    ) -> None:
        """Several rows, each with its own values (the same columns for all): the row images
        are read a chunk at a time, so the cost grows with the number of rows, not faster."""
        table = _table(model)
        ids = list(rows)
        for first in range(0, len(ids), _CHUNK):
            chunk = ids[first : first + _CHUNK]
            before = _read_many(session, table, chunk)
            changed = [i for i in chunk if any(before[i][k] != v for k, v in rows[i].items())]
            if not changed:
                continue
            columns = list(rows[changed[0]])
            statement = (
                update(table)
                .where(table.c.id == bindparam("_row_id"))
                .values({column: bindparam(f"_new_{column}") for column in columns})
            )
            parameters = [
                {"_row_id": i, **{f"_new_{c}": rows[i][c] for c in columns}} for i in changed
            ]
            session.execute(statement, parameters)
            after = _read_many(session, table, changed)
            for row_id in changed:
                image = after.get(row_id)
                if image is None or any(image[k] != v for k, v in rows[row_id].items()):
                    _check_written(0, table.name, before[row_id])
                self.entries.append(RowChange(table.name, before[row_id], image))
        session.expire_all()

    def delete_many(self, session: Session, model: type[Base], row_ids: Sequence[int]) -> None:
        """Several rows, a chunk at a time (see :meth:`update_many`)."""
        table = _table(model)
        ids = list(dict.fromkeys(row_ids))
        for first in range(0, len(ids), _CHUNK):
            chunk = ids[first : first + _CHUNK]
            before = _read_many(session, table, chunk)
            chunk = [i for i in chunk if i in before]  # gone already: nothing to record
            if not chunk:
                continue
            result = session.execute(delete(table).where(table.c.id.in_(chunk)))
            if row_count(result) != len(chunk):
                _check_written(0, table.name, before[chunk[0]])
            self.entries.extend(RowChange(table.name, before[i], None) for i in chunk)
        session.expire_all()

    def delete(self, session: Session, model: type[Base], row_id: int) -> None:
        table = _table(model)
        before = _read(session, table, row_id)
        result = session.execute(delete(table).where(table.c.id == row_id))
        _check_written(row_count(result), table.name, before)
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
    """Undo ``changes``; the returned change set reverts the revert (that is: redo).

    Only rows as ``changes`` left them are reverted: if any of them was changed since (by a
    bulk write such as an import, or by a colleague on a shared server), or the database
    refuses the revert, :class:`StaleChange` is raised and the caller's transaction must be
    rolled back, so nothing is half reverted.
    """
    _check_unchanged(session, changes)
    undone = ChangeSet()
    restored: dict[str, list[Row]] = {}
    try:
        for entry in reversed(changes.entries):
            _apply_opposite(session, entry, restored)
            undone.entries.append(RowChange(entry.table, entry.after, entry.before))
        for table_name, rows in restored.items():
            if table_name in RESTORE_HOOKS:
                RESTORE_HOOKS[table_name](session, rows)
    except IntegrityError as error:
        raise StaleChange(_integrity_reason(error)) from error
    session.expire_all()
    return undone


def _apply_opposite(session: Session, entry: RowChange, restored: dict[str, list[Row]]) -> None:
    table = Base.metadata.tables[entry.table]
    if entry.before is None:
        assert entry.after is not None
        result = session.execute(delete(table).where(table.c.id == entry.after["id"]))
        _check_replayed(row_count(result), entry.table, entry.after)
    elif entry.after is None:
        session.execute(insert(table).values(**entry.before))
        restored.setdefault(entry.table, []).append(entry.before)
    else:
        changed = {k: v for k, v in entry.before.items() if entry.after.get(k) != v}
        if changed:
            statement = update(table).where(table.c.id == entry.before["id"]).values(**changed)
            _check_replayed(row_count(session.execute(statement)), entry.table, entry.before)


# -- is the database still as the change set left it? --------------------------------------

# Columns written by background work (segmentation) rather than by operations; a revert
# neither compares nor restores them.
BACKGROUND_COLUMNS: dict[str, frozenset[str]] = {
    "documents": frozenset({"segmentation", "pipeline"}),
}
_CHUNK = 500


class StaleChange(OperationError):
    """A step cannot be replayed: the rows it wrote changed since, or the database refuses.

    ``what`` names the row in words and ``table``/``row_id`` say which it is, when known, so
    that a shared server can add who changed it.
    """

    def __init__(
        self, message: str, what: str = "", table: str = "", row_id: int | None = None
    ) -> None:
        super().__init__(message)
        self.what, self.table, self.row_id = what, table, row_id


def _check_unchanged(session: Session, changes: ChangeSet) -> None:
    """Raise :class:`StaleChange` unless every row is as the last write of ``changes`` left it."""
    expected: dict[str, dict[int, Row | None]] = {}
    for entry in changes.entries:
        image = entry.after if entry.after is not None else entry.before
        assert image is not None
        expected.setdefault(entry.table, {})[image["id"]] = entry.after
    for table_name, rows in expected.items():
        table = Base.metadata.tables[table_name]
        ignored = BACKGROUND_COLUMNS.get(table_name, frozenset())
        ids = list(rows)
        for first in range(0, len(ids), _CHUNK):
            chunk = ids[first : first + _CHUNK]
            current = {
                row["id"]: dict(row)
                for row in session.execute(select(table).where(table.c.id.in_(chunk))).mappings()
            }
            for row_id in chunk:
                _compare(table_name, rows[row_id], current.get(row_id), ignored)


def _compare(
    table: str, expected: Row | None, current: Row | None, ignored: frozenset[str]
) -> None:
    row = current if current is not None else expected
    if row is None:
        return
    what = describe_row(table, row)
    if expected is None:
        message = _("{what} exists again")
    elif current is None:
        message = _("{what} no longer exists")
    elif any(k not in ignored and current.get(k) != v for k, v in expected.items()):
        message = _("{what} was changed in the meantime")
    else:
        return
    raise StaleChange(message.format(what=what), what, table, row["id"])


def describe_row(table: str, row: Row) -> str:
    """A row in words, for a message: "the code “Buren”", "a coding"."""
    named = {
        "codes": _("the code “{name}”"),
        "documents": _("the document “{name}”"),
        "coders": _("the coder “{name}”"),
        "cases": _("the case “{name}”"),
        "attributes": _("the attribute “{name}”"),
        "speakers": _("the speaker “{name}”"),
        "groups": _("the group “{name}”"),
        "networks": _("the network “{name}”"),
    }
    unnamed = {
        "codings": _("a coding"),
        "memos": _("a memo"),
        "attribute_values": _("an attribute value"),
        "turns": _("a turn"),
        "sentences": _("a sentence"),
        "pseudonyms": _("an entry of the name list"),
        "meta": _("a project setting"),
        "document_edits": _("a correction of a transcript"),
        "group_members": _("a member of a group"),
        "code_relations": _("a relation between codes"),
        "network_nodes": _("a code in a network"),
    }
    if table in named and row.get("name"):
        return named[table].format(name=row["name"])
    return unnamed.get(table, _("a row of “{table}”").format(table=table))


def _integrity_reason(error: IntegrityError) -> str:
    text = str(error.orig).lower()
    if "unique" in text:
        return _("a name it would restore is in use again")
    if "foreign key" in text:
        return _("other work now depends on what it would remove")
    return _("the project no longer allows it")


def _check_replayed(count: int, table: str, row: Row) -> None:
    if count != 1:
        what = describe_row(table, row)
        message = _("{what} may not be changed with your role").format(what=what)
        raise StaleChange(message, what, table, row["id"])


def _check_written(count: int, table: str, row: Row) -> None:
    """A write the database silently skipped (a shared server's row security) is refused."""
    if count != 1:
        raise OperationError(
            _("Your role in this project does not allow you to change {what}.").format(
                what=describe_row(table, row)
            )
        )


def _table(model: type[Base]) -> Table:
    return table_of(model)


def _read_many(session: Session, table: Table, row_ids: Sequence[int]) -> dict[int, Row]:
    query = select(table).where(table.c.id.in_(list(row_ids)))
    return {row["id"]: dict(row) for row in session.execute(query).mappings()}


def _read(session: Session, table: Table, row_id: int) -> Row:
    return dict(session.execute(select(table).where(table.c.id == row_id)).mappings().one())
