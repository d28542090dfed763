"""Dutch sentence segmentation and lemmatisation of transcript turns.

With spaCy's trained ``nl_core_news_sm`` installed its parser splits sentences; otherwise
(the default) ``spacy.blank("nl")`` with the sentencizer, Dutch abbreviation special cases,
the boundary rules of :mod:`reiscoder.nlp.rules` and the vendored lookup lemma table.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import spacy
from spacy.attrs import IDX, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from reiscoder.nlp import rules
from reiscoder.nlp.lemmas import is_word, lemma_table, lookup_lemma

TRAINED_MODEL = "nl_core_news_sm"
RULES_NAME = "reiscoder-nl-regels"
# Bump when the rules or the lemma table change what a document's sentences would be.
RULES_VERSION = 1
BATCH_SIZE = 128

_LINES = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_NON_SPACE = re.compile(r"\S")
# A speaker label or timestamp left at the start of a turn range that begins a line.
_LEADING_LABEL = re.compile(
    r"""\s*(?:
        [\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?(?:\s*[-–])?
      | (?:Interviewer|Interviewster|Interviewee|Respondent|Spreker|Speaker|Moderator
          |Gespreksleider|Deelnemer|Onderzoeker|Bewoner|Werker|Student|Docent
          |[A-Z])(?:\s?\d{1,2}|\s[A-Z])?\s?:
    )(?=\s|$)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class SentenceSpan:
    """One sentence: half-open code point offsets into the text, and its lemmas."""

    start: int
    end: int
    lemmas: str  # space-separated lower-case lemmas of the word tokens, for full-text search


@dataclass
class _Pipeline:
    nlp: Language
    name: str
    trained: bool
    lemmas: dict[str, str]
    lemma_cache: dict[int, str] = field(default_factory=dict)


_build_lock = threading.Lock()


def pipeline_name() -> str:
    """Name and version of the pipeline, recorded with each segmented document."""
    return _pipeline().name


def segment_turns(text: str, turns: Sequence[tuple[int, int]]) -> list[SentenceSpan]:
    """Split each turn's content range of ``text`` into sentences, in text order.

    A sentence never crosses a turn range or a line break, is trimmed of whitespace, and the
    sentences of a turn cover all its non-whitespace text. Out-of-range ends are clipped and
    overlapping ranges are cut so that no character belongs to two turns.
    """
    pipeline = _pipeline()
    blocks = list(_blocks(text, turns))
    texts = (text[start:end] for start, end, label in blocks if not label)
    docs = pipeline.nlp.pipe(texts, batch_size=BATCH_SIZE)
    spans: list[SentenceSpan] = []
    for start, end, label in blocks:
        if label:
            spans.append(SentenceSpan(start, end, ""))
        else:
            spans.extend(_sentences(next(docs), start, pipeline))
    return spans


def lemmatize_words(words: str) -> list[str]:
    """Lower-case lemmas of the words in a search query: "gingen" -> ["gaan"]."""
    pipeline = _pipeline()
    if pipeline.trained:
        doc = pipeline.nlp(words)
        return [token.lemma_.lower() or token.lower_ for token in doc if is_word(token.text)]
    doc = pipeline.nlp.make_doc(words)
    return [lookup_lemma(token.text, pipeline.lemmas) for token in doc if is_word(token.text)]


def reset_pipeline() -> None:
    """Forget the cached pipeline, so the next call builds it again (for tests)."""
    _pipeline.cache_clear()


@cache
def _pipeline() -> _Pipeline:
    with _build_lock:
        if spacy.util.is_package(TRAINED_MODEL):
            return _build_trained()
        return _build_blank()


def _build_blank() -> _Pipeline:
    table = lemma_table()
    nlp = spacy.blank("nl")
    rules.add_special_cases(nlp, _dutch_words(table))
    nlp.add_pipe("sentencizer", config={"punct_chars": rules.PUNCT_CHARS})
    rules.register()
    nlp.add_pipe(rules.COMPONENT)
    nlp.max_length = 100_000_000
    name = f"{RULES_NAME} {RULES_VERSION} (spacy.blank nl)"
    return _Pipeline(nlp=nlp, name=name, trained=False, lemmas=table)


def _build_trained() -> _Pipeline:
    table = lemma_table()
    nlp = spacy.load(TRAINED_MODEL, exclude=["ner"])
    rules.add_special_cases(nlp, _dutch_words(table))
    rules.register()
    # Before the parser, which respects boundaries set earlier; the parser cannot be
    # corrected afterwards.
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe(rules.COMPONENT, before=before)
    nlp.max_length = 100_000_000
    version = nlp.meta.get("version", "?")
    name = f"{TRAINED_MODEL} {version} ({RULES_NAME} {RULES_VERSION})"
    return _Pipeline(nlp=nlp, name=name, trained=True, lemmas=table)


def _dutch_words(table: dict[str, str]) -> set[str]:
    words = set(table)
    words.update(table.values())
    words.update(rules.SENTENCE_STARTERS, rules.NON_FINAL_WORDS)
    return words


def _blocks(text: str, turns: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_label) of the stripped lines of every turn, in text order."""
    previous_end = 0
    for turn_start, turn_end in sorted(turns):
        start = max(turn_start, previous_end, 0)
        end = min(turn_end, len(text))
        if start >= end:
            continue
        previous_end = end
        if start == 0 or text[start - 1] in "\n\r":
            start = yield from _leading_labels(text, start, end)
        for line in _LINES.finditer(text, start, end):
            trimmed = _trim(text, line.start(), line.end())
            if trimmed is not None:
                yield (*trimmed, False)


def _leading_labels(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Yield a speaker label or timestamp at ``start`` as its own block; return the rest."""
    for _ in range(2):
        match = _LEADING_LABEL.match(text, start, end)
        if match is None:
            break
        trimmed = _trim(text, start, match.end())
        if trimmed is not None:
            yield (*trimmed, True)
        start = match.end()
    return start


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    left = len(piece) - len(piece.lstrip())
    return start + left, start + left + len(stripped)


def _sentences(doc: Doc, offset: int, pipeline: _Pipeline) -> list[SentenceSpan]:
    if len(doc) == 0:
        return []
    attrs = doc.to_array([IDX, ORTH, SENT_START])
    starts = np.flatnonzero(attrs[1:, 2] == 1) + 1
    bounds = [0, *starts.tolist(), len(doc)]
    char_starts = attrs[:, 0].tolist()
    lemmas = _token_lemmas(doc, attrs[:, 1].tolist(), pipeline)
    text = doc.text
    spans = []
    for first, last in zip(bounds, bounds[1:], strict=False):
        char_end = char_starts[last] if last < len(doc) else len(text)
        trimmed = _trim(text, char_starts[first], char_end)
        if trimmed is None:
            continue
        sentence_lemmas = " ".join(filter(None, lemmas[first:last]))
        spans.append(SentenceSpan(offset + trimmed[0], offset + trimmed[1], sentence_lemmas))
    return spans


def _token_lemmas(doc: Doc, orths: list[int], pipeline: _Pipeline) -> list[str]:
    if pipeline.trained:
        return [token.lemma_.lower() if is_word(token.text) else "" for token in doc]
    cache_ = pipeline.lemma_cache
    strings = doc.vocab.strings
    table = pipeline.lemmas
    for orth in orths:
        if orth not in cache_:
            cache_[orth] = lookup_lemma(strings[orth], table)
    return [cache_[orth] for orth in orths]
