"""The one way a project is changed: operations, bulk writes, undo and redo.

Every write goes through a :class:`Gateway` and is announced on its :class:`ChangeBus`:

- :meth:`Gateway.execute` runs an operation (a function returning an
  :class:`~reiscoder.ops.changes.Outcome`) as one transaction and records it as an undo step;
- :meth:`Gateway.write` runs a bulk write that is not an undo step (a merge, a repair) and
  :meth:`Gateway.announce` tells of one made elsewhere (an import's worker, a restore). Both are
  barriers: afterwards the history keeps only the steps that can still be undone, so it never
  offers a step the database can no longer take;
- :meth:`Gateway.undo` and :meth:`Gateway.redo` replay a step; if it cannot be replayed after
  all (its rows changed since), nothing changes, the step is dropped, and a
  :class:`~reiscoder.ops.changes.StaleChange` says why in plain words.

Every failure is a :class:`~reiscoder.errors.UserError`; nothing was written then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reiscoder.errors import UserError
from reiscoder.i18n import _
from reiscoder.model.faults import user_error
from reiscoder.model.project import Project
from reiscoder.model.server import is_collision, last_changed_by, server_refusal
from reiscoder.ops.bus import ALL_TOPICS, Change, ChangeBus, ChangeKind
from reiscoder.ops.changes import Outcome, StaleChange, Topic, revert
from reiscoder.ops.history import History

Operation = Callable[[Session], Outcome]
T = TypeVar("T")


class WriteFault(UserError):
    """The database or the disk refused a write; nothing of it was saved."""


ATTEMPTS = 4  # a transaction that collided with a colleague's is tried again this often


def _fault(project: Project, error: SQLAlchemyError | sqlite3.Error | OSError) -> UserError:
    if project.server is not None and isinstance(error, SQLAlchemyError):
        refusal = server_refusal(error, project.server)
        if refusal is not None:
            return WriteFault(refusal)
    place = project.path if project.path is not None else project.location
    doing = _("The change could not be saved; nothing of it was written")
    return WriteFault(user_error(error, place, doing=doing).message)


class Gateway:
    def __init__(
        self, project: Project, bus: ChangeBus | None = None, history: History | None = None
    ) -> None:
        self.project = project
        self.bus = bus if bus is not None else ChangeBus()
        self.history = history if history is not None else History()

    # -- writing ---------------------------------------------------------------------------

    def _run(self, work: Callable[[Session], T]) -> T:
        """``work`` in one transaction, tried again when it collided with a colleague's."""
        for attempt in range(ATTEMPTS):
            try:
                with self.project.transaction() as session:
                    return work(session)
            except (SQLAlchemyError, sqlite3.Error, OSError) as error:
                if attempt + 1 < ATTEMPTS and is_collision(error):
                    continue
                raise _fault(self.project, error) from error
        raise AssertionError("unreachable")

    def execute(self, operation: Operation) -> Outcome:
        """Run ``operation`` as one transaction and one undo step."""
        outcome = self._run(operation)
        if outcome.changes.entries:
            self.history.record(outcome.label, outcome.changes)
            self.bus.publish(
                Change(ChangeKind.DONE, outcome.label, outcome.topics, outcome.changes)
            )
        return outcome

    def write(
        self, label: str, work: Callable[[Session], T], topics: frozenset[Topic] = ALL_TOPICS
    ) -> T:
        """Run a bulk write that is not an undo step, as one transaction; a barrier."""
        result = self._run(work)
        self.announce(label, topics)
        return result

    def announce(self, label: str, topics: frozenset[Topic] = ALL_TOPICS) -> int:
        """A bulk write was committed elsewhere; returns how many undo steps had to go."""
        dropped = self.keep_what_can_be_undone()
        self.bus.publish(Change(ChangeKind.BULK, label, topics))
        return dropped

    def receive(self, change: Change) -> None:
        """A change someone else made (a colleague): shown at once, checked at undo time."""
        self.bus.publish(change)

    # -- undo and redo ---------------------------------------------------------------------

    def undo(self) -> Change | None:
        step = self.history.undo_step
        if step is None:
            return None
        try:
            redo = self._run(lambda session: revert(session, step.changes))
        except StaleChange as error:
            self.history.drop(self.history.index - 1)
            message = _("“{step}” can no longer be undone: {reason}.")
            raise StaleChange(message.format(step=step.label, reason=self._why(error))) from error
        self.history.undone(redo)
        change = Change(ChangeKind.UNDONE, step.label, redo.topics, redo)
        self.bus.publish(change)
        return change

    def redo(self) -> Change | None:
        step = self.history.redo_step
        if step is None:
            return None
        try:
            undo = self._run(lambda session: revert(session, step.changes))
        except StaleChange as error:
            self.history.drop(self.history.index)
            message = _("“{step}” can no longer be redone: {reason}.")
            raise StaleChange(message.format(step=step.label, reason=self._why(error))) from error
        self.history.redone(undo)
        change = Change(ChangeKind.REDONE, step.label, undo.topics, undo)
        self.bus.publish(change)
        return change

    def _why(self, error: StaleChange) -> str:
        """Why a step is stale; on a server, who changed the row since."""
        if self.project.server is None or error.row_id is None:
            return error.message
        with self.project.reader() as session:
            who = last_changed_by(session, error.table, error.row_id)
        if who is None or who == self.project.server.coder_name:
            return error.message
        return _("{who} has changed {what} since").format(who=who, what=error.what)

    def keep_what_can_be_undone(self) -> int:
        """Try every done step's undo, newest first, in a transaction that is rolled back;
        drop the steps that fail and everything to redo. Returns how many steps went."""
        history = self.history
        failed = []
        if history.index:
            try:
                with self.project.trial() as session:
                    for number in reversed(range(history.index)):
                        try:
                            with session.begin_nested():
                                revert(session, history.steps[number].changes)
                        except UserError:
                            failed.append(number)
            except (SQLAlchemyError, sqlite3.Error, OSError) as error:
                raise _fault(self.project, error) from error
        before = len(history)
        history.drop_redo()
        for number in failed:  # newest first, so the numbers of the others stay right
            history.drop(number)
        return before - len(history)
