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

from sqlalchemy import text
from sqlalchemy.orm import Session

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


def fts_query(query: str) -> str | None:
    """The FTS5 MATCH expression for a user's query, or None when it has no words."""
    clauses = []
    for quoted, word in _TOKEN.findall(query):
        if quoted:
            clauses.append(_phrase(quoted.lower()))
        elif word.endswith("*"):
            clauses.append(_phrase(word[:-1].lower()) + "*")
        else:
            forms = dict.fromkeys([*search_lemmas(word), word.lower()])
            clauses.append("(" + " OR ".join(_phrase(f) for f in forms if f) + ")")
    return " AND ".join(clauses) if clauses else None


def search_sentences(session: Session, query: str, limit: int = 1000) -> list[SentenceHit]:
    match = fts_query(query)
    if match is None:
        return []
    rows = session.execute(
        text(
            """
            SELECT s.id, s.document_id, d.name, s.start, s."end",
                   substr(d.text, s.start + 1, s."end" - s.start),
                   sp.name, t.timestamp_ms
            FROM sentence_index
            JOIN sentences s ON s.id = sentence_index.rowid
            JOIN documents d ON d.id = s.document_id
            LEFT JOIN turns t ON t.id = s.turn_id
            LEFT JOIN speakers sp ON sp.id = t.speaker_id
            WHERE sentence_index MATCH :match
            ORDER BY d.position, d.id, s.start
            LIMIT :limit
            """
        ),
        {"match": match, "limit": limit},
    ).all()
    return [SentenceHit(*row) for row in rows]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'
