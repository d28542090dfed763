"""Dutch language processing: sentences and lemmas of transcript turns. Free of Qt and SQL."""

from reiscoder.nlp.entities import EntityKind, NamedEntity, has_entity_model, named_entities
from reiscoder.nlp.pipeline import (
    SentenceSpan,
    lemmatize_words,
    pipeline_name,
    search_lemmas,
    segment_turns,
)

__all__ = [
    "EntityKind",
    "NamedEntity",
    "SentenceSpan",
    "has_entity_model",
    "lemmatize_words",
    "named_entities",
    "pipeline_name",
    "search_lemmas",
    "segment_turns",
]
