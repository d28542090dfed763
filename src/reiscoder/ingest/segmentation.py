"""Split stored documents into Dutch sentences with lemmas, and keep the search index filled.

The work per document is done by a pure function (``compute_sentences``) that can run in a
worker process; writing the result is a short transaction per chunk, so a coding made
meanwhile never waits long. A document stays "segmenting" until its last chunk is written;
one that was interrupted (a crash, a closed window) is simply segmented again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reiscoder.ingest.compute import (
    SegmentationJob,
    SegmentationResult,
    TurnRanges,
    compute_sentences,
)
from reiscoder.model import Document, SegmentationState, Sentence, Turn
from reiscoder.model.fulltext import index_sentences
from reiscoder.model.portable import driver_sql
from reiscoder.model.project import Project

if TYPE_CHECKING:
    pass

CHUNK = 2_000
# Plain parameter tuples: tens of thousands of rows per import, ORM bookkeeping would dominate.
INSERT_SENTENCES = (
    'INSERT INTO sentences (document_id, turn_id, start, "end", lemmas) VALUES (?, ?, ?, ?, ?)'
)


def pending_documents(session: Session) -> list[int]:
    query = select(Document.id).where(Document.segmentation == SegmentationState.SEGMENTING)
    return list(session.scalars(query.order_by(Document.position, Document.id)))


def load_job(session: Session, document_id: int) -> SegmentationJob:
    text = session.scalar(select(Document.text).where(Document.id == document_id))
    rows = session.execute(
        select(Turn.id, Turn.content_start, Turn.end)
        .where(Turn.document_id == document_id)
        .order_by(Turn.start)
        .execution_options(yield_per=10_000)  # a million turns are not all rows at once
    ).tuples()
    return SegmentationJob(document_id, text or "", TurnRanges.of(rows))


def write_sentences(project: Project, result: SegmentationResult) -> bool:
    """Store the sentences of one document; False if the document is gone.

    A long document is written in chunks, each its own short transaction, so a coding made
    meanwhile never waits long; the document is "ready" with its last chunk.
    """
    document_id = result.document_id
    last = max(0, (len(result) - 1) // CHUNK)
    try:
        for number in range(last + 1):
            # one chunk of rows at a time: no second copy of every sentence
            part = result.rows(number * CHUNK, (number + 1) * CHUNK)
            chunk = [(document_id, *sentence) for sentence in part]
            with project.transaction() as session:
                if number == 0 and not _clear_sentences(session, document_id):
                    return False
                _insert_sentences(session, chunk)
                if number == last:
                    _mark_ready(session, result)
    except IntegrityError:
        return False  # the document was deleted meanwhile
    return True


def _clear_sentences(session: Session, document_id: int) -> bool:
    if session.get(Document, document_id) is None:
        return False
    session.execute(delete(Sentence).where(Sentence.document_id == document_id))
    return True


def _insert_sentences(session: Session, rows: list[tuple]) -> None:
    if not rows:
        return
    before = session.scalar(select(func.max(Sentence.id))) or 0
    driver_sql(session, INSERT_SENTENCES, rows)
    index_sentences(session, from_id=before)


def _mark_ready(session: Session, result: SegmentationResult) -> None:
    session.execute(
        update(Document)
        .where(Document.id == result.document_id)
        .values(segmentation=SegmentationState.READY, pipeline=result.pipeline)
    )


def segment_pending(project: Project) -> int:
    """Segment, in this process, every document still waiting; return how many were done."""
    with project.reader() as session:
        pending = pending_documents(session)
    done = 0
    for document_id in pending:
        with project.reader() as session:
            job = load_job(session, document_id)
        done += write_sentences(project, compute_sentences(job))
    return done
