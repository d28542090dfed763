"""Operations on groups of documents and of codes: make, rename, fill, empty and delete."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from reiscoder.i18n import _
from reiscoder.model import Code, Document, Group, GroupKind, GroupMember
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome


def create_group(
    session: Session,
    kind: GroupKind,
    name: str,
    member_ids: Iterable[int] = (),
    *,
    description: str = "",
) -> Outcome:
    """A new group of documents or codes, with its first members."""
    kind = GroupKind(kind)
    name = _checked_name(session, kind, name)
    changes = ChangeSet()
    group_id = changes.insert(session, Group, kind=kind, name=name, description=description)
    _add_members(session, changes, group_id, kind, member_ids)
    label = (
        _("New document group “{name}”")
        if kind == GroupKind.DOCUMENT
        else _("New code group “{name}”")
    )
    return Outcome(label.format(name=name), changes, group_id)


def update_group(
    session: Session, group_id: int, *, name: str | None = None, description: str | None = None
) -> Outcome:
    group = _get_group(session, group_id)
    old = group.name
    values: dict[str, str] = {}
    if name is not None and " ".join(name.split()) != old:
        values["name"] = _checked_name(session, GroupKind(group.kind), name)
    if description is not None:
        values["description"] = description
    changes = ChangeSet()
    changes.update(session, Group, group_id, **values)
    if set(values) == {"name"}:
        label = _("Rename group “{old}” to “{new}”").format(old=old, new=values["name"])
    else:
        label = _("Edit group “{name}”").format(name=old)
    return Outcome(label, changes, group_id)


def delete_group(session: Session, group_id: int) -> Outcome:
    """Delete a group; its documents and codes stay."""
    group = _get_group(session, group_id)
    changes = ChangeSet()
    for member_id in session.scalars(
        select(GroupMember.id).where(GroupMember.group_id == group_id).order_by(GroupMember.id)
    ).all():
        changes.delete(session, GroupMember, member_id)
    label = _("Delete group “{name}”").format(name=group.name)
    changes.delete(session, Group, group_id)
    return Outcome(label, changes)


def add_to_group(session: Session, group_id: int, member_ids: Iterable[int]) -> Outcome:
    """Add documents (or codes) to a group; those already in it are left as they are."""
    group = _get_group(session, group_id)
    changes = ChangeSet()
    added = _add_members(session, changes, group_id, GroupKind(group.kind), member_ids)
    if not added:
        raise OperationError(_("Everything chosen is already in “{name}”.").format(name=group.name))
    return Outcome(_("Add to group “{name}”").format(name=group.name), changes, group_id)


def remove_from_group(session: Session, group_id: int, member_ids: Iterable[int]) -> Outcome:
    group = _get_group(session, group_id)
    column = _member_column(GroupKind(group.kind))
    ids = sorted(set(member_ids))
    rows = session.scalars(
        select(GroupMember.id).where(GroupMember.group_id == group_id, column.in_(ids))
    ).all()
    if not rows:
        raise OperationError(_("None of these is in “{name}”.").format(name=group.name))
    changes = ChangeSet()
    for row_id in rows:
        changes.delete(session, GroupMember, row_id)
    return Outcome(_("Remove from group “{name}”").format(name=group.name), changes, group_id)


def delete_memberships(
    session: Session, changes: ChangeSet, kind: GroupKind, member_id: int
) -> None:
    """Take a document or code that is deleted out of every group (recorded, for undo)."""
    column = _member_column(kind)
    for row_id in session.scalars(select(GroupMember.id).where(column == member_id)).all():
        changes.delete(session, GroupMember, row_id)


def move_code_memberships(
    session: Session, changes: ChangeSet, source_id: int, target_id: int
) -> None:
    """A merged code's groups pass to the code it was merged into."""
    target_groups = set(
        session.scalars(select(GroupMember.group_id).where(GroupMember.code_id == target_id))
    )
    rows = session.execute(
        select(GroupMember.id, GroupMember.group_id).where(GroupMember.code_id == source_id)
    ).all()
    for row_id, group_id in rows:
        if group_id in target_groups:
            changes.delete(session, GroupMember, row_id)
        else:
            changes.update(session, GroupMember, row_id, code_id=target_id)


# -- helpers -----------------------------------------------------------------------------------


def _add_members(
    session: Session, changes: ChangeSet, group_id: int, kind: GroupKind, member_ids: Iterable[int]
) -> int:
    wanted = list(dict.fromkeys(member_ids))
    model = Document if kind == GroupKind.DOCUMENT else Code
    column = _member_column(kind)
    existing = set(session.scalars(select(model.id).where(model.id.in_(sorted(wanted)))))
    if len(existing) < len(wanted):
        raise OperationError(
            _("A document chosen no longer exists.")
            if kind == GroupKind.DOCUMENT
            else _("A code chosen no longer exists.")
        )
    present = set(
        session.scalars(select(column).where(GroupMember.group_id == group_id, column.is_not(None)))
    )
    added = 0
    for member_id in wanted:
        if member_id in present:
            continue
        changes.insert(session, GroupMember, group_id=group_id, **{column.key: member_id})
        added += 1
    return added


def _member_column(kind: GroupKind) -> InstrumentedAttribute[int | None]:
    return GroupMember.document_id if kind == GroupKind.DOCUMENT else GroupMember.code_id


def _checked_name(session: Session, kind: GroupKind, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A group needs a name."))
    if len(name) > 255:
        raise OperationError(_("A group's name can be at most 255 characters long."))
    taken = session.scalar(select(Group.id).where(Group.kind == kind, Group.name == name))
    if taken is not None:
        raise OperationError(_("There already is a group “{name}”.").format(name=name))
    return name


def _get_group(session: Session, group_id: int) -> Group:
    group = session.get(Group, group_id)
    if group is None:
        raise OperationError(_("This group no longer exists."))
    return group
