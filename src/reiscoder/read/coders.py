"""The coders of a project, read one way for the panels, the exports, REFI-QDA and analysis."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Coder, Coding


def coder_names(
    session: Session, coder_ids: Collection[int] | None = None, *, with_codings: bool = False
) -> dict[int, str]:
    """Coders by id, in the order of their names: all, those of ``coder_ids``, or (with
    ``with_codings``) only those who applied at least one coding."""
    query = select(Coder.id, Coder.name).order_by(Coder.name, Coder.id)
    if coder_ids is not None:
        query = query.where(Coder.id.in_(list(coder_ids)))
    if with_codings:
        query = query.where(Coder.id.in_(select(Coding.coder_id).distinct()))
    return dict(session.execute(query).tuples().all())


def coder_named(session: Session, name: str) -> int | None:
    """The id of the coder called ``name`` (white space folded, as when the coder was added)."""
    name = " ".join(name.split())
    return session.scalar(select(Coder.id).where(Coder.name == name))
