"""Memos on the project, a document, a code or a coding."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Coding, Document, Memo
from reiscoder.model.base import utcnow
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome


@dataclass(frozen=True)
class MemoTarget:
    """What a memo belongs to; all None means the project itself."""

    document_id: int | None = None
    code_id: int | None = None
    coding_id: int | None = None

    def __post_init__(self) -> None:
        given = [v for v in (self.document_id, self.code_id, self.coding_id) if v is not None]
        if len(given) > 1:
            raise ValueError("a memo belongs to at most one document, code or coding")


PROJECT = MemoTarget()
_TARGET_MODELS = {"document_id": Document, "code_id": Code, "coding_id": Coding}


def add_memo(
    session: Session, coder_id: int, text: str, *, title: str = "", target: MemoTarget = PROJECT
) -> Outcome:
    for column, model in _TARGET_MODELS.items():
        row_id = getattr(target, column)
        if row_id is not None and session.get(model, row_id) is None:
            raise OperationError(_("What this memo belongs to no longer exists."))
    changes = ChangeSet()
    memo_id = changes.insert(
        session,
        Memo,
        coder_id=coder_id,
        title=title.strip(),
        text=text,
        document_id=target.document_id,
        code_id=target.code_id,
        coding_id=target.coding_id,
    )
    return Outcome(_("New memo"), changes, memo_id)


def edit_memo(
    session: Session, memo_id: int, *, text: str | None = None, title: str | None = None
) -> Outcome:
    _get_memo(session, memo_id)
    values: dict[str, object] = {}
    if text is not None:
        values["text"] = text
    if title is not None:
        values["title"] = title.strip()
    changes = ChangeSet()
    if values:
        changes.update(session, Memo, memo_id, modified=utcnow(), **values)
    return Outcome(_("Edit memo"), changes, memo_id)


def delete_memo(session: Session, memo_id: int) -> Outcome:
    _get_memo(session, memo_id)
    changes = ChangeSet()
    changes.delete(session, Memo, memo_id)
    return Outcome(_("Delete memo"), changes)


def set_coding_memo(session: Session, coding_id: int, coder_id: int, text: str) -> Outcome:
    """The single memo of a coding: create, change, or (with empty text) remove it."""
    memo_id = session.scalar(select(Memo.id).where(Memo.coding_id == coding_id).limit(1))
    if memo_id is None:
        if not text.strip():
            return Outcome(_("Edit memo"), ChangeSet())
        return add_memo(session, coder_id, text, target=MemoTarget(coding_id=coding_id))
    if not text.strip():
        return delete_memo(session, memo_id)
    return edit_memo(session, memo_id, text=text)


def _get_memo(session: Session, memo_id: int) -> Memo:
    memo = session.get(Memo, memo_id)
    if memo is None:
        raise OperationError(_("This memo no longer exists."))
    return memo
