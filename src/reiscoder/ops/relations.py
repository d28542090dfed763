"""Operations on relations between codes: add, edit (kind, direction, memo) and delete."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, CodeRelation
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.read.relations import directed_by_default, kind_from_text, kind_label


def add_relation(
    session: Session,
    source_id: int,
    target_id: int,
    kind: str,
    *,
    directed: bool | None = None,
    memo: str = "",
) -> Outcome:
    """``source`` *kind* ``target``; ``kind`` a built-in key, a label, or an own kind."""
    source, target = _get_code(session, source_id), _get_code(session, target_id)
    kind = _checked_kind(session, source_id, target_id, kind)
    changes = ChangeSet()
    relation_id = changes.insert(
        session,
        CodeRelation,
        source_id=source_id,
        target_id=target_id,
        kind=kind,
        directed=directed_by_default(kind) if directed is None else directed,
        memo=memo,
    )
    label = _("Relation “{source}” {kind} “{target}”").format(
        source=source.name, kind=kind_label(kind), target=target.name
    )
    return Outcome(label, changes, relation_id)


def update_relation(
    session: Session,
    relation_id: int,
    *,
    kind: str | None = None,
    directed: bool | None = None,
    memo: str | None = None,
    reverse: bool = False,
) -> Outcome:
    """Change a relation's kind, direction or memo, or let it point the other way."""
    relation = _get_relation(session, relation_id)
    source, target = relation.source_id, relation.target_id
    if reverse:
        source, target = target, source
    values: dict[str, object] = {}
    new_kind = relation.kind if kind is None else kind_from_text(kind)
    if (new_kind, source, target) != (relation.kind, relation.source_id, relation.target_id):
        new_kind = _checked_kind(session, source, target, new_kind)
        values.update(kind=new_kind, source_id=source, target_id=target)
    if directed is not None:
        values["directed"] = directed
    if memo is not None:
        values["memo"] = memo
    changes = ChangeSet()
    changes.update(session, CodeRelation, relation_id, **values)
    return Outcome(_("Edit relation"), changes, relation_id)


def delete_relation(session: Session, relation_id: int) -> Outcome:
    _get_relation(session, relation_id)
    changes = ChangeSet()
    changes.delete(session, CodeRelation, relation_id)
    return Outcome(_("Delete relation"), changes)


def delete_code_relations(session: Session, changes: ChangeSet, code_id: int) -> None:
    """The relations of a code that is deleted go with it (recorded, for undo)."""
    for relation_id in _relations_of(session, code_id):
        changes.delete(session, CodeRelation, relation_id)


def move_code_relations(
    session: Session, changes: ChangeSet, source_id: int, target_id: int
) -> None:
    """A merged code's relations pass to the code it was merged into; a relation that would
    tie that code to itself, or repeat one it has, goes."""
    for relation_id in _relations_of(session, source_id):
        relation = _get_relation(session, relation_id)
        ends = [relation.source_id, relation.target_id]
        ends = [target_id if end == source_id else end for end in ends]
        repeated = session.scalar(
            select(CodeRelation.id).where(
                CodeRelation.source_id == ends[0],
                CodeRelation.target_id == ends[1],
                CodeRelation.kind == relation.kind,
                CodeRelation.id != relation_id,
            )
        )
        if ends[0] == ends[1] or repeated is not None:
            changes.delete(session, CodeRelation, relation_id)
        else:
            changes.update(session, CodeRelation, relation_id, source_id=ends[0], target_id=ends[1])


def _relations_of(session: Session, code_id: int) -> list[int]:
    query = select(CodeRelation.id).where(
        or_(CodeRelation.source_id == code_id, CodeRelation.target_id == code_id)
    )
    return list(session.scalars(query.order_by(CodeRelation.id)).all())


def _checked_kind(session: Session, source_id: int, target_id: int, kind: str) -> str:
    if source_id == target_id:
        raise OperationError(_("A relation ties two different codes."))
    kind = kind_from_text(kind)
    if not kind:
        raise OperationError(_("A relation needs a kind."))
    if len(kind) > 255:
        raise OperationError(_("A relation's kind can be at most 255 characters long."))
    repeated = session.scalar(
        select(CodeRelation.id).where(
            CodeRelation.source_id == source_id,
            CodeRelation.target_id == target_id,
            CodeRelation.kind == kind,
        )
    )
    if repeated is not None:
        raise OperationError(_("These codes already have this relation."))
    return kind


def _get_code(session: Session, code_id: int) -> Code:
    code = session.get(Code, code_id)
    if code is None:
        raise OperationError(_("This code no longer exists."))
    return code


def _get_relation(session: Session, relation_id: int) -> CodeRelation:
    relation = session.get(CodeRelation, relation_id)
    if relation is None:
        raise OperationError(_("This relation no longer exists."))
    return relation
