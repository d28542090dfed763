"""Dutch lemmas without a tagger: the vendored table, and rules for words it does not know.

The table (``resources/nlp/nl_lemmas.json.gz``, built by
``packaging/tools/build_lemma_table.py``) gives one lemma per known form. A word it does not
know is lemmatised by its parts (conventions: ``docs/lemmas.md``):

- a number with an ordinal ending is the number: ``19e`` -> ``19``, ``49ste`` -> ``49``;
- an emphatic accent is dropped when the plain word is known: ``dáár`` -> ``daar``;
- a hyphenated word takes the lemma of its last part: ``farc-rebellen`` -> ``farc-rebel``;
- a plural or inflected form of a known word is that word: ``religieuzen`` ->
  ``religieus``, ``algebra's`` -> ``algebra``; an adjective in -se is one in -s:
  ``oostendse`` -> ``oostends``;
- a compound of known parts takes the lemma of its last part: ``gravelbijters`` ->
  ``gravelbijter``, ``meegesprongen`` -> ``meespringen``.

Separable verbs are joined per sentence by :mod:`reiscoder.nlp.particles`. Free of spaCy.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache

from reiscoder.nlp import particles
from reiscoder.resources import resource_path

LEMMA_TABLE = "nl_lemmas.json.gz"
LEMMA_TABLE_FORMAT = 2

_ORDINAL_NUMBER = re.compile(r"(\d+)(?:e|de|ste)")
_ACCENTS = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "à": "a", "è": "e"}
_MIN_HEAD = 4  # shortest last part of a compound that is looked up
_MIN_MODIFIER = 3  # shortest first part
_MIN_LONE_HEAD = 7  # shortest last part after a first part that is not a known word
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")


@cache
def load_table() -> tuple[dict[str, str], frozenset[str], dict[str, list[str]], frozenset[str]]:
    """(form -> lemma where they differ, forms that are their own lemma or are simply
    frequent in Dutch: those are never taken apart by the rules for unknown words, form ->
    its other readings for search, the infinitives)."""
    path = resource_path("nlp", LEMMA_TABLE)
    with gzip.open(path, "rt", encoding="utf-8") as file:
        payload = json.load(file)
    if payload.get("format") != LEMMA_TABLE_FORMAT:
        raise ValueError(f"{path}: unknown lemma table format {payload.get('format')!r}")
    words = frozenset(itertools.chain(payload.pop("words"), payload.pop("frequent")))
    return payload["lemmas"], words, payload["alternatives"], frozenset(payload["verbs"])


class Lemmatizer:
    """Lower-case lemma of one word form; remembers what it worked out."""

    def __init__(
        self,
        lemmas: dict[str, str],
        words: frozenset[str],
        other_readings: dict[str, list[str]] | None = None,
        verbs: frozenset[str] | None = None,
    ) -> None:
        self.lemmas = lemmas
        self.words = words
        self.other_readings = other_readings or {}
        self._guessed: dict[str, str] = {}
        # Made here, before a fork server forks its workers: made in each worker, it would
        # touch (and so copy) every string of the table.
        if verbs is None:
            verbs = frozenset(lemma for lemma in lemmas.values() if lemma.endswith("en"))
            verbs |= frozenset(word for word in words if word.endswith("en"))
        self._verbs = verbs

    @classmethod
    def default(cls) -> Lemmatizer:
        return cls(*load_table())

    def known(self, form: str) -> bool:
        return form in self.lemmas or form in self.words

    def is_verb(self, word: str) -> bool:
        """Whether ``word`` is a known infinitive (the lemma of a verb)."""
        return word in self._verbs

    def alternatives(self, text: str) -> list[str]:
        """Other readings of a form that a search for it should find too: ``werk`` is the
        noun's lemma, but a search for it also looks for ``werken`` (the verb)."""
        return self.other_readings.get(text.lower().replace("’", "'"), [])

    def lemmas_of(self, texts: Sequence[str]) -> list[str]:
        """The lemmas of the tokens of one sentence, separable verbs joined."""
        lemmas = [self.lemma(text) for text in texts]
        particles.join_particles(texts, lemmas, self.is_verb)
        return lemmas

    def lemma(self, text: str) -> str:
        form = text.lower().replace("’", "'")
        found = self.lemmas.get(form)
        if found is not None:
            return found
        if form in self.words:
            return form
        guessed = self._guessed.get(form)
        if guessed is None:
            guessed = self._guessed[form] = self._guess(form)
        return guessed

    def _guess(self, form: str) -> str:
        number = _ORDINAL_NUMBER.fullmatch(form)
        if number:
            return number[1]
        plain = "".join(_ACCENTS.get(ch, ch) for ch in form)
        if plain != form and self.known(plain):
            return self.lemma(plain)
        if "-" in form.strip("-"):
            head, _, last = form.rpartition("-")
            if self.known(last) or last.isalpha():
                return f"{head}-{self.lemma(last)}"
            return form
        if not form.replace("'", "").isalpha():
            return form
        return self._inflected(form) or self._compound(form) or form

    def _inflected(self, form: str) -> str | None:
        """A known word under a plural or adjective ending; an adjective of a place name."""
        for base in _bases(form):
            if self.known(base):
                return self.lemma(base)
        if form.endswith("se") and len(form) > 5 and form[-3] in _CONSONANTS:
            return form[:-1]  # oostendse -> oostends, hippische -> hippisch
        return None

    def _compound(self, form: str) -> str | None:
        """The lemma of the longest known last part after a known first part (which may end
        in a linking s or e(n)), or after any first part when the last part is long:
        vorm|klachten, vrouwen|wijding, mee|gesprongen, gravel|bijters."""
        for cut in range(_MIN_MODIFIER, len(form) - _MIN_HEAD + 1):
            head = form[cut:]
            if not self._is_modifier(form[:cut]) and len(head) < _MIN_LONE_HEAD:
                continue
            if self.known(head) or (head.startswith("ge") and self._inflected(head)):
                lemma = self.lemma(head)
                if lemma == head or not _head_inflection(head, lemma):
                    return form
                return form[:cut] + lemma
        return None

    def _is_modifier(self, part: str) -> bool:
        if self.known(part):
            return True
        for linking in ("s", "en", "e", "n"):
            base = part[: -len(linking)]
            if part.endswith(linking) and len(base) >= 2 and self.known(base):
                return True
        return False


