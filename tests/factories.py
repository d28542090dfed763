"""Small helpers that build real project files on disk for tests."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reiscoder.model import Base, Code, Coder, Document, SegmentationState, Speaker, Turn
from reiscoder.model.project import Project
from reiscoder.model.server import init_server, open_server
from reiscoder.ops.coders import coder_id_for
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template

if TYPE_CHECKING:
    from tests.server.pgserver import PgServer

SAMPLE_TEXT = (
    "Interviewer: Hoe lang woont u al in de Afrikaanderwijk?\n\n"
    "Fatima: Al twintig jaar. Mijn buurvrouw kookt op vrijdag een pan extra, o.a. voor "
    "dhr. Jansen op drie hoog. Dat is hier thuis… Echt waar! 😊\n\n"
    "Interviewer: En het buurthuis?\n\n"
    "Fatima: Dat ging dicht. [lacht] Nou ja, de kerk en de voedselbank hebben het overgenomen.\n"
)


class ServerDatabases:
    """Fresh databases on a test server, each prepared as a project (tests/ops/conftest.py)."""

    count = 0
    templates: dict[str, str] = {}  # coder name -> a prepared database to copy

    def __init__(self, server: PgServer) -> None:
        self.server = server
        self.made: list[str] = []

    def new(self, coder: str) -> Project:
        template = self.templates.get(coder)
        if template is None:
            template = self.templates[coder] = self._create(coder)
        name = self._name()
        self.server.psql("postgres", f"CREATE DATABASE {name} TEMPLATE {template}")
        self.made.append(name)
        return open_server(self.server.url(name), coder)

    def drop(self) -> None:
        """Remove the databases this test made (their windows are closed by now)."""
        for name in self.made:
            self.server.psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.made.clear()

    def _create(self, coder: str) -> str:
        name = self._name()
        self.server.psql("postgres", f"CREATE DATABASE {name}")
        init_server(self.server.url(name), "Testproject", coder)
        return name

    @classmethod
    def _name(cls) -> str:
        cls.count += 1
        return f"project_{cls.count}"


# Set by a fixture: new projects are made on this server instead of as files.
SERVER: ServerDatabases | None = None


def new_project(path: Path, *, template: bool = True, coder: str = "Anna de Vries") -> Project:
    project = SERVER.new(coder) if SERVER is not None else Project.create(path, "Testproject")
    with project.transaction() as session:
        coder_id_for(session, coder)
        if template:
            apply_template(session, load_template(DEFAULT_TEMPLATE))
    return project


def add_document(session: Session, name: str, body: str = SAMPLE_TEXT) -> int:
    """Store a document with one turn per paragraph, the way an import would."""
    body = unicodedata.normalize("NFC", body)
    document = Document(
        name=name,
        text=body,
        text_length=len(body),
        word_count=len(body.split()),
        segmentation=SegmentationState.READY,
    )
    session.add(document)
    session.flush()
    offset = 0
    for paragraph in body.split("\n\n"):
        label, _sep, _rest = paragraph.partition(": ")
        speaker = session.scalar(
            select(Speaker).where(Speaker.document_id == document.id, Speaker.label == label)
        )
        if speaker is None:
            speaker = Speaker(document_id=document.id, label=label, name=label)
            session.add(speaker)
            session.flush()
        end = offset + len(paragraph.rstrip())
        content_start = offset + len(label) + 2
        session.add(
            Turn(
                document_id=document.id,
                speaker_id=speaker.id,
                start=offset,
                content_start=content_start,
                end=end,
            )
        )
        offset += len(paragraph) + 2
    session.flush()
    return document.id


def code_id(session: Session, name_prefix: str) -> int:
    return session.scalar(select(Code.id).where(Code.name.startswith(name_prefix)))


def first_coder_id(session: Session) -> int:
    return session.scalar(select(Coder.id).order_by(Coder.id))


def dump(session: Session) -> dict[str, list[tuple]]:
    """Every row of every table, for comparing whole project states."""
    session.flush()
    tables = {}
    for table in Base.metadata.sorted_tables:
        rows = session.execute(text(f'SELECT * FROM "{table.name}" ORDER BY 1')).all()
        tables[table.name] = [tuple(row) for row in rows]
    return tables
