"""Benchmark: import 100 synthetic Dutch transcripts (1,000,000 words: 50% .docx, 40% .txt,
10% .vtt) end to end, against a bare spaCy blank("nl") + sentencizer over the same text.

Targets (issue 3): end-to-end >= 50% of the bare pipeline's words/s and >= 50,000 words/s;
peak memory < 500 MB; the first document (a 10,000-word .docx) can be opened within 0.5 s.
Run: .venv/bin/python bench/import_corpus.py [--files 100] [--words 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import docx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import contextlib

from bench.corpus import transcript_text, turns  # noqa: E402
from reiscoder.importing import read_transcript  # noqa: E402
from reiscoder.ingest.batch import ImportListener, ImportOptions, import_files  # noqa: E402
from reiscoder.model.project import Project  # noqa: E402


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


class PeakMemory(threading.Thread):
    """Samples the resident memory of this process and its children."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0  # resident set sizes summed: counts shared pages once per process
        self.peak_pss = 0  # proportional set sizes summed: shared pages counted once in all
        self.running = True

    def run(self) -> None:
        me = psutil.Process()
        while self.running:
            rss = pss = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    info = process.memory_full_info()
                    rss, pss = rss + info.rss, pss + info.pss
            self.peak = max(self.peak, rss)
            self.peak_pss = max(self.peak_pss, pss)
            time.sleep(0.05)


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

    memory = PeakMemory()
    memory.start()
    first: list[float] = []
    project = Project.create(folder / "bench.reis", "bench")
    started = time.perf_counter()
    listener = ImportListener(stored=lambda r, done, total: first.append(time.perf_counter()))
    reports = import_files(project, paths, ImportOptions(coder="Bench"), listener)
    elapsed = time.perf_counter() - started
    memory.running = False
    memory.join()
    project.close()
    assert all(r.document_id for r in reports), reports
    end_to_end = words / elapsed
    print(f"end-to-end import: {elapsed:.1f} s, {end_to_end:,.0f} words/s")
    print(
        f"first document ({paths[0].suffix}, {len(texts[0].split()):,} words) stored and "
        f"openable after {first[0] - started:.2f} s"
    )
    print(
        f"peak memory (process + workers): {memory.peak_pss / 1e6:.0f} MB proportional "
        f"(PSS; {memory.peak / 1e6:.0f} MB if shared pages are counted per process)"
    )
    bare = bare_pipeline_words_per_second(texts)
    print(f"bare spacy.blank('nl') + sentencizer, one process: {bare:,.0f} words/s")
    print(
        f"ratio end-to-end / bare: {end_to_end / bare:.2f} (target >= 0.50); "
        f"words/s target >= 50,000: {'met' if end_to_end >= 50_000 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
