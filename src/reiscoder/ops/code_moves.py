"""Move several codes at once (a drag of a multiple selection in the code tree) as one change."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.codes import move_code


def move_codes(
    session: Session, code_ids: list[int], parent_id: int | None, before_id: int | None = None
) -> Outcome:
    """Put ``code_ids``, in this order, under ``parent_id`` just before ``before_id``.

    ``before_id`` is a sibling that stays where it is; None puts the codes at the end.
    """
    changes = ChangeSet()
    label = ""
    for code_id in code_ids:
        siblings = [i for i in _children(session, parent_id) if i != code_id]
        position = siblings.index(before_id) if before_id in siblings else len(siblings)
        outcome = move_code(session, code_id, parent_id, position)
        changes.entries.extend(outcome.changes.entries)
        label = outcome.label
    if len(code_ids) > 1:
        label = _("Move {count} codes").format(count=len(code_ids))
    return Outcome(label, changes, code_ids[0] if code_ids else None)


def _children(session: Session, parent_id: int | None) -> list[int]:
    query = select(Code.id).order_by(Code.position, Code.id)
    if parent_id is None:
        query = query.where(Code.parent_id.is_(None))
    else:
        query = query.where(Code.parent_id == parent_id)
    return list(session.scalars(query))
