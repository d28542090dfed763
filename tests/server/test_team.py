"""A team on one project on a PostgreSQL server: roles, conflicts, undo, live changes."""

from __future__ import annotations

import subprocess
import threading

import pytest
from sqlalchemy import func, select

from reiscoder.errors import UserError
from reiscoder.model import Code, Coding, Document
from reiscoder.model.errors import NewerProjectError, ProjectError
from reiscoder.model.server import open_server, who_is_here
from reiscoder.model.server_changes import ChangeListener
from reiscoder.ops.changes import StaleChange
from reiscoder.ops.codes import update_code
from reiscoder.ops.codings import apply_coding, remove_coding
from reiscoder.ops.gateway import Gateway, WriteFault
from tests.factories import code_id


def _ids(project):
    with project.reader() as session:
        return session.scalar(select(Document.id)), code_id(session, "1.1")


def _code(gateway, document, code, start=0, end=12):
    coder = gateway.project.server.coder_id
    return gateway.execute(lambda s: apply_coding(s, document, code, coder, start, end))


def test_members_open_the_project_in_their_role(team):
    with team.open("fatima") as fatima, team.open("rik") as rik:
        assert (fatima.server.role, fatima.read_only) == ("coder", False)
        assert (rik.server.role, rik.read_only) == ("reader", True)
        assert fatima.name == "Busreis"
        assert sorted(who_is_here(fatima)) == ["Fatima", "Rik"]


def test_a_coder_codes_but_cannot_change_the_codebook(team):
    with team.open("fatima") as project:
        gateway = Gateway(project)
        document, code = _ids(project)
        assert _code(gateway, document, code).created_id
        with pytest.raises(WriteFault) as refused:
            gateway.execute(lambda s: update_code(s, code, name="Anders"))
        assert "codeur" in refused.value.message
        with project.reader() as session:
            assert session.get(Code, code).name != "Anders"


def test_a_coder_cannot_remove_a_colleagues_coding_even_with_psql(team):
    with team.open("bram") as bram_project:
        document, code = _ids(bram_project)
        coding = _code(Gateway(bram_project), document, code).created_id
    with team.open("fatima") as project, pytest.raises(UserError) as refused:
        Gateway(project).execute(lambda s: remove_coding(s, coding))
    assert "Je rol in dit project" in refused.value.message
    # Row-level security: to her, the colleague's row is not there to change or delete.
    team.sql(f"UPDATE codings SET start = 1 WHERE id = {coding}", "fatima")
    team.sql(f"DELETE FROM codings WHERE id = {coding}", "fatima")
    assert team.sql(f"SELECT count(*), min(start) FROM codings WHERE id = {coding}") == "1|0"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE codes SET name = 'x'",
        "DELETE FROM documents",
        "INSERT INTO coders (name, uuid, created) VALUES ('x', 'u', now())",
        "UPDATE meta SET value = '0' WHERE key = 'blind_coding'",
        "DELETE FROM reiscoder_members",
        "CREATE TABLE eigen (id int)",
    ],
)
def test_what_a_coder_may_not_do_the_server_refuses(team, sql):
    with pytest.raises(subprocess.CalledProcessError) as refused:
        team.sql(sql, "fatima")
    assert "permission denied" in refused.value.stderr


def test_a_reader_may_not_write_anything(team):
    with pytest.raises(subprocess.CalledProcessError):
        team.sql(
            "INSERT INTO memos (uuid, coder_id, title, text, created, modified) "
            "VALUES ('u', 1, '', 'x', now(), now())",
            "rik",
        )
    assert int(team.sql("SELECT count(*) FROM codes", "rik")) > 10


def test_undo_after_a_colleagues_change_says_who(team):
    with team.open() as anna_project, team.open("bram") as bram_project:
        anna, bram = Gateway(anna_project), Gateway(bram_project)
        _document, code = _ids(anna_project)
        anna.execute(lambda s: update_code(s, code, name="Thuis"))
        bram.execute(lambda s: update_code(s, code, name="Thuis en buurt"))

        with pytest.raises(StaleChange) as refused:
            anna.undo()

        assert "Bram" in refused.value.message
        assert "sindsdien gewijzigd" in refused.value.message
        with anna_project.reader() as session:
            assert session.get(Code, code).name == "Thuis en buurt"
        assert anna.history.undo_step is None


def test_coding_with_a_code_just_deleted_is_refused_in_words(team):
    with team.open() as anna_project, team.open("fatima") as fatima_project:
        document, code = _ids(anna_project)
        team.sql(f"DELETE FROM codes WHERE id = {code}")
        with pytest.raises(UserError) as refused:
            _code(Gateway(fatima_project), document, code)
        assert "bestaat niet meer" in refused.value.message


def test_blind_coding_shows_a_student_only_their_own_codings(team):
    with team.open("bram") as bram_project, team.open("fatima") as fatima_project:
        document, code = _ids(bram_project)
        _code(Gateway(bram_project), document, code)
        _code(Gateway(fatima_project), document, code, 13, 20)
        team.sql("INSERT INTO meta (key, value) VALUES ('blind_coding', '1')")
        with fatima_project.reader() as session:
            assert session.scalar(select(func.count(Coding.id))) == 1
        with bram_project.reader() as session:
            assert session.scalar(select(func.count(Coding.id))) == 2
        team.sql("UPDATE meta SET value = '0' WHERE key = 'blind_coding'")  # released
        with fatima_project.reader() as session:
            assert session.scalar(select(func.count(Coding.id))) == 2


def test_a_colleagues_coding_is_heard_and_ones_own_is_not(team):
    heard, lost = [], []
    arrived = threading.Event()
    with team.open() as anna_project, team.open("fatima") as fatima_project:
        listener = ChangeListener(
            anna_project.server,
            lambda table, login: (heard.append((table, login)), arrived.set()),
            lost.append,
        )
        listener.start()
        try:
            assert listener.connected.wait(10)
            document, code = _ids(anna_project)
            _code(Gateway(anna_project), document, code)  # her own: not heard
            _code(Gateway(fatima_project), document, code, 13, 20)
            assert arrived.wait(5)
        finally:
            listener.stop()
    assert heard == [("codings", team.login("fatima"))]
    assert lost == []


def test_wrong_password_no_project_and_unreachable_server_get_plain_messages(team, pg_server):
    with pytest.raises(ProjectError) as wrong:
        open_server(pg_server.url(team.name, "nobody_here"))
    assert "niet geaccepteerd" in wrong.value.message or "accepteerde" in wrong.value.message
    pg_server.psql("postgres", "CREATE DATABASE leeg_project")
    with pytest.raises(ProjectError) as empty:
        open_server(pg_server.url("leeg_project"))
    assert "server init" in empty.value.message
    with pytest.raises(ProjectError) as unreachable:
        open_server(f"postgresql://anna@127.0.0.1:1/{team.name}")
    assert "niet bereikt" in unreachable.value.message


def test_a_server_with_a_newer_schema_is_refused(team):
    team.sql("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(NewerProjectError):
        team.open()
