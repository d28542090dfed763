"""Names the researcher may want in the name list, found in the project.

Where suggestions come from, combined:

- speaker names and labels, and case names (people: "Respondent 1", "Respondent 2", ...),
  leaving out role labels (``Interviewer``, ``R``, ``Respondent 2``);
- values of document and case attributes about places, organisations or names (``Wijk``,
  ``Buurt``, ``Organisatie``, ``Naam``, ...);
- ``deduce``, the Dutch de-identification library (:mod:`deduce_names`): first names and
  surnames it knows, initials and tussenvoegsels, Dutch places, institutions;
- spaCy's named entities, when the trained Dutch model is installed (``entities``);
- runs of capitalised words in every text of the project (:mod:`candidates`): transcripts,
  memos, code names, document and file names, attribute values. At a sentence start the
  first word counts unless it is an ordinary word (``Youssef, stel je voor?``). A run is left
  out when all its words are common Dutch words that the project also uses in lower case.

The kind comes first from what is known for certain (:mod:`gazetteer`: Rotterdam's areas,
countries, nationalities, organisation words), then from the source (a speaker is a person,
an attribute ``Wijk`` a place), then from the form (``Stichting ...``, ``...straat``), then
from ``deduce`` or spaCy; otherwise a person. Nationalities (``Turkse``) are "other".

One person, one suggestion: a first name or surname that is part of a suggested full name
(``Fatima``, ``El Amrani`` of ``Fatima El Amrani``), and inflected forms (``Jansens``,
``Tarwewijkse``) are counted with it: the full name covers them. Each suggestion comes with
how often and in how many documents it occurs, and a few examples in context. Names already
in the list (or a form of one), and rejected ones, are not suggested again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Attribute, AttributeValue, Case, Speaker
from reiscoder.model.privacy import NameKind, Pseudonym
from reiscoder.parsing.patterns import DEFAULT_ROLE_WORDS, DEFAULT_TITLES, NAME_PARTICLES
from reiscoder.privacy import deduce_names
from reiscoder.privacy.candidates import (
    TextSource,
    capitalised_runs,
    never_a_name,
    ordinary_word,
)
from reiscoder.privacy.fields import project_texts
from reiscoder.privacy.gazetteer import ORGANISATION_HEADS, known_kind, looks_like_place
from reiscoder.text.common_words import is_common_word
from reiscoder.text.name_forms import split_forms
from reiscoder.text.name_matching import NameRule, Pseudonymiser, fold, name_tokens

if TYPE_CHECKING:
    pass

CONTEXT = 40  # characters of context on each side of an example
_WORDS = re.compile(r"[^\W_]{2,}")
PLACE_ATTRIBUTES = ("wijk", "buurt", "plaats", "woonplaats", "straat", "adres", "locatie", "stad")
ORGANISATION_ATTRIBUTES = ("organisatie", "school", "stichting", "instelling", "werkgever")
PERSON_ATTRIBUTES = ("naam", "voornaam", "achternaam", "name", "contactpersoon")
# How sure a source is of a kind (lower wins).
SURE, SOURCE, FORM, DETECTOR, GUESS = range(5)
TEXT_SOURCES = frozenset({"text", "entity", "deduce"})

EntityFinder = Callable[[list[str]], list[list[tuple[int, int, NameKind]]]]

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Example:
    """Where a name was found: ``before + text + after`` reads as the text does."""

    document_id: int | None  # None: another field (a memo, a code name, a file name, ...)
    document_name: str  # the document, or what the field is
    start: int
    end: int
    before: str
    text: str
    after: str


@dataclass(frozen=True)
class Suggestion:
    original: str
    kind: NameKind
    count: int  # occurrences in the project's texts
    documents: int  # transcripts it occurs in
    examples: tuple[Example, ...]
    sources: frozenset[str]  # person, attribute, deduce, entity, text
    respondent: bool = False  # a speaker or case: its pseudonym is "Respondent n"


@dataclass
class _Candidate:
    original: str
    kind: NameKind
    certainty: int
    sources: set[str] = field(default_factory=set)
    respondent: bool = False
    count: int = 0
    documents: set[int] = field(default_factory=set)
    examples: list[Example] = field(default_factory=list)


def suggest_names(
    session: Session,
    *,
    max_examples: int = 3,
    entities: EntityFinder | None = None,
    detector: bool = True,
) -> list[Suggestion]:
    """Suggestions, most frequent first; ``entities`` defaults to the trained model's, if any;
    ``detector``: use deduce."""
    listed = session.scalars(select(Pseudonym)).all()
    known = {fold(row.original) for row in listed}
    for row in listed:
        known.update(fold(form.partition("=")[0]) for form in split_forms(row.forms or ""))
    covering = Pseudonymiser(
        NameRule(r.original, "?", NameKind(r.kind), split_forms(r.forms or "")) for r in listed
    )
    candidates: dict[str, _Candidate] = {}

    def add(
        text: str, kind: NameKind, certainty: int, source: str, respondent: bool = False
    ) -> None:
        name = strip_titles(" ".join(text.split()))
        key = fold(name)
        if not worth_suggesting(name) or key in known or _covered(covering, name):
            return
        sure = known_kind(name)
        if sure is not None and not respondent:
            kind, certainty = sure, SURE
        candidate = candidates.setdefault(key, _Candidate(name, kind, certainty))
        if certainty < candidate.certainty:
            candidate.kind, candidate.certainty = kind, certainty
        candidate.sources.add(source)
        candidate.respondent = candidate.respondent or respondent

    for name in _people(session):
        add(name, NameKind.PERSON, SOURCE, "person", respondent=True)
    for value, kind in _attribute_values(session):
        add(value, kind, SOURCE, "attribute")
    sources = project_texts(session)
    texts = [source.text for source in sources]
    runs = list(_text_candidates(sources))
    seen = {fold(name) for name, _kind, _certainty in runs}
    ordinary = ordinary_word(lowercase_words(sources))
    if detector:
        for source, hits in zip(sources, deduce_names.detect(texts), strict=True):
            for hit in hits:
                if hit.kind is None:
                    continue
                for piece in deduce_pieces(source.text[hit.start : hit.end]):
                    end = source.text.find(piece, hit.start) + len(piece)
                    if (
                        " " not in piece
                        and ordinary(piece)
                        and fold(piece) not in seen
                        and not (hit.kind is NameKind.PERSON and acts(source.text, end))
                    ):
                        continue  # "Spin in het web"; but "Roos zegt", "Iris, kom"
                    add(piece, *form_kind(piece, hit.kind, DETECTOR), "deduce")
    finder = entities if entities is not None else trained_entities()
    if finder is not None:
        for source, spans in zip(sources, finder(texts), strict=True):
            for start, end, kind in spans:
                add(
                    source.text[start:end],
                    *form_kind(source.text[start:end], kind, DETECTOR),
                    "entity",
                )
    for name, kind, certainty in runs:
        add(name, kind, certainty, "text")
    _merge_parts(candidates)
    _count(candidates, sources, max_examples)
    found = [
        Suggestion(
            c.original,
            c.kind,
            c.count,
            len(c.documents),
            tuple(c.examples),
            frozenset(c.sources),
            c.respondent,
        )
        for c in candidates.values()
        if c.count or c.sources - TEXT_SOURCES
    ]
    return sorted(found, key=lambda s: (-s.count, fold(s.original)))


# -- people and attribute values ---------------------------------------------------------------


def _people(session: Session) -> Iterator[str]:
    for label, name in session.execute(select(Speaker.label, Speaker.name).distinct()):
        for text in (name, label):
            if not is_role(text):
                yield text
    for name in session.scalars(select(Case.name)):
        if not is_role(name):
            yield name


def is_role(text: str) -> bool:
    words = text.split()
    if not words or any(ch.isdigit() for ch in text):
        return True
    if words[0].casefold().rstrip(".:") in DEFAULT_ROLE_WORDS:
        return True
    return len(text) <= 3 and text.isupper()  # I, R, AB


def _attribute_values(session: Session) -> Iterator[tuple[str, NameKind]]:
    for attribute in session.scalars(select(Attribute)):
        kind = _attribute_kind(attribute.name)
        if kind is None or attribute.kind not in ("text", "choice"):
            continue
        yield from ((choice, kind) for choice in attribute.choice_list())
        values = select(AttributeValue.value).where(AttributeValue.attribute_id == attribute.id)
        yield from ((value, kind) for value in session.scalars(values.distinct()))


def _attribute_kind(name: str) -> NameKind | None:
    lowered = name.casefold()
    if any(word in lowered for word in ORGANISATION_ATTRIBUTES):
        return NameKind.ORGANISATION
    if any(word in lowered for word in PLACE_ATTRIBUTES):
        return NameKind.PLACE
    if any(word == lowered or lowered.endswith(word) for word in PERSON_ATTRIBUTES):
        return NameKind.PERSON
    return None


def strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1:
        if len(words) > 2 and fold(" ".join(words[:2])) in DEFAULT_TITLES:
            words = words[2:]
        elif fold(words[0]) in DEFAULT_TITLES or fold(words[0]) + "." in DEFAULT_TITLES:
            words = words[1:]
        else:
            break
    return " ".join(words)


def _covered(listed: Pseudonymiser, name: str) -> bool:
    """Whether the list already replaces every word of ``name`` (``Jansens``, ``Fatima B.``)."""
    spans = [(r.start, r.end) for r in listed.find(name)]
    words = [(m.start(), m.end()) for m in _WORDS.finditer(name)]
    return bool(spans) and all(any(a <= s and e <= b for a, b in spans) for s, e in words)


def worth_suggesting(name: str) -> bool:
    letters = sum(ch.isalpha() for ch in name)
    words = [w for w in re.findall(r"[^\W\d_]+", name) if fold(w) not in NAME_PARTICLES]
    if not words or all(never_a_name(w) for w in words):
        return False
    return letters >= 2 and name[:1].isalnum() and any(w[0].isupper() for w in words)


# -- the texts ---------------------------------------------------------------------------------


def deduce_pieces(span: str) -> list[str]:
    """The names in a stretch deduce found, split where it runs over a sentence end
    (``Zoë. Agnieszka``) or joins names (``J. de Vries van Stichting Buurtkracht``)."""
    runs = list(capitalised_runs(TextSource(None, "", span), lambda _word: False))
    names = [run.name for run in runs]
    if len(names) > 1:
        names = [n for n in names if not all(_function_word(w) for w in n.split())]
    return names


# Verbs after which a first name that is also a word (Roos, Mark) is a person.
ACTS = frozenset(
    {
        "zegt", "zei", "zeggen", "is", "was", "heeft", "had", "woont", "woonde", "komt", "kwam",
        "weet", "wist", "doet", "deed", "kan", "kon", "wil", "wilde", "vindt", "vond", "gaat",
        "ging", "werkt", "werkte", "helpt", "hielp", "belde", "belt", "vertelt", "vertelde",
        "moet", "moest", "zou", "zal", "kookt", "kookte", "vroeg", "vraagt", "dacht", "denkt",
        "lacht", "lachte", "zit", "zat", "staat", "stond", "ziet", "zag", "kent", "kende",
    }
)  # fmt: skip


def acts(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is addressed (``Iris, kom``) or acts (``Roos zegt``)."""
    rest = text[end : end + 24]
    if rest.startswith(","):
        return True
    following = re.match(r"\s+([^\W\d_]+)", rest)
    return following is not None and fold(following.group(1)) in ACTS


