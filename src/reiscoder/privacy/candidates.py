"""Where names may be in a text: runs of capitalised words, also at the start of a sentence.

A run is a sequence of capitalised words with tussenvoegsels and initials between them
(``Jan van der Berg``, ``J. de Vries``, ``Fatima_El_Amrani`` in a file name). At the start of
a sentence or turn the first word counts only when it is not an ordinary word: ``Youssef, stel
je jezelf voor?`` and ``Sevda, wat zie je hier?`` give a name, ``Graag.`` and ``Maar Fatima``
give none and ``Fatima``. A bracketed aside (``[lacht]``) or an opening quote before a word
does not make it a sentence start; a title or an initial before a full stop (``dhr.``,
``J.``) does not end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reiscoder.parsing.patterns import DEFAULT_ROLE_WORDS, DEFAULT_TITLES, NAME_PARTICLES
from reiscoder.privacy.gazetteer import ORGANISATION_HEADS, known_kind
from reiscoder.text.name_text import fold

_TOKENS = re.compile(r"[^\W\d_]+|\d+|[^\w\s-]")
_SENTENCE_END = frozenset(".!?…:;")
_OPENERS = frozenset("\"“”‘'([«-–—")
_JOINERS = frozenset({"", " ", "_", "-"})
# Words before a name that are not part of it: titles, and how people address each other.
TITLES = DEFAULT_TITLES | {
    "tante", "oom", "opa", "oma", "neef", "nicht", "zus", "broer", "zuster", "broeder",
    "imam", "pastor", "dominee", "dokter", "juffrouw", "buurvrouw", "buurman", "collega",
    "wethouder", "burgemeester", "agent", "hoofdagent", "mama", "papa", "baba", "teyze",
    "abla", "abi", "amca", "khalti", "ammi", "mw", "sr.", "jr.",
}  # fmt: skip
_NOUN_ENDINGS = ("heid", "ing", "ingen", "schap", "isme", "atie", "aties", "end", "ende", "teit")
# Tussenvoegsels that also mean "in"/"on": only part of a name before an article.
_LOOSE_PARTICLES = frozenset({"in", "op"})
# Capitalised words that name no one in particular.
NOT_NAMES = frozenset(
    {
        "nederland", "nederlands", "nederlandse", "nederlander", "nederlanders", "god",
        "allah", "ramadan", "kerst", "kerstmis", "pasen", "suikerfeest", "offerfeest",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december", "maandag", "dinsdag", "woensdag",
        "donderdag", "vrijdag", "zaterdag", "zondag", "ok", "oke", "okay", "tv", "corona",
        "uhm", "ehm", "eh", "uh", "hm", "hmm", "mm", "mmm", "tja", "ja", "nee", "nou", "he",
        "hè", "oh", "o", "ah", "ach", "jep", "yes", "wow", "inshallah", "wallah", "joh",
        "whatever", "anyway", "sorry", "so", "oja", "jawel", "goh", "hoi", "hallo", "doei",
        "covid", "whatsapp", "facebook", "instagram", "tiktok", "youtube", "google", "internet",
        "interview", "transcript", "gesprek", "notitie", "memo", "vraag", "antwoord",
    }
)  # fmt: skip


@dataclass(frozen=True)
class TextSource:
    """One text to look in: a transcript (``document_id``) or another field (``where``)."""

    document_id: int | None
    where: str  # the document's name, or what the field is ("Memo", "Code", ...)
    text: str
    starts: frozenset[int] = frozenset()  # where sentences and turns begin (transcripts)


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    words: tuple[str, ...]
    name: str  # as written, underscores read as spaces


Common = Callable[[str], bool]


def capitalised_runs(source: TextSource, common: Common) -> Iterator[Run]:
    """Runs of capitalised words (see the module's description)."""
    text = source.text
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKENS.finditer(text)]
    index = 0
    while index < len(tokens):
        if not _capitalised(tokens[index][2]):
            index += 1
            continue
        first, stop = index, _run_end(text, tokens, index)
        if _opens_sentence(source, tokens, index) and _ordinary(tokens[index][2], common):
            first += 1
        while first < stop and not _capitalised(tokens[first][2]):
            first += 1
        first = _after_titles(tokens, first, stop)
        if first < stop:
            words = tuple(token[2] for token in tokens[first:stop])
            start, end = tokens[first][0], tokens[stop - 1][1]
            yield Run(start, end, words, " ".join(text[start:end].replace("_", " ").split()))
        index = stop


