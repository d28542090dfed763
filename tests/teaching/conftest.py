"""A teacher's project, assignments handed out, and students who code them: real files."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.model import Document
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.teaching.assignment import prepare_assignment
from tests.analysis.conftest import add_structured_document, sentence_range
from tests.factories import code_id, new_project

TURNS = {
    "Gesprek Fatima": [
        ("Interviewer", ["Hoe lang woont u hier al.", "Wat vindt u van de buurt."]),
        (
            "Fatima",
            [
                "Ik woon hier al twintig jaar.",
                "Mijn buurvrouw kookt op vrijdag voor de hele straat.",
                "Dan eten we samen op het plein.",
                "Ik voel me hier echt thuis.",
            ],
        ),
        ("Interviewer", ["En het buurthuis."]),
        (
            "Fatima",
            [
                "Dat ging vorig jaar dicht.",
                "Nu regelen de bewoners het zelf.",
                "De gemeente deed niets.",
            ],
        ),
    ],
    "Gesprek Marco": [
        ("Interviewer", ["Wat doet u precies."]),
        (
            "Marco",
            [
                "Ik werk als sociaal werker in Feijenoord.",
                "Ik ken bijna alle bewoners bij naam.",
                "De regels van de gemeente zitten vaak in de weg.",
                "Samen met de school zoeken we oplossingen.",
                "Soms verzinnen we iets heel nieuws.",
            ],
        ),
        ("Interviewer", ["Wat heeft u nodig."]),
        ("Marco", ["Meer tijd om te luisteren.", "En minder formulieren."]),
    ],
    "Groepsgesprek Delfshaven": [
        ("Interviewer", ["Wat gebeurde er tijdens de crisis."]),
        ("Anouk", ["Iedereen hielp elkaar met boodschappen.", "Ouderen waren erg kwetsbaar."]),
        ("Youssef", ["De moskee en de kerk werkten samen.", "Er was ook veel wantrouwen."]),
        ("Anouk", ["Ik heb veel geleerd van mijn buren."]),
    ],
}
DOCS = list(TURNS)

# The reference coding: (document, first words of the sentence, code number)
REFERENCE = [
    ("Gesprek Fatima", "Mijn buurvrouw", "1.3"),
    ("Gesprek Fatima", "Dan eten", "1.2"),
    ("Gesprek Fatima", "Ik voel", "1.1"),
    ("Gesprek Fatima", "Nu regelen", "2.2"),
    ("Gesprek Fatima", "De gemeente deed", "2.5"),
    ("Gesprek Marco", "Ik ken", "3.1"),
    ("Gesprek Marco", "De regels", "2.5"),
    ("Gesprek Marco", "Samen met", "2.3"),
    ("Gesprek Marco", "Soms verzinnen", "3.4"),
    ("Gesprek Marco", "Meer tijd", "3.5"),
    ("Groepsgesprek Delfshaven", "Iedereen hielp", "1.3"),
    ("Groepsgesprek Delfshaven", "Iedereen hielp", "5.2"),
    ("Groepsgesprek Delfshaven", "Ouderen waren", "5.1"),
    ("Groepsgesprek Delfshaven", "De moskee", "5.2"),
    ("Groepsgesprek Delfshaven", "Er was ook", "5.3"),
    ("Groepsgesprek Delfshaven", "Ik heb veel", "4.1"),
]
SECRET = "Antwoordsleutel: zin drie is 1.3"


@dataclass
class Classroom:
    teacher: Path
    folder: Path
    documents: dict[str, int]
    copies: dict[str, Path] = field(default_factory=dict)  # student -> their file
    written: list[Path] = field(default_factory=list)  # every file the assignment step wrote


def code_sentence(session, document_id, words, number, coder_id, *, extra_end=0):
    start, end = sentence_range(session, document_id, words)
    text = session.scalar(select(Document.text).where(Document.id == document_id))
    end = min(len(text), end + extra_end)
    return apply_coding(session, document_id, code_id(session, number + " "), coder_id, start, end)


def build_teacher(path: Path) -> dict[str, int]:
    with new_project(path, coder="Docent") as project, project.transaction() as s:
        teacher = coder_id_for(s, "Docent")
        documents = {name: add_structured_document(s, name, turns) for name, turns in TURNS.items()}
        for name, words, number in REFERENCE:
            outcome = code_sentence(s, documents[name], words, number, teacher)
        add_memo(s, teacher, SECRET, title="Sleutel")
        add_memo(s, teacher, "Let op de ironie", target=MemoTarget(coding_id=outcome.created_id))
        add_memo(s, teacher, "Lastig gesprek", target=MemoTarget(document_id=documents[DOCS[2]]))
    return documents


def hand_out(teacher: Path, folder: Path, documents: dict[str, int]) -> Classroom:
    """Three assignments: Sara and Noor get 1 (Fatima, Marco), Tom 2, Lies 3 (all three)."""
    room = Classroom(teacher, folder, documents)
    plan = {
        "opdracht-1.reis": ("Opdracht 1", DOCS[:2]),
        "opdracht-2.reis": ("Opdracht 2", DOCS[1:]),
        "opdracht-3.reis": ("Opdracht 3", DOCS),
    }
    folder.mkdir(exist_ok=True)
    with Project.open(teacher) as project:
        for file, (name, docs) in plan.items():
            prepare_assignment(project, folder / file, [documents[d] for d in docs], name=name)
    room.written = sorted(folder.rglob("*"))
    for student, file in (
        ("Sara", "opdracht-1.reis"),
        ("Noor", "opdracht-1.reis"),
        ("Tom", "opdracht-2.reis"),
        ("Lies", "opdracht-3.reis"),
    ):
        target = folder / f"{student.lower()}.reis"
        shutil.copy(folder / file, target)
        room.copies[student] = target
    return room


@pytest.fixture
def classroom(tmp_path) -> Classroom:
    teacher = tmp_path / "docent.reis"
    documents = build_teacher(teacher)
    return hand_out(teacher, tmp_path / "opdrachten", documents)
