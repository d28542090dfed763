"""Everything the transcript view shows of one document, in code point offsets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Code, Coder, Coding, Document, Memo, Sentence, Speaker, Turn
from reiscoder.views.codes import code_paths


@dataclass(frozen=True)
class TurnView:
    id: int
    start: int
    content_start: int
    end: int
    speaker: str | None
    timestamp_ms: int | None


@dataclass(frozen=True)
class CodingView:
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


def load_codings(session: Session, document_id: int) -> list[CodingView]:
    paths = code_paths(session)
    memos = dict(
        session.execute(
            select(Memo.coding_id, Memo.text)
            .join(Coding, Coding.id == Memo.coding_id)
            .where(Coding.document_id == document_id)
        ).all()
    )
    rows = session.execute(
        select(
            Coding.id,
            Coding.code_id,
            Code.name,
            Code.color,
            Coding.coder_id,
            Coder.name,
            Coding.start,
            Coding.end,
        )
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(Coding.document_id == document_id)
        .order_by(Coding.start, Coding.end.desc(), Coding.id)
    )
    return [
        CodingView(
            cid,
            code_id,
            name,
            paths[code_id],
            color,
            coder_id,
            coder,
            start,
            end,
            memos.get(cid, ""),
        )
        for cid, code_id, name, color, coder_id, coder, start, end in rows
    ]


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


def coders_of_project(session: Session) -> list[tuple[int, str]]:
    return [(i, n) for i, n in session.execute(select(Coder.id, Coder.name).order_by(Coder.name))]
