"""Names the researcher may want in the name list, found in the project.

Where suggestions come from:

- speaker names and labels, and case names (people: "Respondent 1", "Respondent 2", ...),
  leaving out role labels (``Interviewer``, ``R``, ``Respondent 2``);
- values of document and case attributes about places or organisations (``Wijk``,
  ``Buurt``, ``Organisatie``, ...);
- the transcripts: with spaCy's trained Dutch model installed, its named entities; otherwise
  runs of capitalised words that do not open a sentence (``mevrouw El Amrani`` gives
  ``El Amrani``, ``dhr. Jansen`` gives ``Jansen``, ``J. de Vries`` stays whole), unless all
  their words are common Dutch words that the project's transcripts also use in lower case.

Each suggestion comes with how often and in how many documents it occurs, and a few examples
in context. Names already in the list, and rejected ones, are not suggested again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Attribute, AttributeValue, Case, Document, Sentence, Speaker, Turn
from reiscoder.model.privacy import NameKind, Pseudonym
from reiscoder.parsing.patterns import DEFAULT_ROLE_WORDS, DEFAULT_TITLES, NAME_PARTICLES
from reiscoder.text.common_words import is_common_word
from reiscoder.text.name_matching import NameRule, Pseudonymiser, fold

if TYPE_CHECKING:
    from spacy.language import Language

CONTEXT = 40  # characters of context on each side of an example
_TOKENS = re.compile(r"\w+|[^\w\s]")
_WORDS = re.compile(r"\w{2,}")
_SENTENCE_END = frozenset(".!?…:;")
_OPENERS = frozenset("\"“”‘'([«-–—")
PLACE_ATTRIBUTES = ("wijk", "buurt", "plaats", "woonplaats", "straat", "adres", "locatie", "stad")
ORGANISATION_ATTRIBUTES = ("organisatie", "school", "stichting", "instelling", "werkgever")
PLACE_ENDINGS = (
    "wijk", "straat", "plein", "laan", "weg", "dijk", "kade", "park", "buurt", "dorp",
    "stad", "haven", "oord", "veen", "dam", "singel", "hof", "polder", "brug",
)  # fmt: skip
ORGANISATION_WORDS = frozenset(
    {
        "stichting", "vereniging", "school", "college", "centrum", "huis", "buurthuis",
        "gemeente", "bv", "b.v.", "nv", "kerk", "moskee", "bank", "voedselbank",
    }
)  # fmt: skip
# Capitalised words that name no one in particular.
NOT_NAMES = frozenset(
    {
        "nederland", "nederlands", "nederlandse", "nederlander", "nederlanders", "god",
        "allah", "ramadan", "kerst", "kerstmis", "pasen", "suikerfeest", "offerfeest",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december", "ok", "oké", "tv", "corona",
    }
)  # fmt: skip

EntityFinder = Callable[[list[str]], list[list[tuple[int, int, NameKind]]]]


@dataclass(frozen=True)
class Example:
    """Where a name was found: ``before + text + after`` reads as the transcript does."""

    document_id: int
    document_name: str
    start: int
    end: int
    before: str
    text: str
    after: str


@dataclass(frozen=True)
class Suggestion:
    original: str
    kind: NameKind
    count: int  # occurrences in the transcripts
    documents: int  # documents it occurs in
    examples: tuple[Example, ...]
    sources: frozenset[str]  # speaker, case, attribute, text, entity
    respondent: bool = False  # a speaker or case: its pseudonym is "Respondent n"


@dataclass
class _Candidate:
    original: str
    kind: NameKind
    sources: set[str] = field(default_factory=set)
    respondent: bool = False
    count: int = 0
    documents: set[int] = field(default_factory=set)
    examples: list[Example] = field(default_factory=list)


def suggest_names(
    session: Session, *, max_examples: int = 3, entities: EntityFinder | None = None
) -> list[Suggestion]:
    """Suggestions, most frequent first; ``entities`` defaults to the trained model's, if any."""
    listed = session.scalars(select(Pseudonym)).all()
    known = {fold(row.original) for row in listed}
    covering = Pseudonymiser(NameRule(r.original, "?", NameKind(r.kind)) for r in listed)
    candidates: dict[str, _Candidate] = {}

    def add(text: str, kind: NameKind, source: str, respondent: bool = False) -> None:
        name = _strip_titles(" ".join(text.split()))
        key = fold(name)
        if not _worth_suggesting(name) or key in known or _covered(covering, name):
            return
        candidate = candidates.setdefault(key, _Candidate(name, kind))
        candidate.sources.add(source)
        candidate.respondent = candidate.respondent or respondent

    for name in _people(session):
        add(name, NameKind.PERSON, "person", respondent=True)
    for value, kind in _attribute_values(session):
        add(value, kind, "attribute")
    finder = entities if entities is not None else trained_entities()
    documents = _documents(session)
    for original, kind, source in _text_candidates(session, documents, finder):
        add(original, kind, source)
    _drop_inflections(candidates)
    _count(candidates, documents, max_examples)
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
        if c.count or c.sources - {"text", "entity"}
    ]
    return sorted(found, key=lambda s: (-s.count, fold(s.original)))


