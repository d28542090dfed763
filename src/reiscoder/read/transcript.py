"""Everything the transcript view shows of one document, in code point offsets."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Document, Sentence, Speaker, Turn
from reiscoder.model.portable import driver_sql
from reiscoder.read.codes import code_paths, code_paths_of


class TurnView(NamedTuple):
    id: int
    start: int
    content_start: int
    end: int
    speaker: str | None
    timestamp_ms: int | None


class CodingView(NamedTuple):
    """A coding as shown; a plain tuple, so that comparing a thousand of them is cheap."""

    id: int
    code_id: int
    code_name: str
    code_path: str
    color: str
    coder_id: int
    coder_name: str
    start: int
    end: int
    memo: str


@dataclass(frozen=True)
class DocumentView:
    id: int
    name: str
    text: str
    segmenting: bool
    turns: list[TurnView]
    sentences: list[tuple[int, int]]
    codings: list[CodingView]


def load_document_view(session: Session, document_id: int) -> DocumentView | None:
    document = session.get(Document, document_id)
    if document is None:
        return None
    return DocumentView(
        id=document.id,
        name=document.name,
        text=document.text,
        segmenting=document.segmentation == "segmenting",
        turns=_turns(session, document_id),
        sentences=sentence_ranges(session, document_id),
        codings=load_codings(session, document_id),
    )


def document_text(session: Session, document_id: int) -> str:
    return session.scalar(select(Document.text).where(Document.id == document_id)) or ""


def load_codings(
    session: Session, document_id: int, coding_ids: Collection[int] | None = None
) -> list[CodingView]:
    """The document's codings in text order; with ``coding_ids``, only those of them (what a
    change wrote: one coding read again instead of a thousand)."""
    only = ""
    parameters: tuple[int, ...] = (document_id,)
    if coding_ids is not None:
        if not coding_ids:
            return []
        only = " AND c.id IN (" + ", ".join("?" * len(coding_ids)) + ")"
        parameters += tuple(coding_ids)
    rows = driver_sql(
        session,
        """
            SELECT c.id, c.code_id, k.name, k.color, c.coder_id, u.name, c.start, c."end",
                   coalesce((SELECT m.text FROM memos m WHERE m.coding_id = c.id
                             ORDER BY m.id LIMIT 1), '')
            FROM codings c JOIN codes k ON k.id = c.code_id JOIN coders u ON u.id = c.coder_id
            WHERE c.document_id = ?"""
        + only
        + """
            ORDER BY c.start, c."end" DESC, c.id
            """,
        parameters,
    ).fetchall()  # plain tuples: a thousand rows, read after every coding
    if coding_ids is None:
        paths = code_paths(session)
    else:
        paths = code_paths_of(session, {row[1] for row in rows})
    return [
        CodingView(cid, code, name, paths[code], color, coder, coder_name, start, end, memo)
        for cid, code, name, color, coder, coder_name, start, end, memo in rows
    ]


def coding_order(coding: CodingView) -> tuple[int, int, int]:
    """The order :func:`load_codings` gives: by start, longer first, then by id."""
    return coding.start, -coding.end, coding.id


def _turns(session: Session, document_id: int) -> list[TurnView]:
    rows = session.execute(
        select(Turn.id, Turn.start, Turn.content_start, Turn.end, Speaker.name, Turn.timestamp_ms)
        .outerjoin(Speaker, Speaker.id == Turn.speaker_id)
        .where(Turn.document_id == document_id)
        .order_by(Turn.start)
    )
    return [TurnView(*row) for row in rows]


def sentence_ranges(session: Session, document_id: int) -> list[tuple[int, int]]:
    rows = session.execute(
        select(Sentence.start, Sentence.end)
        .where(Sentence.document_id == document_id)
        .order_by(Sentence.start)
    )
    return [(start, end) for start, end in rows]
