"""Benchmark: Dutch sentences and lemmas on real text, beside other tools (issue 18).

On the development split of the UD Dutch treebanks (Alpino: newspapers, LassySmall:
Wikipedia; ``../shared/nlp/ud-dutch-dev/``), paragraphs rebuilt as running text:

- sentence boundaries after punctuation inside paragraphs, precision / recall / F1, for
  reiscoder, syntok, pysbd and stock spaCy (``spacy.blank("nl")`` + sentencizer);
- lemma accuracy per word (punctuation, numbers and proper names left out; compared
  lower-cased with the compound ``_`` removed) for reiscoder's table, simplemma, spaCy's
  lookup table alone (spacy-lookups-data) and the lower-cased form itself;
- reiscoder also on a fixed 30% of the documents that was kept out of tuning (held out);
- words/s of reiscoder's whole pipeline (sentences and lemmas) on the same text.

Goals (checked on the test split): F1 >= 0.98, lemma accuracy >= 0.95.
The comparison tools are the ``bench`` extra: ``.venv/bin/pip install -e '.[bench]'``.
Run: .venv/bin/python bench/dutch.py [--errors N] [--data DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.treebank import (
    DEV_DIR,
    Counts,
    Paragraph,
    Sentence,
    dev_sentences,
    held_out,
    normalise_lemma,
    paragraphs,
    score_boundaries,
    scored_words,
    sentence_errors,
)

F1_GOAL = 0.98
LEMMA_GOAL = 0.95
Splitter = Callable[[str], list[int]]  # text -> sentence start offsets


# -- sentence splitters ----------------------------------------------------------------------


def reiscoder_splitter() -> Splitter:
    from reiscoder.nlp import segment_turns

    return lambda text: [s.start for s in segment_turns(text, [(0, len(text))])]


def spacy_splitter() -> Splitter:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return lambda text: [sentence.start_char for sentence in nlp(text).sents]


def syntok_splitter() -> Splitter:
    from syntok.segmenter import analyze

    def split(text: str) -> list[int]:
        return [sentence[0].offset for part in analyze(text) for sentence in part if sentence]

    return split


def pysbd_splitter() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="nl", clean=False, char_span=True)
    return lambda text: [span.start for span in segmenter.segment(text)]


SPLITTERS: dict[str, Callable[[], Splitter]] = {
    "reiscoder": reiscoder_splitter,
    "syntok": syntok_splitter,
    "pysbd": pysbd_splitter,
    "spaCy blank nl + sentencizer": spacy_splitter,
}


def score_splitter(split: Splitter, texts: list[Paragraph]) -> Counts:
    total = Counts()
    for paragraph in texts:
        total.add(score_boundaries(paragraph, split(paragraph.text)))
    return total


# -- lemmatizers (a sentence's word forms -> lemmas) -------------------------------------------

Lemmatize = Callable[[list[str]], list[str]]


def reiscoder_lemmas() -> Lemmatize:
    from reiscoder.nlp.lemmas import Lemmatizer

    return Lemmatizer.default().lemmas_of


def simplemma_lemmas() -> Lemmatize:
    import simplemma

    return lambda forms: [simplemma.lemmatize(form, lang="nl") for form in forms]


def spacy_lookup_lemmas() -> Lemmatize:
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).resolve().parent / "data"
    with gzip.open(data / "nl_lemma_lookup.json.gz", "rt", encoding="utf-8") as file:
        table = {form.lower(): lemma for form, lemma in json.load(file).items()}
    return lambda forms: [table.get(form.lower(), form) for form in forms]


LEMMATIZERS: dict[str, Callable[[], Lemmatize]] = {
    "reiscoder": reiscoder_lemmas,
    "simplemma": simplemma_lemmas,
    "spaCy lookup table (spacy-lookups-data)": spacy_lookup_lemmas,
    "lower-cased form": lambda: lambda forms: list(forms),
}


def lemma_accuracy(lemmatize: Lemmatize, sentences: Iterable[Sentence]) -> tuple[float, int]:
    right = total = 0
    for sentence in sentences:
        scored = set(map(id, scored_words([sentence])))
        lemmas = lemmatize([word.form for word in sentence.words])
        for word, lemma in zip(sentence.words, lemmas, strict=True):
            if id(word) in scored:
                total += 1
                right += normalise_lemma(lemma) == normalise_lemma(word.lemma)
    return (right / total if total else 0.0), total


def lemma_errors(lemmatize: Lemmatize, sentences: Iterable[Sentence]) -> Counter[str]:
    errors: Counter[str] = Counter()
    for sentence in sentences:
        scored = set(map(id, scored_words([sentence])))
        lemmas = lemmatize([word.form for word in sentence.words])
        for word, lemma in zip(sentence.words, lemmas, strict=True):
            if id(word) in scored and normalise_lemma(lemma) != normalise_lemma(word.lemma):
                errors[f"{word.pos:5} {word.form} -> {lemma} (gold {word.lemma})"] += 1
    return errors


# -- throughput ---------------------------------------------------------------------------------


def words_per_second(texts: list[Paragraph], repeats: int = 3) -> tuple[float, int]:
    from reiscoder.nlp import pipeline_name, segment_turns

    text = "\n\n".join(paragraph.text for paragraph in texts)
    turns, position = [], 0
    for paragraph in texts:
        turns.append((position, position + len(paragraph.text)))
        position += len(paragraph.text) + 2
    words = len(text.split())
    pipeline_name()  # build the pipeline outside the timing
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        segment_turns(text, turns)
        best = min(best, time.perf_counter() - started)
    return words / best, words


# -- report -------------------------------------------------------------------------------------


def _available(name: str, make: Callable[[], object]) -> object | None:
    try:
        return make()
    except ImportError as error:
        print(f"  {name}: not installed ({error.name}); pip install -e '.[bench]'")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV_DIR)
    parser.add_argument("--errors", type=int, default=0, help="show reiscoder's N top errors")
    args = parser.parse_args()
    sentences = dev_sentences(args.data)
    texts = paragraphs(sentences)
    kept = [p for p in texts if held_out(p.document)]
    words = list(scored_words(sentences))
    print(
        f"UD Dutch dev (Alpino + LassySmall): {len(sentences)} sentences, {len(texts)} "
        f"paragraphs, {len(words):,} scored words"
    )

    print("\nSentence boundaries after punctuation inside paragraphs (P / R / F1):")
    for name, make in SPLITTERS.items():
        split = _available(name, make)
        if split is None:
            continue
        counts = score_splitter(split, texts)
        line = f"  {name:42} P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}"
        if name == "reiscoder":
            line += f"  (goal {F1_GOAL}: ratio {counts.f1 / F1_GOAL:.3f})"
            held = score_splitter(split, kept)
            line += f"\n  {'reiscoder, held-out 30% of documents':42} P {held.precision:.3f}  "
            line += f"R {held.recall:.3f}  F1 {held.f1:.3f}"
        print(line)
    if args.errors:
        split = reiscoder_splitter()
        for paragraph in texts:
            for error in sentence_errors(paragraph, split(paragraph.text)):
                print("   ", error)

    print("\nLemma accuracy per word (no punctuation, numbers, proper names):")
    held_sentences = [s for s in sentences if held_out(s.document)]
    for name, make in LEMMATIZERS.items():
        lemmatize = _available(name, make)
        if lemmatize is None:
            continue
        accuracy, _total = lemma_accuracy(lemmatize, sentences)
        line = f"  {name:42} {accuracy:.3f}"
        if name == "reiscoder":
            line += f"  (goal {LEMMA_GOAL}: ratio {accuracy / LEMMA_GOAL:.3f})"
            held, _ = lemma_accuracy(lemmatize, held_sentences)
            line += f"\n  {'reiscoder, held-out 30% of documents':42} {held:.3f}"
        print(line)
    if args.errors:
        for error, count in lemma_errors(reiscoder_lemmas(), sentences).most_common(args.errors):
            print(f"    {count:3} {error}")

    rate, count = words_per_second(texts)
    print(f"\nreiscoder whole pipeline (sentences + lemmas): {rate:,.0f} words/s ({count:,} words)")


if __name__ == "__main__":
    main()
