"""The shared state of the main window: the open project, the coder, undo, and change events.

Panels get the workbench, never the main window. They read through :meth:`Workbench.reader`
and the query functions of the core, change data only through :meth:`Workbench.execute`, and
refresh when :attr:`Workbench.changed` names a topic they show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from reiscoder.model.errors import OperationError, ProjectError
from reiscoder.model.project import Project
from reiscoder.ops.changes import ChangeSet, Outcome, Topic
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.commands import ChangeCommand

Operation = Callable[[Session], Outcome]
RECENT_CODES = 9
# Dragging selected transcript text onto a code carries "document_id start end" in this type.
SELECTION_MIME = "application/x-reiscoder-selection"


class Workbench(QObject):
    changed = Signal(object)  # frozenset[Topic]
    project_opened = Signal()
    project_closing = Signal()  # still open: the last chance to save what is being typed
    project_closed = Signal()
    failed = Signal(str)  # a message for the user: an operation could not be done
    document_requested = Signal(int, int, int)  # document id, start, end (-1: no range)
    codes_selected = Signal(list)  # code ids chosen in the codebook
    coding_selected = Signal(int)
    coder_filter_changed = Signal()
    recent_codes_changed = Signal()
    selection_changed = Signal()  # the text selected in the transcript changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.coder_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self.hidden_coder_ids: set[int] = set()
        self.recent_code_ids: list[int] = []
        self.current_document_id: int | None = None
        self.selected_code_ids: list[int] = []
        self.selection: tuple[int, int, int] | None = None  # document id, start, end
        from reiscoder.ui.privacy.switch import PseudonymSwitch  # imports this module

        self.pseudonyms = PseudonymSwitch(self)  # View > Show pseudonyms, for every panel

    # -- project ---------------------------------------------------------------------------

    def set_project(self, project: Project, coder_id: int) -> None:
        self.close_project()
        self.project, self.coder_id = project, coder_id
        self.project_opened.emit()

    def close_project(self) -> None:
        if self.project is None:
            return
        self.project_closing.emit()
        self.undo_stack.clear()
        self.project.close()
        self.project = None
        self.current_document_id = None
        self.recent_code_ids.clear()
        self.project_closed.emit()

    @property
    def read_only(self) -> bool:
        return self.project is None or self.project.read_only

    @contextmanager
    def reader(self) -> Iterator[Session]:
        assert self.project is not None
        with self.project.reader() as session:
            yield session

    # -- changing data ---------------------------------------------------------------------

    def execute(self, operation: Operation) -> Outcome | None:
        """Run an operation as one transaction and one undoable step; None if it failed."""
        if self.project is None:
            return None
        try:
            with self.project.transaction() as session:
                outcome = operation(session)
        except (OperationError, ProjectError) as error:
            self.failed.emit(error.message)
            return None
        if outcome.changes.entries:
            command = ChangeCommand(outcome.label, outcome.changes, self._apply, self._notify)
            self.undo_stack.push(command)
            self._notify(outcome.topics)
        return outcome

    def code_selection(self, document_id: int, code_id: int, start: int, end: int) -> int | None:
        """Apply a code as the current coder; returns the new coding's id."""
        assert self.coder_id is not None
        coder = self.coder_id
        outcome = self.execute(lambda s: apply_coding(s, document_id, code_id, coder, start, end))
        if outcome is None:
            return None
        self.remember_code(code_id)
        return outcome.created_id

    def set_selection(self, selection: tuple[int, int, int] | None) -> None:
        """The transcript reports its (word-snapped) selection here; None when there is none."""
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit()

    def code_current_selection(self, code_id: int) -> int | None:
        """Apply ``code_id`` to the selected text (double-click or drop on a code, shortcut)."""
        if self.selection is None:
            return None
        document_id, start, end = self.selection
        return self.code_selection(document_id, code_id, start, end)

    def selected_text(self) -> str:
        if self.selection is None or self.project is None:
            return ""
        from reiscoder.read.transcript import document_text

        document_id, start, end = self.selection
        with self.reader() as session:
            return document_text(session, document_id)[start:end]

    def remember_code(self, code_id: int) -> None:
        if code_id in self.recent_code_ids:
            self.recent_code_ids.remove(code_id)
        self.recent_code_ids.insert(0, code_id)
        del self.recent_code_ids[RECENT_CODES:]
        self.recent_codes_changed.emit()

    def _apply(self, change: Callable[[Session], ChangeSet]) -> ChangeSet:
        assert self.project is not None
        with self.project.transaction() as session:
            return change(session)

    def _notify(self, topics: frozenset[Topic]) -> None:
        self.changed.emit(topics)

    # -- what is shown ---------------------------------------------------------------------

    def show_document(self, document_id: int, start: int = -1, end: int = -1) -> None:
        self.current_document_id = document_id
        self.document_requested.emit(document_id, start, end)

    def set_coder_hidden(self, coder_id: int, hidden: bool) -> None:
        if hidden:
            self.hidden_coder_ids.add(coder_id)
        else:
            self.hidden_coder_ids.discard(coder_id)
        self.coder_filter_changed.emit()
