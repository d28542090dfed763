"""Benchmark: analysis queries on a project of 2,400,000 words and 60,000 codings.

Target (issue 8): each query answers within 300 ms. The project (300 documents of 8,000
words, 25 codes, two coders, cases with a role) is generated once with bulk inserts;
sentences are cut with a simple rule instead of spaCy. Each query runs three times in a
fresh read session; the first run and the median are reported (sentence and turn ranges
are cached between runs until they change).

Run: .venv/bin/python bench/analysis.py [--keep PATH]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bench.corpus import turns
from reiscoder.analysis.agreement import AgreementSpec, compute_agreement
from reiscoder.analysis.common import Scope
from reiscoder.analysis.cooccurrence import (
    CooccurrenceSpec,
    Proximity,
    cooccurrence,
    cooccurrence_hits,
)
from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.analysis.matrices import ColumnKind, MatrixSpec, cell_segments, code_matrix
from reiscoder.analysis.units import Unit
from reiscoder.analysis.words import WordSource, keyword_in_context, word_frequencies
from reiscoder.model import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    Coding,
    Document,
    SegmentationState,
    Sentence,
    Speaker,
    Turn,
)
from reiscoder.model.fulltext import index_sentences
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template

DOCUMENTS, WORDS, CODINGS = 300, 8_000, 60_000
TARGET = 0.300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def build(path: Path) -> None:
    rng = random.Random(8)
    with Project.create(path, "Analysebenchmark") as project, project.transaction() as session:
        coders = [coder_id_for(session, name) for name in ("Anna de Vries", "Bram Jansen")]
        apply_template(session, load_template(DEFAULT_TEMPLATE))
        codes = list(session.scalars(select(Code.id).where(Code.parent_id.is_not(None))))
        etappe = session.scalar(select(Attribute.id).where(Attribute.name == "Etappe"))
        role = session.scalar(select(Attribute.id).where(Attribute.name == "Rol"))
        spans = []
        for number in range(DOCUMENTS):
            spans.append(_document(session, number, etappe, role))
        index_sentences(session)
        session.execute(insert(Coding), _codings(rng, spans, codes, coders))


def _document(session: Session, number: int, etappe: int | None, role: int | None) -> tuple:
    parts, layout, offset = [], [], 0
    for speaker, body in turns(WORDS, seed=number):
        label = f"{speaker}: "
        parts.append(label + body)
        layout.append((speaker, offset, offset + len(label), offset + len(label) + len(body)))
        offset += len(label) + len(body) + 2
    text = "\n\n".join(parts) + "\n"
    document = Document(
        name=f"Gesprek {number + 1:03d}",
        text=text,
        text_length=len(text),
        word_count=len(text.split()),
        segmentation=SegmentationState.READY,
        position=number,
    )
    session.add(document)
    session.flush()
    case = Case(name=f"Respondent {number + 1:03d}")
    session.add(case)
    session.flush()
    roles = ("bewoner", "sociaal werker", "opbouwwerker")
    session.add(AttributeValue(attribute_id=role, case_id=case.id, value=roles[number % 3]))
    session.add(
        AttributeValue(
            attribute_id=etappe,
            document_id=document.id,
            value=("1 Sociale samenhang", "2 Sociale innovatie", "3 Sociaal werk")[number % 3],
        )
    )
    speakers = {}
    for label, case_id in (("Interviewer", None), ("R", case.id)):
        row = Speaker(document_id=document.id, label=label, name=label, case_id=case_id)
        session.add(row)
        session.flush()
        speakers[label] = row.id
    turn_rows = [
        dict(document_id=document.id, speaker_id=speakers[s], start=a, content_start=b, end=c)
        for s, a, b, c in layout
    ]
    session.execute(insert(Turn), turn_rows)
    turn_ids = list(
        session.scalars(select(Turn.id).where(Turn.document_id == document.id).order_by(Turn.start))
    )
    sentences = []
    for turn_id, (_s, _a, content, end) in zip(turn_ids, layout, strict=True):
        position = content
        for piece in _SENTENCE_END.split(text[content:end]):
            start = text.index(piece, position)
            sentences.append(
                dict(
                    document_id=document.id,
                    turn_id=turn_id,
                    start=start,
                    end=start + len(piece),
                    lemmas=piece.lower(),
                )
            )
            position = start + len(piece)
    session.execute(insert(Sentence), sentences)
    return document.id, text, [(s["start"], s["end"]) for s in sentences]


def _codings(rng: random.Random, spans: list, codes: list[int], coders: list[int]) -> list[dict]:
    rows, seen = [], set()
    per_document = CODINGS // len(spans)
    for document, text, sentences in spans:
        made = 0
        while made < per_document:
            first = rng.randrange(len(sentences))
            last = min(len(sentences) - 1, first + rng.choice((0, 0, 0, 1, 2)))
            start, end = sentences[first][0], sentences[last][1]
            code, coder = rng.choice(codes), rng.choice(coders)
            key = (document, code, coder, start, end)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                dict(
                    document_id=document,
                    code_id=code,
                    coder_id=coder,
                    start=start,
                    end=end,
                    quote=text[start:end],
                    uuid=str(uuid.uuid4()),
                )
            )
            made += 1
    return rows


def timed(project: Project, query: Callable[[Session], object]) -> tuple[float, float]:
    """The first run (nothing cached) and the median of three."""
    times = []
    for _ in range(3):
        with project.reader() as session:
            begin = time.perf_counter()
            query(session)
            times.append(time.perf_counter() - begin)
    return times[0], statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="build (or reuse) the project here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = args.keep or folder / "analyse.reis"
    if not path.exists():
        begin = time.perf_counter()
        build(path)
        print(f"built {path} in {time.perf_counter() - begin:.1f} s")
    with Project.open(path, read_only=True) as project:
        with project.reader() as s:
            anna, bram = s.scalars(select(Coding.coder_id).distinct().order_by(Coding.coder_id))
            code = s.scalar(select(Coding.code_id).limit(1))
            other = s.scalar(select(Coding.code_id).where(Coding.code_id != code).limit(1))
            document = s.scalar(select(Document.id).limit(1))
            etappe = s.scalar(select(Attribute.id).where(Attribute.name == "Etappe"))
            role = s.scalar(select(Attribute.id).where(Attribute.name == "Rol"))
            words = sum(s.scalars(select(Document.word_count)))
            codings = len(s.scalars(select(Coding.id)).all())
        print(f"{words:,} words, {codings:,} codings\n")
        lemma_of_warmup = word_frequencies  # the spaCy pipeline loads once, before timing
        with project.reader() as s:
            lemma_of_warmup(s, WordSource(document_ids=frozenset({document})))
        by_document = MatrixSpec(ColumnKind.DOCUMENT)
        by_role = MatrixSpec(ColumnKind.CASE_ATTRIBUTE, role)
        queries: dict[str, Callable[[Session], object]] = {
            "frequencies (codes × coders)": code_frequencies,
            "frequencies, one coder": lambda s: code_frequencies(
                s, Scope(coder_ids=frozenset({anna}))
            ),
            "matrix code × document": lambda s: code_matrix(s, by_document),
            "matrix code × etappe (roll-up)": lambda s: code_matrix(
                s, MatrixSpec(ColumnKind.DOCUMENT_ATTRIBUTE, etappe, roll_up=True)
            ),
            "matrix code × case": lambda s: code_matrix(s, MatrixSpec(ColumnKind.CASE)),
            "matrix code × role (case attribute)": lambda s: code_matrix(s, by_role),
            "matrix cell segments": lambda s: cell_segments(s, by_role, code, "bewoner"),
            "co-occurrence, overlap": lambda s: cooccurrence(s, CooccurrenceSpec()),
            "co-occurrence, same sentence": lambda s: cooccurrence(
                s, CooccurrenceSpec(Proximity.SENTENCE)
            ),
            "co-occurrence, same turn": lambda s: cooccurrence(s, CooccurrenceSpec(Proximity.TURN)),
            "co-occurrence cell hits (overlap)": lambda s: cooccurrence_hits(
                s, CooccurrenceSpec(), code, other
            ),
            "agreement, sentence": lambda s: compute_agreement(
                s, AgreementSpec((anna, bram), Unit.SENTENCE)
            ),
            "agreement, sentence, all units": lambda s: compute_agreement(
                s, AgreementSpec((anna, bram), Unit.SENTENCE, all_units=True)
            ),
            "agreement, turn": lambda s: compute_agreement(
                s, AgreementSpec((anna, bram), Unit.TURN)
            ),
            "agreement, character": lambda s: compute_agreement(
                s, AgreementSpec((anna, bram), Unit.CHARACTER)
            ),
            "words, one code": lambda s: word_frequencies(
                s, WordSource(code_ids=frozenset({code}))
            ),
            "words, one document": lambda s: word_frequencies(
                s, WordSource(document_ids=frozenset({document}))
            ),
            "words, one role (1/3 of the text)": lambda s: word_frequencies(
                s, WordSource(case_attribute_id=role, case_value="bewoner")
            ),
            "keyword in context, one code": lambda s: keyword_in_context(
                s, WordSource(code_ids=frozenset({code})), "buurt"
            ),
        }
        slow = []
        for name, query in queries.items():
            first, seconds = timed(project, query)
            mark = "ok" if max(first, seconds) <= TARGET else "SLOW"
            slow += [name] if mark == "SLOW" else []
            print(
                f"{name:<40} {first * 1000:6.0f} ms first {seconds * 1000:6.0f} ms median  {mark}"
            )
        print("\nall within 300 ms" if not slow else f"\nover 300 ms: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
