"""Sentences and lemmas on real Dutch: the treebank sample in tests/data/ud-dutch/.

A regression guard for the figures bench/dutch.py measures on the whole development split
(the sample is part of it, so this is no test of generalisation): the sentences of one
document, joined as running text, and every word's lemma.
"""

from __future__ import annotations

from collections import defaultdict

from bench.treebank import (
    Counts,
    Paragraph,
    Sentence,
    normalise_lemma,
    read_conllu,
    score_boundaries,
    scored_words,
)
from reiscoder.nlp import segment_turns
from reiscoder.nlp.lemmas import Lemmatizer

from .tiny_model import SAMPLE


def _documents(sentences: list[Sentence]) -> list[Paragraph]:
    by_document: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        by_document[sentence.document].append(sentence)
    texts = []
    for document, group in by_document.items():
        text, ranges = "", []
        for sentence in group:
            start = len(text) + (1 if text else 0)
            text = f"{text} {sentence.text}" if text else sentence.text
            ranges.append((start, start + len(sentence.text)))
        texts.append(Paragraph(text, ranges, document))
    return texts


def test_sentence_boundaries_on_the_sample() -> None:
    total = Counts()
    for paragraph in _documents(read_conllu(SAMPLE)):
        spans = segment_turns(paragraph.text, [(0, len(paragraph.text))])
        total.add(score_boundaries(paragraph, [span.start for span in spans]))
    assert total.true_positive + total.false_negative >= 100
    assert total.f1 >= 0.98, total


def test_lemmas_on_the_sample() -> None:
    lemmatizer = Lemmatizer.default()
    right = total = 0
    for sentence in read_conllu(SAMPLE):
        lemmas = lemmatizer.lemmas_of([word.form for word in sentence.words])
        by_word = dict(zip(map(id, sentence.words), lemmas, strict=True))
        for word in scored_words([sentence]):
            total += 1
            right += normalise_lemma(by_word[id(word)]) == normalise_lemma(word.lemma)
    assert total >= 2000
    assert right / total >= 0.95
