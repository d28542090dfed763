"""Benchmark of a team on one server project (issue 17), on a local PostgreSQL server.

Eight simulated coders, each in a process of its own, apply ten codings a second for
``--seconds`` seconds on the 100-document benchmark project (800,000 words, 20,000 codings):
printed are p50/p95 of applying a code (the gateway's transaction, as the window waits for
it), the time until a colleague's coding is heard by another window (commit to
notification), and the time to open that project from the server and show it in the main
window with its panels painted. Goals: p95 < 100 ms, heard < 1 s, open < 2 s.
Run: .venv/bin/python -m bench.team  (needs Debian's postgresql package)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bench import analysis
from reiscoder.model import Code, Document
from reiscoder.model.server import invite, open_server
from reiscoder.model.server_changes import ChangeListener
from reiscoder.model.transfer import publish
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.gateway import Gateway
from tests.server.pgserver import start_server

CODERS, RATE = 8, 10.0
GOALS = {"apply p95": 0.100, "heard p95": 1.0, "open": 2.0}


def coder(url: str, pgpass: str, seconds: float, results: multiprocessing.Queue) -> None:
    os.environ["PGPASSFILE"] = pgpass
    with open_server(url) as project:
        gateway = Gateway(project)
        me = project.server.coder_id
        with project.reader() as session:
            documents = list(session.scalars(select(Document.id)))
            codes = list(session.scalars(select(Code.id).where(Code.parent_id.is_not(None))))
        latencies, commits = [], []
        begin = time.perf_counter()
        for number in range(int(seconds * RATE)):
            time.sleep(max(0.0, begin + number / RATE - time.perf_counter()))
            document, code = documents[number % len(documents)], codes[number % len(codes)]
            start = (number * 37) % 4000
            started = time.perf_counter()
            gateway.execute(
                lambda s, d=document, c=code, a=start: apply_coding(s, d, c, me, a, a + 30)
            )
            latencies.append(time.perf_counter() - started)
            commits.append(time.time())
        results.put((project.server.login, latencies, commits))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def heard_delays(heard: list[tuple[str, float]], commits: dict[str, list[float]]) -> list[float]:
    """For every commit, how long until the first notification of that coder after it."""
    delays = []
    for login, times in commits.items():
        mine = sorted(t for who, t in heard if who == login)
        for committed in times:
            later = next((t for t in mine if t >= committed - 0.005), None)
            if later is not None:
                delays.append(max(0.0, later - committed))
    return delays


def open_in_window(url: str) -> float:
    from PySide6.QtWidgets import QApplication

    from reiscoder.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.show()
    app.processEvents()
    started = time.perf_counter()
    window.open_project(open_server(url, "Anna de Vries"))
    app.processEvents()
    window.repaint()
    seconds = time.perf_counter() - started
    window.workbench.close_project()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    server = start_server()
    os.environ["PGPASSFILE"] = str(server.folder / "pgpass")
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "team.reis"
            analysis.DOCUMENTS, analysis.CODINGS = 100, 20_000
            analysis.build(path)
            server.psql("postgres", "CREATE DATABASE team")
            publish(path, server.url("team"), "Anna de Vries")
        opened = open_in_window(server.url("team"))
        figures = run_coders(server, args.seconds)
        figures["open"] = opened
    finally:
        server.stop()
    for name, value in figures.items():
        goal = GOALS.get(name)
        ratio = f"  ({value / goal:.2f} of the goal {goal * 1000:.0f} ms)" if goal else ""
        print(f"{name:>12}: {value * 1000:8.1f} ms{ratio}")
    return 0


def run_coders(server, seconds: float) -> dict[str, float]:
    logins = []
    for number in range(CODERS):
        login = f"coder{number}"
        server.add_password(login, invite(server.url("team"), login, "coder", f"Coder {number}"))
        logins.append(login)
    heard: list[tuple[str, float]] = []
    lock = threading.Lock()

    def hear(_table: str, login: str) -> None:
        with lock:
            heard.append((login, time.time()))

    observer = open_server(server.url("team"), "Anna de Vries")
    listener = ChangeListener(observer.server, hear, lambda _up: None)
    listener.start()
    listener.connected.wait(10)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    pgpass = os.environ["PGPASSFILE"]
    processes = [
        context.Process(target=coder, args=(server.url("team", login), pgpass, seconds, results))
        for login in logins
    ]
    for process in processes:
        process.start()
    collected = [results.get(timeout=seconds * 10 + 60) for _ in processes]
    for process in processes:
        process.join()
    time.sleep(0.5)
    listener.stop()
    observer.close()
    latencies = [value for _login, values, _commits in collected for value in values]
    delays = heard_delays(heard, {login: commits for login, _v, commits in collected})
    return {
        "apply p50": statistics.median(latencies),
        "apply p95": percentile(latencies, 0.95),
        "heard p50": statistics.median(delays),
        "heard p95": percentile(delays, 0.95),
    }


if __name__ == "__main__":
    sys.exit(main())
