"""Benchmark: import 100 synthetic Dutch transcripts (1,000,000 words: 50% .docx, 40% .txt,
10% .vtt) end to end, against a bare spaCy blank("nl") + sentencizer over the same text.

Targets (issue 3): end-to-end >= 50% of the bare pipeline's words/s and >= 50,000 words/s;
peak memory < 500 MB; the first document (a 10,000-word .docx) can be opened within 0.5 s.
Run: .venv/bin/python bench/import_corpus.py [--files 100] [--words 10000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import transcript_text, turns
from reiscoder.ingest.batch import ImportListener, ImportOptions, import_files
from reiscoder.ingest.workers import shutdown_pools, wait_until_ready
from reiscoder.model.project import Project
from reiscoder.parsing import read_transcript


def write_corpus(folder: Path, files: int, words: int) -> list[Path]:
    paths = []
    for i in range(files):
        kind = "docx" if i % 10 < 5 else ("txt" if i % 10 < 9 else "vtt")
        path = folder / f"gesprek-{i:03d}.{kind}"
        if kind == "txt":
            path.write_text(transcript_text(words, seed=i), encoding="utf-8")
        elif kind == "docx":
            document = docx.Document()
            for speaker, text in turns(words, seed=i):
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{speaker}:").bold = True
                paragraph.add_run(f" {text}")
            document.save(path)
        else:
            path.write_text(_vtt(words, i), encoding="utf-8")
        paths.append(path)
    return paths


def _vtt(words: int, seed: int) -> str:
    cues, second = ["WEBVTT", ""], 0
    for speaker, text in turns(words, seed):
        for chunk in (text[i : i + 300] for i in range(0, len(text), 300)):
            start, second = second, second + 4
            cues += [f"{_stamp(start)} --> {_stamp(second)}", f"<v {speaker}>{chunk}", ""]
    return "\n".join(cues)


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


MONITOR = """
import contextlib, sys, psutil
root = psutil.Process(int(sys.argv[1]))
peak = peak_pss = 0
while not sys.stdin.closed:
    import select
    if select.select([sys.stdin], [], [], 0.5)[0] and not sys.stdin.read(1):
        break
    rss = pss = 0
    for process in [root, *root.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            info = process.memory_full_info()
            rss, pss = rss + info.rss, pss + info.pss
    peak, peak_pss = max(peak, rss), max(peak_pss, pss)
print(peak, peak_pss)
"""


class PeakMemory:
    """Samples the memory of this process and its workers from another process, so that the
    sampling takes nothing from the import being measured."""

    def __init__(self) -> None:
        self.peak = 0  # resident set sizes summed: counts shared pages once per process
        self.peak_pss = 0  # proportional set sizes summed: shared pages counted once in all
        self._monitor: subprocess.Popen | None = None

    def start(self) -> None:
        self._monitor = subprocess.Popen(
            [sys.executable, "-c", MONITOR, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def stop(self) -> None:
        assert self._monitor is not None
        out, _err = self._monitor.communicate("")
        self.peak, self.peak_pss = (int(v) for v in out.split())


def bare_pipeline_words_per_second(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=8):
        pass
    return words / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="reiscoder-bench-"))
    paths = write_corpus(folder, args.files, args.words)
    texts = [read_transcript(p).text for p in paths]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(paths)} files, {words:,} words")
    cold = run_import(folder / "cold.reis", paths, texts, "cold: worker processes start")
    # The app starts its workers when a project opens (DocumentsPanel): measure that case too.
    wait_until_ready(2)
    warm = run_import(folder / "warm.reis", paths, texts, "warm: workers already running")
    shutdown_pools()
    bare = bare_pipeline_words_per_second(texts)
    print(f"bare spacy.blank('nl') + sentencizer, one process: {bare:,.0f} words/s")
    for label, rate in (("cold", cold), ("warm", warm)):
        verdict = "met" if rate >= 50_000 else "NOT met"
        print(
            f"ratio end-to-end / bare, {label}: {rate / bare:.2f} (target >= 0.50); "
            f"words/s target >= 50,000: {verdict}"
        )


def run_import(path: Path, paths: list[Path], texts: list[str], label: str) -> float:
    words = sum(len(t.split()) for t in texts)
    memory = PeakMemory()
    memory.start()
    first: list[float] = []
    project = Project.create(path, "bench")
    started = time.perf_counter()
    listener = ImportListener(stored=lambda r, done, total: first.append(time.perf_counter()))
    reports = import_files(project, paths, ImportOptions(coder="Bench", backup=False), listener)
    elapsed = time.perf_counter() - started
    memory.stop()
    project.close()
    assert all(r.document_id for r in reports), reports
    rate = words / elapsed
    print(f"end-to-end import ({label}): {elapsed:.1f} s, {rate:,.0f} words/s")
    print(
        f"  first document ({paths[0].suffix}, {len(texts[0].split()):,} words) stored and "
        f"openable after {first[0] - started:.2f} s"
    )
    print(
        f"  peak memory (process + workers): {memory.peak_pss / 1e6:.0f} MB proportional "
        f"(PSS; {memory.peak / 1e6:.0f} MB if shared pages are counted per process)"
    )
    return rate


if __name__ == "__main__":
    main()
