"""All memos in one list: what each belongs to, and searching without minding accents."""

from __future__ import annotations

import pytest

from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.read.memos import MemoKind, filter_memos, fold, load_memos, memo_matches
from tests.factories import add_document, code_id, first_coder_id, new_project


@pytest.fixture
def memos(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        with project.transaction() as s:
            coder = first_coder_id(s)
            doc = add_document(s, "Interview Fatima")
            code = code_id(s, "1.3")
            coding = apply_coding(s, doc, code, coder, 13, 53).created_id
            add_memo(s, coder, "Eerste indruk van de reis.\nTweede regel.", title="Busreis")
            add_memo(s, coder, "\n  Het café op de hoek", target=MemoTarget(document_id=doc))
            add_memo(s, coder, "Wanneer wel, wanneer niet?", target=MemoTarget(code_id=code))
            add_memo(s, coder, "Mooi citaat", target=MemoTarget(coding_id=coding))
        yield project, {"doc": doc, "code": code, "coding": coding}


def test_every_kind_of_memo_is_listed_with_what_it_belongs_to(memos):
    project, ids = memos
    with project.reader() as session:
        rows = {row.kind: row for row in load_memos(session)}
    assert set(rows) == set(MemoKind)
    assert rows[MemoKind.PROJECT].title == "Busreis"
    assert rows[MemoKind.PROJECT].first_line == "Eerste indruk van de reis."
    assert rows[MemoKind.PROJECT].coder_name == "Anna de Vries"
    document = rows[MemoKind.DOCUMENT]
    assert (document.document_id, document.document_name) == (ids["doc"], "Interview Fatima")
    assert document.first_line == "Het café op de hoek"
    code = rows[MemoKind.CODE]
    assert (
        code.code_path == "1 Sociale samenhang › 1.3 Iets voor elkaar betekenen (op eigen manier)"
    )
    coding = rows[MemoKind.CODING]
    assert (coding.coding_id, coding.document_id, coding.code_id) == (
        ids["coding"],
        ids["doc"],
        ids["code"],
    )
    assert (coding.start, coding.end, coding.document_name) == (13, 53, "Interview Fatima")
    assert coding.quote.startswith("Hoe lang woont u")


def test_most_recently_changed_first(memos):
    project, _ids = memos
    with project.reader() as session:
        rows = load_memos(session)
    assert [r.modified for r in rows] == sorted((r.modified for r in rows), reverse=True)


def test_search_ignores_case_and_accents_in_title_text_and_owner(memos):
    project, _ids = memos
    with project.reader() as session:
        rows = load_memos(session)

    def found(query: str) -> set[MemoKind]:
        return {row.kind for row in rows if memo_matches(row, query)}

    assert found("CAFE") == {MemoKind.DOCUMENT}
    assert found("café hoek") == {MemoKind.DOCUMENT}
    assert found("busreis") == {MemoKind.PROJECT}
    assert found("fatima") == {MemoKind.DOCUMENT, MemoKind.CODING}
    assert found("elkaar betekenen") == {MemoKind.CODE, MemoKind.CODING}
    assert found("") == set(MemoKind)
    assert found("nergens") == set()


def test_filter_by_kind_and_text(memos):
    project, _ids = memos
    with project.reader() as session:
        rows = load_memos(session)
    kinds = frozenset({MemoKind.CODE, MemoKind.CODING})
    assert {r.kind for r in filter_memos(rows, kinds=kinds)} == kinds
    assert [r.kind for r in filter_memos(rows, "citaat", kinds)] == [MemoKind.CODING]


def test_fold():
    assert fold("Één Ĳsje, Café!") == "een ijsje, cafe!"
