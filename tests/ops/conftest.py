"""Every operation test runs twice: on a project file and on a project on a PostgreSQL server."""

from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture(params=["sqlite", "postgresql"], autouse=True)
def backend(request):
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        factories.SERVER = factories.ServerDatabases(server)
    yield request.param
    if factories.SERVER is not None:
        factories.SERVER.drop()
    factories.SERVER = None
