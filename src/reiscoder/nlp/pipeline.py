"""Dutch sentence segmentation and lemmatisation of transcript turns.

With spaCy's trained ``nl_core_news_sm`` installed (found as an installed package, the way
``spacy.load`` finds it), its parser splits sentences (with the Dutch rules marking what
they decide beforehand), its lemmatizer gives the lemmas and its entity recogniser the
names (:mod:`reiscoder.nlp.entities`). Otherwise, the default, ``spacy.blank("nl")``'s
tokenizer with Dutch abbreviation special cases, the rules of
:mod:`reiscoder.nlp.boundaries` and the lemmas of :mod:`reiscoder.nlp.lemmas`.
"""

from __future__ import annotations

import gc
import itertools
import re
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import spacy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from reiscoder.nlp import boundaries, particles, rules
from reiscoder.nlp.lemmas import Lemmatizer

TRAINED_MODEL = "nl_core_news_sm"
RULES_NAME = "reiscoder-nl-regels"
# Bump when the rules or the lemma table change what a document's sentences would be.
RULES_VERSION = 2
BATCH_SIZE = 256
# Components that find names: not run while segmenting, only for reiscoder.nlp.entities.
ENTITY_FACTORIES = frozenset({"ner", "beam_ner", "entity_ruler", "span_ruler"})

_LINES = re.compile(r"[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
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
    lemmatizer: Lemmatizer
    classes: boundaries.ClassCache
    lemma_cache: dict[int, str] = field(default_factory=dict)
    # Whether the trained pipeline has a lemmatizer of its own.
    model_lemmas: bool = False
    # Orth ids of the separable particles (op, terug, ...), and of "te" and the words that
    # open a clause, in lower case.
    particle_orths: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    clause_orths: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))

    @property
    def entity_pipes(self) -> list[str]:
        return [
            name
            for name in self.nlp.pipe_names
            if self.nlp.get_pipe_meta(name).factory in ENTITY_FACTORIES
        ]


_build_lock = threading.Lock()


def pipeline_name() -> str:
    """Name and version of the pipeline, recorded with each segmented document."""
    return _pipeline().name


def segment_turns(text: str, turns: Sequence[tuple[int, int]]) -> list[SentenceSpan]:
    """Split each turn's content range of ``text`` into sentences, in text order.

    A sentence never crosses a turn range or a line break, is trimmed of whitespace, and the
    sentences of a turn cover all its non-whitespace text. Out-of-range ends are clipped and
    overlapping ranges are cut so that no character belongs to two turns. A speaker label or
    timestamp still at the start of a range that begins a line becomes a span of its own.
    """
    pipeline = _pipeline()
    with _gc_paused():
        return _segment(text, turns, pipeline)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cycle collector: segmenting makes many small objects but no cycles, and
    collections triggered by them cost up to a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _segment(
    text: str, turns: Sequence[tuple[int, int]], pipeline: _Pipeline
) -> list[SentenceSpan]:
    blocks = list(_blocks(text, turns))
    content = [(start, end) for start, end, label in blocks if not label]
    texts = [text[start:end] for start, end in content]
    disable = pipeline.entity_pipes if pipeline.trained else pipeline.nlp.pipe_names
    docs = pipeline.nlp.pipe(texts, batch_size=BATCH_SIZE, disable=disable)
    sentences: list[list[SentenceSpan]] = []
    for batch in minibatch(zip(content, docs, strict=True), BATCH_SIZE):
        sentences += _segment_batch(text, batch, pipeline)
    per_content = iter(sentences)
    spans: list[SentenceSpan] = []
    for start, end, label in blocks:
        if label:
            spans.append(SentenceSpan(start, end, ""))
        else:
            spans += next(per_content)
    return spans


def lemmatize_words(words: str) -> list[str]:
    """Lower-case lemmas of the words in a search query: "gingen" -> ["gaan"]."""
    pipeline = _pipeline()
    if pipeline.trained:
        with pipeline.nlp.select_pipes(disable=pipeline.entity_pipes):
            doc = pipeline.nlp(words)
        return [_model_lemma(token, pipeline) for token in doc if _is_word(token.text)]
    doc = pipeline.nlp.make_doc(words)
    lemmas = pipeline.lemmatizer.lemmas_of([token.text for token in doc])
    return [lemma for token, lemma in zip(doc, lemmas, strict=True) if _is_word(token.text)]