# -- people and attribute values ---------------------------------------------------------------


def _people(session: Session) -> Iterator[str]:
    for label, name in session.execute(select(Speaker.label, Speaker.name).distinct()):
        for text in (name, label):
            if not _is_role(text):
                yield text
    for name in session.scalars(select(Case.name)):
        if not _is_role(name):
            yield name


def _is_role(text: str) -> bool:
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
    return None


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1:
        if len(words) > 2 and fold(" ".join(words[:2])) in DEFAULT_TITLES:
            words = words[2:]
        elif fold(words[0]) in DEFAULT_TITLES:
            words = words[1:]
        else:
            break
    return " ".join(words)


def _covered(listed: Pseudonymiser, name: str) -> bool:
    """Whether the list already replaces every word of ``name`` (``Jansens``, ``Fatima B.``)."""
    spans = [(r.start, r.end) for r in listed.find(name)]
    words = [(m.start(), m.end()) for m in _WORDS.finditer(name)]
    return bool(spans) and all(any(a <= s and e <= b for a, b in spans) for s, e in words)


def _worth_suggesting(name: str) -> bool:
    letters = sum(ch.isalpha() for ch in name)
    return letters >= 2 and name[:1].isalnum() and fold(name) not in NOT_NAMES


# -- the transcripts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    id: int
    name: str
    text: str
    starts: frozenset[int]  # where sentences and turns begin


def _documents(session: Session) -> list[_Text]:
    texts = []
    rows = session.execute(select(Document.id, Document.name).order_by(Document.position))
    for document_id, name in rows.all():
        text = session.scalar(select(Document.text).where(Document.id == document_id)) or ""
        starts = set(
            session.scalars(select(Sentence.start).where(Sentence.document_id == document_id))
        )
        starts.update(
            session.scalars(select(Turn.content_start).where(Turn.document_id == document_id))
        )
        texts.append(_Text(document_id, name, text, frozenset(starts)))
    return texts


def _text_candidates(
    session: Session, documents: list[_Text], finder: EntityFinder | None
) -> Iterator[tuple[str, NameKind, str]]:
    if finder is not None:
        for document, found in zip(documents, finder([d.text for d in documents]), strict=True):
            for start, end, kind in found:
                yield document.text[start:end], kind, "entity"
        return
    lower: set[str] = set()
    runs: list[list[str]] = []
    for document in documents:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKENS.finditer(document.text)]
        lower.update(fold(word) for _s, _e, word in tokens if word[:1].islower())
        runs += _capitalised_runs(document, tokens)
    for run in runs:
        words = [w for w in run if w[0].isalnum()]
        if all(is_common_word(w) and fold(w) in lower for w in words):
            continue
        if all(_never_a_name(w) for w in words):
            continue
        yield _join(run), _guess_kind(run), "text"


def _capitalised_runs(document: _Text, tokens: list[tuple[int, int, str]]) -> Iterator[list[str]]:
    """Runs of capitalised words (with particles and initials) that do not open a sentence."""
    text, index = document.text, 0
    while index < len(tokens):
        word = tokens[index][2]
        if not _capitalised(word):
            index += 1
            continue
        run, stop = _run_from(text, tokens, index)
        if _opens_sentence(document, tokens, index):
            run = _without_first(run)
        run = _strip_title_words(run)
        if run:
            yield run
        index = stop


def _run_from(text: str, tokens: list[tuple[int, int, str]], index: int) -> tuple[list[str], int]:
    """The words of the run starting at ``index`` and the index after its last capital word.

    Particles join capitalised words once (``Jan van der Berg``, ``J. de Vries``); a second
    group of particles ends the run (``J. de Vries van Stichting Buurtkracht``).
    """
    run: list[str] = []
    last_word, groups, in_group = index, 0, False
    for position in range(index, len(tokens)):
        start, _end, word = tokens[position]
        if position > index:
            gap = text[tokens[position - 1][1] : start]
            if gap and (not gap.isspace() or "\n" in gap):
                break
        if _capitalised(word):
            last_word, in_group = position, False
        elif word == "." and position > index and len(tokens[position - 1][2]) == 1:
            pass  # the full stop of an initial: J. de Vries
        elif fold(word) in NAME_PARTICLES and (in_group or groups == 0):
            groups += 0 if in_group else 1
            in_group = True
        else:
            break
        run.append(word)
    return run[: last_word - index + 1], last_word + 1


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isdigit()


