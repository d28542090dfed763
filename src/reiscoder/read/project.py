"""Read-only questions about a project, shared by the command line, the GUI and exports."""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class CodeNode:
    id: int
    name: str
    color: str
    parent_id: int | None
    codings: int = 0
    documents: int = 0
    children: list[CodeNode] = field(default_factory=list)

    def walk(self, depth: int = 0):  # noqa: ANN201 - a generator of (depth, node)
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


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


def code_tree(session: Session) -> list[CodeNode]:
    """The code tree in order, with coding and document counts per code."""
    counts = {
        code_id: (codings, documents)
        for code_id, codings, documents in session.execute(
            select(
                Coding.code_id, func.count(), func.count(Coding.document_id.distinct())
            ).group_by(Coding.code_id)
        )
    }
    nodes = {}
    rows = session.execute(
        select(Code.id, Code.name, Code.color, Code.parent_id).order_by(Code.position, Code.id)
    )
    for code_id, name, color, parent_id in rows:
        codings, documents = counts.get(code_id, (0, 0))
        nodes[code_id] = CodeNode(code_id, name, color, parent_id, codings, documents)
    roots = []
    for node in nodes.values():
        if node.parent_id is None:
            roots.append(node)
        else:
            nodes[node.parent_id].children.append(node)
    return roots