def _function_word(word: str) -> bool:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return is_common_word(word) or fold(word) in STOP_WORDS


def _text_candidates(sources: list[TextSource]) -> Iterator[tuple[str, NameKind, int]]:
    ordinary = ordinary_word(lowercase_words(sources))
    lower = lowercase_words(sources)
    for source in sources:
        for run in capitalised_runs(source, ordinary):
            words = [w for w in run.words if w[0].isalnum()]
            if all(is_common_word(w) and fold(w) in lower for w in words):
                continue
            if all(never_a_name(w) for w in words):
                continue
            yield (run.name, *form_kind(run.name, NameKind.PERSON, GUESS))


def lowercase_words(sources: Iterable[TextSource]) -> set[str]:
    lower: set[str] = set()
    for source in sources:
        lower.update(fold(w) for w in re.findall(r"\b[^\W\d_]+", source.text) if w[:1].islower())
    return lower


def form_kind(name: str, kind: NameKind, certainty: int) -> tuple[NameKind, int]:
    """The kind its form tells (``Stichting ...``, ``AVG``, ``...straat``), or ``kind``."""
    words = name.split()
    if any(fold(word) in ORGANISATION_HEADS for word in words) or (
        len(words) == 1 and name.isupper() and len(name) > 1
    ):
        return NameKind.ORGANISATION, FORM
    if looks_like_place(name):
        return NameKind.PLACE, FORM
    return NameKind(kind), certainty


