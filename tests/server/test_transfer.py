"""Publishing a project file to a server and taking a snapshot back give the same project."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reiscoder.ingest.batch import ImportOptions, import_files
from reiscoder.model import Document
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import Project
from reiscoder.model.server import open_server
from reiscoder.model.transfer import publish, snapshot
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.gateway import Gateway
from reiscoder.ops.memos import MemoTarget, add_memo
from reiscoder.read.search import search_sentences
from tests.factories import code_id, dump, first_coder_id, new_project

INTERVIEW = (
    "Interviewer: Hoe lang woont u hier?\n\n"
    "Fatima: De bewoners gingen vroeger samen naar de markt. Nu gaan ze naar het buurthuis.\n"
)


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "busreis.reis"
    source = tmp_path / "Fatima.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    with new_project(path) as project:
        import_files(project, [source], ImportOptions(coder="Anna de Vries", workers=0))
        with project.transaction() as session:
            document = session.scalar(select(Document.id))
            coder = first_coder_id(session)
            coding = apply_coding(session, document, code_id(session, "1.1"), coder, 36, 60)
            add_memo(session, coder, "Mooi", target=MemoTarget(coding_id=coding.created_id))
    return path


def _dump(path):
    with Project.open(path, read_only=True) as project, project.reader() as session:
        return dump(session)


def test_publish_then_snapshot_is_the_same_project(pg_server, project_file, tmp_path):
    pg_server.psql("postgres", "CREATE DATABASE gepubliceerd")
    url = pg_server.url("gepubliceerd")

    rows = publish(project_file, url, "Anna de Vries")
    copy = tmp_path / "kopie.reis"
    assert snapshot(url, copy) == rows > 20

    assert _dump(copy) == _dump(project_file)
    with Project.open(copy, read_only=True) as project, project.reader() as session:
        assert [hit.text for hit in search_sentences(session, "bewoner")]


def test_search_on_the_server_finds_what_the_file_finds(pg_server, project_file):
    pg_server.psql("postgres", "CREATE DATABASE zoeken")
    publish(project_file, pg_server.url("zoeken"), "Anna de Vries")
    with open_server(pg_server.url("zoeken")) as server, server.reader() as session:
        on_server = {q: [h.text for h in search_sentences(session, q)] for q in QUERIES}
    with Project.open(project_file, read_only=True) as local, local.reader() as session:
        in_file = {q: [h.text for h in search_sentences(session, q)] for q in QUERIES}
    assert on_server == in_file
    assert on_server["bewoner"] and on_server["gingen"] and on_server["buurt*"]


QUERIES = ("bewoner", "gingen", "gaan", "buurt*", '"naar de markt"', "markt buurthuis", "Bewoners")


def test_the_server_continues_numbering_after_the_published_rows(pg_server, project_file):
    pg_server.psql("postgres", "CREATE DATABASE verder")
    publish(project_file, pg_server.url("verder"), "Anna de Vries")
    with open_server(pg_server.url("verder"), "Anna de Vries") as server:
        gateway = Gateway(server)
        with server.reader() as session:
            document = session.scalar(select(Document.id))
            code = code_id(session, "2.1")
        made = gateway.execute(
            lambda s: apply_coding(s, document, code, server.server.coder_id, 0, 11)
        )
        assert made.created_id == 2


def test_publishing_into_a_project_database_is_refused(pg_server, project_file):
    pg_server.psql("postgres", "CREATE DATABASE dubbel")
    publish(project_file, pg_server.url("dubbel"), "Anna de Vries")
    with pytest.raises(ProjectError) as refused:
        publish(project_file, pg_server.url("dubbel"), "Anna de Vries")
    assert "bevat al" in refused.value.message
