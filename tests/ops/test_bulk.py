"""Coding many ranges at once: one change set, skipped duplicates, exact undo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reiscoder.model import Coding, Memo
from reiscoder.model.errors import OperationError
from reiscoder.ops import revert
from reiscoder.ops.bulk import apply_codings, remove_codings
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import set_coding_memo
from tests.factories import SAMPLE_TEXT, add_document, code_id, dump, first_coder_id, new_project


def _range(document_id: int, words: str) -> tuple[int, int, int]:
    start = SAMPLE_TEXT.index(words)
    return document_id, start, start + len(words)


@pytest.fixture
def project(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        yield project


def test_codes_every_range_with_its_quote(project):
    with project.transaction() as session:
        first, second = add_document(session, "A"), add_document(session, "B")
        ranges = [_range(first, "Al twintig jaar."), _range(second, "Dat ging dicht.")]
        outcome = apply_codings(session, code_id(session, "1.2"), first_coder_id(session), ranges)
        quotes = session.scalars(select(Coding.quote).order_by(Coding.document_id)).all()
    assert quotes == ["Al twintig jaar.", "Dat ging dicht."]
    assert (outcome.applied, outcome.skipped, outcome.invalid) == (2, 0, 0)
    assert (
        outcome.label
        == "2 fragmenten coderen met „1.2 Kleine ontmoetingen tussen verschillende mensen”"
    )


def test_ranges_that_already_have_the_code_are_skipped_and_counted(project):
    with project.transaction() as session:
        doc = add_document(session, "A")
        code, coder = code_id(session, "1.2"), first_coder_id(session)
        taken = _range(doc, "Al twintig jaar.")
        apply_coding(session, doc, code, coder, *taken[1:])
        ranges = [taken, _range(doc, "Dat ging dicht."), _range(doc, "Dat ging dicht.")]
        outcome = apply_codings(session, code, coder, ranges)
        again = apply_codings(session, code, coder, ranges)
        count = session.scalar(select(func.count()).select_from(Coding))
    assert (outcome.applied, outcome.skipped) == (1, 1)
    assert (again.applied, again.skipped, again.changes.entries) == (0, 2, [])
    assert count == 2


def test_another_coders_coding_does_not_count_as_done(project):
    with project.transaction() as session:
        doc = add_document(session, "A")
        code, me = code_id(session, "1.2"), first_coder_id(session)
        other = coder_id_for(session, "Bram Jansen")
        apply_coding(session, doc, code, other, *_range(doc, "Al twintig jaar.")[1:])
        outcome = apply_codings(session, code, me, [_range(doc, "Al twintig jaar.")])
    assert (outcome.applied, outcome.skipped) == (1, 0)


def test_ranges_that_cannot_be_coded_are_counted_not_fatal(project):
    with project.transaction() as session:
        doc = add_document(session, "A")
        blank = SAMPLE_TEXT.index("\n\n")
        ranges = [(doc, blank, blank + 2), (doc, 0, 10_000), (doc + 99, 0, 5), (doc, 0, 11)]
        outcome = apply_codings(session, code_id(session, "1.2"), first_coder_id(session), ranges)
    assert (outcome.applied, outcome.invalid) == (1, 3)


def test_unknown_code_is_refused(project):
    with project.transaction() as session, pytest.raises(OperationError):
        apply_codings(session, 9999, first_coder_id(session), [])


def test_revert_undoes_the_whole_batch_and_redo_reapplies_it(project):
    with project.transaction() as session:
        doc = add_document(session, "A")
        ranges = [_range(doc, w) for w in ("Al twintig jaar.", "Echt waar!", "Dat ging dicht.")]
        before = dump(session)
        outcome = apply_codings(session, code_id(session, "1.2"), first_coder_id(session), ranges)
        after = dump(session)
        assert after != before and outcome.label and outcome.topics
        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        assert dump(session) == after


def test_remove_codings_removes_them_with_their_memos_as_one_change(project):
    with project.transaction() as session:
        doc = add_document(session, "A")
        code, coder = code_id(session, "1.2"), first_coder_id(session)
        ranges = [_range(doc, w) for w in ("Al twintig jaar.", "Echt waar!", "Dat ging dicht.")]
        apply_codings(session, code, coder, ranges)
        ids = session.scalars(select(Coding.id).order_by(Coding.id)).all()
        set_coding_memo(session, ids[0], coder, "Let op")
        before = dump(session)
        outcome = remove_codings(session, [ids[0], ids[1], ids[1]])
        after = dump(session)
        assert session.scalars(select(Coding.id)).all() == [ids[2]]
        assert session.scalar(select(func.count()).select_from(Memo)) == 0
        assert outcome.label == "2 coderingen weghalen"
        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        assert dump(session) == after
        single = remove_codings(session, [ids[2]])
        assert single.label.startswith("Codering")


def test_remove_codings_that_are_all_gone_is_refused(project):
    with project.transaction() as session, pytest.raises(OperationError):
        remove_codings(session, [12345])
