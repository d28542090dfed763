"""Dutch sentence boundaries from token classes (conventions: docs/segmentation.md).

The rules run on plain lists of token attributes, so :func:`sentence_marks` can handle a
whole batch of short turns in one go. Numpy finds the few tokens that need a look (end
punctuation, ellipses, abbreviations); only around those does Python walk token by token.
:class:`BoundaryFixer` is the same rules as a spaCy component, for ``nlp(text).sents``
and for marking boundaries ahead of a trained parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from reiscoder.nlp import rules
from reiscoder.nlp.rules import (
    ABBREVIATION,
    AMBIGUOUS_QUOTE,
    APOSTROPHE,
    CLOSE_BRACKET,
    CLOSE_QUOTE,
    DASH,
    ELLIPSIS,
    END,
    FULL_STOP,
    LOWER,
    NEWLINE,
    OPEN_BRACKET,
    OPEN_QUOTE,
    SEPARATOR,
    SPACE,
    SQUARE,
    UPPER,
    WORD,
)

COMPONENT = "reiscoder_nl_zinsgrenzen"
START, NOT_START, UNKNOWN = 1, -1, 0  # spaCy's SENT_START values

_TIMESTAMP = re.compile(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?")


class ClassCache:
    """Token class per orth hash, computed once per type."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self._classes: dict[int, int] = {}

    def classes(self, orths: list[int]) -> list[int]:
        cache = self._classes
        try:
            return [cache[orth] for orth in orths]
        except KeyError:
            for orth in orths:
                if orth not in cache:
                    cache[orth] = rules.classify(self.strings[orth])
            return [cache[orth] for orth in orths]


@dataclass
class Tokens:
    """Attributes of a run of tokens: one doc, or several docs side by side."""

    orths: list[int]
    classes: list[int]
    spaces: list[int]  # 1 if whitespace follows the token
    strings: StringStore
    _double_quotes: list[int] | None = None  # straight double quotes before each token

    def text(self, index: int) -> str:
        return self.strings[self.orths[index]]

    def double_quotes_between(self, begin: int, index: int) -> int:
        """How many straight double quotes stand in ``[begin, index)``."""
        if self._double_quotes is None:
            quote = self.strings.add('"')
            counts = np.cumsum([0, *(orth == quote for orth in self.orths)])
            self._double_quotes = counts.tolist()
        return self._double_quotes[index] - self._double_quotes[begin]

    @classmethod
    def from_arrays(cls, orths: list[int], spaces: list[int], cache: ClassCache) -> Tokens:
        return cls(orths, cache.classes(orths), spaces, cache.strings)


def sentence_marks(
    tokens: Tokens, doc_starts: Sequence[int] | np.ndarray, default: int = NOT_START
) -> np.ndarray:
    """SENT_START values for ``tokens``, whose docs begin at ``doc_starts``.

    Every doc's first token starts a sentence. With ``default=UNKNOWN`` only the decisions
    the rules make are marked, as hints for a parser that decides the rest.
    """
    length = len(tokens.classes)
    marks = np.full(length, default, dtype=np.int64)
    if length == 0:
        return marks
    starts = np.asarray(doc_starts, dtype=np.int64)
    marks[starts] = START
    ends = np.append(starts[1:], length)
    classes = np.asarray(tokens.classes, dtype=np.int64)
    following = np.zeros(length, dtype=np.int64)
    following[:-1] = classes[1:]
    following[ends - 1] = 0  # nothing follows the last token of a doc
    next_upper = (following & (UPPER | APOSTROPHE)) == UPPER
    next_lower = (following & (LOWER | APOSTROPHE)) == LOWER
    preceding = np.zeros(length, dtype=np.int64)
    preceding[1:] = classes[:-1]
    preceding[starts] = 0
    is_end = (classes & END) != 0
    is_other = (classes & (ELLIPSIS | ABBREVIATION)) != 0
    full_stop = (classes & FULL_STOP) != 0
    # "?!", "Arabisch:???": end punctuation after punctuation needs a look back.
    after_punct = is_end & ((preceding & (END | SEPARATOR | OPEN_BRACKET | OPEN_QUOTE)) != 0)
    # "word. Word", "word? word": the next token starts a sentence, no further look needed.
    plain = is_end & ~after_punct & (next_upper | (next_lower & ~full_stop))
    marks[np.flatnonzero(plain) + 1] = START
    # "zgn. buurtvaders", "nou... ja": the next word goes on with the sentence.
    marks[np.flatnonzero((full_stop | is_other) & next_lower) + 1] = NOT_START
    # A line break ends a sentence.
    marks[np.flatnonzero(((classes & NEWLINE) != 0) & (following != 0)) + 1] = START
    looked_at = (
        plain
        | (next_lower & ~after_punct)
        | ((following & (END | ELLIPSIS)) != 0)
        | (following == 0)
    )
    needed = (is_end | is_other) & ~looked_at
    anchors = np.flatnonzero(needed)
    if len(anchors):
        docs = np.searchsorted(starts, anchors, side="right") - 1
        mark_list = marks.tolist()
        for anchor, begin, limit in zip(
            anchors.tolist(), starts[docs].tolist(), ends[docs].tolist(), strict=True
        ):
            _resolve(tokens, mark_list, anchor, (begin, limit))
        marks = np.asarray(mark_list, dtype=np.int64)
    if default == UNKNOWN:
        # For a parser: closing punctuation never opens a sentence.
        closing = (classes & (END | ELLIPSIS | CLOSE_QUOTE | CLOSE_BRACKET | SEPARATOR)) != 0
        marks[closing & (marks == UNKNOWN)] = NOT_START
    return marks


