"""The change bus: every write to a project is announced here, wherever it came from.

Panels, the undo history's view and (later) a shared server's listener subscribe to one bus.
A :class:`Change` says what kind of write it was, its label, the topics a view may need to
refresh and, when known, the row images, so a view can refresh only what changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from reiscoder.ops.changes import ChangeSet, Row, RowChange, Topic

ALL_TOPICS = frozenset(Topic)
NO_TOPICS: frozenset[Topic] = frozenset()  # a write no panel shows (derived data)


class ChangeKind(StrEnum):
    DONE = "done"  # an undoable operation ran
    UNDONE = "undone"
    REDONE = "redone"
    BULK = "bulk"  # a write that is not an undo step: import, merge, repair, restore
    REMOTE = "remote"  # written by someone else (a colleague on a shared server)


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    label: str
    topics: frozenset[Topic]
    changes: ChangeSet | None = None  # the row images; None when not known (bulk, remote)

    def rows(self, table: str) -> list[dict]:
        """The images of the rows of ``table`` this change wrote (after, or before a delete)."""
        if self.changes is None:
            return []
        return [_image(entry) for entry in self.changes.entries if entry.table == table]

    def ids(self, table: str, column: str = "id") -> set[int]:
        """Values of ``column`` in the rows of ``table`` this change wrote (e.g. document ids)."""
        return {row[column] for row in self.rows(table) if row.get(column) is not None}


Listener = Callable[[Change], None]


class ChangeBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every change; returns the function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)


def _image(entry: RowChange) -> Row:
    """The row as the change left it, or as it was before a delete."""
    image = entry.after if entry.after is not None else entry.before
    assert image is not None  # a change has a row before or after it
    return image
