"""Frequencies, matrices and co-occurrence on real project files."""

from __future__ import annotations

import contextlib
import random
from itertools import combinations

import pytest
from sqlalchemy import select

from reiscoder.analysis.common import Scope
from reiscoder.analysis.cooccurrence import (
    CooccurrenceSpec,
    Proximity,
    cooccurrence,
    cooccurrence_hits,
)
from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.analysis.matrices import (
    NO_CASE,
    ColumnKind,
    MatrixSpec,
    Measure,
    cell_segments,
    code_matrix,
)
from reiscoder.model import Attribute, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.codings import apply_coding
from tests.factories import code_id


def test_frequencies_per_code_subtree_and_coder(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        table = code_frequencies(s)
        thuis = table.row(ids["thuis"])
        assert (thuis.own.codings, thuis.own.documents) == (4, 2)
        assert thuis.own_by_coder[ids["anna"]].codings == 2
        assert thuis.own_by_coder[ids["bram"]].codings == 2
        # "Mijn buurvrouw kookt op vrijdag." (both coders: once), "Nou dat is fijn.", "Ik ken
        # de bewoners.": each word once, however many coders coded it
        assert thuis.own.words == 5 + 4 + 4
        assert thuis.own_by_coder[ids["anna"]].words == 5 + 4
        category = table.row(code_id(s, "1 "))
        assert category.own.codings == 0
        assert category.subtree.codings == 7 and category.subtree.documents == 2
        assert table.coders == {ids["anna"]: "Anna", ids["bram"]: "Bram"}
        assert table.total.codings == 9
        only_bram = code_frequencies(s, Scope(coder_ids=frozenset({ids["bram"]})))
        assert only_bram.total.codings == 4


def test_matrix_by_document_with_percentages_and_segments(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        spec = MatrixSpec(ColumnKind.DOCUMENT)
        matrix = code_matrix(s, spec)
        assert [c.label for c in matrix.columns] == ["Gesprek Fatima", "Gesprek Marco"]
        row = [r.id for r in matrix.rows].index(ids["thuis"])
        assert matrix.cells[row] == [3, 1]
        assert matrix.row_percent(row, 0) == 75.0
        assert matrix.column_totals == [6, 3]
        assert matrix.column_percent(row, 1) == pytest.approx(100 / 3)
        segments = cell_segments(s, spec, ids["thuis"], ids["a"])
        assert [seg.quote for seg in segments] == [
            "Mijn buurvrouw kookt op vrijdag.",
            "Mijn buurvrouw kookt op vrijdag.",
            "Nou dat is fijn.",
        ]
        rolled = code_matrix(s, MatrixSpec(ColumnKind.DOCUMENT, roll_up=True))
        top = [r.id for r in rolled.rows].index(code_id(s, "1 "))
        assert rolled.cells[top] == [6, 1]
        documents = code_matrix(s, MatrixSpec(ColumnKind.DOCUMENT, measure=Measure.DOCUMENTS))
        assert documents.cells[row] == [1, 1]


def test_matrix_by_case_and_by_role(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        by_case = code_matrix(s, MatrixSpec(ColumnKind.CASE))
        assert [c.label for c in by_case.columns] == ["Fatima", "Marco"]
        row = [r.id for r in by_case.rows].index(ids["thuis"])
        assert by_case.cells[row] == [3, 1]
        role = s.scalar(select(Attribute.id).where(Attribute.name == "Rol"))
        spec = MatrixSpec(ColumnKind.CASE_ATTRIBUTE, role)
        by_role = code_matrix(s, spec)
        labels = [c.label for c in by_role.columns]
        assert labels[:2] == ["bewoner", "sociaal werker"]  # the choices, in their order
        row = [r.id for r in by_role.rows].index(ids["belemmering"])
        assert by_role.cells[row][:2] == [0, 2] and sum(by_role.cells[row]) == 2
        assert len(cell_segments(s, spec, ids["belemmering"], "sociaal werker")) == 2


def test_matrix_by_document_attribute_lists_no_value(coded):
    path, ids = coded
    with Project.open(path) as project, project.transaction() as s:
        etappe = create_attribute(s, "Fase").created_id
        set_value(s, etappe, "1", document_id=ids["a"])
        spec = MatrixSpec(ColumnKind.DOCUMENT_ATTRIBUTE, etappe)
        matrix = code_matrix(s, spec)
        assert [c.label for c in matrix.columns] == ["1", "(geen waarde)"]
        assert matrix.columns[1].key == ""
        row = [r.id for r in matrix.rows].index(ids["thuis"])
        assert matrix.cells[row] == [3, 1]
        assert len(cell_segments(s, spec, ids["thuis"], "")) == 1
        # a coding in the interviewer's turn has no case
        apply_coding(s, ids["a"], ids["thuis"], ids["anna"], 13, 20)
        by_case = code_matrix(s, MatrixSpec(ColumnKind.CASE))
        assert by_case.columns[-1].key == NO_CASE


def _random_codings(path, ids, seed=3, count=60):
    rng = random.Random(seed)
    with Project.open(path) as project, project.transaction() as s:
        codes = [code_id(s, p) for p in ("1.1", "1.2", "2.1", "3.3", "4.1")]
        for document in (ids["a"], ids["b"]):
            text = s.scalar(select(Document.text).where(Document.id == document))
            for _ in range(count):
                start = rng.randrange(0, len(text) - 10)
                end = min(len(text), start + rng.randint(3, 50))
                if text[start:end].strip():
                    with contextlib.suppress(OperationError):  # the same coding twice
                        apply_coding(
                            s,
                            document,
                            rng.choice(codes),
                            rng.choice([ids["anna"], ids["bram"]]),
                            start,
                            end,
                        )


@pytest.mark.parametrize("same_coder", [True, False])
def test_overlap_counts_match_a_pairwise_count(coded, same_coder):
    path, ids = coded
    _random_codings(path, ids)
    with Project.open(path, read_only=True) as project, project.reader() as s:
        result = cooccurrence(s, CooccurrenceSpec(Proximity.OVERLAP, same_coder=same_coder))
        rows = s.execute(
            select(
                Coding.id,
                Coding.document_id,
                Coding.code_id,
                Coding.coder_id,
                Coding.start,
                Coding.end,
            )
        ).all()
        expected: dict[tuple[int, int], int] = {}
        for a, b in combinations(rows, 2):
            if (
                a[1] == b[1]
                and a[2] != b[2]
                and a[4] < b[5]
                and b[4] < a[5]
                and (not same_coder or a[3] == b[3])
            ):
                key = tuple(sorted((a[2], b[2])))
                expected[key] = expected.get(key, 0) + 1
        index = {c.id: i for i, c in enumerate(result.codes)}
        found = {
            (x, y): result.counts[index[x]][index[y]]
            for x in index
            for y in index
            if x < y and result.counts[index[x]][index[y]]
        }
        assert found == expected
        (x, y), n = next(iter(expected.items()))
        hits = cooccurrence_hits(s, result.spec, x, y)
        assert len(hits) == n
        assert all(h.start < h.end for h in hits)
        i, j = index[x], index[y]
        involved = {c for h in hits for c in h.coding_ids}
        share = len(involved) / (result.counts[i][i] + result.counts[j][j])
        assert result.coefficient(i, j) == pytest.approx(share)


def test_same_sentence_counts_sentences_where_both_codes_occur(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        spec = CooccurrenceSpec(Proximity.SENTENCE)
        result = cooccurrence(s, spec)
        index = {c.id: i for i, c in enumerate(result.codes)}
        i, j = index[ids["thuis"]], index[ids["betekenen"]]
        # only Anna gave 1.1 and 1.3 in one sentence ("Mijn buurvrouw ...")
        assert result.counts[i][j] == 1
        assert result.counts[i][i] == 3  # sentences with 1.1
        assert result.coefficient(i, j) == pytest.approx(1 / (3 + 3 - 1))
        hits = cooccurrence_hits(s, spec, ids["thuis"], ids["betekenen"])
        assert len(hits) == 1 and hits[0].document_id == ids["a"]
        by_turn = cooccurrence(s, CooccurrenceSpec(Proximity.TURN))
        assert by_turn.counts[i][j] == 1
