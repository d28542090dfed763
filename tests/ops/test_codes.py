"""The code tree behaves as a researcher expects: ordering, moving, merging, deleting."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reiscoder.model import Code, Coding, Memo
from reiscoder.model.errors import OperationError
from reiscoder.ops.codes import (
    CodingFate,
    create_code,
    delete_code,
    merge_codes,
    move_code,
    update_code,
)
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.read.code_tree import load_code_tree
from tests.factories import add_document, code_id, first_coder_id, new_project


def _names_under(session, parent_prefix):
    parent = code_id(session, parent_prefix)
    query = select(Code.name).where(Code.parent_id == parent).order_by(Code.position)
    return list(session.scalars(query))


def _positions_are_contiguous(session):
    for parent in session.scalars(select(Code.parent_id).distinct()):
        clause = Code.parent_id.is_(None) if parent is None else Code.parent_id == parent
        positions = sorted(session.scalars(select(Code.position).where(clause)))
        assert positions == list(range(len(positions)))


def test_move_code_between_parents_keeps_order_dense(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        move_code(session, code_id(session, "1.2"), code_id(session, "3 "), 0)
        assert _names_under(session, "1 ")[:2] == [
            "1.1 Thuis voelen, gehoord en gezien worden",
            "1.3 Iets voor elkaar betekenen (op eigen manier)",
        ]
        assert _names_under(session, "3 ")[0].startswith("1.2")
        _positions_are_contiguous(session)


def test_a_code_cannot_move_under_itself(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        child = create_code(session, "Sub", parent_id=code_id(session, "1.1")).created_id
        with pytest.raises(OperationError):
            move_code(session, code_id(session, "1 "), child)


def test_sibling_names_are_unique_but_cousins_may_share(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        create_code(session, "Overig", parent_id=code_id(session, "1 "))
        create_code(session, "Overig", parent_id=code_id(session, "2 "))
        with pytest.raises(OperationError, match="Overig"):
            create_code(session, "  Overig ", parent_id=code_id(session, "1 "))
        with pytest.raises(OperationError):
            update_code(
                session,
                code_id(session, "1.1"),
                name="1.2 Kleine ontmoetingen tussen verschillende mensen",
            )


def test_merge_moves_codings_without_duplicates_and_keeps_memos(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        doc, coder = add_document(session, "Interview"), first_coder_id(session)
        source, target = code_id(session, "1.1"), code_id(session, "1.2")
        apply_coding(session, doc, source, coder, 0, 12)
        apply_coding(session, doc, source, coder, 13, 40)
        apply_coding(session, doc, target, coder, 13, 40)
        add_memo(session, coder, "Over deze code", target=MemoTarget(code_id=source))
        merge_codes(session, source, target)
        assert session.get(Code, source) is None
        ranges = session.execute(
            select(Coding.start, Coding.end).where(Coding.code_id == target).order_by(Coding.start)
        ).all()
        assert [tuple(r) for r in ranges] == [(0, 12), (13, 40)]
        assert session.scalar(select(Memo.code_id)) == target
        _positions_are_contiguous(session)


def test_delete_with_codings_to_parent(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        doc, coder = add_document(session, "Interview"), first_coder_id(session)
        apply_coding(session, doc, code_id(session, "1.4"), coder, 0, 12)
        delete_code(session, code_id(session, "1.4"), CodingFate.TO_PARENT)
        assert session.scalar(select(Coding.code_id)) == code_id(session, "1 ")


def test_delete_category_removes_subtree_and_its_codings(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        doc, coder = add_document(session, "Interview"), first_coder_id(session)
        apply_coding(session, doc, code_id(session, "4.1"), coder, 0, 12)
        apply_coding(session, doc, code_id(session, "5.1"), coder, 0, 12)
        delete_code(session, code_id(session, "4 "))
        names = [node.name for node in load_code_tree(session).walk()]
        assert not any(name.startswith("4") for name in names)
        assert session.scalar(select(func.count()).select_from(Coding)) == 1
        _positions_are_contiguous(session)


def test_top_level_code_cannot_hand_codings_to_a_parent(tmp_path):
    project = new_project(tmp_path / "p.reis")
    with project, project.transaction() as session, pytest.raises(OperationError):
        delete_code(session, code_id(session, "1 "), CodingFate.TO_PARENT)


def test_colours_are_normalised_and_checked(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        new = create_code(session, "Kleur", color="#ABC").created_id
        assert session.get(Code, new).color == "#aabbcc"
        with pytest.raises(OperationError, match="rood"):
            update_code(session, new, color="rood")