def _resolve(tokens: Tokens, marks: list[int], anchor: int, doc: tuple[int, int]) -> None:
    """Decide whether a sentence starts after ``anchor`` (in the doc ``[begin, limit)``)
    and where."""
    limit = doc[1]
    last_end, word, start, closer_seen, separator = _scan_after(tokens, anchor, doc)
    classes = tokens.classes
    split = (
        word < limit
        and classes[word] & WORD
        and not separator
        and not (classes[anchor] & END and _glued_to_punctuation(tokens, anchor, doc[0]))
        and _splits(tokens, last_end, word, closer_seen, limit)
    )
    for index in range(anchor + 1, min(word + 1, limit)):
        if not classes[index] & NEWLINE:
            marks[index] = START if split and index == start else NOT_START


def _scan_after(
    tokens: Tokens, anchor: int, doc: tuple[int, int]
) -> tuple[int, int, int, bool, bool]:
    """Walk from ``anchor`` to the next word, or to a line break or ``limit``.

    Returns (last end token, next word or where the walk stopped, where a new sentence would
    start, whether a closing quote or bracket was seen, whether a comma or the like was seen).
    Closing quotes, annotations such as [lacht] and emoji stay with the sentence before;
    opening quotes, dashes and timestamps open the next one.
    """
    classes = tokens.classes
    begin, limit = doc
    last_end = anchor
    start = -1
    closer_seen = separator = False
    index = anchor + 1
    while index < limit:
        flags = classes[index]
        if flags & (WORD | NEWLINE):
            break
        if flags & (END | ELLIPSIS):
            if start < 0:
                last_end = index
        elif flags & (CLOSE_QUOTE | CLOSE_BRACKET):
            closer_seen = True
        elif flags & AMBIGUOUS_QUOTE:
            if start < 0 and _is_closing_quote(tokens, index, begin, limit):
                closer_seen = True
            elif start < 0:
                start = index
        elif flags & OPEN_BRACKET:
            group_end = _annotation_end(tokens, index, limit)
            if group_end is None or _is_timestamp(tokens, index, group_end):
                start = index if start < 0 else start
            if group_end is not None:
                index = group_end
        elif flags & (OPEN_QUOTE | DASH):
            start = index if start < 0 else start
        elif flags & SEPARATOR:
            separator = True
        index += 1
    return last_end, index, index if start < 0 else start, closer_seen, separator


def _glued_to_punctuation(tokens: Tokens, anchor: int, begin: int) -> bool:
    """End punctuation glued to a colon, comma or opening bracket or quote before it is no
    sentence end: "Arabisch:???" (letters lost in conversion), "(?)"."""
    classes = tokens.classes
    first = anchor
    while first > begin and classes[first - 1] & END:
        first -= 1
    before = first - 1
    return (
        before >= begin
        and not tokens.spaces[before]
        and bool(classes[before] & (SEPARATOR | OPEN_BRACKET | OPEN_QUOTE))
    )


def _is_closing_quote(tokens: Tokens, index: int, begin: int, limit: int) -> bool:
    """A straight quote glued to the token before it closes, one glued to the token after
    it opens. One set apart by spaces (or glued on both sides) closes when an odd number of
    straight double quotes came before it in the same text: `kunstenaar. " Wetende` opens."""
    glued_before = not tokens.spaces[index - 1]
    glued_after = not tokens.spaces[index] and index + 1 < limit
    if glued_before != glued_after or index + 1 == limit:
        return glued_before or index + 1 == limit
    if tokens.text(index) != '"':
        return True
    # `geluk. " " Het`: of two quotes in a row the first closes, the second opens.
    following = index + 1
    while following < limit and tokens.classes[following] & SPACE:
        following += 1
    if following < limit and tokens.text(following) == '"':
        return True
    preceding = index - 1
    while preceding > begin and tokens.classes[preceding] & SPACE:
        preceding -= 1
    if preceding >= begin and tokens.text(preceding) == '"':
        return False
    return tokens.double_quotes_between(begin, index) % 2 == 1


