"""Merging codes keeps every memo, also that of a coding the target code already had, and an
undo gives the project back row for row; many codings merge as one step."""

from __future__ import annotations

from sqlalchemy import func, select

from reiscoder.model import Code, Coding, Memo
from reiscoder.ops.bulk import apply_codings
from reiscoder.ops.codes import merge_codes
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.gateway import Gateway
from reiscoder.ops.memos import set_coding_memo
from tests.factories import add_document, code_id, dump, first_coder_id, new_project


def _coding(session, code, start, end) -> int:
    query = select(Coding.id).where(Coding.code_id == code, Coding.start == start)
    return session.scalar(query.where(Coding.end == end))


def test_memo_of_a_duplicate_coding_is_appended_and_undo_restores_it(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        gateway = Gateway(project)
        with project.transaction() as session:
            doc, coder = add_document(session, "Interview"), first_coder_id(session)
            source, target = code_id(session, "1.1"), code_id(session, "1.2")
            for code in (source, target):
                apply_coding(session, doc, code, coder, 13, 40)
                apply_coding(session, doc, code, coder, 50, 60)
            apply_coding(session, doc, source, coder, 0, 12)
            set_coding_memo(session, _coding(session, source, 13, 40), coder, "Burenhulp!")
            set_coding_memo(session, _coding(session, target, 13, 40), coder, "Eerste memo.")
            set_coding_memo(session, _coding(session, source, 50, 60), coder, "Alleen hier.")
            kept, lone = _coding(session, target, 13, 40), _coding(session, target, 50, 60)
            before = dump(session)
        gateway.execute(lambda s: merge_codes(s, source, target))
        with project.reader() as session:
            memos = dict(session.execute(select(Memo.coding_id, Memo.text)).tuples().all())
            assert memos == {kept: "Eerste memo.\n\nBurenhulp!", lone: "Alleen hier."}
            assert session.get(Code, source) is None
            ranges = session.execute(
                select(Coding.start, Coding.end).where(Coding.code_id == target)
            ).all()
            assert sorted(tuple(r) for r in ranges) == [(0, 12), (13, 40), (50, 60)]
        gateway.undo()
        with project.reader() as session:
            assert dump(session) == before


def test_many_codings_merge_as_one_step_and_undo_exactly(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        gateway = Gateway(project)
        with project.transaction() as session:
            doc = add_document(session, "Lang", "R: " + "ja " * 400)
            coder = first_coder_id(session)
            source, target = code_id(session, "1.1"), code_id(session, "1.2")
            ranges = [(doc, start, start + 2) for start in range(3, 1203, 3)]
            apply_codings(session, source, coder, ranges)
            apply_codings(session, target, coder, ranges[::2])
            count = session.scalar(select(func.count()).select_from(Coding))
            before = dump(session)
        gateway.execute(lambda s: merge_codes(s, source, target))
        with project.reader() as session:
            on_target = select(func.count()).select_from(Coding).where(Coding.code_id == target)
            assert session.scalar(on_target) == len(ranges)
            assert session.scalar(select(func.count()).select_from(Coding)) < count
        gateway.undo()
        with project.reader() as session:
            assert dump(session) == before
        gateway.redo()
        with project.reader() as session:
            assert session.scalar(on_target) == len(ranges)
