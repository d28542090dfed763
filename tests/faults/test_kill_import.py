"""A killed import (SIGKILL of the app) leaves no worker process, fork server or resource
tracker running.

The child imports a few transcripts with two worker processes; once the first document has
its sentences (so the workers are up and working), it reports their process numbers through
its stdout pipe and the parent kills it there: the kill point does not depend on timing.
"""

from __future__ import annotations

import os
import signal
import textwrap
import time

import psutil

from tests.factories import new_project
from tests.faults.children import run_until

IMPORTER = textwrap.dedent(
    """
    import multiprocessing.forkserver as forkserver
    import multiprocessing.resource_tracker as tracker
    import sys, time
    from pathlib import Path
    from reiscoder.ingest import workers
    from reiscoder.ingest.batch import ImportListener, ImportOptions, import_files
    from reiscoder.model.project import Project

    def segmented(document_id):
        pids = [pid for pool in workers._pools.values() for pid in pool._processes]
        server = getattr(forkserver._forkserver, "_forkserver_pid", None)
        helper = getattr(tracker._resource_tracker, "_pid", None)
        print(" ".join(str(pid) for pid in [*pids, server, helper] if pid), flush=True)
        time.sleep(600)

    project = Project.open(sys.argv[1])
    files = [Path(name) for name in sys.argv[2:]]
    options = ImportOptions(coder="Anna", workers=2)
    import_files(project, files, options, ImportListener(segmented=segmented))
    """
)

TRANSCRIPT = "Interviewer: Hoe gaat het met u?\n\nFatima: Goed. Het gaat prima, dank u.\n"


def running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_no_worker_outlives_a_killed_import(tmp_path):
    path = tmp_path / "p.reis"
    new_project(path).close()
    files = []
    for number in range(6):
        file = tmp_path / f"gesprek-{number}.txt"
        file.write_text(TRANSCRIPT * (number + 1), encoding="utf-8")
        files.append(str(file))
    line = run_until(IMPORTER, str(path), *files, point="")
    pids = [int(pid) for pid in line.split()]
    assert len(pids) >= 4, f"the workers, fork server and tracker were not up: {line!r}"
    deadline = time.monotonic() + 10
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in pids if running(pid)]
    for pid in survivors:  # do not leave them behind for the next test
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], "worker processes outlived the killed import"
