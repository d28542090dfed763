"""Moving a whole project between a file and a server: publish, and take a snapshot.

Every row of every table goes across with its id and uuid, in an order that keeps every
reference valid, so a project published and then snapshotted is the same project, row for
row. A snapshot reads the server in one transaction, so it is consistent while others work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from reiscoder.model.base import Base
from reiscoder.model.errors import ProjectError
from reiscoder.model.fulltext import index_sentences
from reiscoder.model.meta import Meta
from reiscoder.model.postgres import install_server_parts
from reiscoder.model.project import Project
from reiscoder.model.server import (
    ROLE_PREFIX_KEY,
    add_member,
    connect,
    create_tables_in_empty,
    describe_connection_error,
    parse_url,
)
from reiscoder.model.tables import table_of

CHUNK = 2_000
SERVER_ONLY_META = (ROLE_PREFIX_KEY, "blind_coding")


def _rows(connection: Connection, table: Table) -> Iterator[list[dict]]:
    result = connection.execution_options(yield_per=CHUNK).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    for partition in result.mappings().partitions(CHUNK):
        yield [dict(row) for row in partition]


def _copy(source: Connection, target: Connection, skip_meta: tuple[str, ...] = ()) -> int:
    copied = 0
    for table in Base.metadata.sorted_tables:
        for rows in _rows(source, table):
            if table.name == "meta":
                rows = [row for row in rows if row["key"] not in skip_meta]
            if rows:
                target.execute(insert(table), rows)
                copied += len(rows)
    return copied


def publish(path: Path, location: str, lead_name: str) -> int:
    """Copy the project file at ``path`` into an empty server database; returns the rows.

    The login in ``location`` becomes a project lead, as the coder ``lead_name``.
    """
    url = parse_url(location)
    engine, _client = connect(url)
    try:
        create_tables_in_empty(engine)
        with (
            Project.open(path, read_only=True) as project,
            project.engine.connect() as source,
            engine.begin() as target,
        ):
            copied = _copy(source, target)
            _advance_sequences(target)
            target.execute(insert(Meta), [{"key": ROLE_PREFIX_KEY, "value": url.database}])
            install_server_parts(target, str(url.database))
        add_member(engine, str(url.username), "lead", lead_name)
    except DBAPIError as error:
        raise ProjectError(describe_connection_error(error, url)) from error
    finally:
        engine.dispose()
    return copied


def _advance_sequences(connection: Connection) -> None:
    """New rows on the server continue after the highest id that came across."""
    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.autoincrement:
            continue
        highest = connection.execute(select(func.max(table.c.id))).scalar()
        if highest:
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                {"t": table.name, "n": highest},
            )


def snapshot(location: str, path: Path) -> int:
    """Write a consistent copy of the server's project to a new project file at ``path``."""
    url = parse_url(location)
    engine, _client = connect(url)
    path = Path(path)
    try:
        with (
            engine.connect() as source,
            Project.create(path, "") as copy,
            copy.transaction() as session,
        ):
            session.execute(table_of(Meta).delete())
            copied = _copy(source, session.connection(), SERVER_ONLY_META)
            index_sentences(session)
    except DBAPIError as error:
        path.unlink(missing_ok=True)
        raise ProjectError(describe_connection_error(error, url)) from error
    finally:
        engine.dispose()
    return copied
