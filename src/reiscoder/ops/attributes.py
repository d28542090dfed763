"""Typed attributes (etappe, wijk, role, date, ...) and their values on documents and cases."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Attribute, AttributeKind, AttributeTarget, AttributeValue
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome


def create_attribute(
    session: Session,
    name: str,
    kind: AttributeKind = AttributeKind.TEXT,
    target: AttributeTarget = AttributeTarget.DOCUMENT,
    choices: list[str] | None = None,
) -> Outcome:
    name = " ".join(name.split())
    if not name:
        raise OperationError(_("An attribute needs a name."))
    taken = select(Attribute.id).where(Attribute.name == name, Attribute.target == target)
    if session.scalar(taken) is not None:
        raise OperationError(_("There already is an attribute “{name}”.").format(name=name))
    position = len(session.scalars(select(Attribute.id)).all())
    changes = ChangeSet()
    attribute_id = changes.insert(
        session,
        Attribute,
        name=name,
        kind=AttributeKind(kind),
        target=AttributeTarget(target),
        choices=_choices_text(choices or []),
        position=position,
    )
    return Outcome(_("New attribute “{name}”").format(name=name), changes, attribute_id)


def delete_attribute(session: Session, attribute_id: int) -> Outcome:
    name = _get_attribute(session, attribute_id).name
    changes = ChangeSet()
    value_ids = select(AttributeValue.id).where(AttributeValue.attribute_id == attribute_id)
    for value_id in session.scalars(value_ids).all():
        changes.delete(session, AttributeValue, value_id)
    changes.delete(session, Attribute, attribute_id)
    return Outcome(_("Delete attribute “{name}”").format(name=name), changes)


def set_choices(session: Session, attribute_id: int, choices: list[str]) -> Outcome:
    attribute = _get_attribute(session, attribute_id)
    in_use = set(
        session.scalars(
            select(AttributeValue.value).where(AttributeValue.attribute_id == attribute_id)
        ).all()
    )
    missing = sorted(in_use - set(choices))
    if missing:
        raise OperationError(
            _("These values are still in use: {values}").format(values=", ".join(missing))
        )
    changes = ChangeSet()
    changes.update(session, Attribute, attribute_id, choices=_choices_text(choices))
    return Outcome(_("Edit attribute “{name}”").format(name=attribute.name), changes, attribute_id)


def set_value(
    session: Session,
    attribute_id: int,
    value: str | None,
    *,
    document_id: int | None = None,
    case_id: int | None = None,
) -> Outcome:
    """Set (or with None or "" clear) the value of an attribute on one document or case."""
    attribute = _get_attribute(session, attribute_id)
    owner = {"document_id": document_id} if document_id is not None else {"case_id": case_id}
    if (document_id is None) == (case_id is None):
        raise ValueError("give exactly one of document_id and case_id")
    existing = session.scalar(
        select(AttributeValue.id)
        .where(AttributeValue.attribute_id == attribute_id)
        .filter_by(**owner)
    )
    changes = ChangeSet()
    if value is None or not value.strip():
        if existing is not None:
            changes.delete(session, AttributeValue, existing)
    else:
        canonical = canonical_value(attribute, value)
        if existing is None:
            changes.insert(
                session, AttributeValue, attribute_id=attribute_id, value=canonical, **owner
            )
        else:
            changes.update(session, AttributeValue, existing, value=canonical)
    return Outcome(_("Set “{name}”").format(name=attribute.name), changes)


def canonical_value(attribute: Attribute, value: str) -> str:
    """The stored form of ``value``: numbers with a point, dates as YYYY-MM-DD."""
    value = value.strip()
    kind = AttributeKind(attribute.kind)
    if kind is AttributeKind.NUMBER:
        return _number(value)
    if kind is AttributeKind.DATE:
        return _date(value)
    if kind is AttributeKind.CHOICE and value not in attribute.choice_list():
        raise OperationError(
            _("“{value}” is not one of the choices for “{name}”: {choices}").format(
                value=value, name=attribute.name, choices=", ".join(attribute.choice_list())
            )
        )
    return value


def _number(value: str) -> str:
    text = value.replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise OperationError(_("“{value}” is not a number.").format(value=value)) from None
    return str(int(number)) if number.is_integer() and "." not in text else repr(number)


def _date(value: str) -> str:
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    dutch = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if dutch:
            return date(int(dutch[3]), int(dutch[2]), int(dutch[1])).isoformat()
    except ValueError:
        pass
    raise OperationError(
        _("“{value}” is not a date (use e.g. 24-11-2026 or 2026-11-24).").format(value=value)
    )


def _choices_text(choices: list[str]) -> str:
    cleaned = [" ".join(choice.split()) for choice in choices]
    return "\n".join(dict.fromkeys(choice for choice in cleaned if choice))


def _get_attribute(session: Session, attribute_id: int) -> Attribute:
    attribute = session.get(Attribute, attribute_id)
    if attribute is None:
        raise OperationError(_("This attribute no longer exists."))
    return attribute
