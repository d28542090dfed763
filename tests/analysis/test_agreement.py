"""Agreement per code and overall, checked against the `krippendorff` package and a plain
unit-by-unit recount on the same data."""

from __future__ import annotations

import contextlib
import random

import krippendorff
import numpy as np
import pytest
from sqlalchemy import select

from reiscoder.analysis.agreement import AgreementSpec, compute_agreement
from reiscoder.analysis.statistics import cohens_kappa, krippendorff_alpha, percent_agreement
from reiscoder.analysis.units import Unit
from reiscoder.model import Coding, Document, Sentence, Turn
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from tests.analysis.conftest import add_structured_document
from tests.factories import code_id, new_project

# -- the statistics on their own ---------------------------------------------------------------


def test_cohens_kappa_matches_the_worked_example():
    # Wikipedia, "Cohen's kappa", first example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    assert cohens_kappa(20, 5, 10, 15) == pytest.approx(0.4)


def test_kappa_is_undefined_when_both_coders_always_say_the_same_single_value():
    assert cohens_kappa(0, 0, 0, 10) is None
    assert krippendorff_alpha({0: 10}, 2) is None


@pytest.mark.parametrize("coders", [2, 3, 5])
@pytest.mark.parametrize("seed", range(4))
def test_alpha_from_counts_matches_the_krippendorff_package(coders, seed):
    rng = np.random.default_rng(seed)
    data = (rng.random((coders, 40)) < rng.uniform(0.2, 0.7)).astype(float)
    data[:, :5] = 1  # some agreement, so that alpha is defined
    by_yes = {k: float((data.sum(axis=0) == k).sum()) for k in range(coders + 1)}
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    assert krippendorff_alpha(by_yes, coders) == pytest.approx(expected)
    agreed = ((data.sum(axis=0) == 0) | (data.sum(axis=0) == coders)).mean() * 100
    assert percent_agreement(by_yes, coders) == pytest.approx(agreed)


def test_alpha_matches_krippendorffs_published_binary_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section A:
    # two observers, ten units, binary data; alpha = 0.095.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    by_yes: dict[int, float] = {}
    for a, b in zip(first, second, strict=True):
        by_yes[a + b] = by_yes.get(a + b, 0) + 1
    assert krippendorff_alpha(by_yes, 2) == pytest.approx(0.095, abs=0.0005)


# -- on a project ------------------------------------------------------------------------------


def _reference(session, coders, unit, all_units=False, document_ids=None):
    """Per code (and pooled): the coders' 0/1 judgements unit by unit, counted plainly."""
    documents = session.execute(select(Document.id, Document.text_length)).all()
    documents = [d for d in documents if document_ids is None or d[0] in document_ids]
    units = []
    for document_id, length in documents:
        if unit is Unit.CHARACTER:
            units += [(document_id, i, i + 1) for i in range(length)]
        elif unit is Unit.TURN:
            units += session.execute(
                select(Turn.document_id, Turn.content_start, Turn.end).where(
                    Turn.document_id == document_id
                )
            ).all()
        else:
            units += session.execute(
                select(Sentence.document_id, Sentence.start, Sentence.end).where(
                    Sentence.document_id == document_id, Sentence.lemmas != ""
                )
            ).all()
    codings = session.execute(
        select(Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end)
    ).all()
    codings = [c for c in codings if c[2] in coders]

    def marks(u, code=None):
        return [
            any(
                c[0] == u[0]
                and c[3] < u[2]
                and c[4] > u[1]
                and c[2] == coder
                and (code is None or c[1] == code)
                for c in codings
            )
            for coder in coders
        ]

    counted = [u for u in units if all_units or any(marks(u))]
    codes = sorted({c[1] for c in codings})
    per_code = {code: np.array([marks(u, code) for u in counted], dtype=float).T for code in codes}
    return per_code


def _naive_kappa(data):
    a, b = data
    return cohens_kappa(
        float(((a == 1) & (b == 1)).sum()),
        float(((a == 1) & (b == 0)).sum()),
        float(((a == 0) & (b == 1)).sum()),
        float(((a == 0) & (b == 0)).sum()),
    )


def _check(session, coders, unit, all_units=False):
    result = compute_agreement(session, AgreementSpec(tuple(coders), unit, all_units=all_units))
    reference = _reference(session, coders, unit, all_units)
    assert [row.code.id for row in result.codes] == sorted(
        reference, key=[r.code.id for r in result.codes].index
    )
    for row in result.codes:
        data = reference[row.code.id]
        assert row.stats.units == data.shape[1]
        agreed = ((data.sum(axis=0) == 0) | (data.sum(axis=0) == len(coders))).sum()
        assert row.stats.agreed == agreed
        if row.stats.alpha is None:
            assert len(np.unique(data)) == 1
        else:
            expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
            assert row.stats.alpha == pytest.approx(expected)
        if len(coders) == 2:
            assert row.stats.kappa == pytest.approx(_naive_kappa(data))
        assert row.coded == tuple(float(x) for x in data.sum(axis=1))
    pooled = np.concatenate(list(reference.values()), axis=1)
    expected = krippendorff.alpha(reliability_data=pooled, level_of_measurement="nominal")
    assert result.overall.alpha == pytest.approx(expected)
    if len(coders) == 2:
        assert result.overall.kappa == pytest.approx(_naive_kappa(pooled))
    return result


