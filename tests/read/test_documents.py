"""The documents table: attribute values, roles, counts, progress; filters; speakers."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select, update

from reiscoder.model import Attribute, Document, SegmentationState, Sentence, Speaker
from reiscoder.ops.attributes import set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.changes import revert
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.read import progress
from reiscoder.read.documents import (
    deletion_loss,
    document_counts,
    filter_rows,
    load_cases,
    load_document_table,
    load_speakers,
    role_attribute,
    row_matches,
    segmenting_documents,
)
from reiscoder.read.progress import CodingWrite, ProgressCache, coded_units
from tests.factories import SAMPLE_TEXT, add_document, code_id, first_coder_id, new_project


def _attribute(session, name):
    return session.scalar(select(Attribute.id).where(Attribute.name == name))


def _sentences(session, document_id, text):
    """One sentence per line of ``text`` (enough for counting)."""
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            session.add(Sentence(document_id=document_id, start=offset, end=offset + len(line)))
        offset += len(line) + 1
    session.flush()


@pytest.fixture
def project(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        with project.transaction() as s:
            coder = first_coder_id(s)
            other = coder_id_for(s, "Bram Jansen")
            fatima = add_document(s, "Interview Fatima")
            henk = add_document(s, "Interview Henk")
            _sentences(s, fatima, SAMPLE_TEXT)
            apply_coding(s, fatima, code_id(s, "1.1"), coder, 13, 53)
            apply_coding(s, fatima, code_id(s, "1.3"), other, 80, 120)
            set_value(s, _attribute(s, "Etappe"), "1 Sociale samenhang", document_id=fatima)
            set_value(s, _attribute(s, "Wijk"), "Afrikaanderwijk", document_id=fatima)
            set_value(s, _attribute(s, "Datum"), "12-03-2026", document_id=fatima)
            set_value(s, _attribute(s, "Wijk"), "Feijenoord", document_id=henk)
            case = create_case(s, "Fatima").created_id
            set_value(s, _attribute(s, "Rol"), "bewoner", case_id=case)
            speaker = s.scalar(
                select(Speaker.id).where(Speaker.document_id == fatima, Speaker.label == "Fatima")
            )
            link_speaker(s, speaker, case)
            add_memo(s, coder, "Let op", target=MemoTarget(document_id=fatima))
        yield project, {"fatima": fatima, "henk": henk, "other": other, "case": case}


def test_rows_show_attributes_roles_words_codings_and_progress(project):
    project, ids = project
    with project.reader() as session:
        table = load_document_table(session)
    assert [a.name for a in table.attributes] == ["Etappe", "Wijk", "Datum", "Interviewer"]
    assert table.attributes[0].choices[0] == "1 Sociale samenhang"
    assert table.role_attribute.name == "Rol"
    fatima, henk = table.rows
    assert (fatima.id, fatima.name, henk.name) == (
        ids["fatima"],
        "Interview Fatima",
        "Interview Henk",
    )
    by_name = {a.name: a.id for a in table.attributes}
    assert fatima.values[by_name["Wijk"]] == "Afrikaanderwijk"
    assert fatima.values[by_name["Datum"]] == "2026-03-12"
    assert fatima.roles == ("bewoner",)
    assert henk.roles == ()
    assert fatima.words == len(SAMPLE_TEXT.split())
    assert fatima.codings == 2
    assert henk.codings == 0
    assert not fatima.segmenting
    # 4 sentences (one per non-empty line); the codings touch the first two
    assert (fatima.units, fatima.coded_units) == (4, 2)
    assert fatima.progress == 0.5
    # no sentences yet: turns count
    assert (henk.units, henk.coded_units, henk.progress) == (4, 0, 0.0)


def test_hidden_coders_do_not_count(project):
    project, ids = project
    with project.reader() as session:
        fatima = load_document_table(session, hidden_coder_ids={ids["other"]}).rows[0]
    assert (fatima.codings, fatima.coded_units) == (1, 1)


def test_a_segmenting_document_counts_turns_and_the_cache_notices_when_it_is_ready(project):
    project, ids = project
    with project.transaction() as session:
        session.execute(
            update(Document)
            .where(Document.id == ids["henk"])
            .values(segmentation=SegmentationState.SEGMENTING)
        )
    cache = ProgressCache()
    with project.reader() as session:
        henk = load_document_table(session, cache=cache).rows[1]
        assert segmenting_documents(session) == [ids["henk"]]
    assert henk.segmenting and henk.units == 4
    with project.transaction() as session:
        text = SAMPLE_TEXT.replace(". ", ".\n")
        _sentences(session, ids["henk"], text)
        session.execute(
            update(Document)
            .where(Document.id == ids["henk"])
            .values(segmentation=SegmentationState.READY)
        )
    with project.reader() as session:
        henk = load_document_table(session, cache=cache).rows[1]
    assert not henk.segmenting
    assert henk.units == len([line for line in text.split("\n") if line.strip()])


def test_coded_units_counts_each_unit_touched_by_any_coding():
    units = [(0, 10), (10, 20), (20, 30), (30, 40)]
    assert coded_units(units, []) == 0
    assert coded_units(units, [(5, 6)]) == 1
    assert coded_units(units, [(9, 11)]) == 2
    assert coded_units(units, [(0, 40)]) == 4
    assert coded_units(units, [(12, 13), (1, 2), (35, 36), (14, 15)]) == 3
    assert coded_units(units, [(10, 10 + 1), (0, 5), (3, 8)]) == 2
    assert coded_units(units, [(40, 50)]) == 0


def test_filter_on_words_and_attribute_values_ignoring_accents(project):
    project, _ids = project
    with project.reader() as session:
        table = load_document_table(session)
    wijk = next(a.id for a in table.attributes if a.name == "Wijk")
    fatima = table.rows[0]
    assert row_matches(fatima, "afrikaander fatima")
    assert row_matches(fatima, "BEWONER")
    assert not row_matches(fatima, "feijenoord")
    assert [r.name for r in filter_rows(table.rows, "interview")] == [
        "Interview Fatima",
        "Interview Henk",
    ]
    assert [r.name for r in filter_rows(table.rows, values={wijk: "Feijenoord"})] == [
        "Interview Henk"
    ]
    assert filter_rows(table.rows, "fatima", {wijk: "Feijenoord"}) == []


def test_deletion_loss_counts_codings_coders_and_memos(project):
    project, ids = project
    with project.reader() as session:
        loss = deletion_loss(session, [ids["fatima"], ids["henk"]])
    assert (loss.documents, loss.codings, loss.coders, loss.memos) == (2, 2, 2, 1)


def test_speakers_in_order_of_appearance_with_case_and_role(project):
    project, ids = project
    with project.reader() as session:
        speakers = load_speakers(session, ids["fatima"])
        assert load_cases(session) == [(ids["case"], "Fatima")]
        assert role_attribute(session).choices[0] == "bewoner"
    assert [(s.label, s.turns, s.case_name, s.role) for s in speakers] == [
        ("Interviewer", 2, "", ""),
        ("Fatima", 2, "Fatima", "bewoner"),
    ]


def test_lazy_loading_leaves_progress_unknown_until_the_cache_has_the_units(project):
    project, ids = project
    cache = ProgressCache()
    with project.reader() as session:
        lazy = load_document_table(session, cache=cache, lazy=True).rows[0]
        assert (lazy.units, lazy.progress, lazy.codings) == (None, None, 2)
        full = load_document_table(session, cache=cache).rows[0]
        assert (full.units, full.coded_units) == (4, 2)
        again = load_document_table(session, cache=cache, lazy=True).rows[0]
        assert again.progress == 0.5


def test_counting_codings_per_unit_agrees_with_coded_units():
    rng = random.Random(5)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, 200), rng.randint(1, 12)))
        units = [(a, b) for a, b in zip([0, *cuts], [*cuts, 200], strict=True)]
        codings = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randrange(0, 210)
            codings.append((start, start + rng.randint(1, 40)))
        covered = progress._coverage(units, codings)
        assert progress._touched(covered) == coded_units(units, codings)


def _writes(changes, added=True):
    """What a panel knows of the codings a change wrote (its row images)."""
    return [
        CodingWrite(i["document_id"], i["coder_id"], i["start"], i["end"], added)
        for entry in changes.entries
        for i in [entry.after if added else entry.before]
        if entry.table == "codings" and i is not None
    ]


def test_the_progress_follows_written_codings_without_reading_them_as_a_fresh_read_gives_it(
    project, monkeypatch
):
    project, ids = project
    fatima, other = ids["fatima"], ids["other"]
    cache = ProgressCache()
    with project.reader() as session:
        load_document_table(session, cache=cache)
    with project.transaction() as session:
        coder, code = first_coder_id(session), code_id(session, "2.1")
        first = apply_coding(session, fatima, code, coder, 150, 160)
        second = apply_coding(session, fatima, code, other, 160, 170)
        written = _writes(first.changes) + _writes(second.changes)
    reads = []
    real = progress._coding_ranges
    monkeypatch.setattr(
        progress, "_coding_ranges", lambda s, ids, *a: reads.append(ids) or real(s, ids, *a)
    )

    def counts(cache, written=(), hidden=()):
        with project.reader() as session:
            return document_counts(session, [fatima], hidden, cache, written=written)

    fresh = counts(ProgressCache())
    assert counts(cache, written) == fresh
    assert reads[1:] == [[]]  # the cache followed the writes: no codings read
    assert fresh[fatima] != (2, 4, 2)  # the new codings count
    # taking one out again (undo), and a coder hidden
    with project.transaction() as session:
        undone = revert(session, second.changes)
    assert counts(cache, _writes(undone, added=False)) == counts(ProgressCache())
    assert reads[-2] == []
    with project.transaction() as session:
        third = apply_coding(session, fatima, code, other, 0, 5)
    # the coder of the new coding is hidden: it counts for nothing
    hidden = counts(ProgressCache(), hidden=[other])
    assert counts(cache, _writes(third.changes), hidden=[other]) == hidden
    assert hidden[fatima][0] == 2


def test_writes_that_do_not_account_for_the_change_make_the_codings_be_read(project):
    project, ids = project
    fatima = ids["fatima"]
    cache = ProgressCache()
    with project.reader() as session:
        load_document_table(session, cache=cache)
    with project.transaction() as session:
        coder = first_coder_id(session)
        outcome = apply_coding(session, fatima, code_id(session, "2.1"), coder, 150, 160)
        apply_coding(session, fatima, code_id(session, "2.2"), coder, 0, 5)  # not announced
    with project.reader() as session:
        followed = document_counts(session, [fatima], (), cache, written=_writes(outcome.changes))
        fresh = document_counts(session, [fatima], (), ProgressCache())
    assert followed == fresh
