"""The forms of one name-list entry, each with what replaces it.

An entry is one person, place or organisation. Besides its name as written it is found as:

- the forms the researcher added (``Fati``; ``Fati=Sami`` gives a form its own replacement);
- for a person with a first name and a surname, the parts of the name: the first name
  (``Fatima``), all first names (``Jan Peter``), the surname with and without its
  tussenvoegsel (``El Amrani``, ``Amrani``; ``de Vries``, ``Vries``) and the initial with the
  surname (``F. El Amrani``). When the pseudonym is a name too (``Samira Bakker``) each part
  becomes the same part of the pseudonym (``Fatima`` -> ``Samira``, ``El Amrani`` ->
  ``Bakker``); a label (``Respondent 3``) replaces every part;
- an organisation without its heading word (``Stichting Wijkpaleis`` -> ``Wijkpaleis``);
- a place joined by a hyphen, by each half (``Bospolder-Tussendijken`` -> ``Bospolder``,
  ``Tussendijken``);
- written as one word (``fatimaelamrani``, ``elamrani``, as in an e-mail address).

Priority when two entries give the same form: the name itself, then added forms, then parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reiscoder.model.privacy import NameKind
from reiscoder.parsing.patterns import DEFAULT_TITLES
from reiscoder.parsing.patterns import NAME_PARTICLES as LABEL_PARTICLES
from reiscoder.text.name_text import fold

NAME_PARTICLES = LABEL_PARTICLES | {"ait", "aït", "ould"}  # Aït Said, Ould Ahmed

ORGANISATION_HEADS = frozenset(
    {
        "stichting", "vereniging", "buurthuis", "wijkcentrum", "gemeente", "coöperatie",
        "cooperatie", "speeltuinvereniging", "huurdersvereniging", "bewonersvereniging",
        "bewonersorganisatie", "moskee", "kerk", "school", "basisschool", "wijkteam",
    }
)  # fmt: skip
MIN_HALF = 5  # letters of each half of a hyphenated place name
MIN_JOINED = 6
FORM_SEPARATOR = "="


def split_forms(text: str) -> tuple[str, ...]:
    """Forms as stored, one per line (typed: also separated by semicolons), without repeats."""
    lines = text.replace(";", "\n").split("\n")
    return tuple(dict.fromkeys(" ".join(line.split()) for line in lines if line.strip()))


def join_forms(forms: tuple[str, ...] | list[str]) -> str:
    return "\n".join(split_forms("\n".join(forms)))


class Priority:
    NAME = 0
    FORM = 1
    PART = 2
    JOINED = 3


@dataclass(frozen=True)
class Form:
    text: str
    replacement: str
    priority: int


def entry_forms(
    original: str, pseudonym: str, kind: NameKind, forms: tuple[str, ...] = ()
) -> Iterator[Form]:
    """Every form of an entry with its replacement, the name itself first."""
    yield Form(original, pseudonym, Priority.NAME)
    parts = list(_parts(original, pseudonym, NameKind(kind)))
    by_text = {fold(text): replacement for text, replacement in parts}
    for form in forms:
        text, _sep, own = form.partition(FORM_SEPARATOR)
        text, own = " ".join(text.split()), " ".join(own.split())
        if text:
            yield Form(text, own or by_text.get(fold(text), pseudonym), Priority.FORM)
    for text, replacement in parts:
        yield Form(text, replacement, Priority.PART)
    for text, replacement in [(original, pseudonym), *[(f, pseudonym) for f in forms], *parts]:
        text = text.partition(FORM_SEPARATOR)[0]
        words = re.findall(r"[^\W_]+", text)
        if len(words) > 1 and len("".join(words)) >= MIN_JOINED:
            yield Form("".join(words).lower(), replacement, Priority.JOINED)


def _parts(original: str, pseudonym: str, kind: NameKind) -> Iterator[tuple[str, str]]:
    if kind is NameKind.PERSON:
        yield from person_parts(original, pseudonym)
    elif kind is NameKind.ORGANISATION:
        words = original.split()
        if len(words) > 1 and fold(words[0]) in ORGANISATION_HEADS:
            yield " ".join(words[1:]), pseudonym
    elif kind is NameKind.PLACE and original.count("-") == 1 and " " not in original:
        for half in original.split("-"):
            if sum(c.isalpha() for c in half) >= MIN_HALF:
                yield half, pseudonym


@dataclass(frozen=True)
class PersonName:
    given: list[str]  # first names (initials left out)
    particles: list[str]  # tussenvoegsel
    surname: list[str]  # without the tussenvoegsel

    @property
    def full_surname(self) -> str:
        return " ".join(self.particles + self.surname)


def split_person(name: str) -> PersonName | None:
    """``Fatima El Amrani`` -> given [Fatima], particles [El], surname [Amrani]; None for a
    single word or a name that starts with a title."""
    words = name.split()
    if len(words) < 2 or fold(words[0]) in DEFAULT_TITLES:
        return None
    if fold(words[0]) in NAME_PARTICLES:  # only a surname: de Vries, El Amrani
        end = 0
        while end < len(words) - 1 and fold(words[end]) in NAME_PARTICLES:
            end += 1
        return PersonName([], words[:end], words[end:])
    start = next(
        (i for i in range(1, len(words) - 1) if fold(words[i]) in NAME_PARTICLES),
        len(words) - 1,
    )
    end = start
    while end < len(words) - 1 and fold(words[end]) in NAME_PARTICLES:
        end += 1
    given = [w for w in words[:start] if not _initial(w)]
    if any(not w[0].isupper() for w in given):
        return None
    return PersonName(given, words[start:end], words[end:])


def person_parts(original: str, pseudonym: str) -> Iterator[tuple[str, str]]:
    name = split_person(original)
    if name is None or not name.surname:
        return
    alias = split_person(pseudonym) if _name_like(pseudonym) else None

    def part(of_alias: str) -> str:
        return of_alias if alias is not None and of_alias else pseudonym

    if name.given:
        yield name.given[0], part(alias.given[0] if alias and alias.given else "")
        if len(name.given) > 1:
            yield " ".join(name.given), part(" ".join(alias.given) if alias else "")
        initial = f"{name.given[0][0]}. {name.full_surname}"
        short = f"{alias.given[0][0]}. {alias.full_surname}" if alias and alias.given else ""
        yield initial, part(short)
    yield name.full_surname, part(alias.full_surname if alias else "")
    if name.particles:
        yield " ".join(name.surname), part(" ".join(alias.surname) if alias else "")


def _initial(word: str) -> bool:
    letters = word.rstrip(".")
    return len(letters) <= 2 and word.endswith(".") or len(word) == 1


def _name_like(pseudonym: str) -> bool:
    """A pseudonym that is a name (``Samira Bakker``), not a label (``Respondent 3``)."""
    words = pseudonym.split()
    pattern = r"[^\W\d_]{2,}(?:['’-][^\W\d_]+)*"
    if len(words) < 2 or any(not re.fullmatch(pattern, w) for w in words):
        return False
    return all(w[0].isupper() or fold(w) in NAME_PARTICLES for w in words)
