"""Word frequencies on lemmas, and keyword in context, for a chosen part of the text.

The text is what speakers said (turn contents, without labels and timestamps), narrowed to
what some codes cover, to some documents, and to speakers whose case has some value of an
attribute (a role such as "bewoner"). Annotations such as ``[lacht]`` and ``[onverstaanbaar]``
are removed before counting, and a Dutch stop list (spaCy's, plus the hesitations of
transcribed speech: eh, uh, nou, ...) leaves out words that say little.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import document_names
from reiscoder.model import AttributeValue, Coding, Document, Speaker, Turn
from reiscoder.nlp import lemmatize_words

# [lacht], [onverstaanbaar], (lacht), (12:31): not words anyone said
ANNOTATION = re.compile(
    r"\[[^\]\n]{0,60}\]|\((?:lacht|lachen|onverstaanbaar|stilte|pauze)\)"
    r"|\(\d{1,2}:\d{2}(?::\d{2})?\)",
    re.IGNORECASE,
)
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
FILLERS = frozenset(
    "eh ehm euh uh uhm hm hmm hmhm mm mhm nou ok oké oke okay zeg gewoon echt even".split()
)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's Dutch stop words with the hesitations and fillers of transcribed speech."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | FILLERS | {"onverstaanbaar"}


@dataclass(frozen=True)
class WordSource:
    """Which text to count. None means no restriction."""

    code_ids: frozenset[int] | None = None  # only text coded with these codes
    coder_ids: frozenset[int] | None = None  # ... by these coders
    document_ids: frozenset[int] | None = None
    case_attribute_id: int | None = None  # only turns of speakers whose case has ...
    case_value: str | None = None  # ... this value of that attribute


@dataclass(frozen=True)
class WordCount:
    lemma: str
    count: int
    forms: tuple[str, ...]  # the forms found, most frequent first


@dataclass
class WordFrequencies:
    rows: list[WordCount] = field(default_factory=list)
    words: int = 0  # every word counted, stop words included


@dataclass(frozen=True, slots=True)
class KwicLine:
    document_id: int
    document_name: str
    start: int
    end: int
    left: str
    match: str
    right: str


def lemma_of(form: str) -> str:
    """The lemma of one lower-case word form, remembered."""
    return _lemma(form.lower())


@lru_cache(maxsize=200_000)
def _lemma(form: str) -> str:
    lemmas = lemmatize_words(form)
    return lemmas[0] if len(lemmas) == 1 and lemmas[0] else form


def word_frequencies(
    session: Session, source: WordSource, *, use_stop_list: bool = True, limit: int | None = None
) -> WordFrequencies:
    forms: Counter[str] = Counter()
    remember = source.code_ids is None  # a document's turns: the same again next time
    for document, ranges, text in _document_texts(session, source):
        forms.update(_forms_of(document, ranges, text, remember))
    stop = stop_words() if use_stop_list else frozenset()
    by_lemma: dict[str, Counter[str]] = {}
    for form, count in forms.items():
        lemma = lemma_of(form)
        if form in stop or lemma in stop:
            continue
        by_lemma.setdefault(lemma, Counter())[form] += count
    rows = [
        WordCount(lemma, sum(found.values()), tuple(f for f, _n in found.most_common()))
        for lemma, found in by_lemma.items()
    ]
    rows.sort(key=lambda row: (-row.count, row.lemma))
    return WordFrequencies(rows[:limit] if limit else rows, sum(forms.values()))


def keyword_in_context(
    session: Session, source: WordSource, keyword: str, *, width: int = 60, limit: int = 2000
) -> list[KwicLine]:
    """Every occurrence of a word (any form of its lemma) with the text around it."""
    wanted = keyword.strip().lower()
    if not wanted:
        return []
    lemma = lemma_of(wanted)
    names = document_names(session)
    lines: list[KwicLine] = []
    for document, offset, text in texts(session, source):
        hidden = ANNOTATION.sub(lambda m: " " * len(m.group()), text)
        for match in WORD.finditer(hidden):
            form = match.group().lower()
            if form != wanted and lemma_of(form) != lemma:
                continue
            left = text[max(0, match.start() - width) : match.start()]
            right = text[match.end() : match.end() + width]
            lines.append(
                KwicLine(
                    document,
                    names.get(document, "?"),
                    offset + match.start(),
                    offset + match.end(),
                    _flat(left),
                    match.group(),
                    _flat(right),
                )
            )
            if len(lines) >= limit:
                return lines
    return lines


def _flat(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "  " in text else text


# -- the text to count ----------------------------------------------------------------------


def texts(session: Session, source: WordSource) -> Iterator[tuple[int, int, str]]:
    """(document id, offset, text) of every stretch of text in the source."""
    for document, ranges, text in _document_texts(session, source):
        for start, end in ranges:
            yield document, start, text[start:end]


def _document_texts(
    session: Session, source: WordSource
) -> Iterator[tuple[int, tuple[tuple[int, int], ...], str]]:
    """(document id, its stretches in the source, its whole text) of every document."""
    spoken = _spoken_ranges(session, source)
    if source.code_ids is not None:
        coded = _coded_ranges(session, source)
        spoken = {d: _intersect(spoken.get(d, []), r) for d, r in coded.items() if d in spoken}
    documents = sorted(d for d, ranges in spoken.items() if ranges)
    for first in range(0, len(documents), 50):
        chunk = documents[first : first + 50]
        query = select(Document.id, Document.text).where(Document.id.in_(chunk))
        for document, text in session.execute(query):
            yield document, tuple(spoken[document]), text


_REMEMBERED = 400  # documents' word counts kept (a few MB): all text, a role, a document
_forms_cache: dict[tuple[int, int, int], Counter[str]] = {}
_cache_lock = threading.Lock()


def _forms_of(
    document: int, ranges: tuple[tuple[int, int], ...], text: str, remember: bool
) -> Counter[str]:
    """How often each word form occurs in these stretches of a document's text.

    Counting 800,000 words takes a few hundred milliseconds; a document's turns are the same
    until its text changes, so with ``remember`` the count is kept (keyed by the text and
    the stretches themselves, so a changed text is counted again)."""
    key = (document, hash(text), hash(ranges))
    if remember:
        with _cache_lock:
            found = _forms_cache.get(key)
        if found is not None:
            return found
    forms: Counter[str] = Counter()
    for start, end in ranges:
        forms.update(WORD.findall(ANNOTATION.sub(" ", text[start:end]).lower()))
    if remember:
        with _cache_lock:
            if len(_forms_cache) >= _REMEMBERED:
                _forms_cache.pop(next(iter(_forms_cache)))
            _forms_cache[key] = forms
    return forms


def _spoken_ranges(session: Session, source: WordSource) -> dict[int, list[tuple[int, int]]]:
    query = select(Turn.document_id, Turn.content_start, Turn.end).where(
        Turn.content_start < Turn.end
    )
    if source.document_ids is not None:
        query = query.where(Turn.document_id.in_(sorted(source.document_ids)))
    if source.case_attribute_id is not None:
        query = query.join(Speaker, Speaker.id == Turn.speaker_id).join(
            AttributeValue,
            and_(
                AttributeValue.case_id == Speaker.case_id,
                AttributeValue.attribute_id == source.case_attribute_id,
                AttributeValue.value == (source.case_value or ""),
            ),
        )
    ranges: dict[int, list[tuple[int, int]]] = {}
    for document, start, end in session.execute(query.order_by(Turn.document_id, Turn.start)):
        ranges.setdefault(document, []).append((start, end))
    if source.case_attribute_id is None:
        _add_documents_without_turns(session, source, ranges)
    return ranges


def _add_documents_without_turns(
    session: Session, source: WordSource, ranges: dict[int, list[tuple[int, int]]]
) -> None:
    query = select(Document.id, Document.text_length)
    if source.document_ids is not None:
        query = query.where(Document.id.in_(sorted(source.document_ids)))
    for document, length in session.execute(query):
        if document not in ranges and length:
            ranges[document] = [(0, length)]


def _coded_ranges(session: Session, source: WordSource) -> dict[int, list[tuple[int, int]]]:
    """The text covered by the codes, overlapping codings merged."""
    query = select(Coding.document_id, Coding.start, Coding.end).where(
        Coding.code_id.in_(sorted(source.code_ids or ()))
    )
    if source.coder_ids is not None:
        query = query.where(Coding.coder_id.in_(sorted(source.coder_ids)))
    if source.document_ids is not None:
        query = query.where(Coding.document_id.in_(sorted(source.document_ids)))
    merged: dict[int, list[tuple[int, int]]] = {}
    for document, start, end in session.execute(query.order_by(Coding.document_id, Coding.start)):
        ranges = merged.setdefault(document, [])
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
        else:
            ranges.append((start, end))
    return merged


def _intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The overlap of two sorted lists of disjoint ranges (one sweep)."""
    result, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result
