"""Operations on whole documents: rename and delete (with everything that hangs on them)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import (
    AttributeValue,
    Base,
    Coding,
    Document,
    DocumentEdit,
    DocumentRecording,
    GroupMember,
    Memo,
    Recording,
    Sentence,
    Speaker,
    SyncPoint,
    Turn,
)
from reiscoder.model.errors import OperationError
from reiscoder.model.tables import table_of
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.codes import delete_coding_rows


def rename_document(session: Session, document_id: int, name: str) -> Outcome:
    document = _get_document(session, document_id)
    old = document.name
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A document needs a name."))
    taken = select(Document.id).where(Document.name == name, Document.id != document_id)
    if session.scalar(taken) is not None:
        raise OperationError(_("There already is a document “{name}”.").format(name=name))
    changes = ChangeSet()
    changes.update(session, Document, document_id, name=name)
    return Outcome(_("Rename document “{name}”").format(name=old), changes, document_id)


def delete_document(session: Session, document_id: int) -> Outcome:
    """Delete a document with its structure, codings, memos and attribute values."""
    name = _get_document(session, document_id).name
    changes = ChangeSet()
    recording = session.scalar(
        select(DocumentRecording.recording_id).where(DocumentRecording.document_id == document_id)
    )
    for coding_id in _ids(session, Coding, Coding.document_id == document_id):
        delete_coding_rows(session, changes, coding_id)
    for model, column in (
        (DocumentEdit, DocumentEdit.document_id),
        (SyncPoint, SyncPoint.document_id),
        (DocumentRecording, DocumentRecording.document_id),
        (Memo, Memo.document_id),
        (GroupMember, GroupMember.document_id),
        (AttributeValue, AttributeValue.document_id),
        (Sentence, Sentence.document_id),
        (Turn, Turn.document_id),
        (Speaker, Speaker.document_id),
    ):
        for row_id in _ids(session, model, column == document_id):
            changes.delete(session, model, row_id)
    changes.delete(session, Document, document_id)
    if recording is not None and not _ids(
        session, DocumentRecording, DocumentRecording.recording_id == recording
    ):
        changes.delete(session, Recording, recording)  # no other document uses it
    return Outcome(_("Delete document “{name}”").format(name=name), changes)


def _ids(session: Session, model: type[Base], condition: ColumnElement[bool]) -> list[int]:
    return list(session.scalars(select(table_of(model).c.id).where(condition)).all())


def _get_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise OperationError(_("This document no longer exists."))
    return document
