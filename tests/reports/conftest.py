"""Projects to export: the demo (built once), and a small one with awkward text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.demo import build_demo
from reiscoder.model import Document
from reiscoder.model.project import Project
from reiscoder.ops.cases import create_case, link_speaker
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import update_code
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.memos import MemoTarget, add_memo
from tests.factories import add_document, code_id, new_project

RTL_NAME = "يوسف"  # a right-to-left speaker name
LONG = "Dit is een heel lang citaat & meer <tekst> 😊. " * 900  # about 40,000 characters
TRICKY_TEXT = (
    "Interviewer: Wat betekent de wijk voor u & uw buren?\n\n"
    f"{RTL_NAME}: Alles <echt> alles 😊. Mijn buurvrouw kookt op vrijdag voor de buren.\n\n"
    "Interviewer: En de kerk?\n\n"
    f"{RTL_NAME}: {LONG.strip()}\n"
)


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.reis")


@pytest.fixture
def demo(demo_path: Path):
    with Project.open(demo_path, read_only=True) as project:
        yield project


def phrase(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def tricky(tmp_path: Path):
    """One document with &, <, emoji, a right-to-left speaker, a 40,000-character quote and
    overlapping codings by two coders."""
    project = new_project(tmp_path / "lastig.reis")
    with project.transaction() as session:
        document_id = add_document(session, "Gesprek & <wijk> 😊", TRICKY_TEXT)
        text = session.scalar(select(Document.text).where(Document.id == document_id))
        anna = coder_id_for(session, "Anna de Vries")
        bram = coder_id_for(session, "Bram Jansen")
        thuis, ontmoeting = code_id(session, "1.1 "), code_id(session, "1.3 ")
        update_code(session, thuis, definition="Thuis & <veilig> 😊")
        wide = apply_coding(
            session,
            document_id,
            thuis,
            anna,
            *phrase(text, "Alles <echt> alles 😊. Mijn buurvrouw kookt"),
        )
        apply_coding(
            session, document_id, ontmoeting, bram, *phrase(text, "Mijn buurvrouw kookt op vrijdag")
        )
        apply_coding(session, document_id, ontmoeting, anna, *phrase(text, LONG.strip()))
        add_memo(
            session,
            anna,
            "Memo met & en <haakjes> 😊",
            target=MemoTarget(coding_id=wide.created_id),
        )
        case = create_case(session, RTL_NAME).created_id
        from reiscoder.model import Speaker

        speaker = session.scalar(select(Speaker.id).where(Speaker.label == RTL_NAME))
        link_speaker(session, speaker, case)
    yield project
    project.close()
