"""Benchmark: does the cost of an input grow with its size, and not faster? (issue 12)

Each case doubles its input a few times and prints, per size, the time and the peak memory,
and the ratio of each time to the one before (linear means about 2.0; 4.0 for the REFI files,
whose sizes grow four times):

- import of a transcript of 125k/250k/500k/1M short lines (a turn and a sentence each);
- import of one line of 4/8/16/32 MB (Dutch sentences, no line break);
- merging a code with 1k/2k/4k/8k codings into another (a quarter already on the target,
  with memos) as one undo step;
- a REFI-QDA project (.qdpx) with 2k/8k/32k codes, each with a coding in one text.

Every measurement runs in a fresh process, so that one case's memory does not count for the
next: "peak" is that process's high-water RSS during the work; "added" is the peak minus the
RSS just before the work (Python, spaCy and SQLAlchemy loaded, a tiny input of the same kind
imported first, so that what any first import costs once, such as modules loaded on first use
and cached statements, is not counted as the input's, and the memory that preparing freed
given back), and for the imports it is also given as a multiple of the file's size (the aim:
under 10). "workers" is the highest RSS of a sentence worker process: forked from the fork
server, which holds the Dutch pipeline (shared by all workers), it counts that too.

Run: .venv/bin/python bench/scaling.py [--quick] [--case lines|line|merge|refi ...]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import WORDS, sentence

SIZES = {
    "lines": [125_000, 250_000, 500_000, 1_000_000],
    "line": [4, 8, 16, 32],  # MB
    "merge": [1_000, 2_000, 4_000, 8_000],
    "refi": [2_000, 8_000, 32_000],
}
QUICK = {
    "lines": [31_250, 62_500, 125_000, 250_000],
    "line": [1, 2, 4, 8],
    "merge": [1_000, 2_000, 4_000, 8_000],
    "refi": [500, 2_000, 8_000],
}
UNITS = {"lines": "lines", "line": "MB", "merge": "codings", "refi": "codes"}


# -- inputs --------------------------------------------------------------------------------


def write_lines(path: Path, count: int) -> None:
    """``count`` short lines of about 13 bytes, each its own turn."""
    rng = random.Random(count)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            out.write(f"R: {rng.choice(WORDS)} {rng.choice(WORDS)}.\n")


def write_line(path: Path, megabytes: int) -> None:
    """One line of ``megabytes`` MB of Dutch sentences."""
    rng = random.Random(megabytes)
    size, limit = 0, megabytes * 1_000_000
    with path.open("w", encoding="utf-8") as out:
        while size < limit:
            text = sentence(rng) + " "
            out.write(text)
            size += len(text.encode("utf-8"))
        out.write("\n")


def write_qdpx(path: Path, codes: int) -> None:
    """A REFI-QDA project with ``codes`` codes (groups of ten under top-level codes) and one
    text of Dutch words with a coding of every code, one word each."""
    guid = _guids()
    user = next(guid)
    rng = random.Random(codes)
    words = [f"{rng.choice(WORDS)} " for _ in range(codes)]
    text = "".join(words)
    code_guids = [next(guid) for _ in range(codes)]
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<Project xmlns="urn:QDA-XML:project:1.0" name="Schaal" origin="bench">',
        f'<Users><User guid="{user}" name="Anna"/></Users><CodeBook><Codes>',
    ]
    for top in range(0, codes, 10):
        parts.append(_code(code_guids[top], f"Code {top}", open_=True))
        parts += [_code(code_guids[n], f"Code {n}") for n in range(top + 1, min(top + 10, codes))]
        parts.append("</Code>")
    parts.append("</Codes></CodeBook><Sources>")
    source = next(guid)
    parts.append(
        f'<TextSource guid="{source}" name="Tekst" plainTextPath="internal://{source}.txt">'
    )
    start = 0
    for number, word in enumerate(words):
        end = start + len(word) - 1
        parts.append(
            f'<PlainTextSelection guid="{next(guid)}" startPosition="{start}" '
            f'endPosition="{end}" creatingUser="{user}"><Coding guid="{next(guid)}" '
            f'creatingUser="{user}"><CodeRef targetGUID="{code_guids[number]}"/></Coding>'
            "</PlainTextSelection>"
        )
        start += len(word)
    parts.append("</TextSource></Sources></Project>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("project.qde", "".join(parts))
        package.writestr(f"sources/{source}.txt", text)


def _code(guid: str, name: str, *, open_: bool = False) -> str:
    element = f'<Code guid="{guid}" name={quoteattr(name)} isCodable="true"'
    return element + (">" if open_ else "/>")


def _guids():
    rng = random.Random(7)
    while True:
        value = f"{rng.getrandbits(128):032x}"
        yield f"{value[:8]}-{value[8:12]}-4{value[13:16]}-8{value[17:20]}-{value[20:]}"


# -- one measurement, in its own process ------------------------------------------------------


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    """Start the peak resident size (what ``ru_maxrss`` reports) again from now (Linux)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _measure(case: str, size: int, folder: Path) -> dict:
    from reiscoder.ingest.memory import release_free_memory
    from reiscoder.ingest.workers import shutdown_pools
    from reiscoder.nlp import pipeline_name

    pipeline_name()  # spaCy loaded before the base line is taken
    work, file_size = _prepare(case, size, folder)
    # The base line without the memory that preparing freed but the C library still holds:
    # the work would reuse it and seem to need less than it does.
    gc.collect()
    release_free_memory()
    base = _rss_mb()
    _reset_peak()  # nor the peak of writing the input file
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    shutdown_pools()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "seconds": seconds,
        "peak_mb": peak / 1024,
        "base_mb": base,
        "workers_mb": workers / 1024,
        "file_bytes": file_size,
    }


