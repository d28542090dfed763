"""Split stored documents into Dutch sentences with lemmas, and keep the search index filled.

The work is done by pure functions (``ingest/compute.py``) that can run in a worker process,
a part of a document at a time; writing is a short transaction per chunk, so a coding made
meanwhile never waits long. A document stays "segmenting" until its last chunk is written;
one that was interrupted (a crash, a closed window) is simply segmented again.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reiscoder.ingest.compute import (
    SegmentationJob,
    SegmentationResult,
    TurnRanges,
    sentence_parts,
)
from reiscoder.model import Document, SegmentationState, Sentence, Turn
from reiscoder.model.fulltext import index_sentences
from reiscoder.model.portable import driver_sql
from reiscoder.model.project import Project
from reiscoder.model.tables import row_count

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


class SentenceWriter:
    """Writes one document's sentences as they come, a chunk per short transaction, so that a
    coding made meanwhile never waits long. The first chunk replaces any earlier sentences;
    the document is "ready" only when :meth:`finish` runs after the last one."""

    def __init__(self, project: Project, document_id: int) -> None:
        self.project = project
        self.document_id = document_id
        self.cleared = False
        self.gone = False  # the document was deleted meanwhile

    def add(self, result: SegmentationResult) -> None:
        if self.gone:
            return
        try:
            if not self.cleared:
                with self.project.transaction() as session:
                    self.gone = not _clear_sentences(session, self.document_id)
                self.cleared = True
            for first in range(0, 0 if self.gone else len(result), CHUNK):
                chunk = [(self.document_id, *row) for row in result.rows(first, first + CHUNK)]
                with self.project.transaction() as session:
                    _insert_sentences(session, chunk)
        except IntegrityError:
            self.gone = True

    def finish(self, pipeline: str) -> bool:
        """Mark the document ready; False if it is gone."""
        self.add(SegmentationResult(self.document_id, pipeline))  # clears an empty document
        if self.gone:
            return False
        with self.project.transaction() as session:
            return _mark_ready(session, self.document_id, pipeline)


def write_sentences(project: Project, result: SegmentationResult) -> bool:
    """Store the sentences of one whole document; False if the document is gone."""
    writer = SentenceWriter(project, result.document_id)
    writer.add(result)
    return writer.finish(result.pipeline)


def segment_document(project: Project, document_id: int) -> bool:
    """Segment one document in this process, writing its sentences a part at a time (memory
    stays in proportion to the text); False if it is gone."""
    with project.reader() as session:
        job = load_job(session, document_id)
    writer = SentenceWriter(project, document_id)
    pipeline = ""
    for part in sentence_parts(job):
        writer.add(part)
        pipeline = part.pipeline
    return writer.finish(pipeline)


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


def _mark_ready(session: Session, document_id: int, pipeline: str) -> bool:
    done = session.execute(
        update(Document)
        .where(Document.id == document_id)
        .values(segmentation=SegmentationState.READY, pipeline=pipeline)
    )
    return row_count(done) > 0


def segment_pending(project: Project) -> int:
    """Segment, in this process, every document still waiting; return how many were done."""
    with project.reader() as session:
        pending = pending_documents(session)
    return sum(segment_document(project, document_id) for document_id in pending)