def _head_inflection(head: str, lemma: str) -> bool:
    """Whether a compound's last part is an inflection of its lemma that the compound shares:
    a plural (klachten -> klacht), an adjective ending (rijke -> rijk) or a participle
    (gesprongen -> springen). Not a verb reading of a noun (teelt is no form of telen)."""
    if head.startswith("ge"):
        return True
    if head in (lemma + "s", lemma + "'s", lemma + "e", lemma + "en", lemma + "n"):
        return True
    return lemma in _bases(head)


def _bases(form: str) -> list[str]:
    """Words that ``form`` may be an inflection of, most likely first."""
    bases = []
    if form.endswith("'s"):
        bases.append(form[:-2])  # algebra's
    if form.endswith("en") and len(form) > 4:
        stem = form[:-2]
        bases += [stem, stem + "e"]
        if stem[-1:] in _CONSONANTS and stem[-2:-1] == stem[-1:]:
            bases.append(stem[:-1])  # bommen -> bom
        if stem[-1:] in _CONSONANTS and stem[-2:-1] in ("a", "e", "o", "u"):
            vowel = stem[-2]
            if stem[-3:-2] not in ("a", "e", "i", "o", "u"):
                bases.append(stem[:-1] + vowel + stem[-1])  # tractaten -> tractaat
        voiced = {"v": "f", "z": "s"}.get(stem[-1:])
        if voiced:
            bases += [stem[:-1] + voiced, stem[:-2] + stem[-2] * 2 + voiced]  # religieuzen
    if form.endswith("s") and len(form) > 4 and not form.endswith(("'s", "ns")):
        bases.append(form[:-1])  # runs -> run, not vervolgens -> vervolgen
    if form.endswith("e") and len(form) > 4:
        bases.append(form[:-1])
    return [base for base in bases if base and unicodedata.is_normalized("NFC", base)]
