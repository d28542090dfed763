"""Applying a code: what is stored and recorded, and what is refused, on a project file and
on a server."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reiscoder.i18n import _
from reiscoder.model import Code, Coding
from reiscoder.model.errors import OperationError
from reiscoder.model.tables import table_of
from reiscoder.ops.codings import apply_coding
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
