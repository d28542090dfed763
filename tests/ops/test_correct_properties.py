"""Random texts, random codings, random corrections on a real project file: every coding
outside the edited stretch keeps exactly its text, no coding is lost without being listed,
the structure stays sound, and reverting gives the project back row for row."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reiscoder.checks.check import quote_mismatches
from reiscoder.model import Code, Coding, Document, DocumentEdit
from reiscoder.ops import revert
from reiscoder.ops.correct import MERGED, correct_transcript
from reiscoder.ops.remap import Fit
from tests.factories import dump, first_coder_id, new_project
from tests.ops.test_correct import segmented

PIECES = st.sampled_from(
    ["ja", " ", "buurt", "\n\n", "Fatima: ", "Interviewer: ", ".", "é", "😊", "wij", "\n", ","]
)
INSERTS = st.lists(PIECES, max_size=6).map("".join)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    with new_project(tmp_path_factory.mktemp("correct") / "p.reis") as project:
        document = segmented(project)
        with project.reader() as session:
            codes = session.scalars(select(Code.id).order_by(Code.id).limit(3)).all()
            length = session.get(Document, document).text_length
        yield project, document, codes, length


@st.composite
def cases(draw, length: int):
    a = draw(st.integers(0, length))
    b = draw(st.integers(a, min(length, a + 40)))
    ranges = draw(
        st.lists(
            st.tuples(st.integers(0, length - 1), st.integers(1, 60), st.integers(0, 2)),
            min_size=1,
            max_size=10,
        )
    )
    return a, b, draw(INSERTS), ranges


def _outside(start: int, end: int, a: int, b: int) -> bool:
    return end <= a or start >= b if a < b else end <= a or start >= a


def _sound_structure(session: Session) -> None:
    assert quote_mismatches(session) == []
    overlapping = session.execute(
        text(
            'SELECT COUNT(*) FROM turns a JOIN turns b ON a.id < b.id AND a.start < b."end"'
            ' AND b.start < a."end"'
        )
    ).scalar()
    outside = session.execute(
        text(
            "SELECT COUNT(*) FROM sentences s JOIN turns t ON t.id = s.turn_id"
            ' WHERE s.start < t.start OR s."end" > t."end"'
        )
    ).scalar()
    assert (overlapping, outside) == (0, 0)


@settings(deadline=None, max_examples=30, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_corrections(corpus, data):
    project, document, codes, length = corpus
    a, b, insert, ranges = data.draw(cases(length))
    session = Session(project.engine)
    try:
        coder = first_coder_id(session)
        old = session.get(Document, document).text
        new = old[:a] + insert + old[b:]
        wanted = {(start, min(length, start + size), which) for start, size, which in ranges}
        for start, end, which in wanted:
            session.add(
                Coding(
                    document_id=document,
                    code_id=codes[which],
                    coder_id=coder,
                    start=start,
                    end=end,
                    quote=old[start:end],
                )
            )
        session.flush()
        before_codings = {c.id: (c.start, c.end) for c in session.scalars(select(Coding))}
        if new == old or not new.strip():
            return
        before = dump(session)
        outcome = correct_transcript(session, document, new, coder)
        listed = json.loads(session.get(DocumentEdit, outcome.created_id).unplaced)
        listed_ids = {item["coding_id"]: item["fit"] for item in listed}
        now = {c.id: c for c in session.scalars(select(Coding))}
        for coding_id, (start, end) in before_codings.items():
            if coding_id not in now:
                assert listed_ids.get(coding_id) == MERGED, "a coding was lost without a report"
                continue
            coding = now[coding_id]
            if _outside(start, end, a, b):
                assert new[coding.start : coding.end] == old[start:end]
            elif new[coding.start : coding.end] != old[start:end]:
                assert listed_ids.get(coding_id) in (Fit.CHANGED, Fit.DELETED)
        _sound_structure(session)
        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
        _sound_structure(session)
    finally:
        session.rollback()
        session.close()
