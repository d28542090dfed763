"""Read-only questions about a project, shared by the command line, the GUI and exports."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import Case, Code, Coder, Coding, Document, Memo, SegmentationState


@dataclass(frozen=True)
class ProjectSummary:
    documents: int
    segmenting: int
    words: int
    codes: int
    codings: int
    memos: int
    coders: int
    cases: int
    pipelines: tuple[str, ...]


def summary(session: Session) -> ProjectSummary:
    def count(model: type) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    segmenting = session.scalar(
        select(func.count())
        .select_from(Document)
        .where(Document.segmentation == SegmentationState.SEGMENTING)
    )
    pipelines = session.scalars(
        select(Document.pipeline).where(Document.pipeline.is_not(None)).distinct()
    ).all()
    return ProjectSummary(
        documents=count(Document),
        segmenting=int(segmenting or 0),
        words=int(session.scalar(select(func.sum(Document.word_count))) or 0),
        codes=count(Code),
        codings=count(Coding),
        memos=count(Memo),
        coders=count(Coder),
        cases=count(Case),
        pipelines=tuple(sorted(p for p in pipelines if p)),
    )
