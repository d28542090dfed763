"""Dutch sentence-boundary rules on top of spaCy's tokenizer and sentencizer.

The conventions these rules implement are written down in ``docs/segmentation.md``.
The component works on token hashes and a per-type class cache, so it costs a few list
operations per token plus some Python per sentence boundary, not per token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

COMPONENT = "reiscoder_nl_zinsgrenzen"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ELLIPSIS_CHARS = "…"
PUNCT_CHARS = [*Sentencizer.default_punct_chars, ELLIPSIS_CHARS]

# Abbreviations spaCy's Dutch tokenizer splits ("z.g.a.n" + "."), added as special cases
# together with their capitalised sentence-initial forms.
EXTRA_ABBREVIATIONS = _words(
    """
    z.g.a.n. jr. sr. i.p.v. m.b.t. t.a.v. n.a.v. i.v.m. m.b.v. i.o.m. o.b.v. m.u.v. a.d.h.v.
    m.i. t.o.v. i.c.m. i.h.a. i.h.b. i.s.m. z.s.m. t.z.t. mld. mln. incl. excl. ong. mw. zgn.
    z.g. n.b. c.q. p.p. p.w. e.e.a. o.i.d. jan. feb. mrt. apr. jun. jul. aug. sep. sept. okt.
    nov. dec. vr. bijv. evt. resp. ca. nr. nrs. blz. pag. tel. sec. min. max.
    """
)

# Abbreviations that normally end a phrase: one followed by a capitalised word ends the
# sentence ("enz. Het was ...").
ENDING_ABBREVIATIONS = _words(
    """
    enz. etc. e.d. e.a. o.i.d. a.u.b. s.v.p. svp. z.g.a.n. j.l. jl. e.v. c.s. p.p. p.w.
    jan. feb. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec. jr. sr. min. sec.
    """
)

# Abbreviations that stand before what they belong to (titles, numbers, references):
# never a sentence end, whatever follows ("mevr. De Jong", "N.B. De namen ...").
LEADING_ABBREVIATIONS = _words(
    """
    dhr. mevr. mw. mr. dr. drs. ir. ing. prof. ds. st. nr. nrs. no. blz. pag. art. hfst. ca.
    n.b. vgl. zgn. z.g. t.a.v. i.p.v. m.b.t. n.a.v. i.v.m. m.b.v. i.o.m. o.b.v. m.u.v.
    a.d.h.v. t.o.v. i.c.m. d.w.z. m.a.w. i.s.m. tel. v.d. a.s.
    """
)

# Real abbreviations that are also Dutch words; other tokenizer special cases whose bare
# form is a Dutch word ("dat.", "al.", "me.", "best." from Belgian legal lists) are removed,
# because they stop the sentencizer at "Ik weet dat. Maar ...".
KEEP_SPECIAL_CASES = ENDING_ABBREVIATIONS | LEADING_ABBREVIATIONS | _words("gem. afd. bv. bijl.")

# Capitalised words that start sentences but hardly ever names: after an ambiguous
# abbreviation or a non-final word plus "...", only these open a new sentence.
SENTENCE_STARTERS = _words(
    """
    ik je jij u hij zij ze wij we jullie men dat dit die deze daar hier er toen dan nu maar
    en of want dus ook nou ja nee wat hoe waar wie waarom wanneer welke als omdat terwijl
    toch misschien eigenlijk verder daarna daarom daarnaast bovendien echter zo iedereen
    niemand alles niets niks gelukkig helaas natuurlijk oké ok kijk eh uh ehm soms vaak
    altijd nooit mijn onze hun bedankt dank sorry goed prima tja hè o oh ah zeker volgens
    wel niet geen al nog heel echt gewoon inderdaad precies klopt
    """
)

# Words a sentence does not end on: "naar... Rotterdam-Zuid" goes on after the ellipsis.
NON_FINAL_WORDS = _words(
    """
    de een 'n met tot naar in op aan bij van voor uit over door om onder tussen zonder
    mijn m'n z'n onze jouw uw en of maar want
    """
)

_TIMESTAMP = re.compile(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?")
_ALL_DOTS = re.compile(r"\.{2,}|…+|\.*…[.…]*")

# Token classes (bit flags), computed once per token type.
WORD = 1
UPPER = 2  # word whose first letter is upper case
LOWER = 4  # word whose first letter is lower case
APOSTROPHE = 8  # 's, 't, 'n: case of the next word decides
END = 16  # sentence-final punctuation other than an ellipsis
ELLIPSIS = 32
ABBREVIATION = 64  # word token ending in "." (a tokenizer special case)
CLOSE_QUOTE = 128
OPEN_QUOTE = 256
AMBIGUOUS_QUOTE = 512
OPEN_BRACKET = 1024
CLOSE_BRACKET = 2048
SEPARATOR = 4096  # , ; :
SPACE = 8192
DASH = 16384
SYMBOL = 32768  # anything else without letters or digits: emoji, %, &

_OPEN_QUOTES = frozenset("„“‘«‹‚")
_CLOSE_QUOTES = frozenset("”’»›")
_AMBIGUOUS_QUOTES = frozenset("\"'`´")
_OPEN_BRACKETS = frozenset("([{")
_CLOSE_BRACKETS = frozenset(")]}")
_SEPARATORS = frozenset(",;:")
_DASHES = frozenset("-–—")
_END_CHARS = frozenset(PUNCT_CHARS) - {ELLIPSIS_CHARS}


def classify(text: str) -> int:
    """The class flags of one token text."""
    if text.isspace():
        return SPACE
    if _ALL_DOTS.fullmatch(text):
        return ELLIPSIS
    if all(ch in _END_CHARS for ch in text):
        return END
    if any(ch.isalnum() for ch in text):
        return _classify_word(text)
    if len(text) == 1:
        for chars, flag in _SINGLE_CHAR_CLASSES:
            if text in chars:
                return flag
    return SYMBOL


_SINGLE_CHAR_CLASSES = (
    (_OPEN_QUOTES, OPEN_QUOTE),
    (_CLOSE_QUOTES, CLOSE_QUOTE),
    (_AMBIGUOUS_QUOTES, AMBIGUOUS_QUOTE),
    (_OPEN_BRACKETS, OPEN_BRACKET),
    (_CLOSE_BRACKETS, CLOSE_BRACKET),
    (_SEPARATORS, SEPARATOR),
    (_DASHES, DASH),
)


def _classify_word(text: str) -> int:
    flags = WORD
    if text[0] in "'’" and len(text) <= 3:
        flags |= APOSTROPHE
    first_letter = next((ch for ch in text if ch.isalpha()), "")
    if first_letter.isupper():
        flags |= UPPER
    elif first_letter.islower() and not text[0].isdigit():
        flags |= LOWER
    if len(text) > 1 and text.endswith("."):
        flags |= ABBREVIATION
    return flags


def add_special_cases(nlp: Language, dutch_words: Collection[str]) -> None:
    """Add missing Dutch abbreviations; drop special cases that swallow a word's full stop."""
    tokenizer = nlp.tokenizer
    rules = dict(tokenizer.rules)
    for orth in list(rules):
        bare = orth[:-1].lower()
        if (
            orth.endswith(".")
            and "." not in bare
            and bare in dutch_words
            and orth.lower() not in KEEP_SPECIAL_CASES
        ):
            del rules[orth]
    for abbreviation in EXTRA_ABBREVIATIONS:
        for form in (abbreviation, abbreviation[0].upper() + abbreviation[1:]):
            rules[form] = [{ORTH: form}]
    tokenizer.rules = rules


