"""In-vivo coding: the code is named after the selected words and undone in one step."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reiscoder.model import Code, Coding
from reiscoder.model.errors import OperationError
from reiscoder.ops import revert
from reiscoder.ops.invivo import MAX_NAME, code_in_vivo, invivo_name
from tests.factories import SAMPLE_TEXT, add_document, code_id, dump, first_coder_id, new_project


@pytest.mark.parametrize(
    ("selected", "name"),
    [
        ("  Al twintig jaar.  ", "Al twintig jaar"),
        ("„echt thuis”,", "echt thuis"),
        ("de kerk\nen de\tvoedselbank", "de kerk en de voedselbank"),
        ("Één café…", "Één café"),
        ("...", ""),
    ],
)
def test_names_are_the_selected_words_without_surrounding_punctuation(selected, name):
    assert invivo_name(selected) == name


def test_long_selections_are_cut_at_a_word_with_an_ellipsis():
    words = "Mijn buurvrouw kookt op vrijdag een pan extra voor meneer Jansen op drie hoog hier"
    name = invivo_name(words)
    assert len(name) <= MAX_NAME
    assert name.endswith("…")
    assert words.startswith(name[:-1])
    assert words[len(name) - 1] == " "  # cut between words
    assert invivo_name("x" * 100) == "x" * (MAX_NAME - 1) + "…"


@pytest.fixture
def session(tmp_path):
    with new_project(tmp_path / "p.reis") as project, project.transaction() as s:
        add_document(s, "Interview Fatima")
        yield s


def _span(words: str) -> tuple[int, int]:
    start = SAMPLE_TEXT.index(words)
    return start, start + len(words)


def test_creates_the_code_under_the_parent_and_codes_the_words(session):
    start, end = _span("een pan extra")
    parent = code_id(session, "1.3")
    before = dump(session)
    outcome = code_in_vivo(session, 1, first_coder_id(session), start, end, parent)
    code = session.get(Code, outcome.created_id)
    assert (code.name, code.parent_id) == ("een pan extra", parent)
    coding = session.scalar(select(Coding).where(Coding.code_id == code.id))
    assert (coding.start, coding.end, coding.quote) == (start, end, "een pan extra")
    assert "een pan extra" in outcome.label
    after = dump(session)
    redo = revert(session, outcome.changes)
    assert dump(session) == before
    revert(session, redo)
    assert dump(session) == after


def test_the_same_words_again_reuse_the_in_vivo_code(session):
    coder = first_coder_id(session)
    start, end = _span("Al twintig jaar")
    first = code_in_vivo(session, 1, coder, start, end).created_id
    other = add_document(session, "Interview Henk")
    second = code_in_vivo(session, other, coder, start, end)
    assert second.created_id == first
    assert [c.name for c in session.scalars(select(Code).where(Code.name.like("Al tw%")))] == [
        "Al twintig jaar"
    ]
    assert len(second.changes.entries) == 1  # only the coding


def test_nothing_to_name_is_refused(session):
    start = SAMPLE_TEXT.index("…")
    with pytest.raises(OperationError):
        code_in_vivo(session, 1, first_coder_id(session), start, start + 1)
    with pytest.raises(OperationError):
        code_in_vivo(session, 99, first_coder_id(session), 0, 5)
