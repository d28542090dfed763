"""Code or uncode many stretches of text at once (e.g. every search result) as one action."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Coder, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.codes import delete_coding_rows

Range = tuple[int, int, int]  # document id, start, end
T = TypeVar("T")


@dataclass(frozen=True)
class BulkOutcome(Outcome):
    """An outcome that also tells how many ranges were coded and how many were left alone."""

    applied: int = 0
    skipped: int = 0  # already had this code by this coder
    invalid: int = 0  # document gone, range outside the text or only white space


def apply_codings(
    session: Session, code_id: int, coder_id: int, ranges: list[Range]
) -> BulkOutcome:
    """Code every ``(document id, start, end)`` with one code by one coder.

    Ranges that already carry this code by this coder are skipped (and counted), so running
    it twice changes nothing the second time. Everything goes into one change set, so that
    reverting it undoes the whole batch at once.
    """
    code = session.get(Code, code_id)
    if code is None or session.get(Coder, coder_id) is None:
        raise OperationError(_("This code or coder no longer exists."))
    wanted = list(dict.fromkeys(ranges))
    existing = _existing(session, code_id, coder_id, wanted)
    changes = ChangeSet()
    applied = invalid = 0
    todo = _by_document(r for r in wanted if r not in existing)
    for document_id, text in _texts(session, set(todo)):
        for start, end in todo[document_id]:
            quote = text[start:end] if 0 <= start < end <= len(text) else ""
            if not quote.strip():
                invalid += 1
                continue
            row = {"document_id": document_id, "start": start, "end": end, "quote": quote}
            changes.insert(session, Coding, code_id=code_id, coder_id=coder_id, **row)
            applied += 1
    missing = len(wanted) - len(existing) - applied - invalid
    return BulkOutcome(
        _label(applied, code.name), changes, None, applied, len(existing), invalid + missing
    )


def _label(count: int, name: str) -> str:
    if count == 1:
        return _("Code 1 fragment with “{name}”").format(name=name)
    return _("Code {count} fragments with “{name}”").format(count=count, name=name)


def _by_document(ranges: Iterable[Range]) -> dict[int, list[tuple[int, int]]]:
    grouped: dict[int, list[tuple[int, int]]] = {}
    for document_id, start, end in ranges:
        grouped.setdefault(document_id, []).append((start, end))
    return grouped


def _existing(session: Session, code_id: int, coder_id: int, ranges: list[Range]) -> set[Range]:
    wanted = set(ranges)
    found: set[Range] = set()
    for chunk in _chunks(sorted({document_id for document_id, _s, _e in ranges})):
        rows = session.execute(
            select(Coding.document_id, Coding.start, Coding.end).where(
                Coding.code_id == code_id,
                Coding.coder_id == coder_id,
                Coding.document_id.in_(chunk),
            )
        )
        found.update(r for r in (tuple(row) for row in rows) if r in wanted)
    return found


def _texts(session: Session, document_ids: set[int]) -> Iterator[tuple[int, str]]:
    """Each existing document's text, a few documents at a time (texts can be long)."""
    for chunk in _chunks(sorted(document_ids), 20):
        query = select(Document.id, Document.text).where(Document.id.in_(chunk))
        yield from ((document_id, text) for document_id, text in session.execute(query))


def _chunks(items: Iterable[T], size: int = 500) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def remove_codings(session: Session, coding_ids: list[int]) -> Outcome:
    """Remove several codings (with their memos) as one action; gone ones are passed over."""
    changes = ChangeSet()
    names = []
    for coding_id in dict.fromkeys(coding_ids):
        name = session.scalar(
            select(Code.name).join(Coding, Coding.code_id == Code.id).where(Coding.id == coding_id)
        )
        if name is None:
            continue
        names.append(name)
        delete_coding_rows(session, changes, coding_id)
    if not names:
        raise OperationError(_("This coding no longer exists."))
    if len(names) == 1:
        return Outcome(_("Remove coding “{name}”").format(name=names[0]), changes)
    return Outcome(_("Remove {count} codings").format(count=len(names)), changes)
