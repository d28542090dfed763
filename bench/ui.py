"""Benchmark of the workbench (issues 4 and 11), offscreen, on generated data.

Every figure is timed as the user waits: from the action until every panel that listens has
refreshed and the window has painted it (pending refresh timers of the panels included).

- showing a 20,000-word document with 1,000 overlapping codings (goal 150 ms);
- applying one code with Ctrl+Return on a selection, in the main window with every panel,
  median and 95th percentile over 100, on that document and on a document of the
  100-document project (800,000 words, 20,000 codings, 150 codes): goal 16 ms median;
- switching documents in the main window (goal 100 ms);
- opening the 100-document project, from the open action until the window shows it painted
  (goal 0.2 s), in a fresh process;
- peak memory of that process with the project open, every document shown once and every
  panel shown (goal 300 MB, worker processes not included);
- for a project of 300 documents the time from process start until the window is shown.

QualCoder on this machine kind (shared/research/peer-baselines.md): 4.0 s to show such a
document, 46 ms to add a coding.
Run: .venv/bin/python bench/ui.py [--keep FOLDER] [--runs N] [--memory-top N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import insert, select, update

from bench.corpus import transcript_text
from reiscoder.ingest.store import store_transcript
from reiscoder.model import Code, Coding, Document, Memo
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.parsing import parse_text
from reiscoder.read.layers import snap_to_words
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template
from reiscoder.ui.transcript.panel import TranscriptPanel
from reiscoder.ui.workbench import Workbench

QUALCODER_SHOW_S = 4.0
QUALCODER_ADD_MS = 46.0
GOALS = {"show": 0.150, "apply": 0.016, "switch": 0.100, "open": 0.200, "memory": 300.0}
BIG_DOCUMENTS, BIG_WORDS, BIG_CODINGS = 100, 8_000, 20_000
# A panel's pending refresh (they wait 0-120 ms) is part of the wait; work started later on
# purpose (counting a big project's sentences, starting the import workers) is not.
WAITED_TIMER_MS = 300
STARTUP = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from reiscoder.ui.app import make_application
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.settings import Settings
app = make_application()
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
settings.coder_name = "Bench"
window = MainWindow(settings)
window.open_path(Path(sys.argv[1]))
window.show()
app.processEvents()
print("shown", flush=True)
window.workbench.close_project()
"""


def random_codings(text: str, document: int, codes: list[int], coder: int, n: int) -> list[dict]:
    rng = random.Random(7)
    words = [i for i in range(1, len(text)) if text[i - 1] == " "]
    rows, seen = [], set()
    while len(rows) < n:
        first = rng.randrange(len(words) - 70)
        start, end = snap_to_words(text, words[first], words[first + rng.randint(5, 60)])
        key = (start, end, rng.choice(codes))
        if key not in seen:
            seen.add(key)
            rows.append(
                dict(
                    document_id=document,
                    code_id=key[2],
                    coder_id=coder,
                    start=start,
                    end=end,
                    quote=text[start:end],
                    uuid=f"b{document}-{len(rows)}",
                )
            )
    return rows


def build(path: Path, documents: int = 2) -> list[int]:
    with Project.create(path, "bench") as project, project.transaction() as session:
        coder = coder_id_for(session, "Bench")
        apply_template(session, load_template(DEFAULT_TEMPLATE))
        codes = list(session.scalars(select(Code.id)))
        ids = []
        for number in range(documents):
            words = 20_000 if number < 2 else 2_000
            parsed = parse_text(transcript_text(words, seed=number))
            ids.append(store_transcript(session, parsed, name=f"Gesprek {number + 1}"))
            count = 1000 if number < 2 else 20
            session.execute(
                insert(Coding), random_codings(parsed.text, ids[-1], codes, coder, count)
            )
        session.execute(update(Document).values(segmentation="ready"))
    return ids


