"""Correcting a transcript: codings, turns, sentences and memos follow the text; what could not
be placed exactly is listed; the correction is one exactly revertible operation with a
history row."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reiscoder import i18n
from reiscoder.checks.check import check_project
from reiscoder.ingest.segmentation import segment_pending
from reiscoder.model import (
    Coding,
    Document,
    DocumentEdit,
    Memo,
    SegmentationState,
    Sentence,
    Speaker,
    Turn,
)
from reiscoder.model.errors import OperationError
from reiscoder.ops import revert
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.correct import (
    MERGED,
    correct_transcript,
    document_history,
    plan_correction,
)
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.ops.remap import Fit
from reiscoder.read.search import search_sentences
from tests.factories import add_document, code_id, dump, first_coder_id, new_project


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages are matched in English here (the app itself starts in Dutch)."""
    monkeypatch.setenv("REISCODER_LANG", "en")
    i18n.set_language("en")


def segmented(project, name: str = "Interview 1") -> int:
    """A document stored like an import does, with its sentences computed."""
    with project.transaction() as session:
        document = add_document(session, name)
        session.execute(
            update(Document)
            .where(Document.id == document)
            .values(segmentation=SegmentationState.SEGMENTING)
        )
    segment_pending(project)
    return document


def code(session: Session, document: int, text: str, name: str = "1.1") -> int:
    body = session.get(Document, document).text
    start = body.index(text)
    coder = first_coder_id(session)
    return apply_coding(
        session, document, code_id(session, name), coder, start, start + len(text)
    ).created_id


def coded_text(session: Session, coding_id: int) -> str:
    coding = session.get(Coding, coding_id)
    return coding.document.text[coding.start : coding.end]


