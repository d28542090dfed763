"""Throughput of segment_turns against a bare spacy.blank("nl") + sentencizer.

Run as a script for the full measurement on about 200,000 words:

    .venv/bin/python tests/nlp/speed.py

It is a benchmark, not a test: the two rates are measured one after the other, so on a shared
machine their ratio is luck (it failed a CI-like run while another ran beside it).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import spacy

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from gold import gold_files, read_gold  # type: ignore[no-redef]
else:
    from .gold import gold_files, read_gold

LABELS = ("I: ", "R: ", "Interviewer: ", "Fatima: ", "[00:12:31] R: ")


def make_corpus(words: int, seed: int = 7) -> tuple[str, list[tuple[int, int]]]:
    """Transcript-like text: gold sentences reshuffled, with a share of words swapped."""
    rng = random.Random(seed)
    sentences: list[str] = []
    for path in gold_files():
        gold = read_gold(path)
        sentences += [gold.text[start:end] for start, end in gold.sentences]
    vocabulary = sorted({word for sentence in sentences for word in sentence.split()})
    parts: list[str] = []
    turns: list[tuple[int, int]] = []
    position = count = 0
    while count < words:
        label = rng.choice(LABELS)
        chosen = [_vary(rng.choice(sentences), vocabulary, rng) for _ in range(rng.randint(1, 7))]
        content = " ".join(chosen)
        start = position + len(label)
        parts.append(label + content + "\n\n")
        turns.append((start, start + len(content)))
        position += len(label) + len(content) + 2
        count += len(content.split())
    return "".join(parts), turns


def _vary(sentence: str, vocabulary: list[str], rng: random.Random) -> str:
    words = sentence.split()
    for index in range(1, len(words) - 1):
        if rng.random() < 0.3:
            words[index] = rng.choice(vocabulary)
    return " ".join(words)


def word_count(text: str, turns: list[tuple[int, int]]) -> int:
    return sum(len(text[start:end].split()) for start, end in turns)


def bare_seconds(text: str, turns: list[tuple[int, int]]) -> float:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    texts = [text[start:end] for start, end in turns]
    started = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=128):
        for _sentence in doc.sents:
            pass
    return time.perf_counter() - started


def segment_seconds(text: str, turns: list[tuple[int, int]]) -> float:
    from reiscoder.nlp import pipeline_name, segment_turns

    pipeline_name()  # build outside the timing
    started = time.perf_counter()
    segment_turns(text, turns)
    return time.perf_counter() - started


def measure(words: int, repeats: int = 3) -> tuple[float, float, int]:
    """Best-of-``repeats`` words/s of (bare sentencizer, segment_turns), and the word count."""
    text, turns = make_corpus(words)
    count = word_count(text, turns)
    bare = min(bare_seconds(text, turns) for _ in range(repeats))
    ours = min(segment_seconds(text, turns) for _ in range(repeats))
    return count / bare, count / ours, count


def main() -> None:
    bare, ours, count = measure(200_000)
    print(f"{count} words")
    print(f"bare spacy.blank('nl') + sentencizer: {bare:,.0f} words/s")
    print(f"segment_turns (sentences + lemmas):   {ours:,.0f} words/s ({ours / bare:.0%})")


if __name__ == "__main__":
    main()
