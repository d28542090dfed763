"""Apply a name list to any text: find the names, replace them, map positions.

How a name is found (the rules a researcher can rely on):

- A name is matched word by word: ``J. de Vries`` matches ``J. de Vries``, ``J.de Vries`` and
  ``J. de\\nVries`` (any white space between its words, or none after a full stop), never
  ``Jan de Vries``. It starts at the start of a word: ``Jan`` is not found in ``Marjan``.
- Case is ignored (``fatima``, ``FATIMA``), except for a name made only of common Dutch words
  (``Roos``, ``De Wit``, ``Bakker``): its last word must then start with a capital, so that
  the rose and the baker keep their names.
- At every place the longest name wins: with ``El Amrani`` and ``mevrouw El Amrani`` both in
  the list, ``mevrouw El Amrani`` is replaced as a whole.
- Inflected forms: the possessive keeps its ending on the pseudonym (``Fatima's`` ->
  ``Respondent 3's``, ``Klaas'`` -> ``Respondent 2's``, ``Jansens`` -> ``Persoon 4's``);
  derived forms become the plain pseudonym (``Fatimaatje``, ``Jantje``,
  ``Afrikaanderwijkse`` -> ``[wijk A]``; also ``-er``, ``-ers``, ``-je``, a doubled last
  letter allowed: ``Rotterdammers``). Places and organisations also match at the start of a
  compound, which keeps its rest: ``Afrikaanderwijkmarkt`` -> ``[wijk A]-markt``; any name
  glued to a capitalised word counts as such a compound (``FatimaJansen``). A person's name
  at the start of a compound written as one word (``Fatimaverhaal``) is not found: it would
  also find ``Peter`` in ``Peterselie``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from itertools import islice

from reiscoder.model.privacy import NameKind
from reiscoder.text.position_map import PositionMap

_TOKENS = re.compile(r"\w+|[^\w\s]")
APOSTROPHES = "'’"
SIBILANTS = "sxz"
DERIVED_SUFFIXES = frozenset(
    {
        "se", "sche", "er", "ers", "tje", "tjes", "je", "jes", "etje", "etjes", "pje",
        "pjes", "kje", "kjes", "ke", "kes", "ie", "ies",
    }
)  # fmt: skip
COMPOUND_KINDS = frozenset({NameKind.PLACE, NameKind.ORGANISATION})
MIN_COMPOUND_HEAD = 4  # letters of a place name before a compound's rest
MIN_COMPOUND_REST = 3


@dataclass(frozen=True)
class NameRule:
    original: str
    pseudonym: str
    kind: NameKind = NameKind.PERSON


@dataclass(frozen=True)
class Replacement:
    """``text[start:end]`` (an occurrence of rule number ``rule``) becomes ``new``."""

    start: int
    end: int
    new: str
    rule: int


class _Tail(Enum):
    NONE = "none"  # the word ends where the name ends
    GENITIVE = "genitive"  # Jansens
    DERIVED = "derived"  # Fatimaatje, Afrikaanderwijkse
    COMPOUND = "compound"  # Afrikaanderwijkmarkt


@dataclass(frozen=True)
class _Pattern:
    rule: int
    tokens: tuple[str, ...]  # folded
    kind: NameKind
    capital: bool  # the last word must start with a capital (a name of common words)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    folded: str


def fold(text: str) -> str:
    """The form names are compared in: case folded, one kind of apostrophe."""
    return text.casefold().replace("’", "'")


def name_tokens(text: str) -> list[str]:
    return [fold(match.group()) for match in _TOKENS.finditer(unicodedata.normalize("NFC", text))]


class Pseudonymiser:
    """Finds the names of a list in text and replaces them by their pseudonyms."""

    def __init__(
        self, rules: Iterable[NameRule], common: Callable[[str], bool] | None = None
    ) -> None:
        if common is None:
            from reiscoder.text.common_words import is_common_word

            common = is_common_word
        self.rules = [rule for rule in rules if rule.original.strip()]
        self._first: dict[str, list[_Pattern]] = {}
        self._single: dict[str, list[_Pattern]] = {}
        for number, rule in enumerate(self.rules):
            pattern = _compile(number, rule, common)
            if pattern is not None:
                self._first.setdefault(pattern.tokens[0], []).append(pattern)
                if len(pattern.tokens) == 1:
                    self._single.setdefault(pattern.tokens[0], []).append(pattern)
        for patterns in self._first.values():
            patterns.sort(key=lambda p: (-len(p.tokens), -sum(map(len, p.tokens))))
        # Where a name may start: a word beginning with the first word of a name (a regular
        # expression over the folded text finds them in C, so most words cost nothing).
        self._heads = re.compile(r"(?<!\w)" + _prefix_pattern(self._first))
        # A match looks at most this many tokens: the longest name and an apostrophe-s.
        self._reach = max((len(p.tokens) for ps in self._first.values() for p in ps), default=0) + 2

    def __bool__(self) -> bool:
        return bool(self._first)

    # -- the public API ---------------------------------------------------------------------

    def find(self, text: str, skip: int | None = None) -> list[Replacement]:
        """Every occurrence of a name in ``text``, left to right, never overlapping
        (``skip``: leave out the rule with this number)."""
        if not self._first or not text:
            return []
        folded = fold(text)
        if len(folded) != len(text):
            return self._find_in_tokens(text, skip)  # folding changed lengths (ß -> ss)
        found: list[Replacement] = []
        position = 0
        while (head := self._heads.search(folded, position)) is not None:
            tokens = [
                _Token(match.start(), match.end(), folded[match.start() : match.end()])
                for match in islice(_TOKENS.finditer(text, head.start()), self._reach)
            ]
            hit = self._match_at(text, tokens, 0, skip)
            if hit is None:
                position = head.start() + 1
            else:
                found.append(hit[0])
                position = hit[0].end
        return found

    def _find_in_tokens(self, text: str, skip: int | None) -> list[Replacement]:
        """The same search, token by token over the whole text (slower, always right)."""
        tokens = [
            _Token(match.start(), match.end(), fold(match.group()))
            for match in _TOKENS.finditer(text)
        ]
        found: list[Replacement] = []
        index = 0
        while index < len(tokens):
            hit = self._match_at(text, tokens, index, skip)
            if hit is None:
                index += 1
                continue
            replacement, index = hit
            found.append(replacement)
        return found

    def apply(self, text: str) -> str:
        if not text or not self._first:
            return text
        return self.apply_mapped(text)[0]

    def apply_mapped(self, text: str) -> tuple[str, PositionMap]:
        """The pseudonymised text and the map of positions between the two texts."""
        pieces, blocks, previous, shift = [], [], 0, 0
        for replacement in self.find(text):
            pieces.append(text[previous : replacement.start])
            pieces.append(replacement.new)
            new_start = replacement.start + shift
            blocks.append(
                (replacement.start, replacement.end, new_start, new_start + len(replacement.new))
            )
            shift += len(replacement.new) - (replacement.end - replacement.start)
            previous = replacement.end
        if not blocks:
            return text, PositionMap()
        pieces.append(text[previous:])
        return "".join(pieces), PositionMap(blocks)

    # -- matching ---------------------------------------------------------------------------

    def _match_at(
        self, text: str, tokens: list[_Token], index: int, skip: int | None
    ) -> tuple[Replacement, int] | None:
        token = tokens[index]
        if not token.folded[0].isalnum() and token.folded[0] != "_":
            return None
        candidates = [
            *self._first.get(token.folded, ()),
            *(
                pattern
                for length in range(len(token.folded) - 1, 1, -1)
                for pattern in self._single.get(token.folded[:length], ())
            ),
        ]
        for pattern in candidates:
            if pattern.rule != skip:
                hit = self._try(text, tokens, index, pattern)
                if hit is not None:
                    return hit
        return None

    def _try(
        self, text: str, tokens: list[_Token], index: int, pattern: _Pattern
    ) -> tuple[Replacement, int] | None:
        count = len(pattern.tokens)
        if index + count > len(tokens):
            return None
        for offset, wanted in enumerate(pattern.tokens[:-1]):
            here = tokens[index + offset]
            if here.folded != wanted or not _joined(text, here, tokens[index + offset + 1]):
                return None
        last = tokens[index + count - 1]
        tail = _tail(text, last, pattern)
        if tail is None:
            return None
        if pattern.capital and not text[last.start].isupper():
            return None
        rule = self.rules[pattern.rule]
        start, end = tokens[index].start, last.end
        following = index + count
        new = rule.pseudonym
        if tail is _Tail.NONE:
            possessive = _apostrophe_possessive(text, tokens, following, pattern)
            if possessive is not None:
                end, following = possessive
                new = _possessive(rule.pseudonym, text[last.end])
        elif tail is _Tail.GENITIVE and rule.kind is NameKind.PERSON:
            new = _possessive(rule.pseudonym, "'")
        elif tail is _Tail.COMPOUND:
            rest = text[last.start + len(pattern.tokens[-1]) : last.end]
            new = f"{rule.pseudonym}-{self.apply(rest)}"
        return Replacement(start, end, new, pattern.rule), following


def _prefix_pattern(first: dict[str, list[_Pattern]]) -> str:
    """A regular expression matching any of the words, or a longer word starting with one,
    written as a tree of prefixes (fast with hundreds of names)."""
    tree: dict = {}
    for word in first:
        node = tree
        for char in word:
            if "" in node:
                break  # a shorter word already matches everything that starts here
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = {}

    def build(node: dict) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(tree) if tree else "(?!)"


def _compile(number: int, rule: NameRule, common: Callable[[str], bool]) -> _Pattern | None:
    tokens = tuple(name_tokens(rule.original))
    words = [token for token in tokens if token[0].isalnum()]
    if not words or not tokens[0][0].isalnum():
        return None
    capital = all(common(word) for word in words)
    return _Pattern(number, tokens, NameKind(rule.kind), capital)


def _joined(text: str, before: _Token, after: _Token) -> bool:
    """Two tokens of a name: only white space between them, or nothing (``J.de``)."""
    gap = text[before.end : after.start]
    return not gap or gap.isspace()


def _tail(text: str, token: _Token, pattern: _Pattern) -> _Tail | None:
    """How the word in the text continues after the name's last word, or None: no match."""
    wanted = pattern.tokens[-1]
    if token.folded == wanted:
        return _Tail.NONE
    word = text[token.start : token.end]
    if not wanted[0].isalnum() or len(word) != len(token.folded):
        return None  # casefolding changed the length: only whole words are safe
    if not token.folded.startswith(wanted):
        return None
    rest = token.folded[len(wanted) :]
    if not rest.isalpha():
        return None
    if word[len(wanted)].isupper():
        return _Tail.COMPOUND  # glued on: FatimaJansen, AfrikaanderwijkRotterdam
    if rest == "s":
        return _Tail.GENITIVE
    if rest in DERIVED_SUFFIXES or (rest[0] == wanted[-1] and rest[1:] in DERIVED_SUFFIXES):
        return _Tail.DERIVED
    if (
        pattern.kind in COMPOUND_KINDS
        and len(wanted) >= MIN_COMPOUND_HEAD
        and len(rest) >= MIN_COMPOUND_REST
    ):
        return _Tail.COMPOUND
    return None


def _apostrophe_possessive(
    text: str, tokens: list[_Token], following: int, pattern: _Pattern
) -> tuple[int, int] | None:
    """(end, next token) of a possessive written with an apostrophe: Fatima's, Klaas'."""
    if following >= len(tokens):
        return None
    mark = tokens[following]
    previous_end = tokens[following - 1].end
    if mark.start != previous_end or mark.folded != "'":
        return None
    after = tokens[following + 1] if following + 1 < len(tokens) else None
    if after is not None and after.start == mark.end and after.folded == "s":
        return after.end, following + 2
    # Klaas' fiets: only after a name ending in a sibilant (else it closes a quotation).
    if pattern.tokens[-1][-1] in SIBILANTS and (after is None or after.start > mark.end):
        return mark.end, following + 1
    return None


def _possessive(pseudonym: str, apostrophe: str) -> str:
    if pseudonym[-1:].casefold() in SIBILANTS:
        return pseudonym + apostrophe
    return f"{pseudonym}{apostrophe}s"
