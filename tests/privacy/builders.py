"""A project full of names, everywhere a name can hide, and its name list."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from reiscoder.model import (
    Attribute,
    AttributeKind,
    AttributeTarget,
    Document,
    Meta,
    NameKind,
    Speaker,
)
from reiscoder.model.project import Project
from reiscoder.ops.attributes import create_attribute, set_value
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.codes import create_code, update_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.ops.names import NewName, add_names
from tests.factories import add_document, code_id, first_coder_id, new_project

FIRST = (
    "Interviewer: Hoe lang woont u al in de Afrikaanderwijk, mevrouw El Amrani?\n\n"
    "Fatima: Al twintig jaar. Fatima's buurvrouw kookt op vrijdag, o.a. voor dhr. Jansen op "
    "drie hoog. De Afrikaanderwijkse markt is mooi.\n\n"
    "Interviewer: En J. de Vries van Stichting Buurtkracht?\n\n"
    "Fatima: Die ken ik wel. Fatimaatje noemde hij me. Op de Afrikaanderwijkmarkt zie ik "
    "Jansens dochter en de kinderen van FATIMA B.\n"
)
SECOND = (
    "Interviewer: U woont op Katendrecht?\n\n"
    "Respondent 2: Ja, sinds de Katendrechtse brug er is. Mijn buurman heeft het over "
    "J.de Vries en over de Buurtkracht-vrijwilligers.\n"
)
NAMES = [
    NewName("Fatima", "Respondent 1", NameKind.PERSON),
    NewName("El Amrani", "Respondent 1", NameKind.PERSON),
    NewName("J. de Vries", "Persoon 2", NameKind.PERSON),
    NewName("Jansen", "Persoon 3", NameKind.PERSON),
    NewName("Afrikaanderwijk", "[wijk A]", NameKind.PLACE),
    NewName("Katendrecht", "[wijk B]", NameKind.PLACE),
    NewName("Stichting Buurtkracht", "[organisatie A]", NameKind.ORGANISATION),
    NewName("Buurtkracht", "[organisatie A]", NameKind.ORGANISATION),
]
# What must never appear in a pseudonymised export (case-insensitively).
ORIGINALS = (
    "fatima",
    "amrani",
    "j. de vries",
    "j.de vries",
    "jansen",
    "afrikaanderwijk",
    "katendrecht",
    "buurtkracht",
)


def phrase(text: str, words: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return start, start + len(words)


def build_names_project(path: Path, *, names: bool = True) -> Path:
    """Names in transcripts, quotes, memos, code texts, case, speaker, attribute and document
    names, the project name and a source file path; codings that cut into names."""
    with new_project(path) as project, project.transaction() as session:
        coder = first_coder_id(session)
        first = add_document(session, "Interview Fatima El Amrani", FIRST)
        second = add_document(session, "Gesprek Katendrecht", SECOND)
        session.execute(
            update(Document)
            .where(Document.id == first)
            .values(source_filename=r"C:\Users\anna\Afrikaanderwijk\Fatima El Amrani.docx")
        )
        session.execute(
            update(Meta).where(Meta.key == "name").values(value="Wijkgesprekken Afrikaanderwijk")
        )
        thuis, ontmoeting = code_id(session, "1.1 "), code_id(session, "1.3 ")
        update_code(
            session,
            thuis,
            definition="Zoals Fatima over de Afrikaanderwijk vertelt.",
            example="“Jansen kookt voor de buren”",
            inclusion="Ook Katendrecht.",
            exclusion="Niet Stichting Buurtkracht.",
        )
        named = create_code(session, "Buurtkracht", parent_id=code_id(session, "3 ")).created_id
        codings = [
            apply_coding(session, first, thuis, coder, *phrase(FIRST, "Afrikaanderwijk, mevrouw")),
            # starts inside a name and ends inside another
            apply_coding(session, first, ontmoeting, coder, *_inside(FIRST, "wijk, mevrouw El Am")),
            apply_coding(session, first, named, coder, *phrase(FIRST, "J. de Vries van Stichting")),
            apply_coding(session, first, thuis, coder, *phrase(FIRST, "Fatima's buurvrouw kookt")),
            apply_coding(session, second, named, coder, *phrase(SECOND, "Katendrechtse brug")),
        ]
        add_memo(session, coder, "J. de Vries belde over Jansen.", title="Gesprek met Jansen")
        add_memo(session, coder, "Fatima woont in de Afrikaanderwijk.", target=MemoTarget(first))
        add_memo(session, coder, "Vaak bij Buurtkracht.", target=MemoTarget(code_id=named))
        coding_memo = MemoTarget(coding_id=codings[3].created_id)
        add_memo(session, coder, "Fatima's verhaal over Jansen.", target=coding_memo)
        case = create_case(session, "Fatima El Amrani", "Woont in de Afrikaanderwijk.")
        speaker = session.scalar(
            select(Speaker.id).where(Speaker.document_id == first, Speaker.label == "Fatima")
        )
        link_speaker(session, speaker, case.created_id)
        wijk = session.scalar(select(Attribute.id).where(Attribute.name == "Wijk"))
        set_value(session, wijk, "Afrikaanderwijk", document_id=first)
        set_value(session, wijk, "Katendrecht", document_id=second)
        area = create_attribute(
            session, "Gebied", AttributeKind.CHOICE, choices=["Afrikaanderwijk", "Katendrecht"]
        ).created_id
        set_value(session, area, "Afrikaanderwijk", document_id=first)
        buurt = create_attribute(
            session, "Buurt", AttributeKind.TEXT, AttributeTarget.CASE
        ).created_id
        set_value(session, buurt, "Katendrecht", case_id=case.created_id)
        if names:
            add_names(session, NAMES)
    return path


def _inside(text: str, words: str) -> tuple[int, int]:
    return phrase(text, words)


def open_project(path: Path) -> Project:
    return Project.open(path)
