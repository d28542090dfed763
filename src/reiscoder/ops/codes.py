"""Operations on the code tree: create, edit, move, merge and delete codes."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from reiscoder.i18n import _
from reiscoder.model import Code, Coding, GroupKind, Memo, Meta
from reiscoder.model.base import utcnow
from reiscoder.model.errors import OperationError
from reiscoder.model.meta import CODEBOOK_LOCK_KEY
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.groups import delete_memberships, move_code_memberships
from reiscoder.ops.networks import delete_code_nodes, move_code_nodes
from reiscoder.ops.palette import next_color, normalise_color
from reiscoder.ops.relations import delete_code_relations, move_code_relations

EDITABLE_FIELDS = ("name", "color", "definition", "inclusion", "exclusion", "example")


class CodingFate(StrEnum):
    """What happens to the codings of a code that is deleted."""

    DELETE = "delete"
    TO_PARENT = "to_parent"


def create_code(
    session: Session,
    name: str,
    *,
    parent_id: int | None = None,
    color: str | None = None,
    definition: str = "",
    inclusion: str = "",
    exclusion: str = "",
    example: str = "",
) -> Outcome:
    check_codebook_unlocked(session)
    name = _checked_name(session, name, parent_id)
    if parent_id is not None:
        _get_code(session, parent_id)
    changes = ChangeSet()
    code_id = changes.insert(
        session,
        Code,
        parent_id=parent_id,
        name=name,
        color=_checked_color(color) if color else _fresh_color(session),
        definition=definition,
        inclusion=inclusion,
        exclusion=exclusion,
        example=example,
        position=len(_sibling_ids(session, parent_id)),
    )
    return Outcome(_("New code “{name}”").format(name=name), changes, code_id)


def update_code(session: Session, code_id: int, **fields: str) -> Outcome:
    """Change any of a code's name, colour, definition, criteria or example."""
    check_codebook_unlocked(session)
    code = _get_code(session, code_id)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "name" in fields and fields["name"].strip() != code.name:
        fields["name"] = _checked_name(session, fields["name"], code.parent_id)
    if "color" in fields:
        fields["color"] = _checked_color(fields["color"])
    old_name = code.name
    changes = ChangeSet()
    changes.update(session, Code, code_id, **fields)
    if set(fields) == {"name"}:
        label = _("Rename code “{old}” to “{new}”").format(old=old_name, new=fields["name"])
    elif set(fields) == {"color"}:
        label = _("Recolour code “{name}”").format(name=old_name)
    else:
        label = _("Edit code “{name}”").format(name=old_name)
    return Outcome(label, changes, code_id)


def move_code(
    session: Session, code_id: int, parent_id: int | None, position: int | None = None
) -> Outcome:
    """Put a code under ``parent_id`` (None: top level) at ``position`` among its siblings."""
    check_codebook_unlocked(session)
    code = _get_code(session, code_id)
    name, old_parent = code.name, code.parent_id
    if parent_id is not None and code_id in _ancestor_ids(session, parent_id):
        raise OperationError(_("A code cannot be moved into itself or its own subcodes."))
    if parent_id != old_parent:
        _checked_name(session, name, parent_id)
    changes = ChangeSet()
    old_siblings = [i for i in _sibling_ids(session, old_parent) if i != code_id]
    new_siblings = [i for i in _sibling_ids(session, parent_id) if i != code_id]
    position = len(new_siblings) if position is None else max(0, min(position, len(new_siblings)))
    new_siblings.insert(position, code_id)
    changes.update(session, Code, code_id, parent_id=parent_id)
    if parent_id != old_parent:
        _renumber(session, changes, old_siblings)
    _renumber(session, changes, new_siblings)
    return Outcome(_("Move code “{name}”").format(name=name), changes, code_id)