def _annotation_end(tokens: Tokens, index: int, limit: int) -> int | None:
    """Index of the bracket closing an annotation such as [lacht] or (lacht), else None."""
    classes = tokens.classes
    square = bool(classes[index] & SQUARE)
    for inner in range(index + 1, min(limit, index + (16 if square else 5))):
        flags = classes[inner]
        if flags & CLOSE_BRACKET:
            return inner
        if flags & (OPEN_BRACKET | OPEN_QUOTE | NEWLINE):
            return None
        # A parenthesised sentence, "(Maar ik kreeg geen antwoord.)", is not an annotation.
        if not square and not (flags & LOWER or _TIMESTAMP.fullmatch(tokens.text(inner))):
            return None
    return None


def _is_timestamp(tokens: Tokens, open_index: int, close_index: int) -> bool:
    inner = "".join(tokens.text(index) for index in range(open_index + 1, close_index))
    return bool(_TIMESTAMP.fullmatch(inner))


def _splits(tokens: Tokens, last_end: int, word: int, closer_seen: bool, limit: int) -> bool:
    """Whether ``word``, after ``last_end`` and any quotes or annotations, starts a sentence."""
    classes = tokens.classes
    upper = _starts_upper(classes, word, limit)
    end_flags = classes[last_end]
    if end_flags & ABBREVIATION:
        return upper and _abbreviation_ends(tokens.text(last_end).lower(), tokens.text(word))
    if end_flags & ELLIPSIS:
        if not upper:
            return False
        previous = _previous_word(tokens, last_end)
        return previous not in rules.NON_FINAL_WORDS or _is_starter(tokens.text(word))
    if upper:
        return True
    if end_flags & FULL_STOP:
        # "zgn. buurtvaders", "fig. 3": a full stop before a lower-case word is an
        # abbreviation's, and so is one after a short lower-case word before a number.
        return not classes[word] & LOWER and not _short_lower_word(tokens, last_end - 1)
    if not classes[word] & LOWER:
        return True
    # "?" or "!" before lower case: a quoted question inside a sentence does not end it.
    return not closer_seen


def _short_lower_word(tokens: Tokens, index: int) -> bool:
    if index < 0 or not tokens.classes[index] & LOWER:
        return False
    text = tokens.text(index)
    return len(text) <= 4 and text.isalpha()


def _starts_upper(classes: list[int], word: int, limit: int) -> bool:
    """Upper case, or an apostrophe form before an upper-case word: "'s Avonds"."""
    if classes[word] & APOSTROPHE:
        following = word + 1
        while following < limit and classes[following] & SPACE:
            following += 1
        return following < limit and bool(classes[following] & UPPER)
    return bool(classes[word] & UPPER)


def _abbreviation_ends(abbreviation: str, following: str) -> bool:
    if abbreviation in rules.LEADING_ABBREVIATIONS:
        return False
    if abbreviation in rules.ENDING_ABBREVIATIONS:
        return True
    return _is_starter(following)


def _is_starter(text: str) -> bool:
    return text.lower() in rules.SENTENCE_STARTERS


def _previous_word(tokens: Tokens, index: int) -> str:
    classes = tokens.classes
    for back in range(index - 1, max(index - 8, -1), -1):
        if classes[back] & NEWLINE:
            break
        if classes[back] & WORD:
            return tokens.text(back).lower()
    return ""


class BoundaryFixer:
    """The boundary rules as a spaCy component.

    In a blank pipeline it replaces the sentencizer's boundaries; ahead of a trained parser
    (``hints_only``) it marks only what the rules decide and leaves the rest to the parser.
    """

    def __init__(self, strings: StringStore, hints_only: bool) -> None:
        self._cache = ClassCache(strings)
        self._default = UNKNOWN if hints_only else NOT_START

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        attrs = doc.to_array([ORTH, SPACY])
        tokens = Tokens.from_arrays(attrs[:, 0].tolist(), attrs[:, 1].tolist(), self._cache)
        marks = sentence_marks(tokens, [0], self._default)
        # spaCy types it as 2-D (Ints2d); Doc.from_array reshapes a 1-D array for one attribute.
        doc.from_array([SENT_START], marks.astype(np.uint64))  # type: ignore[arg-type]
        return doc


def register() -> None:
    """Register the spaCy component factory (once per process)."""
    if Language.has_factory(COMPONENT):
        return

    @Language.factory(COMPONENT, default_config={"hints_only": False})
    def make_boundary_fixer(nlp: Language, name: str, hints_only: bool) -> BoundaryFixer:
        return BoundaryFixer(nlp.vocab.strings, hints_only)
