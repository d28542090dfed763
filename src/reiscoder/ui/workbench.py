"""The shared state of the main window: the open project, the coder, undo, and change events.

Panels get the workbench, never the main window. They read through :meth:`Workbench.reader`
and the read layer, change data only through the project's gateway (:meth:`Workbench.execute`
for an undoable operation, :meth:`Workbench.write` or :meth:`Workbench.announce` for bulk
writes), and refresh when :attr:`Workbench.changed` names a topic they show
(:attr:`Workbench.change_made` carries the whole change, rows included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from reiscoder.errors import UserError
from reiscoder.i18n import _
from reiscoder.model.project import Project
from reiscoder.ops.bus import ALL_TOPICS, Change, ChangeBus
from reiscoder.ops.changes import Outcome, Topic
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.gateway import Gateway, Operation
from reiscoder.ops.history import History
from reiscoder.ui.undo import UndoStack

T = TypeVar("T")
RECENT_CODES = 9
# Dragging selected transcript text onto a code carries "document_id start end" in this type.
SELECTION_MIME = "application/x-reiscoder-selection"


class Workbench(QObject):
    changed = Signal(object)  # frozenset[Topic]
    change_made = Signal(object)  # the whole Change (kind, label, topics, rows)
    history_shortened = Signal(int)  # undo steps dropped because a bulk write made them stale
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
    play_requested = Signal(int, int, int)  # document id, start, end: play that passage

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.coder_id: int | None = None
        self.bus = ChangeBus()
        self.bus.subscribe(self._announce)
        self.history = History()
        self.gateway: Gateway | None = None
        self.undo_stack = UndoStack(self.history, self.undo, self.redo, self)
        self.hidden_coder_ids: set[int] = set()
        self.recent_code_ids: list[int] = []  # most recently applied first
        self.recent_keys: dict[int, int] = {}  # code id -> its digit key, while it is recent
        self.current_document_id: int | None = None
        self.selected_code_ids: list[int] = []
        self.selection: tuple[int, int, int] | None = None  # document id, start, end
        self.offline = False  # a project on a server whose connection is lost
        from reiscoder.ui.privacy.switch import PseudonymSwitch  # imports this module

        self.pseudonyms = PseudonymSwitch(self)  # View > Show pseudonyms, for every panel

    # -- project ---------------------------------------------------------------------------

    def set_project(self, project: Project, coder_id: int) -> None:
        self.close_project()
        self.project, self.coder_id = project, coder_id
        self.gateway = Gateway(project, self.bus, self.history)
        self.project_opened.emit()

    def close_project(self) -> None:
        if self.project is None:
            return
        self.project_closing.emit()
        self.history.clear()
        self.project.close()
        self.project, self.gateway = None, None
        self.current_document_id = None
        self.recent_code_ids.clear()
        self.recent_keys.clear()
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
        if self.gateway is None:
            return None
        return self._attempt(lambda gateway: gateway.execute(operation))

    def write(
        self, label: str, work: Callable[[Session], T], topics: frozenset[Topic] = ALL_TOPICS
    ) -> T | None:
        """A bulk write that is not an undo step (a merge, a repair); None if it failed."""
        if self.gateway is None:
            return None
        return self._attempt(lambda gateway: gateway.write(label, work, topics))

    def announce(self, label: str, topics: frozenset[Topic] = ALL_TOPICS) -> None:
        """A bulk write was committed outside the gateway (an import's worker, a restore)."""
        if self.gateway is not None:
            dropped = self._attempt(lambda gateway: gateway.announce(label, topics))
            if dropped:
                self.history_shortened.emit(dropped)

    def undo(self) -> None:
        if self.gateway is not None:
            self._attempt(lambda gateway: gateway.undo())

    def redo(self) -> None:
        if self.gateway is not None:
            self._attempt(lambda gateway: gateway.redo())

    def set_offline(self, offline: bool) -> None:
        self.offline = offline

    def _attempt(self, action: Callable[[Gateway], T]) -> T | None:
        """Run ``action``; a refusal or fault becomes a message, never silence."""
        assert self.gateway is not None
        if self.offline:
            self.failed.emit(
                _("The connection to the server is lost; nothing can be changed until it is back.")
            )
            return None
        try:
            return action(self.gateway)
        except UserError as error:
            self.failed.emit(error.message)
        return None

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
        """A code was applied: it is the most recent one. A code keeps its digit key while it
        stays among the recent codes; a new one takes a free digit, or the least recently
        used code's."""
        if code_id in self.recent_code_ids:
            self.recent_code_ids.remove(code_id)
        elif len(self.recent_code_ids) >= RECENT_CODES:
            oldest = self.recent_code_ids.pop()
            self.recent_keys[code_id] = self.recent_keys.pop(oldest)
        else:
            taken = set(self.recent_keys.values())
            self.recent_keys[code_id] = min(set(range(1, RECENT_CODES + 1)) - taken)
        self.recent_code_ids.insert(0, code_id)
        self.recent_codes_changed.emit()

    def recent_code(self, key: int) -> int | None:
        """The code the digit ``key`` applies, if any."""
        return next((code for code, digit in self.recent_keys.items() if digit == key), None)

    def _announce(self, change: Change) -> None:
        self.changed.emit(change.topics)
        self.change_made.emit(change)

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
