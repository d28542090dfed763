"""A project on a PostgreSQL server: prepare a database, invite members, open it.

The password never travels in a URL or in the settings: libpq reads it from the user's
``.pgpass`` file, or it comes from the system keyring (service ``reiscoder``). The URL's
``sslmode`` decides on TLS; an unencrypted connection to another computer is warned about.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from reiscoder import __version__
from reiscoder.i18n import _
from reiscoder.model import migrations
from reiscoder.model.base import Base, new_uuid
from reiscoder.model.coding import Coder
from reiscoder.model.errors import NewerProjectError, ProjectError
from reiscoder.model.meta import Meta
from reiscoder.model.postgres import install_server_parts, make_server_engine, role_name
from reiscoder.model.project import Project

KEYRING_SERVICE = "reiscoder"
LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
ENCRYPTED = {"require", "verify-ca", "verify-full"}
# The project's server roles are named after the database it was prepared in (a copy made
# with CREATE DATABASE ... TEMPLATE keeps them).
ROLE_PREFIX_KEY = "server_role_prefix"


@dataclass(frozen=True)
class ServerInfo:
    url: URL  # without password
    login: str
    role: str  # lead, coder or reader
    coder_id: int | None
    coder_name: str | None
    client: str  # this window's id: its own changes are not announced back to it

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @property
    def database(self) -> str:
        return str(self.url.database)


def is_server_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def parse_url(location: str) -> URL:
    try:
        url = make_url(location.replace("postgres://", "postgresql://", 1))
    except ArgumentError as error:
        raise ProjectError(_("This is not a server address: {url}").format(url=location)) from error
    if not url.drivername.startswith("postgresql") or not url.database:
        raise ProjectError(_("A server address looks like postgresql://user@host/database."))
    return url


def connection_warnings(url: URL) -> list[str]:
    sslmode = url.query.get("sslmode")
    if (url.host or "") not in LOCAL_HOSTS and sslmode not in ENCRYPTED:
        return [
            _(
                "The connection to {host} is not encrypted for certain: add ?sslmode=require "
                "(or verify-full) to the address, or ask your IT department."
            ).format(host=url.host)
        ]
    return []


def _with_password(url: URL) -> URL:
    """The URL with a password from the keyring; without one, libpq reads ``.pgpass``."""
    if url.password or not url.username:
        return url
    try:
        import keyring
    except ImportError:
        return url
    try:
        password = keyring.get_password(KEYRING_SERVICE, _keyring_name(url))
    except (keyring.errors.KeyringError, RuntimeError):
        password = None
    return url.set(password=password) if password else url


def _keyring_name(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def store_password(url: URL, password: str) -> None:
    """Keep a password in the system keyring for this server and database."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, _keyring_name(url), password)


def conninfo(url: URL) -> str:
    """The URL as libpq connection parameters (password from the keyring, or .pgpass)."""
    from psycopg.conninfo import make_conninfo

    url = _with_password(url)
    parts = {
        "host": url.host,
        "port": url.port,
        "user": url.username,
        "password": url.password,
        "dbname": url.database,
        **{key: str(value) for key, value in url.query.items()},
    }
    return make_conninfo("", **{key: value for key, value in parts.items() if value})


def connect(url: URL, name: str = "") -> tuple[Engine, str]:
    client = uuid.uuid4().hex
    application = f"reiscoder: {name}" if name else "reiscoder"
    return make_server_engine(_with_password(url), client, application), client


def open_location(
    location: str | Path, *, read_only: bool = False, coder_name: str = ""
) -> Project:
    """A project file, or a project on a server when ``location`` is a postgresql:// URL."""
    if isinstance(location, str) and is_server_url(location):
        return open_server(location, coder_name)
    return Project.open(Path(location), read_only=read_only)


def open_server(location: str, coder_name: str = "") -> Project:
    """Open the project in a server database, as the member the login belongs to."""
    url = parse_url(location)
    engine, client = connect(url, coder_name)
    try:
        with Session(engine) as session:
            version, member = _version_and_member(session)
    except DBAPIError as error:
        engine.dispose()
        raise ProjectError(describe_connection_error(error, url)) from error
    if version > migrations.SCHEMA_VERSION:
        engine.dispose()
        raise NewerProjectError(
            _(
                "This project was saved by a newer version of reiscoder (schema {found}; this "
                "version knows up to {known}). Update reiscoder to open it."
            ).format(found=version, known=migrations.SCHEMA_VERSION)
        )
    if version < migrations.SCHEMA_VERSION:
        _upgrade(engine, version, member)
    login = url.username or ""
    role, coder_id, coder = member if member is not None else ("reader", None, None)
    info = ServerInfo(url.set(password=None), login, role, coder_id, coder, client)
    project = Project(None, engine, None, server=info)
    project.warnings.extend(connection_warnings(url))
    if member is None:
        project.warnings.append(
            _("Your login {login} is not a member of this project: you can only read it.").format(
                login=login
            )
        )
    return project


