"""Real project files with sentences and turns (built without spaCy) for the analyses."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import (
    Attribute,
    Case,
    Document,
    SegmentationState,
    Sentence,
    Speaker,
    Turn,
)
from reiscoder.model.fulltext import index_sentences
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from tests.factories import code_id, new_project

# Each turn is (speaker, [sentences]); every sentence ends with ". "
TURNS_A = [
    ("Interviewer", ["Hoe woont u hier.", "Vertel eens."]),
    (
        "Fatima",
        ["Mijn buurvrouw kookt op vrijdag.", "Eh ik help haar [lacht] soms.", "Nou dat is fijn."],
    ),
    ("Interviewer", ["En het buurthuis."]),
    ("Fatima", ["Dat ging dicht.", "De kerk nam het over.", "Bewoners helpen elkaar."]),
]
TURNS_B = [
    ("Interviewer", ["Wat doet u."]),
    (
        "Marco",
        ["Ik werk als sociaal werker.", "Ik ken de bewoners.", "De regels zitten in de weg."],
    ),
]


def add_structured_document(session: Session, name: str, turns) -> int:
    """A document with one turn per paragraph and the given sentences (lemmas: lower case)."""
    paragraphs, layout, offset = [], [], 0
    for speaker, sentences in turns:
        label = f"{speaker}: "
        body = " ".join(sentences)
        paragraphs.append(label + body)
        spans, position = [], offset + len(label)
        for sentence in sentences:
            spans.append((position, position + len(sentence), sentence))
            position += len(sentence) + 1
        layout.append(
            (speaker, offset, offset + len(label), offset + len(label) + len(body), spans)
        )
        offset += len(label) + len(body) + 2
    text = "\n\n".join(paragraphs) + "\n"
    first_sentence = session.scalar(select(func.max(Sentence.id))) or 0
    document = Document(
        name=name,
        text=text,
        text_length=len(text),
        word_count=len(text.split()),
        segmentation=SegmentationState.READY,
    )
    session.add(document)
    session.flush()
    speakers: dict[str, int] = {}
    for speaker, start, content_start, end, spans in layout:
        if speaker not in speakers:
            row = Speaker(document_id=document.id, label=speaker, name=speaker)
            session.add(row)
            session.flush()
            speakers[speaker] = row.id
        turn = Turn(
            document_id=document.id,
            speaker_id=speakers[speaker],
            start=start,
            content_start=content_start,
            end=end,
        )
        session.add(turn)
        session.flush()
        session.add(
            Sentence(
                document_id=document.id, turn_id=turn.id, start=start, end=content_start, lemmas=""
            )
        )
        for s_start, s_end, sentence in spans:
            lemmas = " ".join(w.strip(".,[]").lower() for w in sentence.split())
            session.add(
                Sentence(
                    document_id=document.id,
                    turn_id=turn.id,
                    start=s_start,
                    end=s_end,
                    lemmas=lemmas,
                )
            )
    session.flush()
    index_sentences(session, from_id=first_sentence)
    return document.id


def sentence_range(session: Session, document_id: int, words: str) -> tuple[int, int]:
    """The range of the sentence that starts with ``words``."""
    for start, end, text in session.execute(
        select(Sentence.start, Sentence.end, Document.text)
        .join(Document, Document.id == Sentence.document_id)
        .where(Sentence.document_id == document_id)
    ):
        if text[start:end].startswith(words):
            return start, end
    raise AssertionError(words)


def phrase_range(session: Session, document_id: int, words: str) -> tuple[int, int]:
    text = session.scalar(select(Document.text).where(Document.id == document_id))
    start = text.index(words)
    return start, start + len(words)


def link_role(session: Session, document_id: int, speaker: str, case: str, role: str) -> None:
    attribute = session.scalar(select(Attribute).where(Attribute.name == "Rol"))
    if attribute is None:
        attribute = Attribute(
            name="Rol", kind="choice", target="case", choices="bewoner\nsociaal werker"
        )
        session.add(attribute)
        session.flush()
    case_row = Case(name=case)
    session.add(case_row)
    session.flush()
    from reiscoder.model import AttributeValue

    session.add(AttributeValue(attribute_id=attribute.id, case_id=case_row.id, value=role))
    for row in session.scalars(
        select(Speaker).where(Speaker.document_id == document_id, Speaker.label == speaker)
    ):
        row.case_id = case_row.id
    session.flush()


@pytest.fixture
def coded(tmp_path):
    """Two documents; Anna and Bram coded some sentences, partly alike.

    Returns (path, ids) where ids names documents, coders and codes.
    """
    path = tmp_path / "analyse.reis"
    with new_project(path, coder="Anna") as project, project.transaction() as s:
        a = add_structured_document(s, "Gesprek Fatima", TURNS_A)
        b = add_structured_document(s, "Gesprek Marco", TURNS_B)
        anna, bram = coder_id_for(s, "Anna"), coder_id_for(s, "Bram")
        thuis, betekenen, belemmering = code_id(s, "1.1"), code_id(s, "1.3"), code_id(s, "2.5")
        link_role(s, a, "Fatima", "Fatima", "bewoner")
        link_role(s, b, "Marco", "Marco", "sociaal werker")

        def code(doc, code_, coder, words, whole=True):
            start, end = (sentence_range if whole else phrase_range)(s, doc, words)
            apply_coding(s, doc, code_, coder, start, end)

        code(a, thuis, anna, "Mijn buurvrouw")
        code(a, thuis, bram, "Mijn buurvrouw")
        code(a, betekenen, anna, "Eh ik help")
        code(a, betekenen, bram, "Bewoners helpen")
        code(a, thuis, anna, "Nou dat")
        code(a, betekenen, anna, "buurvrouw kookt op vrijdag", whole=False)
        code(b, belemmering, anna, "De regels")
        code(b, belemmering, bram, "De regels")
        code(b, thuis, bram, "Ik ken")
        ids = {
            "a": a,
            "b": b,
            "anna": anna,
            "bram": bram,
            "thuis": thuis,
            "betekenen": betekenen,
            "belemmering": belemmering,
        }
    return path, ids
