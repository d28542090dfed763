"""Every operation has an exact inverse: revert restores the project row for row, and
reverting the revert (redo) gives the changed project back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from reiscoder.model import AttributeKind, AttributeTarget, MediaKind
from reiscoder.ops import revert
from reiscoder.ops.attributes import create_attribute, delete_attribute, set_value
from reiscoder.ops.cases import create_case, delete_case, link_speaker, rename_speaker
from reiscoder.ops.changes import Outcome
from reiscoder.ops.codes import (
    CodingFate,
    create_code,
    delete_code,
    merge_codes,
    move_code,
    update_code,
)
from reiscoder.ops.codings import apply_coding, recode, remove_coding, resize_coding
from reiscoder.ops.documents import delete_document, rename_document
from reiscoder.ops.memos import MemoTarget, add_memo, set_coding_memo
from reiscoder.ops.recordings import (
    MediaFile,
    link_recording,
    relink_recording,
    remove_sync_point,
    set_sync_point,
    unlink_recording,
)
from tests.factories import add_document, code_id, dump, first_coder_id, new_project

MEDIA = MediaFile(Path("/opnames/gesprek 1.mp3"), MediaKind.AUDIO, 1234, "ab" * 32)
MOVED = MediaFile(Path("/elders/gesprek 1.mp3"), MediaKind.AUDIO, 1234, "ab" * 32)
PROJECT = Path("/projecten/p.reis")


def _coded(session: Session) -> dict[str, int]:
    """A document with two codings, a coding memo, a case and a document attribute value, a
    recording and a sync point."""
    doc = add_document(session, "Interview 1")
    coder = first_coder_id(session)
    a = apply_coding(session, doc, code_id(session, "1.1"), coder, 13, 53).created_id
    b = apply_coding(session, doc, code_id(session, "1.3"), coder, 80, 120).created_id
    add_memo(session, coder, "Mooi citaat", target=MemoTarget(coding_id=a))
    case = create_case(session, "Fatima").created_id
    wijk = create_attribute(session, "Buurt", AttributeKind.TEXT).created_id
    set_value(session, wijk, "Afrikaanderwijk", document_id=doc)
    recording = link_recording(session, PROJECT, doc, MEDIA).changes.entries[0].after["id"]
    point = set_sync_point(session, doc, 80, 12_000).changes.entries[0].after["id"]
    return {"doc": doc, "coder": coder, "a": a, "b": b, "case": case, "wijk": wijk,
            "recording": recording, "point": point,
            "other": add_document(session, "Interview 2")}  # fmt: skip


OPERATIONS: dict[str, Callable[[Session, dict[str, int]], Outcome]] = {
    "create code": lambda s, ids: create_code(s, "Nieuw", parent_id=code_id(s, "1 ")),
    "rename code": lambda s, ids: update_code(s, code_id(s, "1.1"), name="Thuis"),
    "edit definition": lambda s, ids: update_code(s, code_id(s, "1.1"), definition="Anders."),
    "move code": lambda s, ids: move_code(s, code_id(s, "1.1"), code_id(s, "3 "), 1),
    "move to top": lambda s, ids: move_code(s, code_id(s, "2.3"), None, 0),
    "merge codes": lambda s, ids: merge_codes(s, code_id(s, "1.1"), code_id(s, "1.3")),
    "merge category": lambda s, ids: merge_codes(s, code_id(s, "4 "), code_id(s, "5 ")),
    "delete code": lambda s, ids: delete_code(s, code_id(s, "1 ")),
    "delete to parent": lambda s, ids: delete_code(s, code_id(s, "1.1"), CodingFate.TO_PARENT),
    "apply coding": lambda s, ids: apply_coding(
        s, ids["doc"], code_id(s, "2.2"), ids["coder"], 0, 12
    ),
    "remove coding": lambda s, ids: remove_coding(s, ids["a"]),
    "resize coding": lambda s, ids: resize_coding(s, ids["a"], 10, 60),
    "recode": lambda s, ids: recode(s, ids["b"], code_id(s, "5.2")),
    "coding memo": lambda s, ids: set_coding_memo(s, ids["b"], ids["coder"], "Let op"),
    "project memo": lambda s, ids: add_memo(s, ids["coder"], "Eerste indruk", title="Start"),
    "delete document": lambda s, ids: delete_document(s, ids["doc"]),
    "rename document": lambda s, ids: rename_document(s, ids["doc"], "Gesprek met Fatima"),
    "delete case": lambda s, ids: delete_case(s, ids["case"]),
    "delete attribute": lambda s, ids: delete_attribute(s, ids["wijk"]),
    "clear value": lambda s, ids: set_value(s, ids["wijk"], None, document_id=ids["doc"]),
    "link speaker": lambda s, ids: link_speaker(s, 2, ids["case"]),
    "rename speaker": lambda s, ids: rename_speaker(s, 2, "Fatima B."),
    "case attribute": lambda s, ids: create_attribute(
        s, "Leeftijd", AttributeKind.NUMBER, AttributeTarget.CASE
    ),
    "link recording": lambda s, ids: link_recording(s, PROJECT, ids["other"], MEDIA),
    "unlink recording": lambda s, ids: unlink_recording(s, ids["doc"]),
    "find recording again": lambda s, ids: relink_recording(s, PROJECT, ids["recording"], MOVED),
    "pin time": lambda s, ids: set_sync_point(s, ids["doc"], 13, 4_000),
    "move pinned time": lambda s, ids: set_sync_point(s, ids["doc"], 80, 13_500),
    "remove pinned time": lambda s, ids: remove_sync_point(s, ids["point"]),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_revert_restores_exactly_and_redo_reapplies(tmp_path, name):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        ids = _coded(session)
        before = dump(session)
        outcome = OPERATIONS[name](session, ids)
        after = dump(session)
        assert after != before, "the operation changed nothing"
        assert outcome.label and outcome.topics

        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        assert dump(session) == after
