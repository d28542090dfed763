"""Resolving a disagreement between coders, as undoable operations.

Each works on one stretch of a document (a disagreement's unit) and some codes:

- *accept* one coder's version: the other coders get that coder's codings of those codes
  there (copies of the same ranges) and lose their own codings of codes that coder did not
  give there;
- *keep both*: every coder gets every code that any of them gave there;
- a *discussion memo* on the document quotes the passage and lists what each coder gave.

A coding that reaches beyond the stretch is copied or removed whole: codings are not cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Coder, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.codes import delete_coding_rows
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.read.codes import code_paths

_Named = TypeVar("_Named", Code, Coder)
_Found = dict[tuple[int, int], list[tuple[int, int, int, str]]]  # (code, coder) -> codings


def accept_coder(
    session: Session,
    document_id: int,
    start: int,
    end: int,
    code_ids: Sequence[int],
    coder_ids: Sequence[int],
    accepted_id: int,
) -> Outcome:
    """Make the other coders follow ``accepted_id`` on these codes in ``[start, end)``."""
    found = _codings(session, document_id, start, end, code_ids, coder_ids)
    changes = ChangeSet()
    for code_id in code_ids:
        model = found.get((code_id, accepted_id), [])
        for coder_id in coder_ids:
            if coder_id == accepted_id:
                continue
            own = found.get((code_id, coder_id), [])
            if model and not own:
                _copy(session, changes, document_id, code_id, coder_id, model)
            elif own and not model:
                for coding_id, _start, _end, _quote in own:
                    delete_coding_rows(session, changes, coding_id)
    name = _name(session, Coder, accepted_id)
    return Outcome(_("Accept the coding of {coder}").format(coder=name), changes)


def keep_both(
    session: Session,
    document_id: int,
    start: int,
    end: int,
    code_ids: Sequence[int],
    coder_ids: Sequence[int],
) -> Outcome:
    """Give every coder every code that one of them gave in ``[start, end)``."""
    found = _codings(session, document_id, start, end, code_ids, coder_ids)
    changes = ChangeSet()
    for code_id in code_ids:
        given = [c for coder in coder_ids for c in found.get((code_id, coder), [])]
        for coder_id in coder_ids:
            if given and not found.get((code_id, coder_id)):
                _copy(session, changes, document_id, code_id, coder_id, given)
    return Outcome(_("Keep the codings of both"), changes)


def discussion_memo(
    session: Session,
    author_id: int,
    document_id: int,
    start: int,
    end: int,
    code_ids: Sequence[int],
    coder_ids: Sequence[int],
    note: str = "",
) -> Outcome:
    """A memo on the document that quotes the passage and what each coder gave there."""
    quote = session.scalar(
        select(func.substr(Document.text, start + 1, end - start)).where(Document.id == document_id)
    )
    if quote is None:
        raise OperationError(_("This document no longer exists."))
    found = _codings(session, document_id, start, end, code_ids, coder_ids)
    paths = code_paths(session)
    lines = [f"“{' '.join(quote.split())}”", ""]
    for coder_id in coder_ids:
        given = [paths[code] for code in code_ids if found.get((code, coder_id))]
        listed = "; ".join(given) if given else _("(none of these codes)")
        lines.append(f"{_name(session, Coder, coder_id)}: {listed}")
    if note.strip():
        lines += ["", note.strip()]
    title = _("To discuss: {codes}").format(
        codes=", ".join(_name(session, Code, code) for code in code_ids)
    )
    outcome = add_memo(
        session,
        author_id,
        "\n".join(lines),
        title=title,
        target=MemoTarget(document_id=document_id),
    )
    return Outcome(_("Discussion memo"), outcome.changes, outcome.created_id)


def _codings(
    session: Session,
    document_id: int,
    start: int,
    end: int,
    code_ids: Sequence[int],
    coder_ids: Sequence[int],
) -> _Found:
    query = select(
        Coding.code_id, Coding.coder_id, Coding.id, Coding.start, Coding.end, Coding.quote
    ).where(
        Coding.document_id == document_id,
        Coding.code_id.in_(list(code_ids)),
        Coding.coder_id.in_(list(coder_ids)),
        Coding.start < end,
        Coding.end > start,
    )
    found: _Found = {}
    for code_id, coder_id, coding_id, c_start, c_end, quote in session.execute(query):
        found.setdefault((code_id, coder_id), []).append((coding_id, c_start, c_end, quote))
    return found


def _copy(
    session: Session,
    changes: ChangeSet,
    document_id: int,
    code_id: int,
    coder_id: int,
    codings: list[tuple[int, int, int, str]],
) -> None:
    done: set[tuple[int, int]] = set()
    for _coding_id, start, end, quote in sorted(codings, key=lambda c: (c[1], c[2])):
        if (start, end) in done or _exists(session, document_id, code_id, coder_id, start, end):
            continue
        done.add((start, end))
        changes.insert(
            session,
            Coding,
            document_id=document_id,
            code_id=code_id,
            coder_id=coder_id,
            start=start,
            end=end,
            quote=quote,
        )


def _exists(
    session: Session, document_id: int, code_id: int, coder_id: int, start: int, end: int
) -> bool:
    return (
        session.scalar(
            select(Coding.id).where(
                Coding.document_id == document_id,
                Coding.code_id == code_id,
                Coding.coder_id == coder_id,
                Coding.start == start,
                Coding.end == end,
            )
        )
        is not None
    )


def _name(session: Session, model: type[_Named], row_id: int) -> str:
    row = session.get(model, row_id)
    if row is None:
        raise OperationError(_("This code or coder no longer exists."))
    return row.name
