"""Operations done as one step (delete several documents, a new case for a speaker, several
attribute values) are reverted exactly, as one step."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Attribute, AttributeValue, Case, Document, Speaker
from reiscoder.ops import revert
from reiscoder.ops.batches import delete_documents, link_speaker_to_new_case, set_document_values
from reiscoder.ops.changes import Outcome
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from tests.factories import add_document, code_id, dump, first_coder_id, new_project


def _attribute(session: Session, name: str) -> int:
    return session.scalar(select(Attribute.id).where(Attribute.name == name))


def _project(session: Session) -> dict[str, int]:
    first = add_document(session, "Interview 1")
    second = add_document(session, "Interview 2")
    coder = first_coder_id(session)
    coding = apply_coding(session, first, code_id(session, "1.1"), coder, 13, 53).created_id
    add_memo(session, coder, "Mooi citaat", target=MemoTarget(coding_id=coding))
    apply_coding(session, second, code_id(session, "2.1"), coder, 0, 12)
    set_document_values(session, first, {_attribute(session, "Wijk"): "Charlois"})
    speaker = session.scalar(select(Speaker.id).where(Speaker.label == "Fatima"))
    return {"first": first, "second": second, "speaker": speaker}


OPERATIONS: dict[str, Callable[[Session, dict[str, int]], Outcome]] = {
    "delete documents": lambda s, ids: delete_documents(s, [ids["first"], ids["second"]]),
    "delete one document": lambda s, ids: delete_documents(s, [ids["second"]]),
    "set values": lambda s, ids: set_document_values(
        s,
        ids["first"],
        {
            _attribute(s, "Wijk"): "",
            _attribute(s, "Datum"): "24-11-2026",
            _attribute(s, "Etappe"): "2 Sociale innovatie",
        },
    ),
    "new case with role": lambda s, ids: link_speaker_to_new_case(
        s, ids["speaker"], "Fatima B.", _attribute(s, "Rol"), "bewoner"
    ),
    "new case without role": lambda s, ids: link_speaker_to_new_case(s, ids["speaker"], "F."),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_revert_restores_exactly_and_redo_reapplies(tmp_path, name):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        ids = _project(session)
        before = dump(session)
        outcome = OPERATIONS[name](session, ids)
        after = dump(session)
        assert after != before, "the operation changed nothing"
        assert outcome.label and outcome.topics

        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        assert dump(session) == after


def test_a_new_case_is_linked_and_has_its_role(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        ids = _project(session)
        outcome = link_speaker_to_new_case(
            session, ids["speaker"], "Fatima B.", _attribute(session, "Rol"), "bewoner"
        )
        case = session.get(Case, outcome.created_id)
        assert case.name == "Fatima B."
        assert session.get(Speaker, ids["speaker"]).case_id == case.id
        role = select(AttributeValue.value).where(AttributeValue.case_id == case.id)
        assert session.scalar(role) == "bewoner"


def test_deleting_documents_leaves_the_others(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        ids = _project(session)
        outcome = delete_documents(session, [ids["first"]])
        assert "Interview 1" in outcome.label
        assert list(session.scalars(select(Document.name))) == ["Interview 2"]