def build_big(path: Path) -> None:
    """The 100-document project of issue 11: 800,000 words, 20,000 codings, 150 codes, two
    coders, sentences, cases with a role, an etappe per document and 400 memos."""
    from bench import analysis, export  # not imported where memory is measured
    from reiscoder.model.fulltext import index_sentences
    from reiscoder.ops.attributes import create_attribute

    rng = random.Random(11)
    analysis.WORDS, analysis.CODINGS = BIG_WORDS, BIG_CODINGS
    with Project.create(path, "Honderd gesprekken") as project, project.transaction() as session:
        coders = [coder_id_for(session, name) for name in ("Anna de Vries", "Bram Jansen")]
        codes = export._codes(session)
        etappe = create_attribute(session, "Etappe", "choice", "document", ["1", "2", "3"])
        role = create_attribute(session, "Rol", "text", "case")
        spans = [
            analysis._document(session, number, etappe.created_id, role.created_id)
            for number in range(BIG_DOCUMENTS)
        ]
        index_sentences(session)
        session.execute(insert(Coding), analysis._codings(rng, spans, codes, coders))
        ids = list(session.scalars(select(Coding.id)))
        session.execute(
            insert(Memo),
            [
                dict(text=f"Memo {i}: zo werkt de buurt.", coder_id=coders[0], coding_id=c)
                for i, c in enumerate(rng.sample(ids, 400))
            ],
        )


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def ratio(value: float, goal: float) -> str:
    return f"{value / goal:.2f} of the goal"


# -- waiting as the user waits -----------------------------------------------------------


def pending_refresh(window: QWidget) -> list[QTimer]:
    """The panels' single-shot refresh timers that are still to fire."""
    return [
        timer
        for timer in window.findChildren(QTimer)
        if timer.isActive() and timer.isSingleShot() and timer.interval() <= WAITED_TIMER_MS
    ]


def settle(app: QApplication, window: QWidget) -> None:
    """Process events until no panel has a refresh pending, then the paint that follows."""
    app.processEvents()
    while pending_refresh(window):
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
    app.processEvents()  # the repaint of what changed (the offscreen backing store)


