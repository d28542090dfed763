"""Teacher and students: prepare, lock, code, merge back, compare with the reference."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reiscoder.analysis.units import Unit
from reiscoder.model import Code, Coder, Coding, Document, Memo
from reiscoder.model.backups import backup_folder
from reiscoder.model.errors import OperationError, ProjectError
from reiscoder.model.project import Project
from reiscoder.ops import revert
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.teaching.assignment import (
    MergeReport,
    check_copy,
    merge_copies,
    merge_copy,
    prepare_assignment,
    read_copy,
)
from reiscoder.teaching.students import student_agreements
from tests.analysis.conftest import sentence_range
from tests.factories import dump


def _prepare(path, ids, target, **options):
    with Project.open(path) as project:
        return prepare_assignment(project, target, [ids["a"]], name="Opdracht 1", **options)


def _student_codes(target, name, sentences):
    """A student opens their copy and codes sentences of the one document with 1.1."""
    with Project.open(target) as project, project.transaction() as s:
        me = coder_id_for(s, name)
        document = s.scalar(select(Document.id))
        code = s.scalar(select(Code.id).where(Code.name.startswith("1.1")))
        for words in sentences:
            start, end = sentence_range(s, document, words)
            coding = apply_coding(s, document, code, me, start, end).created_id
        add_memo(s, me, "Twijfel", target=MemoTarget(coding_id=coding))


def test_the_copy_has_the_chosen_documents_no_codings_and_a_locked_codebook(coded, tmp_path):
    path, ids = coded
    target = tmp_path / "opdracht.reis"
    prepared = _prepare(path, ids, target)
    assert prepared.documents == 1
    with Project.open(target) as copy, copy.transaction() as s:
        assert s.scalars(select(Document.name)).all() == ["Gesprek Fatima"]
        assert s.scalar(select(func.count()).select_from(Coding)) == 0
        assert s.scalars(select(Coder.name)).all() == []  # nobody's name is reused by accident
        with pytest.raises(OperationError, match="vergrendeld"):
            create_code(s, "Eigen code")
        with pytest.raises(OperationError):
            update_code(s, s.scalar(select(Code.id)), name="Anders")
    assert copy.name == "Opdracht 1"
    with Project.open(path, read_only=True) as project:
        assert project.meta(f"assignment:{prepared.uuid}") is not None
    with pytest.raises(ProjectError):
        _prepare(path, ids, target)


def test_the_copy_can_keep_the_reference_codings(coded, tmp_path):
    path, ids = coded
    target = tmp_path / "met.reis"
    _prepare(path, ids, target, keep_codings=True)
    with Project.open(target, read_only=True) as copy, copy.reader() as s:
        assert s.scalar(select(func.count()).select_from(Coding)) == 6


def test_merging_keeps_coders_apart_and_twice_adds_nothing(coded, tmp_path):
    path, ids = coded
    first, second = tmp_path / "sara.reis", tmp_path / "tom.reis"
    _prepare(path, ids, first)
    _prepare(path, ids, second)
    _student_codes(first, "Sara", ["Mijn buurvrouw", "Nou dat"])
    _student_codes(second, "Anna", ["Dat ging"])  # a student with the teacher's name
    with Project.open(path) as project:
        backup, reports = merge_copies(project, [first, second])
        assert backup.parent == backup_folder(path) and backup.exists()
        assert [r.coders for r in reports] == [["Sara"], ["Anna (tom)"]]
        assert [r.codings for r in reports] == [2, 1]
        assert reports[0].memos == 1 and reports[0].warnings == []
        _backup, again = merge_copies(project, [first])
        assert again[0].codings == 0 and again[0].skipped == 2
        with project.reader() as s:
            names = s.scalars(select(Coder.name).order_by(Coder.name)).all()
            assert names == ["Anna", "Anna (tom)", "Bram", "Sara"]
            sara = s.scalar(select(Coder.id).where(Coder.name == "Sara"))
            assert (
                s.scalar(select(func.count()).select_from(Coding).where(Coding.coder_id == sara))
                == 2
            )
            assert s.scalar(select(func.count()).select_from(Memo)) == 2  # one from each
            results = student_agreements(s, ids["anna"], unit=Unit.SENTENCE)
    by_name = {r.name: r for r in results}
    assert set(by_name) == {"Sara", "Anna (tom)"}
    assert by_name["Sara"].document_ids == frozenset({ids["a"]})
    sara_thuis = by_name["Sara"].result.for_code(ids["thuis"]).stats
    assert sara_thuis.percent == 100.0  # Sara coded 1.1 exactly where Anna did
    assert by_name["Anna (tom)"].result.for_code(ids["thuis"]).stats.percent < 100


def test_merging_is_one_undoable_change(coded, tmp_path):
    path, ids = coded
    target = tmp_path / "sara.reis"
    _prepare(path, ids, target)
    _student_codes(target, "Sara", ["Mijn buurvrouw"])
    contents = read_copy(target)
    with Project.open(path) as project, project.transaction() as s:
        before = dump(s)
        report = MergeReport(target)
        check_copy(s, contents, report)
        outcome = merge_copy(s, contents, report)
        after = dump(s)
        assert after != before and outcome.label
        redo = revert(s, outcome.changes)
        assert dump(s) == before
        revert(s, redo)
        assert dump(s) == after


def test_a_copy_whose_text_was_changed_is_merged_through_a_diff(coded, tmp_path):
    path, ids = coded
    target = tmp_path / "sara.reis"
    _prepare(path, ids, target)
    _student_codes(target, "Sara", ["Mijn buurvrouw"])
    with Project.open(target) as copy, copy.transaction() as s:
        document = s.scalar(select(Document))
        document.text = document.text.replace("Hoe", "Hoi")
    with Project.open(path) as project:
        _backup, reports = merge_copies(project, [target])
        with project.reader() as s:
            sara = s.scalar(select(Coder.id).where(Coder.name == "Sara"))
            quotes = s.scalars(select(Coding.quote).where(Coding.coder_id == sara)).all()
    assert reports[0].codings == 1 and reports[0].left_out == []
    assert quotes == ["Mijn buurvrouw kookt op vrijdag."]


def test_a_project_that_is_no_assignment_gets_a_warning(coded, tmp_path):
    path, ids = coded
    other = tmp_path / "ander.reis"
    import shutil

    shutil.copy(path, other)
    with Project.open(path) as project:
        _backup, reports = merge_copies(project, [other])
    assert reports[0].codings == 0 and reports[0].skipped == 9
    assert reports[0].warnings
