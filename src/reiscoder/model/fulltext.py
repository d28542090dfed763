"""The search index over sentence lemmas, on either database.

SQLite keeps an FTS5 table beside the sentences (filled in bulk by :func:`index_sentences`,
kept up to date by triggers); PostgreSQL indexes ``to_tsvector`` of the lemmas (GIN, the
``reiscoder`` configuration: no stemming, accents ignored) and needs no filling. A query is
a list of clauses that must all match; a clause is a list of alternatives, each a word, a
phrase (words in a row) or the start of a word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, literal, literal_column, select, text
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.orm import Session

from reiscoder.model.base import register_restore_hook
from reiscoder.model.postgres import SEARCH_CONFIG
from reiscoder.model.text import Sentence


@dataclass(frozen=True)
class Term:
    words: str  # one word, or several for a phrase; lower case
    prefix: bool = False  # matches every word that starts with ``words``


Clause = Sequence[Term]  # one of these must match


def on_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_sentences(
    session: Session, ids: Sequence[int] | None = None, *, from_id: int = 0
) -> None:
    """Add sentences to the SQLite search index: the given ids, or every id above ``from_id``."""
    if not on_sqlite(session):
        return  # PostgreSQL's expression index follows the table by itself
    connection = session.connection()
    if ids is None:
        connection.exec_driver_sql(
            "INSERT INTO sentence_index(rowid, lemmas) SELECT id, lemmas FROM sentences"
            " WHERE id > ?",
            (from_id,),
        )
        return
    for first in range(0, len(ids), 500):
        chunk = list(ids[first : first + 500])
        marks = ", ".join("?" * len(chunk))
        connection.exec_driver_sql(
            "INSERT INTO sentence_index(rowid, lemmas) SELECT id, lemmas FROM sentences"
            f" WHERE id IN ({marks})",
            tuple(chunk),
        )


def _index_restored(session: Session, rows: list[dict]) -> None:
    index_sentences(session, [row["id"] for row in rows])


register_restore_hook("sentences", _index_restored)


def matching_sentences(session: Session, clauses: Sequence[Clause]) -> Select:
    """A select of the ids of the sentences that match every clause."""
    if on_sqlite(session):
        return (
            select(literal_column("rowid").label("id"))
            .select_from(text("sentence_index"))
            .where(text("sentence_index MATCH :match").bindparams(match=_fts5(clauses)))
        )
    vector = func.to_tsvector(literal(SEARCH_CONFIG).cast(REGCONFIG), Sentence.lemmas)
    return select(Sentence.id.label("id")).where(vector.op("@@")(_tsquery(clauses)))


def _fts5(clauses: Sequence[Clause]) -> str:
    def term(t: Term) -> str:
        quoted = '"' + t.words.replace('"', '""') + '"'
        return quoted + "*" if t.prefix else quoted

    return " AND ".join("(" + " OR ".join(term(t) for t in clause) + ")" for clause in clauses)


def _tsquery(clauses: Sequence[Clause]) -> ColumnElement:
    config = literal(SEARCH_CONFIG).cast(REGCONFIG)

    def term(t: Term) -> ColumnElement:
        if t.prefix:
            lexeme = "'" + t.words.replace("'", "''").replace("\\", "\\\\") + "':*"
            return func.to_tsquery(config, lexeme)
        return func.phraseto_tsquery(config, t.words)

    def alternatives(clause: Clause) -> ColumnElement:
        parts = [term(t) for t in clause]
        combined = parts[0]
        for part in parts[1:]:
            combined = combined.op("||")(part)
        return combined

    query = alternatives(clauses[0])
    for clause in clauses[1:]:
        query = query.op("&&")(alternatives(clause))
    return query
