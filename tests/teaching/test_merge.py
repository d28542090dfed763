"""Merging keeps what students did: through every correction since handing out, and a
student who coded nothing is still a student."""

from __future__ import annotations

from sqlalchemy import select

from reiscoder.model import Coder, Coding, Document
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.correct import correct_transcript
from reiscoder.ops.placing import placer_for
from reiscoder.ops.remap import Fit
from reiscoder.teaching.assignment import merge_copies
from reiscoder.teaching.students import student_agreements, students
from tests.teaching.conftest import code_sentence

MARCO = "Gesprek Marco"


def _correct(path, old, new):
    with Project.open(path) as project, project.transaction() as s:
        document = s.scalar(select(Document).where(Document.name == MARCO))
        correct_transcript(
            s, document.id, document.text.replace(old, new), coder_id_for(s, "Docent")
        )


def test_codings_travel_through_two_corrections_made_after_handing_out(classroom):
    copy = classroom.copies["Tom"]
    with Project.open(copy) as project, project.transaction() as s:
        tom = coder_id_for(s, "Tom")
        marco = s.scalar(select(Document.id).where(Document.name == MARCO))
        handed_out = s.scalar(select(Document.text).where(Document.id == marco))
        for words, number in (("Ik ken", "3.1"), ("Samen met", "2.3"), ("Meer tijd", "3.5")):
            code_sentence(s, marco, words, number, tom)
    _correct(classroom.teacher, "Feijenoord", "Feyenoord")
    _correct(classroom.teacher, "Ik ken bijna alle", "Ik ken vrijwel alle")
    with Project.open(classroom.teacher) as project:
        with project.reader() as s:
            marco = s.scalar(select(Document.id).where(Document.name == MARCO))
            placer = placer_for(s, marco, handed_out)
            assert placer.via_history and len(placer.steps) == 2
        _backup, [report] = merge_copies(project, [copy])
        with project.reader() as s:
            tom = s.scalar(select(Coder.id).where(Coder.name == "Tom"))
            text = s.scalar(select(Document.text).where(Document.id == marco))
            placed = s.execute(
                select(Coding.start, Coding.end, Coding.quote).where(Coding.coder_id == tom)
            ).all()
    assert report.codings == 3 and report.left_out == [] and report.corrected == 3
    assert sorted(quote for _s, _e, quote in placed) == [
        "Ik ken vrijwel alle bewoners bij naam.",
        "Meer tijd om te luisteren.",
        "Samen met de school zoeken we oplossingen.",
    ]
    assert all(text[start:end] == quote for start, end, quote in placed)


def test_a_copy_corrected_by_the_student_is_placed_by_a_direct_diff(classroom):
    with Project.open(classroom.teacher) as project, project.reader() as s:
        marco = s.scalar(select(Document.id).where(Document.name == MARCO))
        text = s.scalar(select(Document.text).where(Document.id == marco))
        edited = text.replace("Wat doet u precies.", "Wat doet u eigenlijk precies.")
        placer = placer_for(s, marco, edited)
        start = edited.index("Ik ken")
        placed = placer.place(start, start + len("Ik ken bijna alle bewoners bij naam."))
        gone = placer.place(edited.index("eigenlijk"), edited.index("eigenlijk") + 9)
    assert not placer.via_history
    assert placed.fit is Fit.EXACT and text[placed.start : placed.end].startswith("Ik ken")
    assert gone.fit is Fit.DELETED


def test_a_student_who_opened_the_copy_but_coded_nothing_is_still_graded(classroom):
    with Project.open(classroom.copies["Lies"]) as project, project.transaction() as s:
        coder_id_for(s, "Lies")  # the app asks the name once, on opening
    with Project.open(classroom.teacher) as project:
        _backup, [report] = merge_copies(project, [classroom.copies["Lies"]])
        with project.reader() as s:
            assert [name for _id, name in students(s)] == ["Lies"]
            docent = s.scalar(select(Coder.id).where(Coder.name == "Docent"))
            [lies] = student_agreements(s, docent)
    assert report.codings == 0 and report.coders == ["Lies"] and report.warnings == []
    assert len(lies.document_ids) == 3  # her assignment: every document
    assert lies.result.overall.kappa == 0 and lies.result.units_counted == 15
