"""The undo history of one window: steps done and undone, and nothing it cannot take.

Qt-free; the GUI shows it through a small adapter. A step holds the change set that undoes
or redoes it (see :func:`~reiscoder.ops.changes.revert`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reiscoder.ops.changes import ChangeSet

DEFAULT_LIMIT = 500


@dataclass
class Step:
    label: str
    changes: ChangeSet  # reverting these takes the step back (undo) or forward again (redo)


class History:
    """``steps[:index]`` are done (the last one is undone first); the rest can be redone."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self.steps: list[Step] = []
        self.index = 0
        self._listeners: list[Callable[[], None]] = []

    def on_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    # -- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def undo_step(self) -> Step | None:
        return self.steps[self.index - 1] if self.index > 0 else None

    @property
    def redo_step(self) -> Step | None:
        return self.steps[self.index] if self.index < len(self.steps) else None

    # -- changing ------------------------------------------------------------------------

    def record(self, label: str, changes: ChangeSet) -> None:
        """A new step was done: it replaces whatever could be redone."""
        del self.steps[self.index :]
        self.steps.append(Step(label, changes))
        if len(self.steps) > self.limit:
            del self.steps[: len(self.steps) - self.limit]
        self.index = len(self.steps)
        self._changed()

    def undone(self, redo_changes: ChangeSet) -> None:
        self.index -= 1
        self.steps[self.index].changes = redo_changes
        self._changed()

    def redone(self, undo_changes: ChangeSet) -> None:
        self.steps[self.index].changes = undo_changes
        self.index += 1
        self._changed()

    def drop(self, number: int) -> None:
        """Forget step ``number`` (it can no longer be replayed)."""
        del self.steps[number]
        if number < self.index:
            self.index -= 1
        self._changed()

    def drop_redo(self) -> None:
        if self.index < len(self.steps):
            del self.steps[self.index :]
            self._changed()

    def clear(self) -> None:
        self.steps, self.index = [], 0
        self._changed()

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()
