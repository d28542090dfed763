"""Names of people, places and organisations, from the trained Dutch model's entities.

Only a trained pipeline (``nl_core_news_sm`` or another installed under that name) has an
entity recogniser; without one :func:`named_entities` returns None and callers fall back to
their own rules (the privacy suggestions use capitalised words that are no common Dutch
words). Offsets are code points of each text, like every position in reiscoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reiscoder.nlp import pipeline


class EntityKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"


# spaCy's Dutch labels (OntoNotes style in nl_core_news, CoNLL style in WikiNER models).
ENTITY_LABELS: dict[str, EntityKind] = {
    "PERSON": EntityKind.PERSON,
    "PER": EntityKind.PERSON,
    "GPE": EntityKind.PLACE,
    "LOC": EntityKind.PLACE,
    "FAC": EntityKind.PLACE,
    "ORG": EntityKind.ORGANISATION,
}


@dataclass(frozen=True)
class NamedEntity:
    start: int  # half-open code point offsets into the text
    end: int
    text: str
    kind: EntityKind


def has_entity_model() -> bool:
    """Whether the pipeline in use recognises named entities (a trained model with NER)."""
    return bool(pipeline.entity_pipes())


def named_entities(texts: Sequence[str]) -> list[list[NamedEntity]] | None:
    """The person, place and organisation names in each of ``texts``, in text order;
    None when no model with an entity recogniser is installed."""
    nlp = pipeline.trained_pipeline()
    if nlp is None or not pipeline.entity_pipes():
        return None
    found = []
    for doc in nlp.pipe(texts, batch_size=pipeline.BATCH_SIZE):
        entities = []
        for entity in doc.ents:
            kind = ENTITY_LABELS.get(entity.label_)
            if kind is not None:
                entities.append(NamedEntity(entity.start_char, entity.end_char, entity.text, kind))
        found.append(entities)
    return found