def search_lemmas(word: str) -> list[str]:
    """What a search for ``word`` looks for: its lemmas, and the other readings of an
    ambiguous form (``werken`` also finds "ik werk", whose lemma is the noun ``werk``)."""
    pipeline = _pipeline()
    found = dict.fromkeys(lemmatize_words(word))
    doc = pipeline.nlp.make_doc(word)
    for token in doc:
        found.update(dict.fromkeys(pipeline.lemmatizer.alternatives(token.text)))
    return list(found)


def trained_pipeline() -> Language | None:
    """The trained Dutch pipeline in use (with its entity recogniser), or None."""
    pipeline = _pipeline()
    return pipeline.nlp if pipeline.trained else None


def entity_pipes() -> list[str]:
    """The components of the pipeline in use that find names (none without the model)."""
    pipeline = _pipeline()
    return pipeline.entity_pipes if pipeline.trained else []


def reset_pipeline() -> None:
    """Forget the built pipeline, so the next call builds it again (for tests)."""
    with _build_lock:
        _built.clear()


_built: list[_Pipeline] = []


def _pipeline() -> _Pipeline:
    """The pipeline, built once per process (about a second), whichever thread asks first."""
    if not _built:
        with _build_lock:
            if not _built:
                _built.append(_build())
    return _built[0]


def _build() -> _Pipeline:
    lemmatizer = Lemmatizer.default()
    trained = spacy.util.is_package(TRAINED_MODEL)
    nlp, name = _trained_nlp(lemmatizer) if trained else _blank_nlp(lemmatizer)
    nlp.max_length = 100_000_000
    classes = boundaries.ClassCache(nlp.vocab.strings)
    model_lemmas = trained and any("lemmatizer" in name for name in nlp.pipe_names)
    strings = nlp.vocab.strings
    orths = [strings.add(word) for word in sorted(particles.PARTICLES)]
    openers = particles.CLAUSE_OPENERS | particles.PREPOSITIONS | {"te"}
    clause = [strings.add(word) for word in sorted(openers)]
    return _Pipeline(
        nlp,
        name,
        trained,
        lemmatizer,
        classes,
        model_lemmas=model_lemmas,
        particle_orths=np.array(orths, dtype=np.uint64),
        clause_orths=np.array(clause, dtype=np.uint64),
    )


def _blank_nlp(lemmatizer: Lemmatizer) -> tuple[Language, str]:
    nlp = spacy.blank("nl")
    rules.add_special_cases(nlp, _dutch_words(lemmatizer))
    nlp.add_pipe("sentencizer", config={"punct_chars": rules.PUNCT_CHARS})
    boundaries.register()
    nlp.add_pipe(boundaries.COMPONENT)
    return nlp, f"{RULES_NAME} {RULES_VERSION} (spacy.blank nl)"


def _trained_nlp(lemmatizer: Lemmatizer) -> tuple[Language, str]:
    nlp = spacy.load(TRAINED_MODEL)
    rules.add_special_cases(nlp, _dutch_words(lemmatizer))
    boundaries.register()
    # Hints before the parser (or senter), which keeps boundaries that are already set.
    splitters = [name for name in ("parser", "senter") if name in nlp.pipe_names]
    before = splitters[0] if splitters else None
    nlp.add_pipe(boundaries.COMPONENT, before=before, config={"hints_only": bool(splitters)})
    version = nlp.meta.get("version", "?")
    return nlp, f"{TRAINED_MODEL} {version} ({RULES_NAME} {RULES_VERSION})"


