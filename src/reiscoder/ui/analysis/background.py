"""The analysis tabs read on a pool thread, one read at a time, the newest request first.

A tab asks :meth:`Reads.start` with a function of a read session (it runs on the pool
thread and touches no widget) and what to do with its result (on the GUI thread). A newer
request supersedes an older one: a request still waiting is skipped, a result that comes
after a newer request is dropped, and so is every result once the tab is gone. Reads of all
analysis windows share one thread, so that the pseudonymised copy of a project (one SQLite
connection) is never read by two of them at once; :func:`wait_for_reads` lets the project
close after the read that runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from sqlalchemy.orm import Session

from reiscoder.ui.tasks import Task
from reiscoder.ui.workbench import Workbench

_pool: QThreadPool | None = None
_running: set[Task] = set()


def _the_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)  # the thread stays: no start-up cost for the next read
    return _pool


def wait_for_reads(msecs: int = 30_000) -> bool:
    """Wait for the read that runs (the ones waiting were superseded or are left)."""
    return _pool is None or _pool.waitForDone(msecs)


@dataclass(frozen=True)
class _Outcome:
    generation: int
    result: Any = None
    error: BaseException | None = None
    skipped: bool = False


class Reads(QObject):
    """The reads of one tab: ``busy`` from a request until its result is shown."""

    busy_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, workbench: Workbench, parent: QObject) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.generation = 0
        self._latest = [0]  # the newest request, as the pool thread sees it (no Qt object)
        self.busy = False
        self._done: Callable[[Any], None] | None = None

    def start(self, work: Callable[[Session], Any], done: Callable[[Any], None]) -> None:
        """Read ``work(session)`` on the pool thread; ``done(result)`` shows it (GUI thread)."""
        self.generation += 1
        self._latest[0] = generation = self.generation
        self._done = done
        pseudonyms, latest = self.workbench.pseudonyms, self._latest

        def job(_report: Callable[[Any], None]) -> _Outcome:
            if generation != latest[0]:  # a newer request came while this one waited
                return _Outcome(generation, skipped=True)
            try:
                with pseudonyms.reader() as session:
                    return _Outcome(generation, work(session))
            except Exception as error:  # shown on the GUI thread, if still wanted
                return _Outcome(generation, error=error)

        task = Task(job)
        _running.add(task)
        task.relay.finished.connect(self._finished)  # dropped with this object
        task.relay.finished.connect(lambda _o, t=task: _running.discard(t))
        self._set_busy(True)
        _the_pool().start(task)

    def cancel(self) -> None:
        """Forget every request: a result still to come is dropped."""
        self.generation += 1
        self._latest[0] = self.generation
        self._done = None
        self._set_busy(False)

    def _finished(self, outcome: _Outcome) -> None:
        if outcome.generation != self.generation or self._done is None:
            return  # superseded: the newer request shows its own result
        done, self._done = self._done, None
        self._set_busy(False)
        if outcome.error is not None:
            self.failed.emit(str(outcome.error) or type(outcome.error).__name__)
            return
        done(outcome.result)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)