class BoundaryFixer:
    """Correct sentence starts after end punctuation, ellipses and abbreviations."""

    def __init__(self, vocab_strings: Any) -> None:
        self._strings = vocab_strings
        self._classes: dict[int, int] = {}

    def classes(self, doc: Doc) -> list[int]:
        cache = self._classes
        orths = doc.to_array(ORTH).tolist()
        missing = [orth for orth in orths if orth not in cache]
        for orth in missing:
            cache[orth] = classify(self._strings[orth])
        return [cache[orth] for orth in orths]

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        classes = self.classes(doc)
        for anchor in _anchors(doc, classes):
            _resolve(doc, classes, anchor)
        return doc


def _anchors(doc: Doc, classes: list[int]) -> list[int]:
    """Tokens after which a sentence may end and whose following boundary needs a look."""
    found = set()
    starts = doc.to_array(SENT_START).tolist()
    length = len(classes)
    for index in range(1, length):
        flags = classes[index]
        if flags & ELLIPSIS:
            found.add(index)
        elif flags & ABBREVIATION:
            if index + 1 < length and not classes[index + 1] & LOWER:
                found.add(index)
        elif starts[index] == 1 and not _plain_boundary(classes, index):
            anchor = _last_end_before(classes, index)
            if anchor is not None:
                found.add(anchor)
    return sorted(found)


def _plain_boundary(classes: list[int], index: int) -> bool:
    """ "Word. Word", "Word? Word": the sentencizer's start needs no correction."""
    return bool(classes[index - 1] & END and classes[index] & UPPER)


def _last_end_before(classes: list[int], index: int) -> int | None:
    for back in range(index - 1, max(index - 24, -1), -1):
        if classes[back] & (END | ELLIPSIS):
            return back
    return None


def _resolve(doc: Doc, classes: list[int], anchor: int) -> None:
    """Decide whether a sentence starts after ``anchor`` and where, and mark it."""
    last_end, word, start, closer_seen, separator = _scan_after(doc, classes, anchor)
    split = (
        word < len(classes) and not separator and _splits(doc, classes, last_end, word, closer_seen)
    )
    for index in range(anchor + 1, min(word + 1, len(classes))):
        doc[index].is_sent_start = split and index == start


