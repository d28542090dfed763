"""The name list: adding, editing, confirming, rejecting and removing names, all undoable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from reiscoder.model import NameKind
from reiscoder.model.errors import OperationError
from reiscoder.ops import revert
from reiscoder.ops.changes import Outcome, Topic
from reiscoder.ops.names import (
    NewName,
    add_name,
    add_names,
    confirm_names,
    default_pseudonym,
    delete_names,
    reject_names,
    update_name,
)
from reiscoder.privacy.names import applied_count, load_names, load_pseudonymiser
from tests.factories import dump, new_project


def _listed(session: Session) -> dict[str, int]:
    """Two names, one unconfirmed, and one rejected suggestion."""
    fatima = add_name(session, "Fatima", "Respondent 1").created_id
    wijk = add_names(
        session, [NewName("Afrikaanderwijk", "", NameKind.PLACE)], confirmed=False
    ).created_id
    reject_names(session, ["Echt"])
    return {"fatima": fatima, "wijk": wijk}


OPERATIONS: dict[str, Callable[[Session, dict[str, int]], Outcome]] = {
    "add name": lambda s, ids: add_name(s, "Jansen", "Persoon 4"),
    "add several": lambda s, ids: add_names(
        s, [NewName("Jansen"), NewName("Katendrecht", kind=NameKind.PLACE)]
    ),
    "take back a rejected one": lambda s, ids: add_name(s, "Echt", "Iets"),
    "edit pseudonym": lambda s, ids: update_name(s, ids["fatima"], pseudonym="Respondent 7"),
    "edit original": lambda s, ids: update_name(s, ids["fatima"], original="Fatima B."),
    "edit kind": lambda s, ids: update_name(s, ids["wijk"], kind=NameKind.OTHER),
    "confirm": lambda s, ids: confirm_names(s, [ids["wijk"]]),
    "reject": lambda s, ids: reject_names(s, ["Nou", "Fatima"]),
    "delete": lambda s, ids: delete_names(s, [ids["fatima"], ids["wijk"]]),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_revert_restores_exactly_and_redo_reapplies(tmp_path, name):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        ids = _listed(session)
        before = dump(session)
        outcome = OPERATIONS[name](session, ids)
        after = dump(session)
        assert after != before, "the operation changed nothing"
        assert outcome.label and outcome.topics == {Topic.PSEUDONYMS}
        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        assert dump(session) == after


def test_the_list_and_what_it_applies(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        _listed(session)
        entries = {e.original: e for e in load_names(session)}
        assert entries["Afrikaanderwijk"].pseudonym  # a default was given
        assert not entries["Afrikaanderwijk"].confirmed
        assert entries["Echt"].rejected
        assert applied_count(session) == 2
        pseudonymiser = load_pseudonymiser(session)
        assert pseudonymiser.apply("Echt, Fatima woont in de Afrikaanderwijk") == (
            f"Echt, Respondent 1 woont in de {entries['Afrikaanderwijk'].pseudonym}"
        )
        # editing a name confirms it
        update_name(session, entries["Afrikaanderwijk"].id, pseudonym="[wijk A]")
        assert next(e for e in load_names(session) if e.pseudonym == "[wijk A]").confirmed


def test_defaults_count_up_and_skip_what_is_taken(english):
    assert default_pseudonym(NameKind.PERSON, set(), respondent=True) == "Respondent 1"
    assert default_pseudonym(NameKind.PERSON, {"person 1"}) == "Person 2"
    assert default_pseudonym(NameKind.PLACE, {"[place a]", "[place b]"}) == "[place C]"
    taken = {f"[organisation {letter.casefold()}]" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    assert default_pseudonym(NameKind.ORGANISATION, taken) == "[organisation AA]"
    assert default_pseudonym(NameKind.OTHER, set()) == "[name 1]"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: add_name(s, "fatima"), "already"),
        (lambda s: add_name(s, "F"), "two letters"),
        (lambda s: add_name(s, "Karim", "Fatima B."), "Fatima"),  # would stay readable
        (lambda s: add_name(s, "Karim", "Karimpje"), "Karim"),
        (lambda s: update_name(s, 1, pseudonym="  "), "pseudonym"),
        (lambda s: update_name(s, 1, original="Afrikaanderwijk"), "already"),
        (lambda s: update_name(s, 99, pseudonym="X"), "no longer"),
    ],
)
def test_mistakes_are_refused_with_a_reason(tmp_path, english, call, message):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        _listed(session)
        before = dump(session)
        with pytest.raises(OperationError) as refused:
            call(session)
        assert message in refused.value.message
        assert dump(session) == before