@pytest.fixture
def project(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        yield project


def test_a_typo_outside_codings_moves_them_with_their_text(project):
    document = segmented(project)
    with project.transaction() as session:
        first = code(session, document, "Hoe lang woont u al")
        later = code(session, document, "Mijn buurvrouw kookt op vrijdag", "1.3")
        text = session.get(Document, document).text
        outcome = correct_transcript(
            session,
            document,
            text.replace("Al twintig", "Al ruim twintig"),
            first_coder_id(session),
        )
        assert coded_text(session, first) == "Hoe lang woont u al"
        assert coded_text(session, later) == "Mijn buurvrouw kookt op vrijdag"
        assert session.get(Coding, later).start == text.index("Mijn") + len("ruim ")
        edit = session.get(DocumentEdit, outcome.created_id)
        assert (edit.document_id, edit.new_length - edit.old_length) == (document, 5)
        at = text.index("twintig")
        assert json.loads(edit.changes) == [[at, at, at, at + 5, "", "ruim "]]
        assert json.loads(edit.unplaced) == []
    assert check_project(project).sound


def test_a_correction_inside_a_coding_is_listed_and_the_coding_kept(project):
    document = segmented(project)
    with project.transaction() as session:
        coding = code(session, document, "Mijn buurvrouw kookt op vrijdag")
        text = session.get(Document, document).text
        new = text.replace("buurvrouw kookt", "buurvrouw Samira kookt")
        plan = plan_correction(session, document, new)
        assert [(f.coding_id, f.fit) for f in plan.unplaced] == [(coding, Fit.CHANGED)]
        outcome = correct_transcript(session, document, new, first_coder_id(session))
        assert coded_text(session, coding) == "Mijn buurvrouw Samira kookt op vrijdag"
        assert session.get(Coding, coding).quote == "Mijn buurvrouw Samira kookt op vrijdag"
        listed = json.loads(session.get(DocumentEdit, outcome.created_id).unplaced)
        assert [(item["coding_id"], item["quote"]) for item in listed] == [
            (coding, "Mijn buurvrouw kookt op vrijdag")
        ]


def test_a_deleted_passage_keeps_its_coding_on_the_nearest_word(project):
    document = segmented(project)
    with project.transaction() as session:
        coding = code(session, document, "o.a. voor dhr. Jansen op drie hoog")
        text = session.get(Document, document).text
        new = text.replace(", o.a. voor dhr. Jansen op drie hoog", "")
        plan = plan_correction(session, document, new)
        assert [f.fit for f in plan.unplaced] == [Fit.DELETED]
        correct_transcript(session, document, new, first_coder_id(session))
        assert coded_text(session, coding) == "extra"
        assert session.scalar(select(Coding.id).where(Coding.id == coding)) == coding


def test_a_coding_memo_follows_its_coding(project):
    document = segmented(project)
    with project.transaction() as session:
        coding = code(session, document, "En het buurthuis?")
        add_memo(session, first_coder_id(session), "Vraag", target=MemoTarget(coding_id=coding))
        text = session.get(Document, document).text
        correct_transcript(
            session, document, "Interview 3 maart\n\n" + text, first_coder_id(session)
        )
        memo = session.scalar(select(Memo).where(Memo.coding_id == coding))
        assert memo.text == "Vraag" and coded_text(session, coding) == "En het buurthuis?"


def test_merging_two_turns_by_deleting_a_label(project):
    document = segmented(project)
    with project.transaction() as session:
        coding = code(session, document, "Dat ging dicht.")
        text = session.get(Document, document).text
        new = text.replace("En het buurthuis?\n\nFatima: Dat", "En het buurthuis? Dat")
        correct_transcript(session, document, new, first_coder_id(session))
        turns = session.execute(
            select(Speaker.label, Turn.start, Turn.end)
            .join(Speaker, Speaker.id == Turn.speaker_id)
            .where(Turn.document_id == document)
            .order_by(Turn.start)
        ).all()
        assert [label for label, _s, _e in turns] == ["Interviewer", "Fatima", "Interviewer"]
        assert new[turns[-1][1] : turns[-1][2]].endswith("overgenomen.")
        assert coded_text(session, coding) == "Dat ging dicht."
    assert check_project(project).sound


def test_splitting_a_turn_by_typing_a_known_label(project):
    document = segmented(project)
    with project.transaction() as session:
        text = session.get(Document, document).text
        new = text.replace(
            " Dat is hier thuis…", "\n\nInterviewer: Echt?\n\nFatima: Dat is hier thuis…"
        )
        correct_transcript(session, document, new, first_coder_id(session))
        labels = session.scalars(
            select(Speaker.label)
            .join(Turn, Turn.speaker_id == Speaker.id)
            .where(Turn.document_id == document)
            .order_by(Turn.start)
        ).all()
        assert labels == ["Interviewer", "Fatima", "Interviewer", "Fatima", "Interviewer", "Fatima"]
        sentences = [
            new[start:end]
            for start, end in session.execute(
                select(Sentence.start, Sentence.end).where(Sentence.document_id == document)
            )
        ]
        assert "Echt?" in sentences and "Dat is hier thuis…" in sentences
    assert check_project(project).sound


def test_a_corrected_speaker_label_renames_that_speaker(project):
    document = segmented(project)
    with project.transaction() as session:
        speaker = session.scalar(select(Speaker.id).where(Speaker.label == "Fatima"))
        text = session.get(Document, document).text
        new = text.replace("Fatima:", "Fatima B.:")
        correct_transcript(session, document, new, first_coder_id(session))
        assert session.get(Speaker, speaker).label == "Fatima B."
        assert session.scalars(select(Speaker.label).order_by(Speaker.id)).all() == [
            "Interviewer",
            "Fatima B.",
        ]


def test_sentences_of_untouched_turns_keep_their_rows_and_search_finds_new_words(project):
    document = segmented(project)
    with project.transaction() as session:
        first_turn = session.scalars(
            select(Sentence.id).where(Sentence.turn_id == 1).order_by(Sentence.id)
        ).all()
        text = session.get(Document, document).text
        new = text.replace("de kerk", "de moskee")
        correct_transcript(session, document, new, first_coder_id(session))
        assert session.scalars(select(Sentence.id).where(Sentence.turn_id == 1)).all() == first_turn
    with project.reader() as session:
        assert [hit.text for hit in search_sentences(session, "moskee")] == [
            "Nou ja, de moskee en de voedselbank hebben het overgenomen."
        ]
        assert search_sentences(session, "kerk") == []


def test_revert_restores_exactly_and_redo_reapplies(project):
    document = segmented(project)
    with project.transaction() as session:
        code(session, document, "Mijn buurvrouw kookt op vrijdag")
        code(session, document, "de voedselbank", "1.3")
        text = session.get(Document, document).text
        before = dump(session)
        new = text.replace("Fatima:", "Fatima B.:", 1).replace("de voedselbank", "het buurthuis")
        outcome = correct_transcript(session, document, new[:-30], first_coder_id(session))
        after = dump(session)
        assert after != before and outcome.topics
        redo = revert(session, outcome.changes)
        assert dump(session) == before
    with project.reader() as session:
        assert [h.text for h in search_sentences(session, "voedselbank")] != []
    with project.transaction() as session:
        revert(session, redo)
        assert dump(session) == after
    assert check_project(project).sound


def test_two_codings_that_land_on_the_same_words_become_one_and_are_listed(project):
    document = segmented(project)
    with project.transaction() as session:
        text = session.get(Document, document).text
        start = text.index("Echt waar!")
        coder, code_1 = first_coder_id(session), code_id(session, "1.1")
        a = apply_coding(session, document, code_1, coder, start, start + 4).created_id
        b = apply_coding(session, document, code_1, coder, start + 5, start + 9).created_id
        add_memo(session, coder, "Let op", target=MemoTarget(coding_id=b))
        new = text[:start] + "Echt!" + text[start + 10 :]
        plan = plan_correction(session, document, new)
        assert sorted(f.fit for f in plan.unplaced) == sorted([MERGED, Fit.CHANGED]) or [
            f.fit for f in plan.unplaced
        ] == [MERGED]
        correct_transcript(session, document, new, coder)
        remaining = session.scalars(select(Coding.id).where(Coding.code_id == code_1)).all()
        assert len(remaining) == 1 and remaining[0] in (a, b)
        assert session.scalar(select(Memo.coding_id).where(Memo.text == "Let op")) == remaining[0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text, "not changed"),
        (lambda text: "  \n", "empty"),
    ],
)
def test_refusals(project, change, message):
    document = segmented(project)
    with project.transaction() as session:
        text = session.get(Document, document).text
        with pytest.raises(OperationError, match=message):
            correct_transcript(session, document, change(text), first_coder_id(session))