def _scan_after(doc: Doc, classes: list[int], anchor: int) -> tuple[int, int, int, bool, bool]:
    """Walk from ``anchor`` to the next word.

    Returns (last end token, next word or len(doc), where a new sentence would start,
    whether a closing quote or bracket was seen, whether a comma or the like was seen).
    Closing quotes, annotations such as [lacht] and emoji stay with the sentence before;
    opening quotes, dashes and timestamps open the next one.
    """
    last_end = anchor
    start = -1
    closer_seen = separator = False
    index = anchor + 1
    length = len(classes)
    while index < length:
        flags = classes[index]
        if flags & WORD:
            break
        if flags & (END | ELLIPSIS):
            if start < 0:
                last_end = index
        elif flags & (CLOSE_QUOTE | CLOSE_BRACKET):
            closer_seen = True
        elif flags & AMBIGUOUS_QUOTE:
            if start < 0 and _is_closing_quote(doc, index):
                closer_seen = True
            elif start < 0:
                start = index
        elif flags & OPEN_BRACKET:
            group_end = _annotation_end(doc, classes, index)
            if group_end is None or _is_timestamp(doc, index, group_end):
                start = index if start < 0 else start
            if group_end is not None:
                index = group_end
        elif flags & (OPEN_QUOTE | DASH):
            start = index if start < 0 else start
        elif flags & SEPARATOR:
            separator = True
        index += 1
    return last_end, index, index if start < 0 else start, closer_seen, separator


def _is_closing_quote(doc: Doc, index: int) -> bool:
    # A straight quote glued to the token before it, or followed by a space, closes.
    before = doc[index - 1]
    return not before.whitespace_ or bool(doc[index].whitespace_) or index + 1 == len(doc)


def _annotation_end(doc: Doc, classes: list[int], index: int) -> int | None:
    """Index of the bracket closing an annotation such as [lacht] or (lacht), else None."""
    square = doc[index].text == "["
    limit = min(len(classes), index + (16 if square else 5))
    for inner in range(index + 1, limit):
        flags = classes[inner]
        if flags & CLOSE_BRACKET:
            return inner
        if flags & (OPEN_BRACKET | OPEN_QUOTE):
            return None
        # A parenthesised sentence, "(Maar ik kreeg geen antwoord.)", is not an annotation.
        if not square and not (flags & LOWER or _is_timestamp_token(doc, inner)):
            return None
    return None


def _is_timestamp(doc: Doc, open_index: int, close_index: int) -> bool:
    inner = doc[open_index + 1 : close_index].text
    return bool(_TIMESTAMP.fullmatch(inner.strip()))


def _is_timestamp_token(doc: Doc, index: int) -> bool:
    return bool(_TIMESTAMP.fullmatch(doc[index].text))


def _splits(doc: Doc, classes: list[int], last_end: int, word: int, closer_seen: bool) -> bool:
    """Whether the word after ``last_end`` (and any quotes or annotations) starts a sentence."""
    upper = _starts_upper(classes, word)
    end_flags = classes[last_end]
    if end_flags & ABBREVIATION:
        return upper and _abbreviation_ends(doc[last_end].text.lower(), doc[word].text)
    if end_flags & ELLIPSIS:
        if not upper:
            return False
        previous = _previous_word(doc, classes, last_end)
        return previous not in NON_FINAL_WORDS or _is_starter(doc[word].text)
    if upper or not classes[word] & LOWER:
        return True
    if doc[last_end].text == ".":
        # "zgn. buurtvaders": a full stop before a lower-case word is an abbreviation's.
        return False
    # "?" or "!" before lower case: a quoted question inside a sentence does not end it.
    return not closer_seen


def _starts_upper(classes: list[int], word: int) -> bool:
    """Upper case, or an apostrophe form before an upper-case word: "'s Avonds"."""
    if classes[word] & APOSTROPHE:
        following = word + 1
        while following < len(classes) and classes[following] & SPACE:
            following += 1
        return following < len(classes) and bool(classes[following] & UPPER)
    return bool(classes[word] & UPPER)


def _abbreviation_ends(abbreviation: str, following: str) -> bool:
    if abbreviation in LEADING_ABBREVIATIONS:
        return False
    if abbreviation in ENDING_ABBREVIATIONS:
        return True
    return _is_starter(following)


def _is_starter(text: str) -> bool:
    return text.lower() in SENTENCE_STARTERS


def _previous_word(doc: Doc, classes: list[int], index: int) -> str:
    for back in range(index - 1, max(index - 8, -1), -1):
        if classes[back] & WORD:
            return doc[back].text.lower()
    return ""


def register() -> Callable[..., BoundaryFixer]:
    """Register the spaCy component factory (idempotent) and return it."""
    if not Language.has_factory(COMPONENT):

        @Language.factory(COMPONENT)
        def make_boundary_fixer(nlp: Language, name: str) -> BoundaryFixer:
            return BoundaryFixer(nlp.vocab.strings)

    return Language.get_factory_meta(COMPONENT).factory
