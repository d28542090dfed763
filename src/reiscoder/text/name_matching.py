"""Apply a name list to any text: find the names, replace them, map positions.

How a name is found (the rules a researcher can rely on):

- Every entry is found by all its forms (:mod:`reiscoder.text.name_forms`): the name as
  written, the forms added to it, the parts of a person's name (``Fatima``, ``El Amrani``,
  ``Amrani``), each replaced by the matching part of the pseudonym.
- Spelling does not matter (:mod:`reiscoder.text.name_text`): case, accents, composed or
  decomposed characters, typographic apostrophes; between the words of a name any white
  space, a hyphen, an underscore or nothing (``El-Amrani``, ``Fatima_El_Amrani``,
  ``J.de Vries``), never ``Jan de Vries`` for ``J. de Vries``. A name starts at the start of a
  word: ``Jan`` is not found in ``Marjan``; words also start after ``_``, at a digit
  (``Ahmed2024``) and at a capital after a small letter (``interviewFatima``).
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
  compound, which keeps its rest: ``Afrikaanderwijkmarkt`` -> ``[wijk A]-markt``. A person's
  name at the start of a compound written as one word (``Fatimaverhaal``) is not found: it
  would also find ``Peter`` in ``Peterselie``. A name glued to a word or number gets a
  hyphen (``FatimaJansen`` -> ``Respondent 3-Persoon 4``, ``Ahmed2024`` -> ``Persoon 2-2024``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from itertools import islice

from reiscoder.model.privacy import NameKind
from reiscoder.text.name_forms import Form, entry_forms
from reiscoder.text.name_text import (
    FoldedText,
    Token,
    fold,
    joined,
    name_tokens,
    token_starts_at,
    tokens,
)
from reiscoder.text.position_map import PositionMap

__all__ = ["NameRule", "Pseudonymiser", "Replacement", "fold", "name_tokens"]

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
    """One entry of the name list: ``forms`` are its other spellings (see ``name_forms``)."""

    original: str
    pseudonym: str
    kind: NameKind = NameKind.PERSON
    forms: tuple[str, ...] = ()


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
    new: str
    priority: int


class Pseudonymiser:
    """Finds the names of a list in text and replaces them by their pseudonyms."""

    def __init__(
        self, rules: Iterable[NameRule], common: Callable[[str], bool] | None = None
    ) -> None:
        if common is None:
            from reiscoder.text.common_words import is_common_word

            common = is_common_word
        self.rules = [rule for rule in rules if rule.original.strip()]
        # Every form of every entry; where two give the same words, the higher priority (then
        # the earlier entry) is tried first, the other only when the first is skipped.
        self._first: dict[str, list[_Pattern]] = {}
        self._single: dict[str, list[_Pattern]] = {}
        for number, rule in enumerate(self.rules):
            kind = NameKind(rule.kind)
            seen: set[tuple[str, ...]] = set()
            for form in entry_forms(rule.original, rule.pseudonym, kind, tuple(rule.forms)):
                pattern = _compile(number, form, kind, common)
                if pattern is None or pattern.tokens in seen:
                    continue
                seen.add(pattern.tokens)
                self._first.setdefault(pattern.tokens[0], []).append(pattern)
                if len(pattern.tokens) == 1:
                    self._single.setdefault(pattern.tokens[0], []).append(pattern)
        for patterns in [*self._first.values(), *self._single.values()]:
            patterns.sort(
                key=lambda p: (-len(p.tokens), -sum(map(len, p.tokens)), p.priority, p.rule)
            )
        # Where a name may start: a word beginning with the first word of a name (a regular
        # expression over the folded text finds them in C, so most words cost nothing).
        self._head = re.compile(_prefix_pattern(self._first))
        self._heads = re.compile(r"(?<![^\W\d_])" + _prefix_pattern(self._first))
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
        folded = FoldedText(text)
        found: list[Replacement] = []
        position = 0
        for start in self._starts(folded):
            if start < position or not token_starts_at(folded, start):
                continue
            near = _Near(islice(tokens(folded, start), self._reach))
            hit = self._match_at(folded, near, 0, skip)
            if hit is not None:
                found.append(hit[0])
                last = near[hit[1] - 1]
                position = last.fstart + len(last.folded)
        return _glued(text, found)

    def _starts(self, folded: FoldedText) -> list[int]:
        """Where a name may start: a word (not after a letter) beginning with the first word
        of a name, or such a word after a small letter in ``camelCase``."""
        starts = [m.start() for m in self._heads.finditer(folded.folded)]
        places = [folded.folded_position(m.start() + 1) for m in _CAMEL.finditer(folded.text)]
        camel = [p for p in places if p is not None and self._head.match(folded.folded, p)]
        return sorted(set(starts) | set(camel)) if camel else starts

    def _find_in_tokens(self, text: str, skip: int | None) -> list[Replacement]:
        """The same search, token by token over the whole text (slower, always right)."""
        folded = FoldedText(text)
        every = _Near(tokens(folded))
        found: list[Replacement] = []
        index = 0
        while every.has(index):
            hit = self._match_at(folded, every, index, skip)
            if hit is None:
                index += 1
                continue
            replacement, index = hit
            found.append(replacement)
        return _glued(text, found)

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
        self, folded: FoldedText, near: _Near, index: int, skip: int | None
    ) -> tuple[Replacement, int] | None:
        token = near[index]
        if not token.is_word:
            return None
        word = token.folded
        candidates = [
            *self._first.get(word, ()),
            *(
                pattern
                for length in range(len(word) - 1, 1, -1)
                for pattern in self._single.get(word[:length], ())
            ),
        ]
        for pattern in candidates:
            if pattern.rule != skip:
                hit = self._try(folded, near, index, pattern)
                if hit is not None:
                    return hit
        return None

    def _try(
        self, folded: FoldedText, near: _Near, index: int, pattern: _Pattern
    ) -> tuple[Replacement, int] | None:
        text = folded.text
        count = len(pattern.tokens)
        if not near.has(index + count - 1):
            return None
        for offset, wanted in enumerate(pattern.tokens[:-1]):
            here = near[index + offset]
            if here.folded != wanted or not joined(text, here, near[index + offset + 1]):
                return None
        last = near[index + count - 1]
        tail = _tail(last, pattern)
        if tail is None:
            return None
        if pattern.capital and not text[last.start].isupper():
            return None
        start, end = near[index].start, last.end
        following = index + count
        new = pattern.new
        if tail is _Tail.NONE:
            possessive = _apostrophe_possessive(text, near, following, pattern)
            if possessive is not None:
                end, following = possessive
                new = _possessive(new, text[last.end])
        elif tail is _Tail.GENITIVE and pattern.kind is NameKind.PERSON:
            new = _possessive(new, "'")
        elif tail is _Tail.COMPOUND:
            rest = text[folded.original(last.fstart + len(pattern.tokens[-1])) : last.end]
            new = f"{new}-{self.apply(rest)}"
        if text[start].isupper() and new[:1].islower():
            new = new[0].upper() + new[1:]  # de Boer -> De Boer at the start of a sentence
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


_CAMEL = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]")  # interviewFatima (Latin letters)


class _Near:
    """The tokens from a place on, read only as far as a match looks."""

    def __init__(self, source: Iterator[Token]) -> None:
        self._source = source
        self._tokens: list[Token] = []

    def has(self, index: int) -> bool:
        while len(self._tokens) <= index:
            token = next(self._source, None)
            if token is None:
                return False
            self._tokens.append(token)
        return True

    def __getitem__(self, index: int) -> Token:
        if not self.has(index):
            raise IndexError(index)
        return self._tokens[index]


def _compile(
    number: int, form: Form, kind: NameKind, common: Callable[[str], bool]
) -> _Pattern | None:
    found = name_tokens(form.text)
    words = [token for token in found if token[0].isalnum()]
    if not words or not found[0][0].isalnum() or sum(map(len, words)) < 2:
        return None
    if not form.replacement:
        return None
    capital = all(common(word) for word in words)
    return _Pattern(number, found, kind, capital, form.replacement, form.priority)


def _glued(text: str, found: list[Replacement]) -> list[Replacement]:
    """A hyphen between a pseudonym and a word or number glued to it (``Ahmed2024``)."""
    result, previous_end = [], -1
    for hit in found:
        new = hit.new
        if hit.start > 0 and text[hit.start - 1].isalnum() and previous_end != hit.start:
            new = ("-" if new[:1].isalnum() else "") + new
        if hit.end < len(text) and text[hit.end].isalnum() and new[-1:].isalnum():
            new += "-"
        result.append(hit if new == hit.new else Replacement(hit.start, hit.end, new, hit.rule))
        previous_end = hit.end
    return result


def _tail(token: Token, pattern: _Pattern) -> _Tail | None:
    """How the word in the text continues after the name's last word, or None: no match."""
    wanted = pattern.tokens[-1]
    if token.folded == wanted:
        return _Tail.NONE
    if not wanted[0].isalnum() or not token.folded.startswith(wanted):
        return None
    rest = token.folded[len(wanted) :]
    if not rest.isalpha():
        return None
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
    text: str, near: _Near, following: int, pattern: _Pattern
) -> tuple[int, int] | None:
    """(end, next token) of a possessive written with an apostrophe: Fatima's, Klaas'."""
    if not near.has(following):
        return None
    mark = near[following]
    previous_end = near[following - 1].end
    if mark.start != previous_end or mark.folded != "'":
        return None
    after = near[following + 1] if near.has(following + 1) else None
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
