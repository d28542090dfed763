"""Background work of the Documents panel: importing files and finishing segmentation.

The work runs on a pool thread (:func:`reiscoder.ui.tasks.run_task`). It reports through
the run's signals, which are emitted from that thread and delivered to slots in the GUI
thread by Qt's queued connections; no widget is touched from the worker. Cancelling sets a
flag that the worker reads between files (or documents).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import SQLAlchemyError

from reiscoder.errors import UserError
from reiscoder.ingest.batch import FileReport, ImportListener, ImportOptions, import_files
from reiscoder.ingest.segmentation import segment_document
from reiscoder.model import faults
from reiscoder.model.project import Project
from reiscoder.read.documents import load_document_table
from reiscoder.read.progress import ProgressCache
from reiscoder.ui.tasks import Task, run_task


class Run(QObject):
    """Common to both runs: start once, cancel, and say when it is over."""

    finished = Signal(object)  # the result of the work
    failed = Signal(str)  # an unexpected error, as text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._ended = threading.Event()
        self.task: Task | None = None
        self.running = False

    def cancel(self) -> None:
        """Thread-safe: the worker stops before its next file or document."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        self.running = True
        self.task = run_task(lambda _report: self._work(), self._done, self._error)

    def wait(self, seconds: float) -> bool:
        """Block until the worker has returned (after :meth:`cancel`); False on time-out."""
        return not self.running or self._ended.wait(seconds)

    def _work(self) -> Any:
        try:
            return self.work()
        finally:
            self._ended.set()

    def work(self) -> Any:
        raise NotImplementedError

    def _done(self, result: object) -> None:
        self.running = False
        self.finished.emit(result)

    def _error(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(describe_failure(error))


def describe_failure(error: BaseException) -> str:
    """What stopped a run, in plain words: a refusal as it was said, a fault of the disk or
    the file explained (see :mod:`reiscoder.model.faults`), anything else named and logged."""
    if isinstance(error, UserError):
        return error.message
    if isinstance(error, sqlite3.Error | SQLAlchemyError | OSError):
        return faults.user_error(error).message
    faults.log.error("a background run failed", exc_info=error)
    return str(error) or type(error).__name__


class ImportRun(Run):
    """Imports files; each stored document is announced at once, so it can be opened."""

    stored = Signal(object, int, int)  # FileReport, files done, files in all
    segmented = Signal(int)  # document id whose sentences are written

    def __init__(
        self,
        project: Project,
        paths: Sequence[Path],
        options: ImportOptions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.paths = list(paths)
        self.options = options
        self.reports: list[FileReport] = []

    def work(self) -> list[FileReport]:
        listener = ImportListener(
            stored=lambda report, done, total: self.stored.emit(report, done, total),
            segmented=self.segmented.emit,
            cancelled=self._cancel.is_set,
        )
        return import_files(self.project, self.paths, self.options, listener)

    def _done(self, result: object) -> None:
        self.reports = list(result)  # type: ignore[call-overload]
        super()._done(result)


class SegmentRun(Run):
    """Computes the sentences of documents left "segmenting" (an import was interrupted)."""

    segmented = Signal(int, int, int)  # document id, documents done, documents in all

    def __init__(
        self, project: Project, document_ids: Sequence[int], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.document_ids = list(document_ids)

    def work(self) -> int:
        done = 0
        for number, document_id in enumerate(self.document_ids, start=1):
            if self.cancelled:
                break
            done += segment_document(self.project, document_id)
            self.segmented.emit(document_id, number, len(self.document_ids))
        return done


class CountRun(Run):
    """Counts the coded sentences of every document, for a project too big to do it at once."""

    def __init__(
        self, project: Project, hidden_coder_ids: Collection[int], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.hidden_coder_ids = set(hidden_coder_ids)

    def work(self) -> ProgressCache:
        cache = ProgressCache()
        with self.project.reader() as session:
            load_document_table(session, self.hidden_coder_ids, cache)
        return cache
