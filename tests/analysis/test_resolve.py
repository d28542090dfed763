"""Resolving disagreements: what each action does, and that each is undone exactly."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.analysis.agreement import AgreementSpec, compute_agreement
from reiscoder.analysis.units import Unit
from reiscoder.model import Coding, Memo
from reiscoder.model.project import Project
from reiscoder.ops import revert
from reiscoder.ops.changes import Outcome
from reiscoder.ops.resolve import accept_coder, discussion_memo, keep_both
from tests.analysis.conftest import sentence_range
from tests.factories import dump


def _given(session, document, start, end, code):
    return sorted(
        session.execute(
            select(Coding.coder_id, Coding.start, Coding.end).where(
                Coding.document_id == document,
                Coding.code_id == code,
                Coding.start < end,
                Coding.end > start,
            )
        ).all()
    )


def _first_disagreement(session, ids):
    result = compute_agreement(session, AgreementSpec((ids["anna"], ids["bram"]), Unit.SENTENCE))
    return result.disagreements[0]


def test_accepting_a_coder_makes_the_other_follow(coded):
    path, ids = coded
    with Project.open(path) as project, project.transaction() as s:
        d = _first_disagreement(s, ids)  # "Mijn buurvrouw ...": Anna gave 1.3 there too
        coders = [ids["anna"], ids["bram"]]
        accept_coder(s, d.document_id, d.start, d.end, d.disputed, coders, ids["anna"])
        given = _given(s, d.document_id, d.start, d.end, ids["betekenen"])
        assert {coder for coder, _s, _e in given} == {ids["anna"], ids["bram"]}
        accept_coder(s, d.document_id, d.start, d.end, d.disputed, coders, ids["anna"])
        assert len(_given(s, d.document_id, d.start, d.end, ids["betekenen"])) == 2


def test_accepting_the_coder_who_left_it_out_removes_the_other_coding(coded):
    path, ids = coded
    with Project.open(path) as project, project.transaction() as s:
        start, end = sentence_range(s, ids["a"], "Nou dat")
        outcome = accept_coder(
            s, ids["a"], start, end, [ids["thuis"]], [ids["anna"], ids["bram"]], ids["bram"]
        )
        assert _given(s, ids["a"], start, end, ids["thuis"]) == []
        assert "Bram" in outcome.label


def test_keep_both_gives_every_coder_both_codes(coded):
    path, ids = coded
    with Project.open(path) as project, project.transaction() as s:
        start, end = sentence_range(s, ids["b"], "Ik ken")
        keep_both(s, ids["b"], start, end, [ids["thuis"]], [ids["anna"], ids["bram"]])
        assert [c for c, _s, _e in _given(s, ids["b"], start, end, ids["thuis"])] == sorted(
            [ids["anna"], ids["bram"]]
        )
        again = keep_both(s, ids["b"], start, end, [ids["thuis"]], [ids["anna"], ids["bram"]])
        assert again.changes.entries == []


def test_a_discussion_memo_quotes_the_passage_and_each_coder(coded):
    path, ids = coded
    with Project.open(path) as project, project.transaction() as s:
        d = _first_disagreement(s, ids)
        outcome = discussion_memo(
            s,
            ids["anna"],
            d.document_id,
            d.start,
            d.end,
            d.disputed,
            [ids["anna"], ids["bram"]],
            "Bespreken op dinsdag",
        )
        memo = s.get(Memo, outcome.created_id)
        assert memo.document_id == d.document_id
        assert "Mijn buurvrouw kookt op vrijdag." in memo.text
        assert "Anna: 1 Sociale samenhang › 1.3" in memo.text
        assert "Bram: (geen van deze codes)" in memo.text
        assert memo.text.endswith("Bespreken op dinsdag")
        assert memo.title.startswith("Te bespreken: 1.3")


def _disputed(s: Session, ids: dict) -> tuple:
    d = _first_disagreement(s, ids)
    return d.document_id, d.start, d.end, d.disputed, [ids["anna"], ids["bram"]]


OPERATIONS: dict[str, Callable[[Session, dict], Outcome]] = {
    "accept": lambda s, ids: accept_coder(s, *_disputed(s, ids), ids["anna"]),
    "accept removal": lambda s, ids: accept_coder(s, *_disputed(s, ids), ids["bram"]),
    "keep both": lambda s, ids: keep_both(s, *_disputed(s, ids)),
    "discuss": lambda s, ids: discussion_memo(s, ids["anna"], *_disputed(s, ids)),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_revert_restores_exactly_and_redo_reapplies(coded, name):
    path, ids = coded
    with Project.open(path) as project, project.transaction() as session:
        before = dump(session)
        outcome = OPERATIONS[name](session, ids)
        after = dump(session)
        assert after != before, "the operation changed nothing"
        assert outcome.label and outcome.topics
        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        assert dump(session) == after
