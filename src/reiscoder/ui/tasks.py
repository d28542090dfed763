"""One helper for background work: the function runs on a pool thread, its result comes back
on the GUI thread. Workers never touch widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


class Task(QRunnable):
    """Runs ``work(report)``; ``report(x)`` sends progress to the GUI thread."""

    def __init__(self, work: Callable[[Callable[[Any], None]], Any]) -> None:
        super().__init__()
        self.relay = _Relay()
        self._work = work
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._work(self.relay.progress.emit)
        except Exception as error:
            self.relay.failed.emit(error)
        else:
            self.relay.finished.emit(result)


_running: set[Task] = set()


def run_task(
    work: Callable[[Callable[[Any], None]], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
) -> Task:
    task = Task(work)
    _running.add(task)
    if on_progress is not None:
        task.relay.progress.connect(on_progress)
    task.relay.finished.connect(
        lambda result: (_running.discard(task), on_done and on_done(result))
    )
    task.relay.failed.connect(lambda error: (_running.discard(task), on_error and on_error(error)))
    QThreadPool.globalInstance().start(task)
    return task


def wait_for_tasks(msecs: int = 30_000) -> bool:
    return QThreadPool.globalInstance().waitForDone(msecs)