def test_a_document_still_being_segmented_is_not_corrected(project):
    with project.transaction() as session:
        document = add_document(session, "Interview 1")
        session.execute(update(Document).values(segmentation=SegmentationState.SEGMENTING))
        with pytest.raises(OperationError, match="still being determined"):
            plan_correction(session, document, "Interviewer: Hallo?")


def test_line_endings_and_composed_characters_are_normalised(project):
    document = segmented(project)
    with project.transaction() as session:
        text = session.get(Document, document).text
        new = text.replace("\n", "\r\n").replace("Afrikaanderwijk", "Afrikaanderwijk (Café)")
        new = new.replace("é", "e\u0301")
        correct_transcript(session, document, new, first_coder_id(session))
        stored = session.get(Document, document).text
        assert "\r" not in stored and "Café" in stored


def test_the_history_says_who_changed_what_and_when(project):
    document = segmented(project)
    with project.transaction() as session:
        coding = code(session, document, "de kerk")
        text = session.get(Document, document).text
        coder = first_coder_id(session)
        correct_transcript(session, document, text.replace("twintig", "dertig"), coder)
        text = session.get(Document, document).text
        correct_transcript(session, document, text.replace("de kerk", "het kerkje"), coder)
        history = document_history(session, document)
    assert [record.coder for record in history] == ["Anna de Vries"] * 2
    assert history[0].edited_at >= history[1].edited_at
    assert [c[4:] for c in history[1].changes] == [["twin", "der"]]  # "tig" stayed
    assert [item["coding_id"] for item in history[0].unplaced] == [coding]
    assert "1 coding to review" in history[0].summary
