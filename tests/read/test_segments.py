"""The coded segments of chosen codes: where they are, who coded them, and filtering."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from reiscoder.model import Attribute, Coding, Speaker, Turn
from reiscoder.ops.attributes import set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import set_coding_memo
from reiscoder.read.segments import (
    NO_VALUE,
    SegmentFilter,
    document_count,
    filter_segments,
    format_timestamp,
    load_segments,
)
from tests.factories import SAMPLE_TEXT, add_document, code_id, first_coder_id, new_project


def _span(words: str) -> tuple[int, int]:
    start = SAMPLE_TEXT.index(words)
    return start, start + len(words)


def _attribute(session: Session, name: str) -> int:
    """An attribute of the seed template (Etappe, Wijk, Datum, Interviewer; Rol of a case)."""
    return session.scalar(select(Attribute.id).where(Attribute.name == name))


@pytest.fixture
def coded(tmp_path):
    """Two documents (etappe 1 and 2), Fatima a case with role bewoner, two coders."""
    with new_project(tmp_path / "p.reis") as project:
        with project.transaction() as s:
            first, second = add_document(s, "Interview Fatima"), add_document(s, "Bus")
            anna, bram = first_coder_id(s), coder_id_for(s, "Bram Jansen")
            etappe, role = _attribute(s, "Etappe"), _attribute(s, "Rol")
            set_value(s, etappe, "1 Sociale samenhang", document_id=first)
            set_value(s, etappe, "2 Sociale innovatie", document_id=second)
            fatima = create_case(s, "Fatima").created_id
            set_value(s, role, "bewoner", case_id=fatima)
            speaker = s.scalar(
                select(Speaker.id).where(Speaker.document_id == first, Speaker.label == "Fatima")
            )
            link_speaker(s, speaker, fatima)
            s.execute(update(Turn).where(Turn.document_id == first).values(timestamp_ms=754_000))
            ids = {
                "first": first,
                "second": second,
                "anna": anna,
                "bram": bram,
                "etappe": etappe,
                "role": role,
            }
            c11, c12, c1 = code_id(s, "1.1"), code_id(s, "1.2"), code_id(s, "1 ")
            ids["a"] = apply_coding(s, first, c11, anna, *_span("Al twintig jaar.")).created_id
            ids["b"] = apply_coding(s, second, c11, bram, *_span("Dat ging dicht.")).created_id
            ids["c"] = apply_coding(s, first, c12, anna, *_span("Hoe lang woont u")).created_id
            ids["d"] = apply_coding(s, second, c1, anna, *_span("En het buurthuis?")).created_id
            set_coding_memo(s, ids["a"], anna, "Lang geleden")
            ids.update(c11=c11, c12=c12, c1=c1)
        yield project, ids


def test_lists_segments_of_a_code_with_document_speaker_coder_and_memo(coded):
    project, ids = coded
    with project.reader() as session:
        rows = load_segments(session, [ids["c11"]]).rows
    assert [r.coding_id for r in rows] == [ids["a"], ids["b"]]
    first = rows[0]
    assert (first.document_name, first.speaker, first.coder_name) == (
        "Interview Fatima",
        "Fatima",
        "Anna de Vries",
    )
    assert (first.quote, first.memo, first.timestamp_ms, first.turn_number) == (
        "Al twintig jaar.",
        "Lang geleden",
        754_000,
        2,
    )
    assert first.code_name.startswith("1.1") and first.color.startswith("#")
    assert (rows[1].speaker, rows[1].coder_name, rows[1].memo) == ("Fatima", "Bram Jansen", "")
    assert rows[1].turn_number == 4 and rows[1].timestamp_ms is None


def test_subcodes_are_included_only_when_asked(coded):
    project, ids = coded
    with project.reader() as session:
        alone = load_segments(session, [ids["c1"]]).rows
        with_sub = load_segments(session, [ids["c1"]], include_subcodes=True).rows
        nothing = load_segments(session, []).rows
    assert [r.coding_id for r in alone] == [ids["d"]]
    assert {r.coding_id for r in with_sub} == {ids["a"], ids["b"], ids["c"], ids["d"]}
    assert nothing == []


def test_filter_by_coder_and_hidden_coders(coded):
    project, ids = coded
    with project.reader() as session:
        segments = load_segments(session, [ids["c1"]], include_subcodes=True)
    assert segments.coders() == [(ids["anna"], "Anna de Vries"), (ids["bram"], "Bram Jansen")]
    assert segments.coders(hidden={ids["bram"]}) == [(ids["anna"], "Anna de Vries")]
    only_bram = filter_segments(segments, SegmentFilter(coder_ids=frozenset({ids["bram"]})))
    assert [r.coding_id for r in only_bram] == [ids["b"]]
    hidden = filter_segments(segments, SegmentFilter(hidden_coder_ids=frozenset({ids["anna"]})))
    assert [r.coding_id for r in hidden] == [ids["b"]]


def test_filter_by_document_and_case_attributes(coded):
    project, ids = coded
    with project.reader() as session:
        segments = load_segments(session, [ids["c1"]], include_subcodes=True)
    etappe, role = (a for a in segments.attributes if a.name in ("Etappe", "Rol"))
    assert (etappe.name, etappe.target, role.name, role.target) == (
        "Etappe",
        "document",
        "Rol",
        "case",
    )
    assert segments.options(etappe) == ["1 Sociale samenhang", "2 Sociale innovatie"]
    assert segments.options(role) == ["bewoner", NO_VALUE]

    def shown(**values: set[str]) -> set[int]:
        chosen = {ids[name]: frozenset(v) for name, v in values.items()}
        return {
            r.coding_id for r in filter_segments(segments, SegmentFilter(attribute_values=chosen))
        }

    assert shown(etappe={"2 Sociale innovatie"}) == {ids["b"], ids["d"]}
    # Only the first document links Fatima to her case; the interviewer has none.
    assert shown(role={"bewoner"}) == {ids["a"]}
    assert shown(role={NO_VALUE}) == {ids["b"], ids["c"], ids["d"]}
    assert shown(etappe={"1 Sociale samenhang"}, role={"bewoner", NO_VALUE}) == {ids["a"], ids["c"]}
    assert document_count(filter_segments(segments, SegmentFilter())) == 2


def test_timestamps_read_as_hours_minutes_seconds():
    assert format_timestamp(754_000) == "00:12:34"
    assert format_timestamp(3_723_999) == "01:02:03"


def test_twenty_thousand_codings_load_quickly(tmp_path):
    body = "\n\n".join(f"Spreker {i % 3}: " + "Een zin over de buurt. " * 12 for i in range(500))
    with new_project(tmp_path / "big.reis") as project:
        with project.transaction() as s:
            coder, code = first_coder_id(s), code_id(s, "1.1")
            rows = []
            for d in range(10):
                doc = add_document(s, f"Document {d}", body)
                rows += [
                    {
                        "document_id": doc,
                        "code_id": code,
                        "coder_id": coder,
                        "start": k * 60,
                        "end": k * 60 + 30,
                        "quote": body[k * 60 : k * 60 + 30],
                    }
                    for k in range(2000)
                ]
            s.execute(insert(Coding), rows)
        with project.reader() as s:
            started = time.perf_counter()
            segments = load_segments(s, [code])
            elapsed = time.perf_counter() - started
    assert len(segments.rows) == 20_000
    assert all(r.speaker and r.turn_number for r in segments.rows[:50])
    assert elapsed < 2.0, elapsed  # about 0.2 s here; generous for slow CI machines
