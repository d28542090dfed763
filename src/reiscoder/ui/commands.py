"""Undo and redo: one QUndoCommand per operation, replaying the operation's change set."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reiscoder.ops.changes import ChangeSet, Topic, revert


class ChangeCommand(QUndoCommand):
    """An operation that already ran; undo reverts its changes, redo reverts the revert."""

    def __init__(
        self,
        label: str,
        changes: ChangeSet,
        apply: Callable[[Callable[..., ChangeSet]], ChangeSet],
        notify: Callable[[frozenset[Topic]], None],
    ) -> None:
        super().__init__(label)
        self._changes = changes
        self._apply = apply
        self._notify = notify
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # the operation itself just ran; QUndoStack.push calls redo
            self._first_redo = False
            return
        self._replay()

    def undo(self) -> None:
        self._replay()

    def _replay(self) -> None:
        self._changes = self._apply(lambda session: revert(session, self._changes))
        self._notify(self._changes.topics)