def _prepare(case: str, size: int, folder: Path) -> tuple[Callable[[], None], int]:
    from reiscoder.model.project import Project

    project_path = folder / f"{case}-{size}.reis"
    if case in ("lines", "line"):
        from reiscoder.ingest.batch import FileStatus, ImportOptions, import_files

        source = folder / f"{case}-{size}.txt"
        (write_lines if case == "lines" else write_line)(source, size)
        warm_up = folder / "warm-up.txt"
        write_lines(warm_up, 10)
        with Project.create(folder / "warm-up.reis", "warm-up") as first:
            import_files(first, [warm_up], ImportOptions(coder="Anna", backup=False))
        project = Project.create(project_path, "schaal")

        def work() -> None:
            options = ImportOptions(coder="Anna", backup=False)
            report = import_files(project, [source], options)
            assert report[0].status == FileStatus.IMPORTED, report[0].message

        return work, source.stat().st_size
    if case == "merge":
        return _prepare_merge(project_path, size), 0
    if case == "refi":
        from reiscoder.refi import import_as_new_project

        source = folder / f"refi-{size}.qdpx"
        write_qdpx(source, size)
        write_qdpx(folder / "warm-up.qdpx", 10)
        first, _report = import_as_new_project(folder / "warm-up.qdpx", folder / "warm-up.reis")
        first.close()

        def work() -> None:
            project, report = import_as_new_project(source, project_path)
            assert report.counts.get("codes") == size, report.counts
            project.close()

        return work, source.stat().st_size
    raise ValueError(case)


def _prepare_merge(project_path: Path, codings: int) -> Callable[[], None]:
    from sqlalchemy import select, update

    from reiscoder.ingest.store import store_transcript
    from reiscoder.model import Coding, Document, SegmentationState
    from reiscoder.model.project import Project
    from reiscoder.ops.bulk import apply_codings
    from reiscoder.ops.coders import coder_id_for
    from reiscoder.ops.codes import create_code, merge_codes
    from reiscoder.ops.gateway import Gateway
    from reiscoder.ops.memos import MemoTarget, add_memo
    from reiscoder.parsing import ParsedTranscript

    project = Project.create(project_path, "schaal")
    parsed = ParsedTranscript(text="R: " + "ja " * codings, turns=[], source_format="txt")
    with project.transaction() as session:
        document = store_transcript(session, parsed, name="Lang")
        session.execute(update(Document).values(segmentation=SegmentationState.READY))
        coder = coder_id_for(session, "Anna")
        source = create_code(session, "Bron").created_id
        target = create_code(session, "Doel").created_id
        assert source is not None and target is not None
        ranges = [(document, 3 + 3 * n, 5 + 3 * n) for n in range(codings)]
        apply_codings(session, source, coder, ranges)
        apply_codings(session, target, coder, ranges[::4])
        ids = session.scalars(select(Coding.id).where(Coding.code_id == source)).all()
        for coding_id in ids[::4]:
            add_memo(session, coder, "Memo", target=MemoTarget(coding_id=coding_id))
    gateway = Gateway(project)

    def work() -> None:
        gateway.execute(lambda session: merge_codes(session, source, target))
        project.close()

    return work


# -- the table ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a few minutes)")
    parser.add_argument("--case", action="append", choices=sorted(SIZES), help="(repeatable)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per measurement")
    parser.add_argument(
        "--one", nargs=3, metavar=("CASE", "SIZE", "FOLDER"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        case, size, folder = args.one
        print(json.dumps(_measure(case, int(size), Path(folder))))
        return
    sizes = QUICK if args.quick else SIZES
    for case in args.case or list(SIZES):
        _run_case(case, sizes[case], args.timeout)


def _run_case(case: str, sizes: list[int], timeout: float) -> None:
    print(f"\n{case} ({UNITS[case]})")
    print(
        f"{'size':>10} {'seconds':>9} {'ratio':>6} {'peak MB':>8} {'added MB':>9} {'x file':>7}"
        f" {'workers MB':>11}"
    )
    print("  (ratio: this time / the one before; linear means the ratio of the sizes)")
    previous = None
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="reiscoder-scaling-") as folder:
            command = [sys.executable, __file__, "--one", case, str(size), folder]
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=timeout, check=False
                )
            except subprocess.TimeoutExpired:
                print(f"{size:>10} {'> ' + str(int(timeout)):>9}   (stopped)")
                break
        if done.returncode != 0:
            print(f"{size:>10} failed: {done.stderr.strip().splitlines()[-1:]}")
            break
        result = json.loads(done.stdout.strip().splitlines()[-1])
        seconds, added = result["seconds"], result["peak_mb"] - result["base_mb"]
        ratio = f"{seconds / previous:6.2f}" if previous else " " * 6
        times = added * 1024 * 1024 / result["file_bytes"] if result["file_bytes"] else None
        shown = f"{times:7.1f}" if times is not None else " " * 7
        workers = f"{result['workers_mb']:11.0f}" if result["workers_mb"] else " " * 11
        print(
            f"{size:>10} {seconds:9.2f} {ratio} {result['peak_mb']:8.0f} {added:9.0f} {shown}"
            f" {workers}",
            flush=True,
        )
        previous = seconds


if __name__ == "__main__":
    main()
