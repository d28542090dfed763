"""Moving several codes at once keeps their order, lands before the chosen sibling, and undoes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reiscoder.model import Code
from reiscoder.model.errors import OperationError
from reiscoder.ops import revert
from reiscoder.ops.code_moves import move_codes
from tests.factories import code_id, dump, new_project


@pytest.fixture
def session(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as s:
        yield s


def _under(session, prefix: str) -> list[str]:
    parent = code_id(session, prefix)
    rows = session.scalars(
        select(Code.name).where(Code.parent_id == parent).order_by(Code.position)
    )
    return [name[:3] for name in rows]


def test_codes_land_in_order_before_the_anchor_and_undo_restores(session):
    before = dump(session)
    ids = [code_id(session, "3.1"), code_id(session, "1.2")]
    outcome = move_codes(session, ids, code_id(session, "1 "), code_id(session, "1.4"))
    assert _under(session, "1 ") == ["1.1", "1.3", "3.1", "1.2", "1.4"]
    assert _under(session, "3 ") == ["3.2", "3.3", "3.4", "3.5"]
    assert outcome.label
    after = dump(session)
    redo = revert(session, outcome.changes)
    assert dump(session) == before
    revert(session, redo)
    assert dump(session) == after


def test_without_anchor_codes_go_to_the_end_and_one_code_keeps_its_label(session):
    outcome = move_codes(session, [code_id(session, "1.1")], code_id(session, "1 "))
    assert _under(session, "1 ") == ["1.2", "1.3", "1.4", "1.1"]
    assert "1.1" in outcome.label


def test_moving_into_a_subcode_of_itself_is_refused(session):
    with pytest.raises(OperationError):
        move_codes(session, [code_id(session, "1 ")], code_id(session, "1.2"))