def merge_codes(session: Session, source_id: int, target_id: int) -> Outcome:
    """Recode everything of ``source`` as ``target`` and remove ``source``.

    A coding that ``target`` already has (same document, coder and range) is not duplicated;
    its memo is kept, appended to the memo of the coding that stays (or moved to it). Subcodes
    and memos of the source move to the target. Set-based: a few statements per 500 codings.
    """
    check_codebook_unlocked(session)
    source, target = _get_code(session, source_id), _get_code(session, target_id)
    label = _("Merge code “{source}” into “{target}”").format(
        source=source.name, target=target.name
    )
    source_parent = source.parent_id
    if source_id == target_id or source_id in _ancestor_ids(session, target_id):
        raise OperationError(_("A code cannot be merged into itself or its own subcodes."))
    children = _sibling_ids(session, source_id)
    for child_id in children:
        _checked_name(session, _get_code(session, child_id).name, target_id)
    changes = ChangeSet()
    survivors = _duplicate_codings(session, source_id, target_id)
    _keep_duplicate_memos(session, changes, survivors)
    changes.delete_many(session, Coding, list(survivors))
    moved = session.scalars(
        select(Coding.id).where(Coding.code_id == source_id).order_by(Coding.id)
    )
    changes.update_many(session, Coding, {i: {"code_id": target_id} for i in moved})
    memos = session.scalars(select(Memo.id).where(Memo.code_id == source_id).order_by(Memo.id))
    changes.update_many(session, Memo, {i: {"code_id": target_id} for i in memos})
    move_code_memberships(session, changes, source_id, target_id)
    move_code_relations(session, changes, source_id, target_id)
    move_code_nodes(session, changes, source_id, target_id)
    _renumber(session, changes, _sibling_ids(session, target_id) + children, parent_id=target_id)
    changes.delete(session, Code, source_id)
    _renumber(session, changes, _sibling_ids(session, source_parent))
    return Outcome(label, changes, target_id)


def _duplicate_codings(session: Session, source_id: int, target_id: int) -> dict[int, int]:
    """The codings of ``source`` that ``target`` has already: each with the one that stays."""
    ours, theirs = aliased(Coding), aliased(Coding)
    query = (
        select(ours.id, theirs.id)
        .join(
            theirs,
            and_(
                theirs.code_id == target_id,
                theirs.document_id == ours.document_id,
                theirs.coder_id == ours.coder_id,
                theirs.start == ours.start,
                theirs.end == ours.end,
            ),
        )
        .where(ours.code_id == source_id)
        .order_by(ours.id)
    )
    return dict(session.execute(query).tuples().all())


def _keep_duplicate_memos(session: Session, changes: ChangeSet, survivors: dict[int, int]) -> None:
    """The memos of codings that go in a merge: appended to the memo of the coding that stays
    (one memo per coding), or moved to it when it has none."""
    if not survivors:
        return
    going = _coding_memos(session, list(survivors))
    if not going:
        return
    staying: dict[int, tuple[int, str]] = {}
    for memo_id, coding_id, text in _coding_memos(session, sorted(set(survivors.values()))):
        staying.setdefault(coding_id, (memo_id, text))
    appended: dict[int, str] = {}
    moved: dict[int, dict[str, object]] = {}
    removed: list[int] = []
    for memo_id, coding_id, text in going:
        survivor = survivors[coding_id]
        if survivor not in staying:
            moved[memo_id] = {"coding_id": survivor}
            continue
        kept_id, kept_text = staying[survivor]
        current = appended.get(kept_id, kept_text)
        if text.strip() and text.strip() not in current:
            appended[kept_id] = f"{current.rstrip()}\n\n{text.strip()}" if current.strip() else text
        removed.append(memo_id)
    now = utcnow()
    changes.update_many(
        session, Memo, {i: {"text": text, "modified": now} for i, text in appended.items()}
    )
    changes.update_many(session, Memo, moved)
    changes.delete_many(session, Memo, removed)


def _coding_memos(session: Session, coding_ids: list[int]) -> list[tuple[int, int, str]]:
    """(memo id, coding id, text) of the memos of these codings, oldest first."""
    found: list[tuple[int, int, str]] = []
    for first in range(0, len(coding_ids), 500):
        chunk = coding_ids[first : first + 500]
        query = select(Memo.id, Memo.coding_id, Memo.text).where(Memo.coding_id.in_(chunk))
        found += [(i, int(c), t) for i, c, t in session.execute(query).tuples() if c is not None]
    return sorted(found)