# -- one person, one suggestion ----------------------------------------------------------------


def _merge_parts(candidates: dict[str, _Candidate]) -> None:
    """A candidate that another one replaces whole (a part of a full name, an inflected
    form) is counted with that one."""
    ordered = list(candidates.items())
    finder = Pseudonymiser(NameRule(c.original, "?", c.kind) for _key, c in ordered)
    merged: dict[str, str] = {}  # key -> the key it was counted with
    for number, (key, candidate) in enumerate(ordered):
        found = finder.find(candidate.original, skip=number)
        if len(found) != 1 or (found[0].start, found[0].end) != (0, len(candidate.original)):
            continue
        target_key = ordered[found[0].rule][0]
        while target_key in merged:
            target_key = merged[target_key]
        if target_key == key:
            continue
        target = candidates[target_key]
        if candidate.sources - TEXT_SOURCES and len(name_tokens(candidate.original)) >= len(
            name_tokens(target.original)
        ):
            continue  # a speaker or attribute value as written, not a form of another
        target.sources |= candidate.sources
        target.respondent = target.respondent or candidate.respondent
        if candidate.certainty < target.certainty and target.kind is NameKind.PERSON:
            target.kind, target.certainty = candidate.kind, candidate.certainty
        del candidates[key]
        merged[key] = target_key
    for candidate in candidates.values():
        if candidate.kind is NameKind.PERSON and candidate.certainty >= DETECTOR:
            candidate.kind = _kind_of_longer(candidate, candidates.values())