def _opens_sentence(document: _Text, tokens: list[tuple[int, int, str]], index: int) -> bool:
    start = tokens[index][0]
    if start in document.starts:
        return True
    previous = _skip_back(document, tokens, index - 1)
    if previous is None:
        return True
    if previous < 0:
        return True
    before = tokens[previous]
    if "\n" in document.text[before[1] : start]:
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


def _skip_back(document: _Text, tokens: list[tuple[int, int, str]], previous: int) -> int | None:
    """The token before ``previous`` that counts, past quotes and bracketed asides
    (``[lacht]``); None when a sentence starts in between."""
    while previous >= 0:
        word = tokens[previous][2]
        if tokens[previous][0] in document.starts:
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


def _without_first(run: list[str]) -> list[str]:
    rest = run[1:]
    while rest and not _capitalised(rest[0]):
        rest = rest[1:]
    return rest


def _strip_title_words(run: list[str]) -> list[str]:
    while run and (fold(run[0]) in DEFAULT_TITLES or fold(run[0]) + "." in DEFAULT_TITLES):
        run = run[1:]
        if run and run[0] == ".":
            run = run[1:]
    while run and not _capitalised(run[0]):
        run = run[1:]
    return run


def _join(run: list[str]) -> str:
    text = ""
    for word in run:
        text += word if word == "." or not text else " " + word
    return text


def _guess_kind(run: list[str]) -> NameKind:
    last = fold(run[-1])
    if any(fold(word) in ORGANISATION_WORDS for word in run) or (
        len(run) == 1 and run[0].isupper() and len(run[0]) > 1
    ):
        return NameKind.ORGANISATION
    if any(last.endswith(ending) and last != ending for ending in PLACE_ENDINGS):
        return NameKind.PLACE
    return NameKind.PERSON


def _never_a_name(word: str) -> bool:
    from reiscoder.nlp.rules import SENTENCE_STARTERS

    folded = fold(word)
    return folded in DEFAULT_ROLE_WORDS or folded in NOT_NAMES or folded in SENTENCE_STARTERS


def _leading_abbreviations() -> frozenset[str]:
    from reiscoder.nlp.rules import LEADING_ABBREVIATIONS

    return LEADING_ABBREVIATIONS


# -- counting ----------------------------------------------------------------------------------


def _drop_inflections(candidates: dict[str, _Candidate]) -> None:
    """``Afrikaanderwijkse`` and ``Jansens`` are forms of ``Afrikaanderwijk`` and ``Jansen``,
    which replace them too: only the plain form is suggested."""
    ordered = list(candidates.items())
    finder = Pseudonymiser(NameRule(c.original, "?", c.kind) for _key, c in ordered)
    for number, (key, candidate) in enumerate(ordered):
        if candidate.sources - {"text", "entity"}:
            continue  # a speaker, case or attribute value is suggested as it is written
        found = finder.find(candidate.original, skip=number)
        if len(found) == 1 and (found[0].start, found[0].end) == (0, len(candidate.original)):
            del candidates[key]
    for candidate in candidates.values():
        if candidate.kind is NameKind.PERSON and candidate.sources <= {"text"}:
            candidate.kind = _kind_of_longer(candidate, candidates.values())


def _kind_of_longer(candidate: _Candidate, others: Iterable[_Candidate]) -> NameKind:
    """``Buurtkracht`` is an organisation when ``Stichting Buurtkracht`` is one."""
    ending = " " + fold(candidate.original)
    for other in others:
        if other.kind is not NameKind.PERSON and fold(other.original).endswith(ending):
            return other.kind
    return candidate.kind


def _count(candidates: dict[str, _Candidate], documents: Iterable[_Text], limit: int) -> None:
    ordered = list(candidates.values())
    finder = Pseudonymiser(NameRule(c.original, "?", c.kind) for c in ordered)
    for document in documents:
        for hit in finder.find(document.text):
            candidate = ordered[hit.rule]
            candidate.count += 1
            candidate.documents.add(document.id)
            if len(candidate.examples) < limit:
                candidate.examples.append(_example(document, hit.start, hit.end))


def _example(document: _Text, start: int, end: int) -> Example:
    text = document.text
    before = " ".join(text[max(0, start - CONTEXT) : start].split())
    after = " ".join(text[end : end + CONTEXT].split())
    if before and text[start - 1].isspace():
        before += " "
    if after and text[end].isspace():
        after = " " + after
    return Example(document.id, document.name, start, end, before, text[start:end], after)


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
    """The trained Dutch model's named entities, or None when it is not installed."""
    import spacy

    from reiscoder.nlp.pipeline import TRAINED_MODEL

    if not spacy.util.is_package(TRAINED_MODEL):
        return None
    return entity_finder(spacy.load(TRAINED_MODEL, exclude=["lemmatizer"]))


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
