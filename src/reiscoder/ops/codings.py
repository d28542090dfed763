"""Operations on codings: apply a code to a stretch of text, remove it, change its extent."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Integer, Select, bindparam, func, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Coder, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.codes import delete_coding_rows


def apply_coding(
    session: Session, document_id: int, code_id: int, coder_id: int, start: int, end: int
) -> Outcome:
    """Code ``text[start:end]`` of a document; the quote is stored to detect drift later."""
    # the quote's length never below 0, which PostgreSQL refuses (the range is checked below)
    values = dict(
        document=document_id,
        code=code_id,
        coder=coder_id,
        start=start,
        end=end,
        length=max(0, end - start),
    )
    row = session.connection().execute(_apply_check(), values).one_or_none()
    if row is None:
        raise OperationError(_("This document no longer exists."))
    length, quote, name, coder_found, existing = row
    _check_range(length, quote, start, end)
    if name is None or coder_found is None:
        raise OperationError(_("This code or coder no longer exists."))
    if existing is not None:
        raise OperationError(_("This passage already has the code “{name}”.").format(name=name))
    changes = ChangeSet()
    coding_id = changes.insert(
        session,
        Coding,
        document_id=document_id,
        code_id=code_id,
        coder_id=coder_id,
        start=start,
        end=end,
        quote=quote,
    )
    return Outcome(_("Code with “{name}”").format(name=name), changes, coding_id)


@cache
def _apply_check() -> Select:
    """What applying a code checks, in one statement built once (it runs on every coding):
    the document's length and the quote, the code's name, whether the coder exists, and a
    coding of this code, coder and range that is already there."""
    start, end = bindparam("start", type_=Integer), bindparam("end", type_=Integer)
    code_id, coder_id = bindparam("code", type_=Integer), bindparam("coder", type_=Integer)
    name = select(Code.name).where(Code.id == code_id).scalar_subquery()
    coder = select(Coder.id).where(Coder.id == coder_id).scalar_subquery()
    existing = (
        select(Coding.id)
        .where(
            Coding.document_id == Document.id,
            Coding.code_id == code_id,
            Coding.coder_id == coder_id,
            Coding.start == start,
            Coding.end == end,
        )
        .scalar_subquery()
    )
    quote = func.substr(Document.text, start + 1, bindparam("length", type_=Integer))
    document = bindparam("document", type_=Integer)
    return select(Document.text_length, quote, name, coder, existing).where(Document.id == document)


def remove_coding(session: Session, coding_id: int) -> Outcome:
    coding = _get_coding(session, coding_id)
    name = coding.code.name
    changes = ChangeSet()
    delete_coding_rows(session, changes, coding_id)
    return Outcome(_("Remove coding “{name}”").format(name=name), changes)


def resize_coding(session: Session, coding_id: int, start: int, end: int) -> Outcome:
    """Change the stretch of text a coding covers."""
    coding = _get_coding(session, coding_id)
    quote = _checked_quote(session, coding.document_id, start, end)
    other = _existing(session, coding.document_id, coding.code_id, coding.coder_id, start, end)
    if other is not None and other != coding_id:
        raise OperationError(_("This passage already has this code."))
    changes = ChangeSet()
    changes.update(session, Coding, coding_id, start=start, end=end, quote=quote)
    return Outcome(_("Change extent of “{name}”").format(name=coding.code.name), changes, coding_id)


def recode(session: Session, coding_id: int, code_id: int) -> Outcome:
    """Give an existing coding another code."""
    coding = _get_coding(session, coding_id)
    code = session.get(Code, code_id)
    if code is None:
        raise OperationError(_("This code or coder no longer exists."))
    if _existing(session, coding.document_id, code_id, coding.coder_id, coding.start, coding.end):
        raise OperationError(
            _("This passage already has the code “{name}”.").format(name=code.name)
        )
    changes = ChangeSet()
    changes.update(session, Coding, coding_id, code_id=code_id)
    return Outcome(_("Recode as “{name}”").format(name=code.name), changes, coding_id)


def _checked_quote(session: Session, document_id: int, start: int, end: int) -> str:
    row = session.execute(
        select(
            Document.text_length, func.substr(Document.text, start + 1, max(0, end - start))
        ).where(Document.id == document_id)
    ).one_or_none()
    if row is None:
        raise OperationError(_("This document no longer exists."))
    length, quote = row
    _check_range(length, quote, start, end)
    return quote


def _check_range(length: int, quote: str, start: int, end: int) -> None:
    if not 0 <= start < end <= length:
        raise OperationError(_("Select a stretch of text inside the document to code."))
    if not quote.strip():
        raise OperationError(_("Select some text, not only white space."))


def _existing(
    session: Session, document_id: int, code_id: int, coder_id: int, start: int, end: int
) -> int | None:
    return session.scalar(
        select(Coding.id).where(
            Coding.document_id == document_id,
            Coding.code_id == code_id,
            Coding.coder_id == coder_id,
            Coding.start == start,
            Coding.end == end,
        )
    )


def _get_coding(session: Session, coding_id: int) -> Coding:
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise OperationError(_("This coding no longer exists."))
    return coding
