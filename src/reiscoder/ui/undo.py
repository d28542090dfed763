"""The undo history as the window shows it: actions whose text names the step.

A thin Qt view of :class:`reiscoder.ops.history.History`; undo and redo themselves go through
the workbench's gateway, so a step that can no longer be replayed is refused in words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction

from reiscoder.ops.history import History


class UndoStack(QObject):
    """What the Edit menu needs of the history; ``undo``/``redo`` replay through the gateway."""

    changed = Signal()  # steps, position or labels changed

    def __init__(
        self,
        history: History,
        undo: Callable[[], None],
        redo: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self._undo, self._redo = undo, redo
        history.on_change(self.changed.emit)

    def undo(self) -> None:
        self._undo()

    def redo(self) -> None:
        self._redo()

    def count(self) -> int:
        return len(self.history)

    def index(self) -> int:
        return self.history.index

    def canUndo(self) -> bool:
        return self.history.undo_step is not None

    def canRedo(self) -> bool:
        return self.history.redo_step is not None

    def undoText(self) -> str:
        step = self.history.undo_step
        return step.label if step is not None else ""

    def redoText(self) -> str:
        step = self.history.redo_step
        return step.label if step is not None else ""

    def createUndoAction(self, parent: QObject, prefix: str) -> QAction:
        return _StepAction(parent, prefix, self.undo, self.canUndo, self.undoText, self.changed)

    def createRedoAction(self, parent: QObject, prefix: str) -> QAction:
        return _StepAction(parent, prefix, self.redo, self.canRedo, self.redoText, self.changed)


class _StepAction(QAction):
    """ "Undo <step>": enabled and named after the step; disconnected by Qt when deleted."""

    def __init__(
        self,
        parent: QObject,
        prefix: str,
        trigger: Callable[[], None],
        enabled: Callable[[], bool],
        label: Callable[[], str],
        changed: SignalInstance,
    ) -> None:
        super().__init__(prefix, parent)
        self._prefix, self._enabled, self._label = prefix, enabled, label
        self.triggered.connect(lambda _checked=False: trigger())
        changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.setData(self._label())  # the step's own name, for a toolbar button's tooltip
        self.setEnabled(self._enabled())
        self.setText(f"{self._prefix} {self._label()}".strip())


def short_step_action(parent: QObject, text: str, tip: str, step: QAction) -> QAction:
    """A toolbar button with a short, fixed text for the undo or redo action, whose text
    names the step (a long name would push buttons into the toolbar's overflow); the step
    shows in its tooltip and status tip."""
    action = QAction(text, parent)
    action.triggered.connect(lambda _checked=False: step.trigger())

    def follow() -> None:
        action.setEnabled(step.isEnabled())
        name = step.data() if isinstance(step.data(), str) else ""
        action.setToolTip(tip.format(step=name) if name else text)
        action.setStatusTip(action.toolTip())

    step.changed.connect(follow)
    follow()
    return action
