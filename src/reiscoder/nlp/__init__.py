"""Dutch language processing: sentences and lemmas of transcript turns. Free of Qt and SQL."""

from reiscoder.nlp.pipeline import (
    SentenceSpan,
    lemmatize_words,
    pipeline_name,
    segment_turns,
)

__all__ = ["SentenceSpan", "lemmatize_words", "pipeline_name", "segment_turns"]
