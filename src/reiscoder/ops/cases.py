"""Cases (people or groups across documents) and the speakers linked to them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import AttributeValue, Case, Speaker
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome


def create_case(session: Session, name: str, description: str = "") -> Outcome:
    name = _checked_name(session, name)
    changes = ChangeSet()
    case_id = changes.insert(session, Case, name=name, description=description)
    return Outcome(_("New case “{name}”").format(name=name), changes, case_id)


def rename_case(session: Session, case_id: int, name: str) -> Outcome:
    case = _get_case(session, case_id)
    old = case.name
    changes = ChangeSet()
    if " ".join(name.split()) != old:
        changes.update(session, Case, case_id, name=_checked_name(session, name))
    return Outcome(_("Rename case “{name}”").format(name=old), changes, case_id)


def delete_case(session: Session, case_id: int) -> Outcome:
    """Delete a case; its speakers stay, unlinked, and its attribute values go."""
    name = _get_case(session, case_id).name
    changes = ChangeSet()
    for speaker_id in session.scalars(select(Speaker.id).where(Speaker.case_id == case_id)).all():
        changes.update(session, Speaker, speaker_id, case_id=None)
    values = select(AttributeValue.id).where(AttributeValue.case_id == case_id)
    for value_id in session.scalars(values).all():
        changes.delete(session, AttributeValue, value_id)
    changes.delete(session, Case, case_id)
    return Outcome(_("Delete case “{name}”").format(name=name), changes)


def link_speaker(session: Session, speaker_id: int, case_id: int | None) -> Outcome:
    """Say which person (case) a speaker of a document is; None unlinks."""
    speaker = _get_speaker(session, speaker_id)
    if case_id is not None:
        _get_case(session, case_id)
    changes = ChangeSet()
    changes.update(session, Speaker, speaker_id, case_id=case_id)
    return Outcome(_("Link speaker “{name}”").format(name=speaker.name), changes, speaker_id)


def rename_speaker(session: Session, speaker_id: int, name: str) -> Outcome:
    speaker = _get_speaker(session, speaker_id)
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A speaker needs a name."))
    old = speaker.name
    changes = ChangeSet()
    changes.update(session, Speaker, speaker_id, name=name)
    return Outcome(_("Rename speaker “{name}”").format(name=old), changes, speaker_id)


def _checked_name(session: Session, name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("A case needs a name."))
    if session.scalar(select(Case.id).where(Case.name == name)) is not None:
        raise OperationError(_("There already is a case “{name}”.").format(name=name))
    return name


def _get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise OperationError(_("This case no longer exists."))
    return case


def _get_speaker(session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise OperationError(_("This speaker no longer exists."))
    return speaker