def _upgrade(engine: Engine, version: int, member: tuple[str, int, str] | None) -> None:
    """An older schema on the server is upgraded by a lead, with the same numbered steps."""
    if member is None or member[0] != "lead" or version < migrations.FIRST_SERVER_VERSION:
        engine.dispose()
        raise ProjectError(
            _(
                "This project on the server has an older schema (version {found}); a project "
                "lead opens it once to upgrade it (a snapshot is a good backup first)."
            ).format(found=version)
        )
    with Session(engine) as session, session.begin():
        migrations.upgrade(session.connection(), version)
        session.merge(Meta(key="schema_version", value=str(migrations.SCHEMA_VERSION)))


def _version_and_member(session: Session) -> tuple[int, tuple[str, int, str] | None]:
    tables = session.execute(
        text("SELECT to_regclass('public.meta'), to_regclass('public.reiscoder_members')")
    ).one()
    if tables[0] is None or tables[1] is None:
        raise ProjectError(
            _(
                "This database holds no reiscoder project yet. Prepare it once with "
                "`reiscoder server init`."
            )
        )
    version = int(session.scalar(select(Meta.value).where(Meta.key == "schema_version")) or 0)
    member = session.execute(
        text(
            "SELECT m.role, m.coder_id, c.name FROM reiscoder_members m "
            "JOIN coders c ON c.id = m.coder_id WHERE m.login = session_user"
        )
    ).first()
    if member is None:
        return version, None
    return version, (str(member[0]), int(member[1]), str(member[2]))


def describe_connection_error(error: DBAPIError, url: URL) -> str:
    """A server's refusal in plain words."""
    detail = str(error.orig).lower()
    host = url.host or "localhost"
    if "password authentication failed" in detail or "no password supplied" in detail:
        return _(
            "The server {host} did not accept the login {login}: check the password in your "
            ".pgpass file or keyring."
        ).format(host=host, login=url.username)
    if "does not exist" in detail and "database" in detail:
        return _("The server {host} has no database {database}.").format(
            host=host, database=url.database
        )
    if "permission denied" in detail:
        return _("Your login has no permission for this project on {host}.").format(host=host)
    if "connection refused" in detail or "could not connect" in detail or "timeout" in detail:
        return _(
            "The server {host} cannot be reached. Check your network (or VPN) and try again."
        ).format(host=host)
    return _("The server {host} refused: {reason}").format(host=host, reason=error.orig)


# -- preparing a server ------------------------------------------------------------------


def create_tables_in_empty(engine: Engine) -> None:
    """The project's tables in a database that holds no project yet (else refused)."""
    with engine.begin() as connection:
        if connection.execute(text("SELECT to_regclass('public.meta')")).scalar():
            raise ProjectError(_("This database already holds a reiscoder project."))
    Base.metadata.create_all(engine)


def init_server(location: str, name: str, lead_name: str) -> None:
    """Prepare an empty database: the schema, the roles, and the login that runs it as lead."""
    url = parse_url(location)
    engine, _client = connect(url)
    try:
        create_tables_in_empty(engine)
        with engine.begin() as connection:
            install_server_parts(connection, str(url.database))
        with Session(engine) as session, session.begin():
            session.add_all(
                [
                    Meta(key="schema_version", value=str(migrations.SCHEMA_VERSION)),
                    Meta(key="project_uuid", value=new_uuid()),
                    Meta(key="name", value=name),
                    Meta(key="created_with", value=__version__),
                    Meta(key=ROLE_PREFIX_KEY, value=str(url.database)),
                ]
            )
        add_member(engine, str(url.username), "lead", lead_name)
    except DBAPIError as error:
        raise ProjectError(describe_connection_error(error, url)) from error
    finally:
        engine.dispose()


