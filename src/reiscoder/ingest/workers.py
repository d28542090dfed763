"""Worker processes for the language processing, so that import uses every core."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from typing import ParamSpec, TypeVar

import psutil

from reiscoder.ingest.compute import SegmentationJob, SegmentationResult, compute_sentences

_P = ParamSpec("_P")
_T = TypeVar("_T")
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_WATCH_SECONDS = 0.5


def _start_worker(parent_pid: int) -> None:
    """Each worker's initializer: die with the app, then load the Dutch pipeline."""
    die_with_parent(parent_pid)
    from reiscoder.nlp import pipeline_name

    pipeline_name()


def die_with_parent(parent_pid: int) -> None:
    """End this worker when the app that started it ends, even by SIGKILL.

    On Linux the kernel sends SIGKILL when the worker's parent (the fork server, which exits
    when the app does) ends; everywhere a watcher thread also ends the worker once the app's
    process is gone. Without this, the workers of a killed import kept running until logout.
    """
    _set_parent_death_signal()
    if not _alive(parent_pid):
        os._exit(1)
    threading.Thread(
        target=_watch_parent, args=(parent_pid,), name="reiscoder-parent-watch", daemon=True
    ).start()


def _set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _watch_parent(parent_pid: int) -> None:
    while _alive(parent_pid):
        time.sleep(PARENT_WATCH_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:
        return True


class InlineExecutor(Executor):
    """Runs jobs in the calling thread: for one small document, or where processes can't be."""

    def submit(self, fn: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        future: Future[_T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


def segmentation_pool(workers: int) -> Executor:
    """The process pool whose workers have the Dutch pipeline loaded; inline work for 0.

    One pool per process, kept for later imports: its workers start once (a second or two for
    spaCy), so an app that warms it when a project opens imports without that wait. A pool
    whose processes died is replaced.
    """
    if workers <= 0:
        return InlineExecutor()
    with _pools_lock:
        pool = _pools.get(workers)
        if pool is None or getattr(pool, "_broken", False):
            pool = _pools[workers] = _new_pool(workers)
        return pool


def warm_up(workers: int = 2) -> None:
    """Start the worker processes now, in the background (e.g. when a project opens)."""
    segmentation_pool(workers)


def wait_until_ready(workers: int = 2) -> None:
    """Block until the worker processes run (for benchmarks and tests)."""
    segmentation_pool(workers).submit(_nothing).result()


def discard_pool(pool: Executor) -> None:
    """Forget a pool that failed, so that the next import starts a fresh one."""
    with _pools_lock:
        for key, known in list(_pools.items()):
            if known is pool:
                del _pools[key]
    if isinstance(pool, ProcessPoolExecutor):
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown_pools() -> None:
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # The fork server builds the pipeline once; its forked workers share it.
        context.set_forkserver_preload(["reiscoder.ingest.preload"])
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    # Starting the workers waits for the fork server to load spaCy: do that in the
    # background, so the first files are read and stored meanwhile.
    threading.Thread(target=_start, args=(pool,), daemon=True).start()
    return pool


_pools: dict[int, ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()
atexit.register(shutdown_pools)


def _start(pool: ProcessPoolExecutor) -> None:
    with contextlib.suppress(RuntimeError, OSError, BrokenExecutor):
        pool.submit(_nothing)


def _nothing() -> None:
    return None


def submit(pool: Executor, job: SegmentationJob) -> Future[SegmentationResult]:
    return pool.submit(compute_sentences, job)
