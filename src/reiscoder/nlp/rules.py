"""What the Dutch sentence-boundary rules know: abbreviations, word lists, token classes.

The rules themselves are in :mod:`reiscoder.nlp.boundaries`; the conventions they follow
are written down in ``docs/segmentation.md``.
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokenizer import Tokenizer


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
    nov. dec. vr. bijv. evt. resp. ca. nr. nrs. blz. pag. tel. sec. min. max. e.o. p. pp.
    fig. hfdst. v. n. chr.
    """
)

# Abbreviations that normally end a phrase: one followed by a capitalised word ends the
# sentence ("enz. Het was ...").
ENDING_ABBREVIATIONS = _words(
    """
    enz. etc. e.d. e.a. e.o. o.i.d. a.u.b. s.v.p. svp. z.g.a.n. j.l. jl. e.v. c.s. p.p. p.w.
    jan. feb. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec. jr. sr. min. sec. chr.
    """
)

# Abbreviations that stand before what they belong to (titles, numbers, references):
# never a sentence end, whatever follows ("mevr. De Jong", "N.B. De namen ...").
LEADING_ABBREVIATIONS = _words(
    """
    dhr. mevr. mw. mr. dr. drs. ir. ing. prof. ds. st. nr. nrs. no. blz. pag. art. hfst. ca.
    n.b. vgl. zgn. z.g. t.a.v. i.p.v. m.b.t. n.a.v. i.v.m. m.b.v. i.o.m. o.b.v. m.u.v.
    a.d.h.v. t.o.v. i.c.m. d.w.z. m.a.w. i.s.m. tel. v.d. a.s. p. pp. fig. hfdst. vs.
    """
)

# Real abbreviations that are also Dutch words; other tokenizer special cases whose bare
# form is a Dutch word ("dat.", "al.", "me.", "best." from Belgian legal lists) are removed,
# because they stop the sentencizer at "Ik weet dat. Maar ...".
KEEP_SPECIAL_CASES = (
    ENDING_ABBREVIATIONS | LEADING_ABBREVIATIONS | _words("gem. afd. bv. bijl. nl. pct.")
)

# Capitalised words that start sentences but hardly ever names: after an ambiguous
# abbreviation or a non-final word plus "...", only these open a new sentence.
SENTENCE_STARTERS = _words(
    """
    ik je jij u hij zij ze wij we jullie men dat dit die deze daar hier er toen dan nu maar
    en of want dus ook nou ja nee wat hoe waar wie waarom wanneer welke als omdat terwijl
    toch misschien eigenlijk verder daarna daarom daarnaast bovendien echter zo iedereen
    niemand alles niets niks gelukkig helaas natuurlijk oké ok kijk eh uh ehm soms vaak
    altijd nooit mijn onze hun bedankt dank sorry goed prima tja hè o oh ah zeker volgens
    wel niet geen al nog heel echt gewoon inderdaad precies klopt later vroeger eerst
    vandaag gisteren morgen hierna hierdoor daardoor daarmee daarbij tenslotte uiteindelijk
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
NEWLINE = 65536  # whitespace with a line break: sentences never run across it
FULL_STOP = 131072  # exactly "."
SQUARE = 262144  # "[": square brackets hold annotations and timestamps

_OPEN_QUOTES = frozenset("„“‘«‹‚")
_CLOSE_QUOTES = frozenset("”’»›")
_AMBIGUOUS_QUOTES = frozenset("\"'`´")
# Quotes typed as two characters: Dutch newspapers open with two commas and close with two
# apostrophes (,,Ik kom.''); LaTeX-style ``...'' too.
_DOUBLED_QUOTES = {",,": OPEN_QUOTE, "``": OPEN_QUOTE, "''": CLOSE_QUOTE}
_OPEN_BRACKETS = frozenset("([{")
_CLOSE_BRACKETS = frozenset(")]}")
_SEPARATORS = frozenset(",;:")
_DASHES = frozenset("-–—")
_END_CHARS = frozenset(PUNCT_CHARS) - {ELLIPSIS_CHARS}


@lru_cache(maxsize=65536)
def classify(text: str) -> int:
    """The class flags of one token text."""
    if text.isspace():
        return SPACE | (NEWLINE if len(text.splitlines()) > 1 or text[-1] in "\n\r" else 0)
    if _ALL_DOTS.fullmatch(text):
        return ELLIPSIS
    if all(ch in _END_CHARS for ch in text):
        return END | (FULL_STOP if text == "." else 0)
    if any(ch.isalnum() for ch in text):
        return _classify_word(text)
    if text in _DOUBLED_QUOTES:
        return _DOUBLED_QUOTES[text]
    if len(text) == 1:
        for chars, flag in _SINGLE_CHAR_CLASSES:
            if text in chars:
                return flag | (SQUARE if text == "[" else 0)
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


def add_special_cases(nlp: Language, dutch_words: Container[str]) -> None:
    """Add missing Dutch abbreviations; drop special cases that swallow a word's full stop."""
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
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
    for abbreviation in sorted(EXTRA_ABBREVIATIONS):
        for form in (abbreviation, abbreviation[0].upper() + abbreviation[1:]):
            rules[form] = [{ORTH: form}]
    tokenizer.rules = rules
