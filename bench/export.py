"""Benchmark: exports of a project with 150 codes and 20,000 codings.

Targets (issue 5): the codebook in under 2 s, the full coded fragments report in under 30 s.
The other exports are timed too. Run: .venv/bin/python bench/export.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from bench.corpus import transcript_text
from reiscoder.ingest.store import store_transcript
from reiscoder.model import Coding, Memo
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import create_code
from reiscoder.parsing import parse_text
from reiscoder.read.layers import snap_to_words
from reiscoder.reports.exports import default_options, run_export
from reiscoder.reports.options import ExportKind, TranscriptOptions

CODES, CODINGS, DOCUMENTS, WORDS = 150, 20_000, 20, 8_000
TARGETS = {ExportKind.CODEBOOK: 2.0, ExportKind.FRAGMENTS: 30.0}


def build(path: Path) -> None:
    rng = random.Random(5)
    with Project.create(path, "Benchmark") as project, project.transaction() as session:
        coders = [coder_id_for(session, name) for name in ("Anna de Vries", "Bram Jansen")]
        codes = _codes(session)
        etappe = create_attribute(session, "Etappe", "choice", "document", ["1", "2", "3"])
        documents = []
        for number in range(DOCUMENTS):
            text = transcript_text(WORDS, seed=number)
            parsed = parse_text(text)
            document = store_transcript(session, parsed, name=f"Gesprek {number + 1:02d}")
            set_value(session, etappe.created_id, str(number % 3 + 1), document_id=document)
            documents.append((document, parsed.text))
        rows = _codings(rng, documents, codes, coders)
        session.execute(insert(Coding), rows)
        ids = list(session.scalars(select(Coding.id)))
        memos = [
            dict(
                text=f"Memo {i}: dit fragment laat zien hoe de buurt werkt.",
                coder_id=coders[0],
                coding_id=coding_id,
                uuid=f"m{i}",
            )
            for i, coding_id in enumerate(rng.sample(ids, 400))
        ]
        session.execute(insert(Memo), memos)


def _codes(session: object) -> list[int]:
    """10 top-level codes with 14 subcodes each: 150 codes."""
    codes = []
    for top in range(1, 11):
        parent = create_code(session, f"{top} Thema {top}", definition="Een thema. " * 8)
        codes.append(parent.created_id)
        for sub in range(1, 15):
            child = create_code(
                session,
                f"{top}.{sub} Subthema {top}.{sub}",
                parent_id=parent.created_id,
                definition="Wat deze code betekent, in een paar zinnen. " * 3,
                inclusion="Wanneer je hem gebruikt.",
                exclusion="Wanneer niet.",
                example="Een typisch citaat uit een gesprek.",
            )
            codes.append(child.created_id)
    return codes


def _codings(rng: random.Random, documents: list, codes: list[int], coders: list[int]) -> list:
    rows, seen = [], set()
    starts = {doc: [i for i in range(1, len(t)) if t[i - 1] == " "] for doc, t in documents}
    while len(rows) < CODINGS:
        document, text = rng.choice(documents)
        words = starts[document]
        first = rng.randrange(len(words) - 70)
        start, end = snap_to_words(text, words[first], words[first + rng.randint(5, 60)])
        key = (document, start, end, rng.choice(codes), rng.choice(coders))
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            dict(
                document_id=document,
                code_id=key[3],
                coder_id=key[4],
                start=start,
                end=end,
                quote=text[start:end],
                uuid=f"c{len(rows)}",
            )
        )
    return rows


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.reis"
    started = time.perf_counter()
    build(path)
    print(
        f"built {CODES} codes, {CODINGS:,} codings in {DOCUMENTS} documents: "
        f"{time.perf_counter() - started:.1f} s"
    )
    failed = False
    with Project.open(path, read_only=True) as project:
        for kind in ExportKind:
            options = default_options(kind)
            if kind is ExportKind.TRANSCRIPT:
                options = TranscriptOptions(document_ids=(1,))
            output = folder / f"{kind.value}{'.docx' if 'x' not in kind.value[-4:] else ''}"
            output = output.with_suffix(_suffix(kind))
            report = run_export(project, kind, options, output)
            size = output.stat().st_size / 1e6
            target = TARGETS.get(kind)
            verdict = ""
            if target is not None:
                ok = report.seconds < target
                failed |= not ok
                verdict = f"  (target < {target:.0f} s: {'ok' if ok else 'TOO SLOW'})"
            print(
                f"{kind.value:<14} {report.seconds:6.2f} s  {size:6.1f} MB  "
                f"{report.contents.describe()}{verdict}"
            )
    sys.exit(1 if failed else 0)


def _suffix(kind: ExportKind) -> str:
    from reiscoder.reports.exports import EXPORTS

    return EXPORTS[kind].suffix


if __name__ == "__main__":
    main()
