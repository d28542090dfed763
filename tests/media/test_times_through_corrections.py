"""Times travel with the turns through corrections: random corrections of a timed transcript
keep every sync point on its words where they were not touched, keep the turns' times, never
make time run backwards, and revert exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reiscoder.ingest.segmentation import segment_pending
from reiscoder.ingest.store import store_transcript
from reiscoder.model import Document, SegmentationState, SyncPoint, Turn
from reiscoder.ops import revert
from reiscoder.ops.correct import correct_transcript
from reiscoder.ops.recordings import set_sync_point
from reiscoder.parsing import parse_text
from reiscoder.read.timing import document_timing
from tests.factories import dump, first_coder_id, new_project

TRANSCRIPT = (
    "[00:00:01] Interviewer: Goedemorgen, welkom in de bus.\n\n"
    "[00:00:04] Fatima: Dank je. Ik woon al twintig jaar in de wijk.\n\n"
    "[00:00:11] Interviewer: Wat maakt dat u zich hier thuis voelt?\n\n"
    "Fatima: Mijn buurvrouw kookt op vrijdag een pan extra. Dat is thuis.\n\n"
    "[00:00:27] Interviewer: En het buurthuis?\n"
)
WORDS = ("twintig", "buurvrouw", "vrijdag", "thuis.")
PIECES = st.sampled_from(
    ["ja", " ", "buurt", "\n\n", "Fatima: ", "[00:00:30] ", ".", "é", "wij", "\n", "[00:00:02] "]
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    with new_project(tmp_path_factory.mktemp("times") / "p.reis") as project:
        with project.transaction() as session:
            document = store_transcript(session, parse_text(TRANSCRIPT), name="Gesprek")
            text = session.get(Document, document).text
            for number, word in enumerate(WORDS):
                set_sync_point(session, document, text.index(word), 6_000 + number * 5_000)
        segment_pending(project)
        with project.reader() as session:
            length = session.get(Document, document).text_length
        yield project, document, length


def _times_in_text_order(session: Session, document: int) -> list[int]:
    timing = document_timing(session, document)
    length = session.get(Document, document).text_length
    return [timing.time_at(position) for position in range(0, length + 1, 3)]


@settings(deadline=None, max_examples=40, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_corrections_keep_times(corpus, data):
    project, document, length = corpus
    a = data.draw(st.integers(0, length))
    b = data.draw(st.integers(a, min(length, a + 30)))
    insert = "".join(data.draw(st.lists(PIECES, max_size=5)))
    session = Session(project.engine)
    try:
        old = session.get(Document, document).text
        new = old[:a] + insert + old[b:]
        if new == old or not new.strip():
            return
        points = {p.id: (p.position, p.time_ms) for p in session.scalars(select(SyncPoint))}
        words = {pid: old[pos : pos + 6] for pid, (pos, _t) in points.items()}
        stamps = {t.id: t.timestamp_ms for t in session.scalars(select(Turn))}
        before = dump(session)
        outcome = correct_transcript(session, document, new, first_coder_id(session))
        after = {p.id: (p.position, p.time_ms) for p in session.scalars(select(SyncPoint))}
        for point_id, (position, time_ms) in points.items():
            if point_id not in after:
                continue  # two points met: the first one stayed
            assert after[point_id][1] == time_ms
            if position + 6 <= a or position >= b:  # its words were not touched
                start = after[point_id][0]
                assert new[start : start + 6] == words[point_id]
        for turn in session.scalars(select(Turn)):
            if turn.id in stamps and stamps[turn.id] is not None and turn.timestamp_ms:
                assert turn.timestamp_ms // 1000 == stamps[turn.id] // 1000 or (
                    a <= turn.content_start and turn.start <= b  # its label was edited
                )
        times = _times_in_text_order(session, document)
        assert times == sorted(times), "time ran backwards after a correction"
        redo = revert(session, outcome.changes)
        assert dump(session) == before
        revert(session, redo)
    finally:
        session.rollback()
        session.close()


def test_a_correction_elsewhere_keeps_the_milliseconds_of_a_subtitle_turn(tmp_path):
    vtt = tmp_path / "gesprek.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:01.250 --> 00:00:03.000\n<v Fatima>Ik woon hier al lang.\n\n"
        "00:00:03.400 --> 00:00:05.000\n<v Henk>Ik ook, bij de haven.\n",
        encoding="utf-8",
    )
    from reiscoder.parsing import read_transcript

    with new_project(tmp_path / "p.reis") as project:
        with project.transaction() as session:
            document = store_transcript(session, read_transcript(vtt), name="Gesprek")
            session.execute(
                update(Document)
                .where(Document.id == document)
                .values(segmentation=SegmentationState.SEGMENTING)
            )
        segment_pending(project)
        with project.transaction() as session:
            text = session.get(Document, document).text
            new = text.replace("Fatima: Ik woon", "Fatima:\nIk woon")  # touches the structure
            correct_transcript(session, document, new, first_coder_id(session))
            stamps = sorted(session.scalars(select(Turn.timestamp_ms)))
    assert stamps == [1_250, 3_400]
