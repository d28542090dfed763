"""Operations on networks of codes: make one, place its codes, add and remove codes, delete.

Positions are what the network view shows (the centre of each node); the layout itself is
worked out elsewhere (:mod:`reiscoder.analysis.network`) and handed in, so that moving nodes
by hand and laying them out anew are both one undoable step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Network, NetworkNode
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome

Positions = Mapping[int, tuple[float, float]]  # code id -> (x, y)


def create_network(session: Session, name: str, positions: Positions) -> Outcome:
    name = _checked_name(session, name)
    changes = ChangeSet()
    network_id = changes.insert(session, Network, name=name)
    _place(session, changes, network_id, positions)
    return Outcome(_("New network “{name}”").format(name=name), changes, network_id)


def rename_network(session: Session, network_id: int, name: str) -> Outcome:
    network = _get_network(session, network_id)
    old = network.name
    changes = ChangeSet()
    if " ".join(name.split()) != old:
        changes.update(session, Network, network_id, name=_checked_name(session, name))
    return Outcome(_("Rename network “{name}”").format(name=old), changes, network_id)


def delete_network(session: Session, network_id: int) -> Outcome:
    network = _get_network(session, network_id)
    label = _("Delete network “{name}”").format(name=network.name)
    changes = ChangeSet()
    for node_id in _node_ids(session, network_id):
        changes.delete(session, NetworkNode, node_id)
    changes.delete(session, Network, network_id)
    return Outcome(label, changes)


def place_nodes(session: Session, network_id: int, positions: Positions) -> Outcome:
    """Put codes of the network at these positions; a code not in it yet is added."""
    network = _get_network(session, network_id)
    changes = ChangeSet()
    added = _place(session, changes, network_id, positions)
    if added:
        label = _("Add codes to network “{name}”")
    elif len(positions) == 1:
        label = _("Move a code in network “{name}”")
    else:
        label = _("Arrange network “{name}”")
    return Outcome(label.format(name=network.name), changes, network_id)


def remove_nodes(session: Session, network_id: int, code_ids: Iterable[int]) -> Outcome:
    network = _get_network(session, network_id)
    ids = sorted(set(code_ids))
    rows = session.scalars(
        select(NetworkNode.id).where(
            NetworkNode.network_id == network_id, NetworkNode.code_id.in_(ids)
        )
    ).all()
    if not rows:
        raise OperationError(_("None of these codes is in the network."))
    changes = ChangeSet()
    for node_id in rows:
        changes.delete(session, NetworkNode, node_id)
    label = _("Remove codes from network “{name}”").format(name=network.name)
    return Outcome(label, changes, network_id)


def delete_code_nodes(session: Session, changes: ChangeSet, code_id: int) -> None:
    """A code that is deleted leaves every network (recorded, for undo)."""
    for node_id in session.scalars(
        select(NetworkNode.id).where(NetworkNode.code_id == code_id).order_by(NetworkNode.id)
    ).all():
        changes.delete(session, NetworkNode, node_id)


def move_code_nodes(session: Session, changes: ChangeSet, source_id: int, target_id: int) -> None:
    """A merged code's place in a network passes to the code it was merged into, unless that
    code is in the network already."""
    present = set(
        session.scalars(select(NetworkNode.network_id).where(NetworkNode.code_id == target_id))
    )
    rows = session.execute(
        select(NetworkNode.id, NetworkNode.network_id).where(NetworkNode.code_id == source_id)
    ).all()
    for node_id, network_id in rows:
        if network_id in present:
            changes.delete(session, NetworkNode, node_id)
        else:
            changes.update(session, NetworkNode, node_id, code_id=target_id)


def _place(session: Session, changes: ChangeSet, network_id: int, positions: Positions) -> int:
    wanted = sorted(positions)
    known = set(session.scalars(select(Code.id).where(Code.id.in_(wanted))))
    if len(known) < len(wanted):
        raise OperationError(_("A code chosen no longer exists."))
    nodes = dict(
        session.execute(
            select(NetworkNode.code_id, NetworkNode.id).where(NetworkNode.network_id == network_id)
        )
        .tuples()
        .all()
    )
    added = 0
    for code_id, (x, y) in positions.items():
        x, y = float(round(x)), float(round(y))  # whole scene units: REFI-QDA has integers
        if code_id in nodes:
            changes.update(session, NetworkNode, nodes[code_id], x=x, y=y)
        else:
            changes.insert(session, NetworkNode, network_id=network_id, code_id=code_id, x=x, y=y)
            added += 1
    return added


def _node_ids(session: Session, network_id: int) -> list[int]:
    query = select(NetworkNode.id).where(NetworkNode.network_id == network_id)
    return list(session.scalars(query.order_by(NetworkNode.id)).all())


def _checked_name(session: Session, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A network needs a name."))
    if len(name) > 255:
        raise OperationError(_("A network's name can be at most 255 characters long."))
    if session.scalar(select(Network.id).where(Network.name == name)) is not None:
        raise OperationError(_("There already is a network “{name}”.").format(name=name))
    return name


def _get_network(session: Session, network_id: int) -> Network:
    network = session.get(Network, network_id)
    if network is None:
        raise OperationError(_("This network no longer exists."))
    return network