@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize("all_units", [False, True])
def test_the_small_project_matches_the_reference(coded, unit, all_units):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as session:
        _check(session, [ids["anna"], ids["bram"]], unit, all_units)


@pytest.fixture
def random_project(tmp_path):
    """Three coders who code random stretches of a few generated documents."""
    rng = random.Random(7)
    words = "de bewoner buurt werk samen huis kind straat plein markt".split()
    path = tmp_path / "random.reis"
    with new_project(path) as project, project.transaction() as s:
        coders = [coder_id_for(s, name) for name in ("A", "B", "C")]
        codes = [code_id(s, prefix) for prefix in ("1.1", "1.2", "2.1", "3.3")]
        for number in range(3):
            turns = [
                (
                    f"S{t % 2}",
                    [
                        " ".join(rng.choice(words) for _ in range(rng.randint(3, 8))).capitalize()
                        + "."
                        for _ in range(rng.randint(1, 4))
                    ],
                )
                for t in range(8)
            ]
            document = add_structured_document(s, f"Doc {number}", turns)
            text = s.scalar(select(Document.text).where(Document.id == document))
            for _ in range(25):
                start = rng.randrange(0, len(text) - 30)
                end = start + rng.randint(5, 60)
                if not text[start:end].strip():
                    continue
                with contextlib.suppress(OperationError):  # the same coding twice
                    apply_coding(s, document, rng.choice(codes), rng.choice(coders), start, end)
    return path, coders


@pytest.mark.parametrize("unit", list(Unit))
@pytest.mark.parametrize("all_units", [False, True])
def test_random_codings_of_three_coders_match_the_reference(random_project, unit, all_units):
    path, coders = random_project
    with Project.open(path, read_only=True) as project, project.reader() as session:
        _check(session, coders, unit, all_units)
        _check(session, coders[:2], unit, all_units)


def test_text_nobody_coded_does_not_count_unless_asked(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as session:
        coders = (ids["anna"], ids["bram"])
        touched = compute_agreement(session, AgreementSpec(coders, Unit.SENTENCE))
        every = compute_agreement(session, AgreementSpec(coders, Unit.SENTENCE, all_units=True))
    assert touched.units_counted == 6  # sentences that either coder coded with any code
    assert every.units_counted == 13  # every sentence (labels are not units)
    thuis = touched.for_code(ids["thuis"]).stats
    # 1.1: both on "Mijn buurvrouw", Anna alone on "Nou dat", Bram alone on "Ik ken".
    assert thuis.units == 6 and thuis.agreed == 4
    assert every.for_code(ids["thuis"]).stats.percent > thuis.percent


def test_disagreements_list_what_each_coder_gave(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as session:
        result = compute_agreement(
            session, AgreementSpec((ids["anna"], ids["bram"]), Unit.SENTENCE)
        )
        text = session.scalar(select(Document.text).where(Document.id == ids["a"]))
    first = result.disagreements[0]
    assert text[first.start : first.end] == "Mijn buurvrouw kookt op vrijdag."
    assert first.codes_of(0) == (ids["thuis"], ids["betekenen"])
    assert first.codes_of(1) == (ids["thuis"],)
    assert first.disputed == (ids["betekenen"],)
    on_thuis = result.disagreements_on(ids["thuis"])
    assert [text_of(session_text, d) for session_text, d in [(text, on_thuis[0])]] == [
        "Nou dat is fijn."
    ]
    assert len(result.disagreements) == 5


def text_of(text, disagreement):
    return text[disagreement.start : disagreement.end]


def test_character_disagreements_are_merged_into_stretches(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as session:
        result = compute_agreement(
            session, AgreementSpec((ids["anna"], ids["bram"]), Unit.CHARACTER)
        )
        text = session.scalar(select(Document.text).where(Document.id == ids["a"]))
    stretches = [text[d.start : d.end] for d in result.disagreements if d.document_id == ids["a"]]
    assert "buurvrouw kookt op vrijdag" in stretches
    assert "Nou dat is fijn." in stretches


def test_a_code_filter_and_document_filter(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as session:
        spec = AgreementSpec(
            (ids["anna"], ids["bram"]),
            Unit.SENTENCE,
            frozenset({ids["b"]}),
            frozenset({ids["belemmering"]}),
        )
        result = compute_agreement(session, spec)
    assert [row.code.id for row in result.codes] == [ids["belemmering"]]
    assert result.codes[0].stats.units == 2  # "De regels" and "Ik ken"
    assert result.codes[0].stats.percent == 100.0


def test_comparing_needs_two_different_coders(coded):
    path, ids = coded
    with (
        Project.open(path, read_only=True) as project,
        project.reader() as session,
        pytest.raises(ValueError),
    ):
        compute_agreement(session, AgreementSpec((ids["anna"],)))