def _kind_of_longer(candidate: _Candidate, others: Iterable[_Candidate]) -> NameKind:
    """``Buurtkracht`` is an organisation when ``Stichting Buurtkracht`` is one."""
    ending = " " + fold(candidate.original)
    for other in others:
        if other.kind is not NameKind.PERSON and fold(other.original).endswith(ending):
            return other.kind
    return candidate.kind


def _count(candidates: dict[str, _Candidate], sources: Iterable[TextSource], limit: int) -> None:
    ordered = list(candidates.values())
    finder = Pseudonymiser(NameRule(c.original, "?", c.kind) for c in ordered)
    for source in sources:
        for hit in finder.find(source.text):
            candidate = ordered[hit.rule]
            candidate.count += 1
            if source.document_id is not None:
                candidate.documents.add(source.document_id)
            if len(candidate.examples) < limit:
                candidate.examples.append(example(source, hit.start, hit.end))


def example(source: TextSource, start: int, end: int) -> Example:
    text = source.text
    before = " ".join(text[max(0, start - CONTEXT) : start].split())
    after = " ".join(text[end : end + CONTEXT].split())
    if before and text[start - 1].isspace():
        before += " "
    if after and text[end].isspace():
        after = " " + after
    return Example(source.document_id, source.where, start, end, before, text[start:end], after)


# -- spaCy's entities --------------------------------------------------------------------------

ENTITY_KINDS = {
    "PER": NameKind.PERSON,
    "PERSON": NameKind.PERSON,
    "LOC": NameKind.PLACE,
    "GPE": NameKind.PLACE,
    "FAC": NameKind.PLACE,
    "ORG": NameKind.ORGANISATION,
    "NORP": None,
    "MISC": NameKind.OTHER,
}


def trained_entities() -> EntityFinder | None:
    """The trained Dutch model's named entities (:func:`reiscoder.nlp.named_entities`), or
    None when no model with an entity recogniser is installed."""
    from reiscoder.nlp import has_entity_model, named_entities

    if not has_entity_model():
        return None

    def find(texts: list[str]) -> list[list[tuple[int, int, NameKind]]]:
        found = named_entities(texts) or [[] for _text in texts]
        return [[(e.start, e.end, NameKind(str(e.kind))) for e in entities] for entities in found]

    return find


def entity_finder(nlp: Language) -> EntityFinder:
    """Names from any spaCy pipeline that sets ``doc.ents`` (the trained model, a ruler)."""

    def find(texts: list[str]) -> list[list[tuple[int, int, NameKind]]]:
        results = []
        for doc in nlp.pipe(texts, batch_size=8):
            found = []
            for entity in doc.ents:
                kind = ENTITY_KINDS.get(entity.label_, NameKind.OTHER)
                if kind is not None:
                    found.append((entity.start_char, entity.end_char, kind))
            results.append(found)
        return results

    return find