def children_cpu() -> float:
    """CPU seconds used so far by this process's children (the import workers)."""
    total, me = 0, str(os.getpid())
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == me:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wait_for_background(app: QApplication, window) -> None:
    """Let the work an opened project starts on purpose later finish (the sentence count
    of a big project, the import workers loading the Dutch pipeline) before timing what
    the user does next: otherwise it is timed too, as CPU the machine shares."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = window.documents.count_run
        timers = window.documents._count_timer, window.documents._warm_up_timer
        if not (run is not None and run.running) and not any(t.isActive() for t in timers):
            break
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    used = -1.0
    while time.monotonic() < deadline and children_cpu() != used:
        used = children_cpu()
        time.sleep(1.0)
        app.processEvents()


def timed(app: QApplication, window: QWidget, action: Callable[[], object]) -> float:
    """Seconds the user waits; the CPU time of this process goes to ``CPU`` beside it (on a
    loaded machine the wall clock also holds the time other processes had the CPU)."""
    started, cpu = time.perf_counter(), time.process_time()
    action()
    settle(app, window)
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - started


CPU: list[float] = []


def cpu_median_ms(count: int) -> float:
    """The median CPU time of the last ``count`` timings."""
    return statistics.median(CPU[-count:]) * 1000


# -- the benchmarks ----------------------------------------------------------------------


def show_in_panel(app: QApplication, folder: Path) -> None:
    first, _second = build(folder / "bench.reis")
    bench = Workbench()
    project = Project.open(folder / "bench.reis")
    with project.transaction() as session:
        bench.set_project(project, coder_id_for(session, "Bench"))
    panel = TranscriptPanel(bench)
    panel.resize(1400, 900)
    panel.show()
    app.processEvents()
    started = time.perf_counter()
    bench.show_document(first)
    panel.grab()  # lays out and paints the text and every visible bracket
    show = time.perf_counter() - started
    print(
        f"show 20,000 words with 1,000 codings: {show * 1000:.0f} ms ({ratio(show, GOALS['show'])}"
        f"; QualCoder {QUALCODER_SHOW_S:.1f} s, {QUALCODER_SHOW_S / show:.0f}x slower)"
    )
    bench.close_project()
    panel.deleteLater()


def main_window(folder: Path):
    from reiscoder.ui.main_window import MainWindow
    from reiscoder.ui.settings import Settings

    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.coder_name = "Bench"
    window = MainWindow(settings)
    window.show()
    return window


def apply_in_window(app: QApplication, window, document: int, label: str, runs: int) -> None:
    """Ctrl+Return on a selection with the codebook's chosen code, every panel listening."""
    window.workbench.show_document(document)
    settle(app, window)
    with window.workbench.reader() as session:
        codes = list(session.scalars(select(Code.id).order_by(Code.id)))
    window.codebook.select_code(codes[len(codes) // 2])  # its segments are listed below
    settle(app, window)
    action = next(
        a for a in window.transcript.coding_actions() if a.shortcut().toString() == "Ctrl+Return"
    )
    text = window.transcript.view.text
    failures: list[str] = []
    window.workbench.failed.connect(failures.append)
    rng, times = random.Random(3), []
    for _ in range(runs):
        begin = rng.randrange(len(text) - 400)
        start, end = snap_to_words(text, begin, begin + rng.randint(30, 300))
        window.transcript.editor.select_range(start, end)
        settle(app, window)
        times.append(timed(app, window, action.trigger))
    window.workbench.failed.disconnect(failures.append)
    if failures:
        raise RuntimeError(f"{len(failures)} codes were not applied: {failures[0]}")
    p95 = sorted(times)[int(len(times) * 0.95) - 1] * 1000
    median = statistics.median(times)
    print(
        f"apply one code, {label}, until every panel is painted: median {median * 1000:.1f} ms, "
        f"95th percentile {p95:.1f} ms ({ratio(median, GOALS['apply'])}; CPU "
        f"{cpu_median_ms(runs):.1f} ms, {ratio(cpu_median_ms(runs) / 1000, GOALS['apply'])}; "
        f"QualCoder {QUALCODER_ADD_MS:.0f} ms)"
    )


def switch_in_window(app: QApplication, window, documents: list[int], label: str) -> None:
    switches = [
        timed(app, window, lambda d=d: window.workbench.show_document(d)) for d in documents * 5
    ]
    median = statistics.median(switches)
    print(
        f"switch documents, {label}: median {median * 1000:.0f} ms "
        f"({ratio(median, GOALS['switch'])}; CPU {cpu_median_ms(len(switches)):.0f} ms)"
    )


def window_benchmarks(app: QApplication, folder: Path, big: Path, runs: int) -> None:
    window = main_window(folder)
    settle(app, window)
    window.open_path(folder / "bench.reis")
    settle(app, window)
    wait_for_background(app, window)
    with window.workbench.reader() as session:
        first, second = list(session.scalars(select(Document.id).order_by(Document.id)))[:2]
    apply_in_window(app, window, first, "20,000-word document with 1,000 codings", runs)
    switch_in_window(app, window, [second, first], "20,000 words and 1,000 codings each")
    work = folder / "work.reis"  # the applied codes stay out of the kept project
    shutil.copy(big, work)
    window.open_path(work)
    settle(app, window)
    wait_for_background(app, window)
    with window.workbench.reader() as session:
        ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    apply_in_window(app, window, ids[len(ids) // 2], "a document of the 100-document project", runs)
    switch_in_window(app, window, ids[:4], "100-document project")
    window.workbench.close_project()
    window.close()


OPENING = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bench.ui import main_window, settle, memory_after_everything
from PySide6.QtWidgets import QApplication
app = QApplication([])
window = main_window(Path(sys.argv[2]))
settle(app, window)
started, cpu = time.perf_counter(), time.thread_time()
window.open_path(Path(sys.argv[1]))
settle(app, window)
opened = time.perf_counter() - started
result = {"open": opened, "cpu": time.thread_time() - cpu}
if sys.argv[4] != "-":
    result.update(memory_after_everything(app, window, int(sys.argv[4])))
window.workbench.close_project()
print(json.dumps(result), flush=True)
"""


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children_mb() -> float:
    """Resident memory of this process's worker processes (Linux)."""
    total, me = 0, str(os.getpid())
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == me:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def memory_after_everything(app: QApplication, window, top: int) -> dict:
    """Show every document once and every panel; the peak memory, and with ``top`` > 0 the
    biggest holders of Python memory that stay (tracemalloc, which slows everything)."""
    import tracemalloc

    if top:
        tracemalloc.start(12)
    with window.workbench.reader() as session:
        ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    for document in ids:
        window.workbench.show_document(document)
        settle(app, window)
    for dock in window._docks.values():
        dock.show()
        dock.raise_()
        settle(app, window)
    result = {"peak": peak_mb(), "workers": children_mb()}
    if top:
        snapshot = tracemalloc.take_snapshot()
        stats = snapshot.statistics("traceback")[:top]
        result["held"] = [
            [round(s.size / 2**20, 1), [f"{f.filename}:{f.lineno}" for f in s.traceback][-6:]]
            for s in stats
        ]
        result["python"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
    return result


def opening(folder: Path, big: Path, top: int | None) -> dict:
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            OPENING,
            str(big),
            str(folder),
            str(Path(__file__).resolve().parents[1]),
            "-" if top is None else str(top),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=900,
    )
    if child.returncode:
        raise RuntimeError(child.stderr)
    return json.loads(child.stdout.strip().splitlines()[-1])


def startup(folder: Path) -> None:
    big = folder / "big300.reis"
    if not big.exists():
        build(big, documents=300)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", STARTUP, str(big), str(folder / "settings.ini")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "shown"
    shown = time.perf_counter() - started
    child.wait()
    print(f"window with a 300-document project, from process start: {shown:.2f} s (target 1.5 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description="Workbench benchmark, as the user waits")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the 100-document project here")
    parser.add_argument("--runs", type=int, default=100, help="codes applied per document")
    parser.add_argument("--memory-top", type=int, default=0, help="list what holds memory")
    parser.add_argument("--only", choices=("window", "open", "memory", "startup"))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    big = args.keep or folder / "big.reis"
    if not big.exists():
        begin = time.perf_counter()
        build_big(big)
        print(f"built the 100-document project {big} in {time.perf_counter() - begin:.0f} s")
    if args.only in (None, "window"):
        show_in_panel(app, folder)
        window_benchmarks(app, folder, big, args.runs)
    if args.only in (None, "open"):
        runs = [opening(folder, big, None) for _ in range(3)]
        opened = [run["open"] for run in runs]
        median = statistics.median(opened)
        cpu = statistics.median(run["cpu"] for run in runs)
        print(
            f"open the 100-document project until painted: median {median:.2f} s of 3 "
            f"({', '.join(f'{o:.2f}' for o in opened)}; {ratio(median, GOALS['open'])}; "
            f"CPU of the GUI thread {cpu:.2f} s, {ratio(cpu, GOALS['open'])})"
        )
    if args.only in (None, "memory"):
        figures = opening(folder, big, args.memory_top)
        print(
            f"peak memory, project open, every document and panel shown: {figures['peak']:.0f} MB"
            f" + {figures['workers']:.0f} MB workers ({ratio(figures['peak'], GOALS['memory'])})"
        )
        for size, where in figures.get("held", []):
            print(f"  {size:6.1f} MB  {' < '.join(reversed(where))}")
    if args.only in (None, "startup"):
        startup(folder)


if __name__ == "__main__":
    main()
