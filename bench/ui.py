"""Benchmark of the workbench (issue 4), offscreen, on generated data.

Reports the time to show a 20,000-word document with 1,000 overlapping codings (until it is
laid out and fully painted), to apply one code (median and 95th percentile over 100, including
the database write and the repaint: the event processing that paints what changed, as in the
running app),
to switch documents, and for a project of 300 documents the time from process start until
the window is shown. Targets: show < 150 ms, apply < 16 ms median, switch < 100 ms, window
< 1.5 s. QualCoder on this machine kind (shared/research/peer-baselines.md): 4.0 s to show
such a document, 46 ms to add a coding.
Run: .venv/bin/python bench/ui.py
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, select, update

from bench.corpus import transcript_text
from reiscoder.ingest.store import store_transcript
from reiscoder.model import Code, Coding, Document
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.parsing import parse_text
from reiscoder.read.layers import snap_to_words
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template
from reiscoder.ui.transcript.panel import TranscriptPanel
from reiscoder.ui.workbench import Workbench

QUALCODER_SHOW_S = 4.0
QUALCODER_ADD_MS = 46.0
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


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    first, second = build(folder / "bench.reis")
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
        f"show 20,000 words with 1,000 codings: {show * 1000:.0f} ms (target 150 ms; "
        f"QualCoder {QUALCODER_SHOW_S:.1f} s, {QUALCODER_SHOW_S / show:.0f}x slower)"
    )

    text = panel.view.text
    with bench.reader() as session:
        codes = list(session.scalars(select(Code.id)))
    rng, times = random.Random(3), []
    for _ in range(100):
        begin = rng.randrange(len(text) - 400)
        start, end = snap_to_words(text, begin, begin + rng.randint(30, 300))
        started = time.perf_counter()
        bench.code_selection(first, rng.choice(codes), start, end)
        app.processEvents()  # the repaint Qt does: the changed lines and their brackets
        times.append(time.perf_counter() - started)
    p95 = sorted(times)[94] * 1000
    print(
        f"apply one code (write + repaint), median {median_ms(times):.1f} ms, 95th percentile "
        f"{p95:.1f} ms (target 16 ms; QualCoder {QUALCODER_ADD_MS:.0f} ms, ratio "
        f"{median_ms(times) / QUALCODER_ADD_MS:.2f})"
    )

    switches = []
    for target in [second, first] * 10:
        started = time.perf_counter()
        bench.show_document(target)
        app.processEvents()
        switches.append(time.perf_counter() - started)
    print(
        f"switch documents (20,000 words, 1,000 codings each): median "
        f"{median_ms(switches):.0f} ms (target 100 ms)"
    )
    bench.close_project()

    big = folder / "big.reis"
    build(big, documents=300)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", STARTUP, str(big), str(folder / "settings.ini")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout.readline().strip() == "shown"
    shown = time.perf_counter() - started
    child.wait()
    print(f"window with a 300-document project, from process start: {shown:.2f} s (target 1.5 s)")


if __name__ == "__main__":
    main()