class _DutchWords:
    """Whether a word is Dutch: known to the lemma table or to the boundary rules (every
    lemma in the table is also a form in it)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (
            self.lemmatizer.known(word)
            or word in rules.SENTENCE_STARTERS
            or word in rules.NON_FINAL_WORDS
        )


def _dutch_words(lemmatizer: Lemmatizer) -> _DutchWords:
    return _DutchWords(lemmatizer)


def _is_word(text: str) -> bool:
    """A token that goes into the lemma index: it has a letter or a digit."""
    return any(ch.isalnum() for ch in text)


def _lookup_lemma(text: str, pipeline: _Pipeline) -> str:
    """The lower-case lemma of one token, or "" for punctuation and symbols."""
    return pipeline.lemmatizer.lemma(text) if _is_word(text) else ""


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


def _leading_labels(text: str, start: int, end: int) -> Generator[tuple[int, int, bool], None, int]:
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


def _segment_batch(
    text: str, batch: Sequence[tuple[tuple[int, int], Doc]], pipeline: _Pipeline
) -> list[list[SentenceSpan]]:
    """The sentences of a batch of blocks, with the boundary rules run over all at once."""
    docs = [doc for _, doc in batch]
    attrs = np.concatenate([doc.to_array([IDX, ORTH, SPACY, SENT_START]) for doc in docs])
    doc_starts = np.cumsum([0, *(len(doc) for doc in docs)])
    orths = attrs[:, 1].tolist()
    if pipeline.trained:
        starts = np.flatnonzero(attrs[:, 3] == boundaries.START)
        starts = np.union1d(starts, doc_starts[:-1])
        lemmas = [_model_lemma(token, pipeline) for doc in docs for token in doc]
    else:
        tokens = boundaries.Tokens.from_arrays(orths, attrs[:, 2].tolist(), pipeline.classes)
        marks = boundaries.sentence_marks(tokens, doc_starts[:-1])
        starts = np.union1d(np.flatnonzero(marks == boundaries.START), doc_starts[:-1])
        lemmas = _token_lemmas(orths, pipeline)
        _join_particles(pipeline, attrs[:, 1], tokens.classes, lemmas, starts)
    first = np.searchsorted(starts, doc_starts[:-1]).tolist()
    last = np.searchsorted(starts, doc_starts[1:]).tolist()
    token_chars = attrs[:, 0].tolist()
    starts_list = starts.tolist()
    doc_start_list = doc_starts.tolist()
    result = []
    for number, ((block_start, block_end), _) in enumerate(batch):
        shift = block_start - token_chars[doc_start_list[number]]
        bounds = [*starts_list[first[number] : last[number]], doc_start_list[number + 1]]
        sentences = []
        for begin, stop in itertools.pairwise(bounds):
            start = token_chars[begin] + shift
            end = token_chars[stop] + shift if stop < doc_start_list[number + 1] else block_end
            while end > start and text[end - 1].isspace():
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if start < end:
                words = " ".join(filter(None, lemmas[begin:stop]))
                sentences.append(SentenceSpan(start, end, words))
        result.append(sentences)
    return result


def _particles_to_join(orths: np.ndarray, classes: list[int], pipeline: _Pipeline) -> list[int]:
    """Positions of particles that end a clause or stand before "te" or a preposition: the
    few that may belong to a verb (most "op", "in" are prepositions before their noun)."""
    is_particle = np.isin(orths, pipeline.particle_orths)
    if not is_particle.any():
        return []
    following = np.zeros(len(orths), dtype=np.uint64)
    following[:-1] = orths[1:]
    following_class = np.zeros(len(orths), dtype=np.int64)
    following_class[:-1] = np.asarray(classes[1:], dtype=np.int64)
    ends_clause = (following_class & rules.WORD) == 0
    before_word = np.isin(following, pipeline.clause_orths)
    return np.flatnonzero(is_particle & (ends_clause | before_word)).tolist()


def _join_particles(
    pipeline: _Pipeline,
    orths: np.ndarray,
    classes: list[int],
    lemmas: list[str],
    starts: np.ndarray,
) -> None:
    """Separable verbs (see :mod:`reiscoder.nlp.particles`), sentence by sentence, for the
    sentences of the batch that have a particle that may belong to a verb."""
    candidates = _particles_to_join(orths, classes, pipeline)
    if not candidates:
        return
    strings = pipeline.nlp.vocab.strings
    bounds = [*starts.tolist(), len(orths)]
    sentence_of = np.searchsorted(starts, candidates, side="right") - 1
    pairs = zip(sentence_of.tolist(), candidates, strict=True)
    for sentence, group in itertools.groupby(pairs, key=_first):
        begin, stop = bounds[sentence], bounds[sentence + 1]
        texts = [strings[orth] for orth in orths[begin:stop].tolist()]
        sentence_lemmas = lemmas[begin:stop]
        positions = [at - begin for _, at in group]
        particles.join_particles(texts, sentence_lemmas, pipeline.lemmatizer.is_verb, positions)
        lemmas[begin:stop] = sentence_lemmas


def _first(pair: tuple[int, int]) -> int:
    return pair[0]


def _token_lemmas(orths: list[int], pipeline: _Pipeline) -> list[str]:
    lemma_cache = pipeline.lemma_cache
    try:
        return [lemma_cache[orth] for orth in orths]
    except KeyError:
        strings = pipeline.nlp.vocab.strings
        for orth in orths:
            if orth not in lemma_cache:
                lemma_cache[orth] = _lookup_lemma(strings[orth], pipeline)
        return [lemma_cache[orth] for orth in orths]


def _model_lemma(token: spacy.tokens.Token, pipeline: _Pipeline) -> str:
    """The trained model's lemma; the table's where the model has no lemmatizer."""
    if not _is_word(token.text):
        return ""
    if pipeline.model_lemmas and token.lemma_:
        return token.lemma_.lower().replace("_", "")
    return pipeline.lemmatizer.lemma(token.text)
