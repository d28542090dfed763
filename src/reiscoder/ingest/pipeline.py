"""The second stage of an import: sentences computed by worker processes, written as they come.

The first stage (reading and storing files) runs in the caller's thread and hands each stored
document to this stage's queue, so that neither waits for the other: the worker processes
start (loading spaCy takes a second or two) while the first files are being read.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait

from reiscoder.ingest.compute import SegmentationJob, SegmentationResult, compute_sentences
from reiscoder.ingest.segmentation import load_job, write_sentences
from reiscoder.ingest.workers import discard_pool, segmentation_pool, submit
from reiscoder.model.project import Project

POLL_SECONDS = 0.05
_DONE = -1


class SentenceStage(threading.Thread):
    def __init__(self, project: Project, workers: int, segmented: Callable[[int], None]) -> None:
        super().__init__(name="reiscoder-sentences", daemon=True)
        self.project = project
        self.workers = workers
        self.segmented = segmented
        self.documents: queue.Queue[int] = queue.Queue()
        self.error: BaseException | None = None

    def add(self, document_id: int) -> None:
        self.documents.put(document_id)

    def finish(self) -> None:
        """Wait until every added document has its sentences."""
        self.documents.put(_DONE)
        self.join()
        if self.error is not None:
            raise self.error

    def run(self) -> None:
        try:
            pool = segmentation_pool(self.workers)
            left_over = self._dispatch(pool)
            if left_over:
                discard_pool(pool)
            for document_id in left_over:  # a worker process died: finish here
                self._write(compute_sentences(self._job(document_id)))
        except BaseException as error:
            self.error = error

    def _dispatch(self, pool: Executor) -> list[int]:
        pending: dict[Future, int] = {}
        left_over: list[int] = []
        finished = False
        while not finished or pending:
            finished = self._take_documents(pool, pending, left_over, block=not pending) or finished
            done, _rest = wait(list(pending), timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                document_id = pending.pop(future)
                try:
                    self._write(future.result())
                except (BrokenExecutor, OSError, EOFError, RuntimeError):
                    left_over.append(document_id)
        return left_over

    def _take_documents(
        self, pool: Executor, pending: dict, left_over: list[int], *, block: bool
    ) -> bool:
        """Submit every queued document; True once the end marker came."""
        while True:
            try:
                document_id = self.documents.get(block=block)
            except queue.Empty:
                return False
            if document_id == _DONE:
                return True
            try:
                pending[submit(pool, self._job(document_id))] = document_id
            except (BrokenExecutor, OSError, EOFError, RuntimeError):
                left_over.append(document_id)
            block = False

    def _job(self, document_id: int) -> SegmentationJob:
        with self.project.reader() as session:
            return load_job(session, document_id)

    def _write(self, result: SegmentationResult) -> None:
        if write_sentences(self.project, result):
            self.segmented(result.document_id)
