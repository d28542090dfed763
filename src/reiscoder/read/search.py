"""Dutch lemma search over the sentences of all documents.

A query's words are lemmatised the way the documents were, so ``bewoner`` finds "bewoners"
and ``gaan`` finds "gingen"; an ambiguous word also finds its other reading (``werken``
finds "ik werk", whose lemma is the noun ``werk``). Every word must occur in a sentence (in
any order); a word in double quotes is searched as written, and ``*`` after a word matches
its beginning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import Document, Sentence, Speaker, Turn
from reiscoder.model.fulltext import Term, matching_sentences
from reiscoder.nlp import search_lemmas

_TOKEN = re.compile(r'"([^"]+)"|(\w[\w\'-]*\*?)', re.UNICODE)


@dataclass(frozen=True)
class SentenceHit:
    sentence_id: int
    document_id: int
    document_name: str
    start: int
    end: int
    text: str
    speaker: str | None
    timestamp_ms: int | None


def query_clauses(query: str) -> list[list[Term]]:
    """A user's query as clauses that must all match, each with its alternatives."""
    clauses: list[list[Term]] = []
    for quoted, word in _TOKEN.findall(query):
        if quoted:
            clauses.append([Term(quoted.lower())])
        elif word.endswith("*"):
            clauses.append([Term(word[:-1].lower(), prefix=True)])
        else:
            forms = dict.fromkeys([*search_lemmas(word), word.lower()])
            clauses.append([Term(form) for form in forms if form])
    return [clause for clause in clauses if clause]


def search_sentences(session: Session, query: str, limit: int = 1000) -> list[SentenceHit]:
    clauses = query_clauses(query)
    if not clauses:
        return []
    found = matching_sentences(session, clauses).subquery()
    rows = session.execute(
        select(
            Sentence.id,
            Sentence.document_id,
            Document.name,
            Sentence.start,
            Sentence.end,
            func.substr(Document.text, Sentence.start + 1, Sentence.end - Sentence.start),
            Speaker.name,
            Turn.timestamp_ms,
        )
        .join(found, found.c.id == Sentence.id)
        .join(Document, Document.id == Sentence.document_id)
        .outerjoin(Turn, Turn.id == Sentence.turn_id)
        .outerjoin(Speaker, Speaker.id == Turn.speaker_id)
        .order_by(Document.position, Document.id, Sentence.start)
        .limit(limit)
    ).all()
    return [SentenceHit(*row) for row in rows]
