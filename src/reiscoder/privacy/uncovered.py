"""The checklist before sharing ("Nog niet gedekt"): what may identify someone and is not on
the name list yet.

It lists, from every text of the project (transcripts, memos, code names, document and file
names, attribute values), with a few contexts each:

- capitalised words and runs of them that the name list does not replace (a sentence start
  only when it is not an ordinary word, as for suggestions);
- numbers that the detector flags (phone numbers, BSN-like and other identifying numbers)
  and any run of six or more digits;
- e-mail and web addresses.

The researcher decides each once: put it on the list (it is replaced from then on), or mark it
"not a name" (a rejected entry: never listed again). Either way it leaves the checklist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model.privacy import NameKind, Pseudonym
from reiscoder.privacy import deduce_names
from reiscoder.privacy.candidates import TextSource, capitalised_runs, never_a_name, ordinary_word
from reiscoder.privacy.fields import project_texts
from reiscoder.privacy.gazetteer import known_kind
from reiscoder.privacy.suggest import Example, example, form_kind, lowercase_words, strip_titles
from reiscoder.text.common_words import is_common_word
from reiscoder.text.name_forms import split_forms
from reiscoder.text.name_matching import NameRule, Pseudonymiser, fold

NUMBER_TAGS = frozenset({"telefoonnummer", "bsn", "id"})
ADDRESS_TAGS = frozenset({"emailadres", "url"})
_DIGITS = re.compile(r"(?<![\w-])\+?\d(?:[\d \-]{4,}\d)(?![\w-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[^\W_]+")


class Category(StrEnum):
    NAME = "name"
    NUMBER = "number"
    ADDRESS = "address"


def category_label(category: Category) -> str:
    return {
        Category.NAME: _("Capitalised word"),
        Category.NUMBER: _("Number"),
        Category.ADDRESS: _("E-mail or web address"),
    }[Category(category)]


@dataclass
class Uncovered:
    text: str
    category: Category
    kind: NameKind  # the kind it would get on the list
    count: int = 0
    examples: list[Example] = field(default_factory=list)


def uncovered(session: Session, *, max_examples: int = 3, detector: bool = True) -> list[Uncovered]:
    """Everything still to decide, most frequent first."""
    rows = session.scalars(select(Pseudonym)).all()
    decided = Pseudonymiser(
        NameRule(r.original, "?", NameKind(r.kind), split_forms(r.forms or "")) for r in rows
    )
    sources = project_texts(session)
    found: dict[str, Uncovered] = {}

    def note(source: TextSource, start: int, end: int, category: Category) -> None:
        text = source.text[start:end]
        if category is Category.NAME:
            text = strip_titles(text)
            start = end - len(text)
        key = fold(text)
        item = found.get(key)
        if item is None:
            kind = known_kind(text) or (
                form_kind(text, NameKind.PERSON, 0)[0]
                if category is Category.NAME
                else NameKind.OTHER
            )
            item = found[key] = Uncovered(text, category, kind)
        item.count += 1
        if len(item.examples) < max_examples:
            item.examples.append(example(source, start, end))

    seen: set[tuple[int, int, int]] = set()
    for source, start, end, category in _flagged(sources, detector):
        place = (id(source), start, end)
        if place not in seen and not _covered(decided, source.text[start:end]):
            seen.add(place)
            note(source, start, end, category)
    return sorted(_merged(found), key=lambda u: (-u.count, fold(u.text)))


def _merged(found: dict[str, Uncovered]) -> list[Uncovered]:
    """An item another one replaces whole (``Ahmeds``, ``Bospolder Tussendijken``, a first
    name of a full name) is decided with that one: counted with it."""
    items = sorted(found.values(), key=lambda u: fold(u.text))
    names = [i for i in items if i.category is Category.NAME]
    finder = Pseudonymiser(NameRule(i.text, "?", i.kind) for i in names)
    into: dict[int, int] = {}
    for number, item in enumerate(names):
        hits = finder.find(item.text, skip=number)
        if len(hits) != 1 or (hits[0].start, hits[0].end) != (0, len(item.text)):
            continue
        target = hits[0].rule
        while target in into:
            target = into[target]
        if target != number:
            into[number] = target
    for number, target in into.items():
        while target in into:
            target = into[target]
        root, item = names[target], names[number]
        root.count += item.count
        root.examples.extend(item.examples[: max(0, 3 - len(root.examples))])
        if root.kind is NameKind.PERSON:
            root.kind = item.kind
    kept = [item for number, item in enumerate(names) if number not in into]
    return kept + [i for i in items if i.category is not Category.NAME]


def _flagged(
    sources: list[TextSource], detector: bool
) -> Iterator[tuple[TextSource, int, int, Category]]:
    ordinary = ordinary_word(lowercase_words(sources))
    lower = lowercase_words(sources)
    for source in sources:
        for run in capitalised_runs(source, ordinary):
            words = [w for w in run.words if w[0].isalnum()]
            if all(is_common_word(w) and fold(w) in lower for w in words):
                continue
            if not all(never_a_name(w) for w in words):
                yield source, run.start, run.end, Category.NAME
        addresses = [(m.start(), m.end()) for m in _EMAIL.finditer(source.text)]
        for start, end in addresses:
            yield source, start, end, Category.ADDRESS
        for match in _DIGITS.finditer(source.text):
            if sum(c.isdigit() for c in match.group()) >= 6:
                yield source, match.start(), match.end(), Category.NUMBER
    if not detector:
        return
    for source, hits in zip(sources, deduce_names.detect([s.text for s in sources]), strict=True):
        for hit in hits:
            if hit.tag in NUMBER_TAGS:
                yield source, hit.start, hit.end, Category.NUMBER
            elif hit.tag == "url":
                yield source, hit.start, hit.end, Category.ADDRESS


def _covered(decided: Pseudonymiser, text: str) -> bool:
    """Whether the list (with its rejected entries) already decides every word of ``text``;
    for an address, every word before the ``@``."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text.split("@")[0])]
    spans = [(hit.start, hit.end) for hit in decided.find(text)]
    return bool(words) and all(any(a <= s and e <= b for a, b in spans) for s, e in words)
