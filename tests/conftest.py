"""Shared fixtures. Qt runs offscreen; every test gets its own temporary directory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "REISCODER_LANG", "nl"
)  # a developer's English locale must not turn the suite English

import pytest

from reiscoder import i18n


@pytest.fixture(autouse=True)
def dutch_interface():
    """Every test starts in Dutch, the default language, whatever an earlier test chose."""
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture(scope="session")
def pg_server():
    """One real PostgreSQL server for the whole run (see tests/server/pgserver.py)."""
    from tests.server.pgserver import start_server

    server = start_server()
    before = os.environ.get("PGPASSFILE")
    os.environ["PGPASSFILE"] = str(server.folder / "pgpass")
    yield server
    if before is None:
        os.environ.pop("PGPASSFILE", None)
    else:
        os.environ["PGPASSFILE"] = before
    server.stop()
