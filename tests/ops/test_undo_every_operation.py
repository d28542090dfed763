"""Every operation has an exact inverse: revert restores the project row for row, and
reverting the revert (redo) gives the changed project back.

The operations are found by introspection (every public function under ``reiscoder.ops``
that returns an ``Outcome``), so a new one cannot be left out of this test."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import reiscoder.ops
from reiscoder.model import AttributeKind, AttributeTarget, GroupKind, MediaKind, NameKind
from reiscoder.ops import revert
from reiscoder.ops.attributes import create_attribute, delete_attribute, set_choices, set_value
from reiscoder.ops.batches import (
    delete_documents,
    link_speaker_to_new_case,
    set_document_values,
)
from reiscoder.ops.bulk import remove_codings
from reiscoder.ops.cases import create_case, delete_case, link_speaker, rename_case, rename_speaker
from reiscoder.ops.changes import Outcome
from reiscoder.ops.code_moves import move_codes
from reiscoder.ops.coders import add_coder, coder_id_for
from reiscoder.ops.codes import (
    CodingFate,
    create_code,
    delete_code,
    merge_codes,
    move_code,
    update_code,
)
from reiscoder.ops.codings import apply_coding, recode, remove_coding, resize_coding
from reiscoder.ops.correct import correct_transcript
from reiscoder.ops.documents import delete_document, rename_document
from reiscoder.ops.groups import (
    add_to_group,
    create_group,
    delete_group,
    remove_from_group,
    update_group,
)
from reiscoder.ops.invivo import code_in_vivo
from reiscoder.ops.memos import MemoTarget, add_memo, delete_memo, edit_memo, set_coding_memo
from reiscoder.ops.names import (
    NewName,
    add_name,
    add_names,
    confirm_names,
    delete_names,
    reject_names,
    update_name,
)
from reiscoder.ops.networks import (
    create_network,
    delete_network,
    place_nodes,
    remove_nodes,
    rename_network,
)
from reiscoder.ops.recordings import (
    MediaFile,
    link_recording,
    relink_recording,
    remove_sync_point,
    set_sync_point,
    unlink_recording,
)
from reiscoder.ops.relations import add_relation, delete_relation, update_relation
from reiscoder.ops.resolve import accept_coder, discussion_memo, keep_both
from reiscoder.ops.transcription import (
    finish_transcription,
    save_typed_text,
    start_transcription,
)
from tests.factories import SAMPLE_TEXT, add_document, code_id, dump, first_coder_id, new_project

MEDIA = MediaFile(Path("/opnames/gesprek 1.mp3"), MediaKind.AUDIO, 1234, "ab" * 32)
MOVED = MediaFile(Path("/elders/gesprek 1.mp3"), MediaKind.AUDIO, 1234, "ab" * 32)
PROJECT = Path("/projecten/p.reis")


def _coded(session: Session) -> dict[str, int]:
    """Two documents, codings of two coders (one passage coded differently), a coding memo, a
    case, attributes, an entry of the name list, a recording and a sync point."""
    doc = add_document(session, "Interview 1")
    other = add_document(session, "Interview 2")
    coder = first_coder_id(session)
    bram = coder_id_for(session, "Bram")
    a = apply_coding(session, doc, code_id(session, "1.1"), coder, 13, 53).created_id
    b = apply_coding(session, doc, code_id(session, "1.3"), coder, 80, 120).created_id
    apply_coding(session, doc, code_id(session, "2.1"), bram, 80, 120)
    memo = add_memo(session, coder, "Mooi citaat", target=MemoTarget(coding_id=a)).created_id
    case = create_case(session, "Fatima").created_id
    wijk = create_attribute(session, "Buurt", AttributeKind.TEXT).created_id
    set_value(session, wijk, "Afrikaanderwijk", document_id=doc)
    soort = create_attribute(session, "Soort", AttributeKind.CHOICE, choices=["a", "b"]).created_id
    name = add_name(session, "Fatima", "Respondent 1").created_id
    unconfirmed = add_names(session, [NewName("Bakker")], confirmed=False).created_id
    recording = link_recording(session, PROJECT, doc, MEDIA).changes.entries[0].after["id"]
    point = set_sync_point(session, doc, 80, 12_000).changes.entries[0].after["id"]
    typing = start_transcription(session, PROJECT, "Getypt", MEDIA, coder).created_id
    save_typed_text(session, typing, "Interviewer: Hoe gaat het?\n\nFatima: Goed, dank je.\n")
    codes = [code_id(session, p) for p in ("1.1", "1.3", "1.4", "5.3")]
    etappe = create_group(session, GroupKind.DOCUMENT, "Etappe 1", [doc]).created_id
    samenhang = create_group(session, GroupKind.CODE, "Samenhang", codes[:3]).created_id
    cause = add_relation(session, codes[2], codes[3], "cause", memo="Druk polariseert").created_id
    add_relation(session, codes[0], codes[1], "associated")
    net = create_network(
        session, "Netwerk", {c: (i * 100.0, 50.0) for i, c in enumerate(codes)}
    ).created_id
    return {
        "doc": doc,
        "recording": recording,
        "point": point,
        "typing": typing,
        "other": other,
        "coder": coder,
        "bram": bram,
        "a": a,
        "b": b,
        "memo": memo,
        "case": case,
        "wijk": wijk,
        "soort": soort,
        "name": name,
        "unconfirmed": unconfirmed,
        "etappe": etappe,
        "samenhang": samenhang,
        "cause": cause,
        "net": net,
    }


def _disputed(s: Session, ids: dict[str, int]) -> dict:
    codes = [code_id(s, "1.3"), code_id(s, "2.1")]
    return dict(
        document_id=ids["doc"],
        start=80,
        end=120,
        code_ids=codes,
        coder_ids=[ids["coder"], ids["bram"]],
    )


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
    "start transcription": lambda s, ids: start_transcription(
        s, PROJECT, "Nieuw gesprek", MOVED, ids["coder"]
    ),
    "finish transcription": lambda s, ids: finish_transcription(
        s, ids["typing"], ("Interviewer", "Fatima")
    ),
    "set choices": lambda s, ids: set_choices(s, ids["soort"], ["a", "c"]),
    "delete documents": lambda s, ids: delete_documents(s, [ids["doc"], ids["other"]]),
    "speaker to new case": lambda s, ids: link_speaker_to_new_case(s, 2, "Henk"),
    "document values": lambda s, ids: set_document_values(
        s, ids["other"], {ids["wijk"]: "Katendrecht", ids["soort"]: "b"}
    ),
    "remove codings": lambda s, ids: remove_codings(s, [ids["a"], ids["b"]]),
    "rename case": lambda s, ids: rename_case(s, ids["case"], "Fatima B."),
    "move codes": lambda s, ids: move_codes(s, [code_id(s, "1.1"), code_id(s, "1.2")], None),
    "add coder": lambda s, ids: add_coder(s, "Sara"),
    "correct transcript": lambda s, ids: correct_transcript(
        s, ids["doc"], SAMPLE_TEXT.replace("twintig", "dertig"), ids["coder"]
    ),
    "code in vivo": lambda s, ids: code_in_vivo(s, ids["other"], ids["coder"], 80, 100),
    "delete memo": lambda s, ids: delete_memo(s, ids["memo"]),
    "edit memo": lambda s, ids: edit_memo(s, ids["memo"], text="Nog mooier"),
    "add names": lambda s, ids: add_names(s, [NewName("Henk"), NewName("Katendrecht")]),
    "update name": lambda s, ids: update_name(s, ids["name"], kind=NameKind.PERSON, pseudonym="R1"),
    "confirm names": lambda s, ids: confirm_names(s, [ids["unconfirmed"]]),
    "create case": lambda s, ids: create_case(s, "Henk"),
    "add name": lambda s, ids: add_name(s, "Jansen"),
    "delete names": lambda s, ids: delete_names(s, [ids["name"]]),
    "reject names": lambda s, ids: reject_names(s, ["Jansen"]),
    "accept coder": lambda s, ids: accept_coder(s, **_disputed(s, ids), accepted_id=ids["coder"]),
    "keep both": lambda s, ids: keep_both(s, **_disputed(s, ids)),
    "discussion memo": lambda s, ids: discussion_memo(s, ids["coder"], **_disputed(s, ids)),
    "create group": lambda s, ids: create_group(
        s, GroupKind.DOCUMENT, "Beide", [ids["doc"], ids["other"]]
    ),
    "rename group": lambda s, ids: update_group(s, ids["etappe"], name="Etappe één"),
    "delete group": lambda s, ids: delete_group(s, ids["samenhang"]),
    "add to group": lambda s, ids: add_to_group(s, ids["etappe"], [ids["other"]]),
    "remove from group": lambda s, ids: remove_from_group(s, ids["samenhang"], [code_id(s, "1.1")]),
    "add relation": lambda s, ids: add_relation(
        s, code_id(s, "5.3"), code_id(s, "1.1"), "spreekt tegen", memo="Juist niet"
    ),
    "edit relation": lambda s, ids: update_relation(
        s, ids["cause"], kind="Versterkt", memo="Anders", reverse=True
    ),
    "delete relation": lambda s, ids: delete_relation(s, ids["cause"]),
    "create network": lambda s, ids: create_network(s, "Tweede", {code_id(s, "2.1"): (0, 0)}),
    "rename network": lambda s, ids: rename_network(s, ids["net"], "Samenhang"),
    "delete network": lambda s, ids: delete_network(s, ids["net"]),
    "move node": lambda s, ids: place_nodes(s, ids["net"], {code_id(s, "1.1"): (12.5, -40.0)}),
    "add nodes": lambda s, ids: place_nodes(s, ids["net"], {code_id(s, "2.2"): (300.0, 0.0)}),
    "remove nodes": lambda s, ids: remove_nodes(s, ids["net"], [code_id(s, "1.3")]),
}

# Outcome-returning functions that are not operations on their own, with the reason.
NOT_HERE = {
    "joined": "combines the outcomes of other operations (reiscoder.ops.batches)",
    "merge_copy": "a bulk write of a student's copy, reverted in tests/analysis/test_assignment.py",
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


def _operations_in_ops() -> set[str]:
    found = set()
    for info in pkgutil.iter_modules(reiscoder.ops.__path__):
        module = importlib.import_module(f"reiscoder.ops.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            returns = function.__annotations__.get("return")
            if function.__module__ == module.__name__ and returns in ("Outcome", Outcome):
                found.add(name)
    return found


def _called_here() -> set[str]:
    return {name for operation in OPERATIONS.values() for name in operation.__code__.co_names}


def test_every_operation_is_reverted_here():
    operations = _operations_in_ops()
    assert len(operations) > 30
    assert operations - _called_here() - set(NOT_HERE) == set()


def test_operations_live_under_ops():
    """No module outside ``ops`` (and the GUI, which only wraps them) defines one."""
    source = inspect.getfile(reiscoder.ops).rsplit("/ops/", 1)[0]
    outside = []
    for path in sorted(__import__("pathlib").Path(source).rglob("*.py")):
        parts = path.relative_to(source).parts
        if parts[0] in ("ops", "ui"):
            continue
        if "-> Outcome" in path.read_text(encoding="utf-8"):
            outside.append("/".join(parts))
    assert outside == []
