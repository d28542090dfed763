"""Worker processes for the language processing, so that import uses every core."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor

from reiscoder.ingest.compute import SegmentationJob, SegmentationResult, compute_sentences


def _warm_up() -> None:
    from reiscoder.nlp import pipeline_name

    pipeline_name()


class InlineExecutor(Executor):
    """Runs jobs in the calling thread: for one small document, or where processes can't be."""

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN201 - Executor's signature
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - handed to the caller via the future
            future.set_exception(error)
        return future


def segmentation_pool(workers: int) -> Executor:
    """A process pool whose workers have the Dutch pipeline loaded, or inline work for 0."""
    if workers <= 0:
        return InlineExecutor()
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # The fork server builds the pipeline once; its forked workers share it.
        context.set_forkserver_preload(["reiscoder.ingest.preload"])
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up)
    # Starting the workers waits for the fork server to load spaCy (a second or two): do that
    # in the background, so the first files are read and stored meanwhile.
    threading.Thread(target=_start, args=(pool,), daemon=True).start()
    return pool


def _start(pool: ProcessPoolExecutor) -> None:
    with contextlib.suppress(RuntimeError, OSError, BrokenExecutor):
        pool.submit(_nothing)


def _nothing() -> None:
    return None


def submit(pool: Executor, job: SegmentationJob) -> Future[SegmentationResult]:
    return pool.submit(compute_sentences, job)
