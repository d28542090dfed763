"""Benchmark: open a 20,000-word transcript with 1,000 codings, and add codings to it.

Baselines measured on this machine kind (shared/research/peer-baselines.md): QualCoder shows
such a document in 4.0 s (menu path) and adds a coding in 46 ms; the target is <= 1 s and
<= 50 ms. Run: .venv/bin/python bench/workbench.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from bench.corpus import transcript_text  # noqa: E402
from reiscoder.importing import parse_text  # noqa: E402
from reiscoder.ingest.store import store_transcript  # noqa: E402
from reiscoder.model import Code, Coding  # noqa: E402
from reiscoder.model.project import Project  # noqa: E402
from reiscoder.ops.coders import coder_id_for  # noqa: E402
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template  # noqa: E402
from reiscoder.ui.transcript.panel import TranscriptPanel  # noqa: E402
from reiscoder.ui.workbench import Workbench  # noqa: E402
from reiscoder.views.layers import snap_to_words  # noqa: E402

QUALCODER_DISPLAY_S = 4.0
QUALCODER_ADD_MS = 46.0


def build(path: Path) -> tuple[int, str]:
    rng = random.Random(7)
    text = transcript_text(20_000)
    with Project.create(path, "bench") as project, project.transaction() as session:
        coder = coder_id_for(session, "Bench")
        apply_template(session, load_template(DEFAULT_TEMPLATE))
        doc = store_transcript(session, parse_text(text), name="W-doc")
        stored = parse_text(text).text
        codes = list(session.scalars(select(Code.id)))
        words = [i for i in range(1, len(stored)) if stored[i - 1] == " "]
        rows, seen = [], set()
        while len(rows) < 1000:
            first = rng.randrange(len(words) - 70)
            start, end = snap_to_words(stored, words[first], words[first + rng.randint(5, 60)])
            key = (start, end, rng.choice(codes))
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                dict(
                    document_id=doc,
                    code_id=key[2],
                    coder_id=coder,
                    start=start,
                    end=end,
                    quote=stored[start:end],
                    uuid=f"b{len(rows)}",
                )
            )
        session.execute(insert(Coding), rows)
    return doc, stored


def main() -> None:
    app = QApplication.instance() or QApplication([])
    path = Path(tempfile.mkdtemp()) / "bench.reis"
    doc, text = build(path)
    bench = Workbench()
    project = Project.open(path)
    with project.transaction() as session:
        bench.set_project(project, coder_id_for(session, "Bench"))
    panel = TranscriptPanel(bench)
    panel.resize(1400, 900)
    panel.show()
    app.processEvents()
    started = time.perf_counter()
    bench.show_document(doc)
    panel.grab()  # lays out and paints text and every visible bracket
    display = time.perf_counter() - started
    print(
        f"display 20,000 words with 1,000 codings: {display:.3f} s "
        f"(QualCoder {QUALCODER_DISPLAY_S} s: {QUALCODER_DISPLAY_S / display:.1f}x faster)"
    )

    rng = random.Random(3)
    with bench.reader() as session:
        codes = list(session.scalars(select(Code.id)))
    times = []
    for _ in range(100):
        first = rng.randrange(len(text) - 400)
        start, end = snap_to_words(text, first, first + rng.randint(30, 300))
        started = time.perf_counter()
        bench.code_selection(doc, rng.choice(codes), start, end)
        panel.grab()
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    print(
        f"add one coding (median of 100, incl. save, repaint): {median:.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f}; QualCoder {QUALCODER_ADD_MS} ms: "
        f"ratio {median / QUALCODER_ADD_MS:.2f})"
    )
    bench.close_project()


if __name__ == "__main__":
    main()
