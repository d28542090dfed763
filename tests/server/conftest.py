"""A prepared project database per test, with a lead, a second lead, a coder and a reader."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QSettings

from reiscoder.model.server import init_server, invite, open_server
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template
from reiscoder.ui.settings import Settings
from tests.factories import add_document

_numbers = itertools.count(1)


ADMIN = "reiscoder_admin"


@dataclass
class TeamDatabase:
    """Logins are server-wide, so each test's members get logins of their own."""

    server: object
    name: str

    def login(self, member: str) -> str:
        return ADMIN if member == "anna" else f"{member}_{self.name}"

    def url(self, member: str = "anna") -> str:
        return self.server.url(self.name, self.login(member))  # type: ignore[attr-defined]

    def open(self, member: str = "anna"):
        return open_server(self.url(member), member.capitalize())

    def sql(self, sql: str, member: str = "anna") -> str:
        return self.server.psql(self.name, sql, user=self.login(member))  # type: ignore[attr-defined]


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def team(pg_server):
    name = f"team_{next(_numbers)}"
    pg_server.psql("postgres", f"CREATE DATABASE {name}")
    init_server(pg_server.url(name), "Busreis", "Anna")
    database = TeamDatabase(pg_server, name)
    for member, role in (("bram", "lead"), ("fatima", "coder"), ("rik", "reader")):
        login = database.login(member)
        password = invite(pg_server.url(name), login, role, member.capitalize())
        assert password is not None
        pg_server.add_password(login, password)
    with database.open() as project, project.transaction() as session:
        apply_template(session, load_template(DEFAULT_TEMPLATE))
        add_document(session, "Interview 1")
    yield database
    pg_server.psql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
