"""Which words of a found sentence matched the search, so that they can be shown bold.

The search matches lemmas, so the sentence's words are lemmatised the same way (word by
word, with a cache) and compared with the query's lemmas and forms, ignoring case and
accents as the index does. Free of Qt; the lemmatiser is passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from reiscoder.text.fold import fold

Lemmatize = Callable[[str], list[str]]

# The query grammar of reiscoder.read.search: "quoted words" as written, word* as a prefix.
_QUERY_TOKEN = re.compile(r'"([^"]+)"|(\w[\w\'-]*\*?)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class QueryTerms:
    forms: frozenset[str]  # folded lemmas and word forms that match a whole word
    prefixes: tuple[str, ...]  # folded beginnings (from "word*")

    def __bool__(self) -> bool:
        return bool(self.forms or self.prefixes)


def query_terms(query: str, lemmatize: Lemmatize) -> QueryTerms:
    forms: set[str] = set()
    prefixes: list[str] = []
    for quoted, word in _QUERY_TOKEN.findall(query):
        if quoted:
            forms.update(fold(w) for w in _WORD.findall(quoted))
        elif word.endswith("*"):
            prefixes.extend(fold(w) for w in _WORD.findall(word[:-1]))
        else:
            forms.update(fold(w) for w in [word, *lemmatize(word)] for w in _WORD.findall(w))
    return QueryTerms(frozenset(forms), tuple(p for p in prefixes if p))


def emphasis(text: str, terms: QueryTerms, lemmatize: Lemmatize) -> list[tuple[int, int]]:
    """Code point ranges of the words in ``text`` that the query matched."""
    if not terms:
        return []
    found = []
    for match in _WORD.finditer(text):
        candidates = {fold(match.group())} | {fold(lemma) for lemma in lemmatize(match.group())}
        if candidates & terms.forms or any(
            c.startswith(p) for c in candidates for p in terms.prefixes
        ):
            found.append((match.start(), match.end()))
    return found


def cached(lemmatize: Lemmatize, size: int = 20_000) -> Lemmatize:
    """The lemmatiser with a memory per word: sentences repeat their words a lot."""

    @lru_cache(maxsize=size)
    def lemmas(word: str) -> tuple[str, ...]:
        return tuple(lemmatize(word))

    return lambda word: list(lemmas(word))