def delete_code(session: Session, code_id: int, fate: CodingFate = CodingFate.DELETE) -> Outcome:
    """Delete a code and its subcodes; their codings are deleted or go to the parent code."""
    check_codebook_unlocked(session)
    code = _get_code(session, code_id)
    label = _("Delete code “{name}”").format(name=code.name)
    parent_id = code.parent_id
    if fate is CodingFate.TO_PARENT and parent_id is None:
        raise OperationError(_("A top-level code has no parent to take over its codings."))
    subtree = _subtree_ids(session, code_id)
    changes = ChangeSet()
    if fate is CodingFate.TO_PARENT and parent_id is not None:  # None was refused above
        merge = merge_codes(session, code_id, parent_id)
        changes.entries.extend(merge.changes.entries)
    else:
        for member_id in reversed(subtree):
            _delete_code_rows(session, changes, member_id)
        _renumber(session, changes, _sibling_ids(session, parent_id))
    return Outcome(label, changes)


# -- helpers shared with other operations ---------------------------------------------------


def check_codebook_unlocked(session: Session) -> None:
    if session.get(Meta, CODEBOOK_LOCK_KEY) is not None:
        raise OperationError(_("The codebook of this assignment is locked."))


def delete_coding_rows(session: Session, changes: ChangeSet, coding_id: int) -> None:
    for memo_id in session.scalars(select(Memo.id).where(Memo.coding_id == coding_id)).all():
        changes.delete(session, Memo, memo_id)
    changes.delete(session, Coding, coding_id)


def _delete_code_rows(session: Session, changes: ChangeSet, code_id: int) -> None:
    for coding_id in session.scalars(select(Coding.id).where(Coding.code_id == code_id)).all():
        delete_coding_rows(session, changes, coding_id)
    for memo_id in session.scalars(select(Memo.id).where(Memo.code_id == code_id)).all():
        changes.delete(session, Memo, memo_id)
    delete_memberships(session, changes, GroupKind.CODE, code_id)
    delete_code_relations(session, changes, code_id)
    delete_code_nodes(session, changes, code_id)
    changes.delete(session, Code, code_id)


def _get_code(session: Session, code_id: int) -> Code:
    code = session.get(Code, code_id)
    if code is None:
        raise OperationError(_("This code no longer exists."))
    return code


def _checked_name(session: Session, name: str, parent_id: int | None) -> str:
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A code needs a name."))
    taken = session.scalar(
        select(func.count())
        .select_from(Code)
        .where(Code.parent_id.is_(parent_id) if parent_id is None else Code.parent_id == parent_id)
        .where(Code.name == name)
    )
    if taken:
        raise OperationError(_("There already is a code “{name}” here.").format(name=name))
    return name


def _checked_color(color: str) -> str:
    normal = normalise_color(color)
    if normal is None:
        raise OperationError(_("“{color}” is not a colour (use #RRGGBB).").format(color=color))
    return normal


def _fresh_color(session: Session) -> str:
    return next_color(list(session.scalars(select(Code.color)).all()))


def _sibling_ids(session: Session, parent_id: int | None) -> list[int]:
    query = select(Code.id).order_by(Code.position, Code.id)
    if parent_id is None:
        query = query.where(Code.parent_id.is_(None))
    else:
        query = query.where(Code.parent_id == parent_id)
    return list(session.scalars(query).all())


def _ancestor_ids(session: Session, code_id: int) -> list[int]:
    """``code_id`` and every code above it."""
    chain = []
    current: int | None = code_id
    while current is not None:
        chain.append(current)
        current = session.scalar(select(Code.parent_id).where(Code.id == current))
    return chain


def _subtree_ids(session: Session, code_id: int) -> list[int]:
    """``code_id`` and all codes below it, parents before children."""
    order = [code_id]
    for current in order:
        order.extend(_sibling_ids(session, current))
    return order


def _renumber(
    session: Session, changes: ChangeSet, ids: list[int], parent_id: int | None = None
) -> None:
    for position, code_id in enumerate(ids):
        values: dict[str, object] = {"position": position}
        if parent_id is not None:
            values["parent_id"] = parent_id
        changes.update(session, Code, code_id, **values)
