"""The second stage of an import: sentences computed by worker processes, written as they come.

The first stage (reading and storing files) runs in the caller's thread and hands each stored
document to this stage's queue, so that neither waits for the other: the worker processes
start (loading spaCy takes a second or two) while the first files are being read.

A document goes to the workers as parts of a few hundred thousand characters, and only a few
parts are out at a time, written in order as they return: memory stays in proportion to one
document, however long, not to the whole import. A turn longer than a part (a book on one
line) is computed here, piece by piece, as it is written.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass

from reiscoder.ingest.compute import SegmentationJob, SegmentationResult, part_jobs, sentence_parts
from reiscoder.ingest.segmentation import SentenceWriter, load_job
from reiscoder.ingest.workers import discard_pool, segmentation_pool, submit
from reiscoder.model.project import Project

POLL_SECONDS = 0.05
_DONE = -1
_POOL_FAULTS = (BrokenExecutor, OSError, EOFError, RuntimeError)


@dataclass
class _Part:
    job: SegmentationJob
    writer: SentenceWriter
    last: bool
    future: Future[SegmentationResult] | None  # None: computed here when it is written


class SentenceStage(threading.Thread):
    def __init__(self, project: Project, workers: int, segmented: Callable[[int], None]) -> None:
        super().__init__(name="reiscoder-sentences", daemon=True)
        self.project = project
        self.workers = workers
        self.segmented = segmented
        self.documents: queue.Queue[int] = queue.Queue()
        self.error: BaseException | None = None
        self.pool: Executor | None = None
        self.limit = 2 * workers + 1 if workers > 0 else 1  # parts out at a time

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
            if self.workers > 0:
                self.pool = segmentation_pool(self.workers)
            self._work()
        except BaseException as error:
            self.error = error

    def _work(self) -> None:
        out: deque[_Part] = deque()
        parts: Iterator[_Part] = iter(())
        finished = False
        while True:
            while len(out) < self.limit:  # keep a few parts out
                part = next(parts, None)
                if part is not None:
                    out.append(part)
                    continue
                if finished:
                    break
                document_id = self._next_document(block=not out)
                if document_id is None:
                    break
                if document_id == _DONE:
                    finished = True
                    break
                parts = self._parts(document_id)
            if not out:
                return
            head = out[0].future
            if head is not None and not head.done():
                wait([head], timeout=POLL_SECONDS)  # and take new documents meanwhile
                continue
            self._write(out.popleft())

    def _next_document(self, *, block: bool) -> int | None:
        try:
            return self.documents.get(block=block)
        except queue.Empty:
            return None

    def _parts(self, document_id: int) -> Iterator[_Part]:
        with self.project.reader() as session:
            job = load_job(session, document_id)
        writer = SentenceWriter(self.project, document_id)
        previous: SegmentationJob | None = None
        for piece in part_jobs(job):
            if previous is not None:
                yield _Part(previous, writer, False, self._submit(previous))
            previous = piece
        if previous is not None:
            yield _Part(previous, writer, True, self._submit(previous))

    def _submit(self, job: SegmentationJob) -> Future[SegmentationResult] | None:
        if self.pool is None or job.long:
            return None
        try:
            return submit(self.pool, job)
        except _POOL_FAULTS:
            self._lose_pool()
            return None

    def _write(self, part: _Part) -> None:
        results: Iterable[SegmentationResult]
        if part.future is None:
            results = sentence_parts(part.job)
        else:
            try:
                results = [part.future.result()]
            except _POOL_FAULTS:  # a worker process died: finish here
                self._lose_pool()
                results = sentence_parts(part.job)
        pipeline = ""
        for result in results:
            part.writer.add(result)
            pipeline = result.pipeline
        if part.last and part.writer.finish(pipeline):
            self.segmented(part.writer.document_id)

    def _lose_pool(self) -> None:
        if self.pool is not None:
            discard_pool(self.pool)
            self.pool = None
