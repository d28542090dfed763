"""Networks of codes: which there are, and where each code stands in one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Coding, Network, NetworkNode


@dataclass(frozen=True, slots=True)
class NetworkRow:
    id: int
    uuid: str
    name: str


def load_networks(session: Session) -> list[NetworkRow]:
    rows = session.execute(select(Network.id, Network.uuid, Network.name).order_by(Network.id))
    return [NetworkRow(*row) for row in rows]


def node_positions(session: Session, network_id: int) -> dict[int, tuple[float, float]]:
    """Code id -> (x, y) of every code in the network, in the order they were added."""
    rows = session.execute(
        select(NetworkNode.code_id, NetworkNode.x, NetworkNode.y)
        .where(NetworkNode.network_id == network_id)
        .order_by(NetworkNode.id)
    )
    return {code_id: (x, y) for code_id, x, y in rows}


def codes_in_use(session: Session) -> list[int]:
    """The codes that have codings, in tree order: what a new network shows by default."""
    from reiscoder.read.code_tree import load_code_tree

    used = set(session.scalars(select(Coding.code_id).distinct()))
    return [code.id for code in load_code_tree(session).walk() if code.id in used]
