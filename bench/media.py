"""Benchmark: a two-hour recording with its transcript (issue 16).

Targets: opening the recording (from choosing the document until the player is ready and the
window painted) and seeking (until the sound at the new place is decoded and the transcript's
highlight has moved there) each within 100 ms. Also the CPU used while following along at
normal speed. Offscreen, without a sound card. Run: .venv/bin/python bench/media.py
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtMultimedia import QAudioBufferOutput
from PySide6.QtWidgets import QApplication

from bench.corpus import transcript_text
from reiscoder.ingest.segmentation import segment_pending
from reiscoder.ingest.store import store_transcript
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.recordings import inspect_media, link_recording
from reiscoder.parsing import parse_text
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.settings import Settings
from tests.media.makers import long_mp3

HOURS = 2
TARGET_MS = 100.0
SEEKS = 10
FOLLOW_SECONDS = 10


def transcript(seconds: int) -> str:
    """A turn every twenty seconds, each with its time written in."""
    rng = random.Random(16)
    turns = []
    for number, start in enumerate(range(0, seconds, 20)):
        stamp = f"{start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d}"
        speaker = "Interviewer" if number % 2 == 0 else "Fatima"
        words = transcript_text(45, seed=rng.randrange(10_000)).split("\n")[0]
        turns.append(f"[{stamp}] {speaker}: {words.split(': ', 1)[-1]}")
    return "\n\n".join(turns) + "\n"


def build(folder: Path) -> tuple[Path, int]:
    media = long_mp3(folder / "twee uur.mp3", HOURS * 3600, as_recorded=True)
    path = folder / "bench.reis"
    with Project.create(path, "Benchmark") as project:
        with project.transaction() as session:
            coder_id_for(session, "Anna de Vries")
            document = store_transcript(
                session, parse_text(transcript(HOURS * 3600)), name="Busrit"
            )
            link_recording(session, path, document, inspect_media(media))
        segment_pending(project)
    return path, document


def wait(condition, timeout_ms: int = 10_000) -> None:
    deadline = time.perf_counter() + timeout_ms / 1000
    while not condition():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > deadline:
            raise TimeoutError("the player did not answer")


def main() -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, document = build(folder)
        settings = Settings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
        settings.coder_name = "Anna de Vries"
        window = MainWindow(settings)
        window.resize(1366, 768)
        window.show()
        window.open_path(path)
        media = window.transcript.media
        app.processEvents()

        spent: list[float] = []
        original = media.show_document

        def timed_show(document_id: int) -> None:
            began = time.perf_counter()
            original(document_id)
            spent.append(time.perf_counter() - began)

        media.show_document = timed_show  # the recording's own share of opening the document
        start = time.perf_counter()
        window.workbench.show_document(document)
        loading = time.perf_counter()
        wait(lambda: media.player.ready)
        window.repaint()
        done = time.perf_counter()
        opened = (sum(spent) + done - loading) * 1000
        whole = (done - start) * 1000

        seeks = []
        rng = random.Random(2)
        output = QAudioBufferOutput()
        heard: list[int] = []
        output.audioBufferReceived.connect(lambda b: heard.append(b.startTime() // 1000))
        media.player.media.setAudioBufferOutput(output)
        for _ in range(SEEKS):
            target = rng.randrange(0, HOURS * 3_600_000 - 60_000)
            heard.clear()
            begin = time.perf_counter()
            media.player.play_from(target)
            wait(lambda t=target: any(abs(h - t) < 500 for h in heard))
            media._position(target)  # the highlight moves there (as the position signal does)
            window.transcript.editor.viewport().repaint()
            seeks.append((time.perf_counter() - begin) * 1000)
            print(f"  seek to {target / 1000:8.1f} s: {seeks[-1]:6.1f} ms")
            media.player.pause()
        media.player.media.setAudioBufferOutput(None)

        process = psutil.Process()
        media.player.play_from(3_600_000)
        cpu_before, wall_before = process.cpu_times(), time.perf_counter()
        loop = QEventLoop()
        QTimer.singleShot(FOLLOW_SECONDS * 1000, loop.quit)
        loop.exec()
        cpu_after, wall = process.cpu_times(), time.perf_counter() - wall_before
        media.player.pause()
        used = (cpu_after.user + cpu_after.system - cpu_before.user - cpu_before.system) / wall
        followed = media.follow.current[0]
        window.workbench.close_project()
        window.close()

    worst, typical = max(seeks), sorted(seeks)[len(seeks) // 2]
    print(f"recording: {HOURS} hours of mp3; transcript: {HOURS * 180} turns")
    _line("open recording", opened)
    print(f"  (the whole document with its transcript shown and painted: {whole:.1f} ms)")
    _line("seek, median", typical)
    _line("seek, slowest", worst)
    print(f"CPU following along at 1x: {used * 100:.1f} % of one core (turn {followed} shown)")


def _line(label: str, milliseconds: float) -> None:
    ratio = milliseconds / TARGET_MS
    print(f"{label + ':':<18}{milliseconds:7.1f} ms   (goal {TARGET_MS:.0f} ms, ratio {ratio:.2f})")


if __name__ == "__main__":
    main()
