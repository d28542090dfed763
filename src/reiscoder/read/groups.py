"""Groups of documents and of codes, read one way for every selection that can use them.

A group stands for its members wherever a selection of documents or codes is asked for: the
export dialog, the coded segments' filter, the analysis, agreement and assignments resolve a
group to the ids of its members (:func:`members_of`), so no part of the program filters by
group in a way of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import (
    Attribute,
    AttributeTarget,
    AttributeValue,
    Document,
    Group,
    GroupKind,
    GroupMember,
    Speaker,
)
from reiscoder.model.errors import OperationError


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    uuid: str
    kind: str  # GroupKind
    name: str
    description: str
    members: tuple[int, ...]  # document or code ids

    @property
    def label(self) -> str:
        """The name with the number of members: "Etappe 1 (4)"."""
        return f"{self.name} ({len(self.members)})"


def load_groups(session: Session, kind: GroupKind | None = None) -> list[GroupRow]:
    """Every group (of one kind), by name, with its members."""
    query = select(Group.id, Group.uuid, Group.kind, Group.name, Group.description)
    if kind is not None:
        query = query.where(Group.kind == kind)
    rows = session.execute(query.order_by(Group.kind, Group.name)).all()
    members: dict[int, list[int]] = {row.id: [] for row in rows}
    found = session.execute(
        select(GroupMember.group_id, GroupMember.document_id, GroupMember.code_id).order_by(
            GroupMember.id
        )
    )
    for group_id, document_id, code_id in found:
        if group_id in members:
            members[group_id].append(document_id if document_id is not None else code_id)
    rows = sorted(rows, key=lambda r: (r.kind, r.name.casefold()))
    return [
        GroupRow(row.id, row.uuid, row.kind, row.name, row.description, tuple(members[row.id]))
        for row in rows
    ]


def members_of(session: Session, group_ids: Iterable[int]) -> frozenset[int]:
    """The documents (or codes) of these groups together."""
    ids = sorted(set(group_ids))
    if not ids:
        return frozenset()
    found = session.execute(
        select(GroupMember.document_id, GroupMember.code_id).where(GroupMember.group_id.in_(ids))
    )
    return frozenset(d if d is not None else c for d, c in found)


def groups_named(session: Session, kind: GroupKind, names: Collection[str]) -> list[int]:
    """The ids of the groups with these names; an unknown name is refused, naming the known."""
    known = {row.name.casefold(): row.id for row in load_groups(session, kind)}
    missing = [name for name in names if name.casefold() not in known]
    if missing:
        what = _("document group") if kind == GroupKind.DOCUMENT else _("code group")
        raise OperationError(
            _("There is no {what} “{name}”. Known: {known}.").format(
                what=what,
                name=missing[0],
                known=", ".join(r.name for r in load_groups(session, kind)) or "—",
            )
        )
    return [known[name.casefold()] for name in names]


def groups_of_member(session: Session, kind: GroupKind, member_id: int) -> list[int]:
    column = GroupMember.document_id if kind == GroupKind.DOCUMENT else GroupMember.code_id
    return list(session.scalars(select(GroupMember.group_id).where(column == member_id)))


def documents_with_value(session: Session, attribute_id: int, value: str) -> list[int]:
    """The documents whose attribute (or, for a case attribute, a speaker's case) has
    ``value``: the members of a group made from an attribute value."""
    attribute = session.get(Attribute, attribute_id)
    if attribute is None:
        raise OperationError(_("This attribute no longer exists."))
    ids: set[int | None]
    if attribute.target == AttributeTarget.DOCUMENT:
        ids = set(
            session.scalars(
                select(AttributeValue.document_id).where(
                    AttributeValue.attribute_id == attribute_id, AttributeValue.value == value
                )
            )
        )
    else:
        ids = set(
            session.scalars(
                select(Speaker.document_id)
                .join(AttributeValue, AttributeValue.case_id == Speaker.case_id)
                .where(AttributeValue.attribute_id == attribute_id, AttributeValue.value == value)
            )
        )
    ordered = select(Document.id).order_by(Document.position, Document.id)
    return [i for i in session.scalars(ordered) if i in ids]
