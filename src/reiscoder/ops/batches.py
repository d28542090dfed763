"""Several small operations that a user does as one step, and undoes as one step.

Each function runs existing operations in order and joins their change sets, so that
:func:`~reiscoder.ops.changes.revert` undoes all of them at once, in reverse order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.ops.attributes import set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.documents import delete_document


def joined(label: str, outcomes: Iterable[Outcome], created_id: int | None = None) -> Outcome:
    """One outcome holding the changes of ``outcomes`` in the order they were made."""
    changes = ChangeSet()
    for outcome in outcomes:
        changes.entries.extend(outcome.changes.entries)
    return Outcome(label, changes, created_id)


def delete_documents(session: Session, document_ids: Iterable[int]) -> Outcome:
    """Delete documents with their codings, memos and attribute values."""
    outcomes = [delete_document(session, document_id) for document_id in document_ids]
    if len(outcomes) == 1:
        return outcomes[0]
    label = ngettext("Delete {count} document", "Delete {count} documents", len(outcomes))
    return joined(label.format(count=len(outcomes)), outcomes)


def set_document_values(
    session: Session, document_id: int, values: Mapping[int, str | None]
) -> Outcome:
    """Set (or with "" or None clear) several attribute values of one document."""
    outcomes = [
        set_value(session, attribute_id, value, document_id=document_id)
        for attribute_id, value in values.items()
    ]
    return joined(_("Edit attributes"), outcomes, document_id)


def link_speaker_to_new_case(
    session: Session,
    speaker_id: int,
    case_name: str,
    role_attribute_id: int | None = None,
    role: str = "",
) -> Outcome:
    """Make a case (a person) for a speaker, optionally with a role, and link them."""
    created = create_case(session, case_name)
    case_id = created.created_id
    assert case_id is not None
    outcomes = [created, link_speaker(session, speaker_id, case_id)]
    if role_attribute_id is not None and role.strip():
        outcomes.append(set_value(session, role_attribute_id, role, case_id=case_id))
    return joined(created.label, outcomes, case_id)
