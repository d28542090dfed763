"""Applying a code: what is stored and recorded, what is refused, and what the panels read
of it afterwards (its code's path and counts), on a project file and on a server."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reiscoder.i18n import _
from reiscoder.model import Code, Coding
from reiscoder.model.errors import OperationError
from reiscoder.model.tables import table_of
from reiscoder.ops.codes import create_code
from reiscoder.ops.codings import apply_coding
from reiscoder.read.code_tree import code_counts, load_code_tree
from reiscoder.read.codes import code_paths, code_paths_of
from reiscoder.read.transcript import load_codings
from tests.factories import SAMPLE_TEXT, add_document, code_id, first_coder_id, new_project


def test_the_new_coding_is_stored_as_its_change_records_it(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        document = add_document(session, "Interview")
        code, coder = code_id(session, "1.1"), first_coder_id(session)
        outcome = apply_coding(session, document, code, coder, 13, 53)
        name = session.get(Code, code).name
        assert outcome.label == _("Code with “{name}”").format(name=name)
        [entry] = outcome.changes.entries
        assert (entry.table, entry.before) == ("codings", None)
        codings = table_of(Coding)
        stored = session.execute(select(codings).where(codings.c.id == outcome.created_id))
        assert entry.after == dict(stored.mappings().one())
        assert entry.after["quote"] == SAMPLE_TEXT[13:53]
        assert (entry.after["code_id"], entry.after["coder_id"]) == (code, coder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(document=-1), "This document no longer exists."),
        (dict(start=50, end=40), "Select a stretch of text inside the document to code."),
        (dict(end=10**6), "Select a stretch of text inside the document to code."),
        (dict(start=-1), "Select a stretch of text inside the document to code."),
        (dict(start=55, end=57), "Select some text, not only white space."),
        (dict(code=-1), "This code or coder no longer exists."),
        (dict(coder=-1), "This code or coder no longer exists."),
        (dict(), "This passage already has the code “{name}”."),
    ],
)
def test_what_cannot_be_coded_is_refused_in_words(tmp_path, change, message):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        values = dict(
            document=add_document(session, "Interview"),
            code=code_id(session, "1.1"),
            coder=first_coder_id(session),
            start=13,
            end=53,
        )
        apply_coding(session, *values.values())
        before = session.scalars(select(Coding.id)).all()
        with pytest.raises(OperationError) as refused:
            apply_coding(session, *{**values, **change}.values())
        name = session.get(Code, values["code"]).name
        assert refused.value.message == _(message).format(name=name)
        assert session.scalars(select(Coding.id)).all() == before


def test_after_a_coding_its_path_and_counts_are_read_as_a_full_read_gives_them(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        first, second = add_document(session, "Een"), add_document(session, "Twee")
        coder = first_coder_id(session)
        below = create_code(session, "Dieper", parent_id=code_id(session, "1.1")).created_id
        assert below is not None
        other = code_id(session, "2.1")
        for document in (first, second):
            apply_coding(session, document, below, coder, 13, 53)
        apply_coding(session, first, below, coder, 80, 120)
        apply_coding(session, first, other, coder, 80, 120)
        assert code_paths_of(session, [below, other]) == {
            code: path for code, path in code_paths(session).items() if code in (below, other)
        }
        assert code_paths_of(session, []) == {}
        assert code_counts(session, [below, other]) == {below: (3, 2), other: (1, 1)}
        assert code_counts(session, [below], [coder]) == {below: (0, 0)}
        assert code_counts(session, []) == {}
        tree = load_code_tree(session, counts=True)
        assert (tree.by_id[below].codings, tree.by_id[below].documents) == (3, 2)
        some = load_codings(session, first, [c.id for c in load_codings(session, first)][:2])
        assert [c.code_path for c in some] == [c.code_path for c in load_codings(session, first)][
            :2
        ]
