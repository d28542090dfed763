"""Plain SQL that runs on either database: for the few hot paths that skip the ORM.

Statements are written with ``?`` placeholders (SQLite's); for PostgreSQL's driver they
become ``%s``. The statements must not contain a literal ``?`` or ``%``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import CursorResult
from sqlalchemy.orm import Session


def driver_sql(
    session: Session, statement: str, parameters: Sequence[Any] | Sequence[Sequence[Any]] = ()
) -> CursorResult[Any]:
    """Run ``statement`` on the session's connection; a list of tuples runs it many times."""
    connection = session.connection()
    if connection.dialect.paramstyle != "qmark":
        statement = statement.replace("?", "%s")
    if parameters and isinstance(parameters[0], (list, tuple)):
        return connection.exec_driver_sql(statement, list(parameters))
    return connection.exec_driver_sql(statement, tuple(parameters))