def ordinary_word(lower: set[str]) -> Common:
    """Whether a capitalised word at a sentence start is an ordinary word: in the Dutch
    lexicon or its stop words, written in lower case elsewhere in the project, or a compound
    of two lexicon words (``Vroegsignalering``)."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    from reiscoder.text.common_words import is_common_word

    def ordinary(word: str) -> bool:
        folded = fold(word)
        if folded in lower or folded in STOP_WORDS or is_common_word(word):
            return True
        if len(folded) >= 8 and folded.endswith(_NOUN_ENDINGS):
            return True  # Vereenzaming, Nabijheid, Outreachend
        return _compound(folded, is_common_word)

    return ordinary


def _compound(word: str, common: Common) -> bool:
    for cut in range(3, len(word) - 2):
        head, rest = word[:cut], word[cut:]
        if common(head) and (
            common(rest) or rest[0] in "se" and len(rest) > 3 and common(rest[1:])
        ):
            return True
    return False


def never_a_name(word: str) -> bool:
    from reiscoder.nlp.rules import SENTENCE_STARTERS

    folded = fold(word)
    return folded in DEFAULT_ROLE_WORDS or folded in NOT_NAMES or folded in SENTENCE_STARTERS


def _ordinary(word: str, common: Common) -> bool:
    return common(word) or never_a_name(word) or fold(word) in TITLES


def _run_end(text: str, tokens: list[tuple[int, int, str]], index: int) -> int:
    """The index after the last capitalised word of the run starting at ``index``.

    Particles join capitalised words once (``Jan van der Berg``, ``J. de Vries``); a second
    group of particles ends the run (``J. de Vries van Stichting Buurtkracht``).
    """
    last, groups, in_group = index, 0, False
    for position in range(index, len(tokens)):
        start, _end, word = tokens[position]
        if position > index:
            gap = text[tokens[position - 1][1] : start]
            if gap not in _JOINERS and not (gap.isspace() and "\n" not in gap):
                break
        if _capitalised(word):
            if in_group and _starts_another_name(tokens, position):
                break  # Youssef van Stichting Wijkpaleis, Wijkpaleis op Katendrecht
            last, in_group = position, False
        elif word == "." and position > index and len(tokens[position - 1][2]) == 1:
            pass  # the full stop of an initial: J. de Vries
        elif fold(word) in NAME_PARTICLES and (in_group or groups == 0):
            if fold(word) in _LOOSE_PARTICLES and not _article_follows(tokens, position):
                break
            groups += 0 if in_group else 1
            in_group = True
        else:
            break
    return last + 1


def _starts_another_name(tokens: list[tuple[int, int, str]], position: int) -> bool:
    word = tokens[position][2]
    if fold(word) in ORGANISATION_HEADS or known_kind(word) is not None:
        return True
    return word.isupper() and len(word) > 1  # van de GGD


def _article_follows(tokens: list[tuple[int, int, str]], position: int) -> bool:
    after = fold(tokens[position + 1][2]) if position + 1 < len(tokens) else ""
    return after in {"de", "den", "der", "het", "'"}


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _after_titles(tokens: list[tuple[int, int, str]], first: int, stop: int) -> int:
    while first < stop:
        word = fold(tokens[first][2])
        if word in TITLES or word + "." in TITLES:
            first += 1
            if first < stop and tokens[first][2] == ".":
                first += 1
        elif not _capitalised(tokens[first][2]):
            first += 1
        else:
            break
    return first


def _opens_sentence(source: TextSource, tokens: list[tuple[int, int, str]], index: int) -> bool:
    start = tokens[index][0]
    if start in source.starts:
        return True
    previous = _skip_back(source, tokens, index - 1)
    if previous is None or previous < 0 or _only_numbering(source, tokens, previous):
        return True
    before = tokens[previous]
    if "\n" in source.text[before[1] : start]:
        return True
    if before[2] not in _SENTENCE_END:
        return False
    if before[2] == "." and previous > 0:
        word = fold(tokens[previous - 1][2]) + "."
        if word in DEFAULT_TITLES or word in _leading_abbreviations():
            return False
        if len(tokens[previous - 1][2]) == 1 and tokens[previous - 1][2].isupper():
            return False  # an initial
    return True


def _only_numbering(source: TextSource, tokens: list[tuple[int, int, str]], previous: int) -> bool:
    """Whether only a numbering stands before the word on its line (``2.1 Drager``)."""
    while previous >= 0:
        start, _end, word = tokens[previous]
        if not (word.isdigit() or word in ".)-:"):
            return False
        if (
            start in source.starts
            or previous == 0
            or "\n" in source.text[tokens[previous - 1][1] : start]
        ):
            return True
        previous -= 1
    return True


def _skip_back(source: TextSource, tokens: list[tuple[int, int, str]], previous: int) -> int | None:
    """The token before ``previous`` that counts, past quotes and bracketed asides
    (``[lacht]``); None when a sentence starts in between."""
    while previous >= 0:
        word = tokens[previous][2]
        if tokens[previous][0] in source.starts:
            return None
        if word in _OPENERS:
            previous -= 1
        elif word in "])":
            opening = "[" if word == "]" else "("
            while previous >= 0 and tokens[previous][2] != opening:
                previous -= 1
            previous -= 1
        else:
            return previous
    return previous


def _leading_abbreviations() -> frozenset[str]:
    from reiscoder.nlp.rules import LEADING_ABBREVIATIONS

    return LEADING_ABBREVIATIONS
