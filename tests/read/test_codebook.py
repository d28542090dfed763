"""The codebook read model: tree order, counts of visible coders, search, what a delete costs."""

from __future__ import annotations

import pytest

from reiscoder.ops.coders import add_coder
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.read.codebook import (
    deletion_summary,
    load_codebook,
    node_matches,
    ranked_matches,
    search_words,
)
from tests.factories import add_document, code_id, first_coder_id, new_project


@pytest.fixture
def project(tmp_path):
    """Seed codebook; Anna codes 1.1 twice in one document and 1.3 once in another; Bram 1.1."""
    with new_project(tmp_path / "p.reis") as project:
        with project.transaction() as s:
            anna = first_coder_id(s)
            bram = add_coder(s, "Bram").created_id
            first = add_document(s, "Interview Fatima")
            second = add_document(s, "Interview Henk")
            apply_coding(s, first, code_id(s, "1.1"), anna, 13, 53)
            apply_coding(s, first, code_id(s, "1.1"), anna, 80, 120)
            apply_coding(s, second, code_id(s, "1.3"), anna, 80, 120)
            coding = apply_coding(s, second, code_id(s, "1.1"), bram, 13, 53).created_id
            add_memo(s, anna, "Let op", target=MemoTarget(coding_id=coding))
            add_memo(s, anna, "Wanneer wel?", target=MemoTarget(code_id=code_id(s, "1.3")))
        yield project, {"anna": anna, "bram": bram}


def test_the_seed_codebook_in_tree_order_with_definitions(project):
    project, _ids = project
    with project.reader() as s:
        codebook = load_codebook(s)
    assert [r.name.split()[0] for r in codebook.roots] == ["1", "2", "3", "4", "5"]
    first = codebook.roots[0]
    assert [c.name[:3] for c in first.children] == ["1.1", "1.2", "1.3", "1.4"]
    assert first.definition and first.color.startswith("#")
    assert codebook.ancestors(first.children[1].id) == [first.id]
    assert codebook.row_of(first.children[2].id) == 2
    assert len(list(codebook.walk())) == len(codebook.by_id) == 25


def test_counts_per_code_and_per_subtree(project):
    project, _ids = project
    with project.reader() as s:
        codebook = load_codebook(s)
        thuis, iets = code_id(s, "1.1"), code_id(s, "1.3")
    assert (codebook.by_id[thuis].codings, codebook.by_id[thuis].documents) == (3, 2)
    assert (codebook.by_id[iets].codings, codebook.by_id[iets].documents) == (1, 1)
    top = codebook.roots[0]
    assert (top.codings, top.total_codings) == (0, 4)


def test_hidden_coders_are_not_counted(project):
    project, ids = project
    with project.reader() as s:
        codebook = load_codebook(s, {ids["bram"]})
        thuis = codebook.by_id[code_id(s, "1.1")]
    assert (thuis.codings, thuis.documents) == (2, 1)
    assert codebook.roots[0].total_codings == 3


def test_search_ignores_case_and_accents_and_finds_definitions(project):
    project, _ids = project
    with project.transaction() as s:
        create_code(s, "Één keer per week", parent_id=code_id(s, "1 "))
        update_code(s, code_id(s, "5.3"), definition="Tegenstellingen in de café-cultuur.")
    with project.reader() as s:
        codebook = load_codebook(s)
        een, polar, ontmoet = code_id(s, "Één"), code_id(s, "5.3"), code_id(s, "1.2")
    assert ranked_matches(codebook, "één")[0] == een
    assert ranked_matches(codebook, "EEN KEER")[0] == een
    assert ranked_matches(codebook, "cafe") == [polar]
    assert ranked_matches(codebook, "ontmoetingen")[0] == ontmoet
    assert ranked_matches(codebook, "   ") == []
    assert node_matches(codebook.by_id[polar], search_words("CAFÉ cultuur"))
    assert not node_matches(codebook.by_id[polar], search_words("cafe thuis"))


def test_name_matches_rank_before_definition_matches(project):
    project, _ids = project
    with project.reader() as s:
        codebook = load_codebook(s)
        samen = code_id(s, "2.3")
    ranked = ranked_matches(codebook, "samenwerking")
    assert ranked[0] == samen
    assert len(ranked) > 1  # definitions that mention it come after


def test_deletion_summary_counts_every_coder_subcode_and_memo(project):
    project, _ids = project
    with project.reader() as s:
        top = deletion_summary(s, code_id(s, "1 "))
        leaf = deletion_summary(s, code_id(s, "1.1"))
        assert deletion_summary(s, 9999) is None
    assert (top.subcodes, top.codings, top.coders, top.memos) == (4, 4, 2, 2)
    assert top.parent_id is None and top.parent_name is None
    assert (leaf.subcodes, leaf.codings, leaf.coders, leaf.memos) == (0, 3, 2, 1)
    assert leaf.parent_name.startswith("1 Sociale samenhang")
