"""The students of the class workflow: what each of them codes, and the teacher's correction."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.model import Code, Document
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ops.correct import correct_transcript
from reiscoder.teaching.assignment import merge_copies
from tests.teaching.conftest import DOCS, code_sentence

FATIMA, MARCO, DELFSHAVEN = DOCS
# What each student does in their copy: (document, first words, code number, extra characters)
CODING = {
    "Sara": [  # agrees, with one overlapping extra code and a selection that slips on
        (FATIMA, "Mijn buurvrouw", "1.3", 3),  # 2 characters into "Dan eten ..."
        (FATIMA, "Dan eten", "1.2", 0),
        (FATIMA, "Dan eten", "1.1", 0),
        (FATIMA, "Ik voel", "1.1", 0),
        (FATIMA, "Nu regelen", "2.2", 0),
        (FATIMA, "De gemeente deed", "2.5", 0),
        (MARCO, "Ik ken", "3.1", 0),
        (MARCO, "De regels", "2.5", 0),
        (MARCO, "Samen met", "2.3", 0),
        (MARCO, "Soms verzinnen", "3.4", 0),
        (MARCO, "Meer tijd", "3.5", 0),
        (MARCO, "En minder", "3.5", 0),  # the teacher deletes this sentence later
    ],
    "Tom": [  # disagrees, and codes at the level of the parent code
        (MARCO, "Ik ken", "3.2", 0),
        (MARCO, "De regels", "2", 0),
        (MARCO, "Samen met", "2.3", 0),
        (MARCO, "Meer tijd", "3.5", 0),  # the teacher corrects a word in it later
        (DELFSHAVEN, "Iedereen hielp", "1.3", 0),
        (DELFSHAVEN, "Ouderen waren", "5.1", 0),
        (DELFSHAVEN, "De moskee", "5.2", 0),
        (DELFSHAVEN, "Er was ook", "5.1", 0),
        (DELFSHAVEN, "Ik heb veel", "4.2", 0),
    ],
    "Lies": [  # codes nothing in Delfshaven, which she was given
        (FATIMA, "Mijn buurvrouw", "1.3", 0),
        (FATIMA, "Ik woon", "1.1", 0),
        (FATIMA, "Nu regelen", "2.2", 0),
        (MARCO, "De regels", "2.5", 0),
        (MARCO, "Soms verzinnen", "3.4", 0),
    ],
    "Noor": [],  # hands in the copy untouched
}
GIVEN = {  # the documents each student is graded on: their assignment's
    "Sara": {FATIMA, MARCO},
    "noor": {FATIMA, MARCO},
    "Tom": {MARCO, DELFSHAVEN},
    "Lies": {FATIMA, MARCO, DELFSHAVEN},
}


def student_codes(room, qdc=None):
    for student, plan in CODING.items():
        if not plan:
            continue
        with Project.open(room.copies[student]) as project, project.transaction() as s:
            me = coder_id_for(s, student)
            documents = dict(s.execute(select(Document.name, Document.id)).all())
            for document, words, number, extra in plan:
                code_sentence(s, documents[document], words, number, me, extra_end=extra)
            # every route to change the codebook is refused
            with pytest.raises(OperationError, match="vergrendeld"):
                create_code(s, "Mijn eigen code")
            with pytest.raises(OperationError, match="vergrendeld"):
                update_code(s, s.scalar(select(Code.id)), name="Anders")
        if qdc is not None:
            assert main(["import-refi", str(room.copies[student]), str(qdc)]) != 0


def correct_after_handing_out(room):
    with Project.open(room.teacher) as project, project.transaction() as s:
        document = s.scalar(select(Document).where(Document.name == MARCO))
        new = (
            document.text.replace("Feijenoord", "Feyenoord")
            .replace("Meer tijd om te luisteren.", "Meer tijd om echt te luisteren.")
            .replace(" En minder formulieren.", "")
        )
        correct_transcript(s, document.id, new, coder_id_for(s, "Docent"))


def merged(room):
    """Correct, let the students code, merge: the teacher's project ready for grading."""
    correct_after_handing_out(room)
    student_codes(room)
    with Project.open(room.teacher) as project:
        return merge_copies(project, [room.copies[n] for n in CODING])[1]
