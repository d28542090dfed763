"""Worker processes for the language processing, so that import uses every core."""

from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import Executor, Future, ProcessPoolExecutor

from reiscoder.ingest.segmentation import SegmentationJob, SegmentationResult, compute_sentences


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
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_up)


def submit(pool: Executor, job: SegmentationJob) -> Future[SegmentationResult]:
    return pool.submit(compute_sentences, job)
