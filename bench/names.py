"""Benchmark: how well the suggestions find the names in Dutch transcripts (issue 14).

Goal: suggestion recall on person names >= 0.95; also printed: the share of suggestions of
the right kind (person, place, organisation), their precision, deduce's load time and how
long the suggestions take. The corpus (``bench/name_corpus.py``) is generated: residents and
workers with Dutch, Moroccan, Turkish, Surinamese, Polish and Caribbean names in every
position (speaker labels, sentence starts, vocatives, possessives, diminutives, plurals,
without accents), neighbourhoods, streets, countries and organisations. It is imported with
``reiscoder new`` and ``reiscoder import`` like a researcher's files.

A person mention counts as recalled when accepting every suggestion replaces all its words.

Run: .venv/bin/python bench/names.py [--documents 30] [--no-deduce]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select

from bench.name_corpus import Corpus, generate
from reiscoder.cli import main as cli
from reiscoder.model import Document, NameKind
from reiscoder.model.project import Project
from reiscoder.privacy import deduce_names
from reiscoder.privacy.suggest import Suggestion, suggest_names
from reiscoder.text.name_matching import NameRule, Pseudonymiser

RECALL_GOAL = 0.95
_WORD = re.compile(r"[^\W\d_]+")


def build(corpus: Corpus, folder: Path) -> Path:
    sources = folder / "bronnen"
    sources.mkdir()
    files = []
    for transcript in corpus.transcripts:
        path = sources / f"{transcript.name}.txt"
        path.write_text(transcript.text, encoding="utf-8")
        files.append(str(path))
    project = folder / "namen.reis"
    assert cli(["new", str(project), "--coder", "Onderzoeker"]) == 0
    assert cli(["import", str(project), *files]) == 0
    return project


def recall(corpus: Corpus, texts: dict[str, str], suggestions: list[Suggestion]) -> tuple:
    accepted = Pseudonymiser(NameRule(s.original, "?", s.kind) for s in suggestions)
    found = total = 0
    missed: dict[str, int] = {}
    for transcript in corpus.transcripts:
        text = texts[transcript.name]
        assert text == transcript.text, transcript.name  # positions are those generated
        spans = [(r.start, r.end) for r in accepted.find(text)]
        for mention in transcript.mentions:
            if mention.kind != "person":
                continue
            total += 1
            words = [
                (mention.start + m.start(), mention.start + m.end())
                for m in _WORD.finditer(text[mention.start : mention.end])
            ]
            if all(any(a <= s and e <= b for a, b in spans) for s, e in words):
                found += 1
            else:
                key = text[mention.start : mention.end]
                missed[key] = missed.get(key, 0) + 1
    return found, total, missed


def kinds(corpus: Corpus, suggestions: list[Suggestion]) -> tuple[int, int, int, list[str]]:
    """(suggestions that are a true entity, of them the right kind, all, wrong ones)."""
    names = list(corpus.entities.items())
    truth = Pseudonymiser(NameRule(name, "?", NameKind(kind)) for name, kind in names)
    matched = right = 0
    wrong = []
    for suggestion in suggestions:
        hits = truth.find(suggestion.original)
        if len(hits) != 1 or (hits[0].start, hits[0].end) != (0, len(suggestion.original)):
            continue
        matched += 1
        kind = names[hits[0].rule][1]
        if suggestion.kind == kind:
            right += 1
        else:
            wrong.append(f"{suggestion.original} ({suggestion.kind}, is {kind})")
    return matched, right, len(suggestions), wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--no-deduce", action="store_true")
    args = parser.parse_args()
    corpus = generate(args.documents)
    with tempfile.TemporaryDirectory() as folder:
        path = build(corpus, Path(folder))
        if not args.no_deduce:
            cached = deduce_names.cache_file().exists()
            deduce_names.load_detector()
            how = "from the cache" if cached else "built and cached"
            seconds = deduce_names.load_seconds or 0.0
            print(f"deduce load: {seconds:.2f} s ({how}: {deduce_names.cache_file()})")
        with Project.open(path, read_only=True) as project, project.reader() as session:
            texts = dict(session.execute(select(Document.name, Document.text)).all())
            began = time.perf_counter()
            suggestions = suggest_names(session, detector=not args.no_deduce)
            seconds = time.perf_counter() - began
    words = sum(len(t.text.split()) for t in corpus.transcripts)
    print(f"corpus: {len(corpus.transcripts)} transcripts, {words} words")
    print(f"suggestions: {len(suggestions)} in {seconds:.2f} s")
    found, total, missed = recall(corpus, texts, suggestions)
    share = found / total
    print(
        f"recall on person names: {share:.3f} ({found} of {total} mentions); "
        f"goal {RECALL_GOAL}: ratio {share / RECALL_GOAL:.2f}"
    )
    if missed:
        print("  missed:", ", ".join(f"{k} ×{v}" for k, v in sorted(missed.items())[:20]))
    matched, right, count, wrong = kinds(corpus, suggestions)
    print(f"right kind: {right / matched:.3f} ({right} of {matched} suggestions of a true name)")
    print(f"precision: {matched / count:.3f} ({matched} of {count} suggestions are a true name)")
    if wrong:
        print("  wrong kind:", ", ".join(wrong[:20]))
    others = [s.original for s in suggestions if not _true(corpus, s)]
    _speed(corpus, suggestions)
    if others:
        print("  not a name of the corpus:", ", ".join(others[:20]))
    return 0 if share >= RECALL_GOAL else 1


def _speed(corpus: Corpus, suggestions: list[Suggestion]) -> None:
    """How fast the accepted list pseudonymises text (exports and the copy do this)."""
    pseudonymiser = Pseudonymiser(NameRule(s.original, "X", s.kind) for s in suggestions)
    text = "\n".join(t.text for t in corpus.transcripts)
    text *= max(1, 1_000_000 // len(text))
    began = time.perf_counter()
    _new, positions = pseudonymiser.apply_mapped(text)
    seconds = time.perf_counter() - began
    print(
        f"pseudonymising: {len(text) / seconds / 1e6:.2f} M characters/s "
        f"({len(positions.blocks)} names in {len(text)} characters, {seconds:.2f} s)"
    )


def _true(corpus: Corpus, suggestion: Suggestion) -> bool:
    return kinds(corpus, [suggestion])[0] == 1


if __name__ == "__main__":
    sys.exit(main())