def add_member(engine: Engine, login: str, role: str, coder_name: str) -> int:
    """Make ``login`` a member with ``role`` and a coder row of its own; returns the coder id."""
    with Session(engine) as session, session.begin():
        prefix = str(session.scalar(select(Meta.value).where(Meta.key == ROLE_PREFIX_KEY)))
        coder_id = session.scalar(select(Coder.id).where(Coder.name == coder_name))
        if coder_id is None:
            coder = Coder(name=coder_name)
            session.add(coder)
            session.flush()
            coder_id = coder.id
        session.execute(
            text(
                "INSERT INTO reiscoder_members (login, coder_id, role) VALUES (:l, :c, :r) "
                "ON CONFLICT (login) DO UPDATE "
                "SET role = EXCLUDED.role, coder_id = EXCLUDED.coder_id"
            ),
            {"l": login, "c": coder_id, "r": role},
        )
        for other in ("lead", "coder", "reader"):
            grant = "GRANT" if other == role else "REVOKE"
            direction = "TO" if other == role else "FROM"
            session.execute(text(f'{grant} "{role_name(prefix, other)}" {direction} "{login}"'))
    return int(coder_id)


def invite(location: str, login: str, role: str, coder_name: str) -> str | None:
    """Make ``login`` a member (run by a lead); a new login gets a first password, returned."""
    if role not in ("lead", "coder", "reader"):
        raise ProjectError(_("A role is lead, coder or reader."))
    url = parse_url(location)
    engine, _client = connect(url)
    password = None
    try:
        with engine.begin() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": login}
            ).first()
            if exists is None:
                password = secrets.token_urlsafe(12)
                quoted = password.replace("'", "''")
                connection.exec_driver_sql(f"CREATE ROLE \"{login}\" LOGIN PASSWORD '{quoted}'")
        add_member(engine, login, role, coder_name)
    except DBAPIError as error:
        raise ProjectError(describe_connection_error(error, url)) from error
    finally:
        engine.dispose()
    return password


def who_is_here(project: Project) -> list[str]:
    """The coders with a reiscoder window on this project now (this one included)."""
    with project.reader() as session:
        rows = session.execute(
            text(
                "SELECT DISTINCT substr(application_name, 12) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name LIKE 'reiscoder: %'"
            )
        ).scalars()
        return sorted(name for name in rows if name)


def last_changed_by(session: Session, table: str, row_id: int) -> str | None:
    """The coder (or login) who last changed a row, if the server knows."""
    row = session.execute(
        text(
            "SELECT coalesce(c.name, r.login) FROM reiscoder_row_changes r "
            "LEFT JOIN reiscoder_members m ON m.login = r.login "
            "LEFT JOIN coders c ON c.id = m.coder_id "
            "WHERE r.table_name = :t AND r.row_id = :i"
        ),
        {"t": table, "i": row_id},
    ).first()
    return str(row[0]) if row is not None else None


# -- faults during work ------------------------------------------------------------------

COLLISIONS = {"40001", "40P01"}  # serialization failure, deadlock: simply try again


def _sqlstate(error: SQLAlchemyError) -> str:
    return str(getattr(getattr(error, "orig", None), "sqlstate", "") or "")


def is_collision(error: BaseException) -> bool:
    """Two transactions met; the later one may simply be tried again."""
    return isinstance(error, SQLAlchemyError) and _sqlstate(error) in COLLISIONS


def server_refusal(error: SQLAlchemyError, info: ServerInfo) -> str | None:
    """A server's refusal of a write in plain words, or None when it is no refusal we know."""
    state = _sqlstate(error)
    roles = {"lead": _("project lead"), "coder": _("coder"), "reader": _("reader")}
    if state == "42501":  # insufficient privilege, row-level security included
        return _(
            "Your role in this project ({role}) does not allow this: a coder changes only "
            "their own codings and memos, a reader nothing. Nothing was changed."
        ).format(role=roles.get(info.role, info.role))
    if state == "23503":
        return _(
            "Someone has just removed what this change refers to (a code or a document, say). "
            "Nothing was changed; the window shows the project as it is now."
        )
    if state == "23505":
        return _("That name has just been taken by someone else. Nothing was changed.")
    if isinstance(error, OperationalError) or state.startswith("08"):
        return _(
            "The connection to the server {host} was lost; this change was not saved. "
            "reiscoder connects again as soon as the server can be reached."
        ).format(host=info.url.host or "localhost")
    return None
