"""Coders: the people who code. Every coding, memo and edit names one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Coder
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome


def add_coder(session: Session, name: str) -> Outcome:
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A coder needs a name."))
    if session.scalar(select(Coder.id).where(Coder.name == name)) is not None:
        raise OperationError(_("There already is a coder “{name}”.").format(name=name))
    changes = ChangeSet()
    coder_id = changes.insert(session, Coder, name=name)
    return Outcome(_("New coder “{name}”").format(name=name), changes, coder_id)


def coder_id_for(session: Session, name: str) -> int:
    """The id of the coder called ``name``, added when the project does not know them yet."""
    name = " ".join(name.split())
    existing = session.scalar(select(Coder.id).where(Coder.name == name))
    if existing is not None:
        return existing
    created = add_coder(session, name).created_id
    assert created is not None
    return created
