"""Everything that knows a project lives on a PostgreSQL server.

The models are the same as in a project file; this module adds what PostgreSQL does in its own
way: the range checks as PL/pgSQL triggers, the search index (full-text search over the stored
lemmas, accent-insensitive like SQLite's FTS5 table), a notification on every change (for the
other coders' windows), the project's roles with row-level security, and a list of who changed
which row last (so an undo that comes too late can say who was first).
"""

from __future__ import annotations

from sqlalchemy import DDL, Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL

from reiscoder.model.base import Base

CHANNEL = "reiscoder_changes"
SEARCH_CONFIG = "reiscoder"
# Tables whose rows people change and may want to know who changed them last.
AUDITED = (
    "codes",
    "codings",
    "memos",
    "documents",
    "speakers",
    "cases",
    "attributes",
    "attribute_values",
    "coders",
    "pseudonyms",
)
ROLES = ("lead", "coder", "reader")

_WITHIN_TEXT = """
CREATE FUNCTION reiscoder_within_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."end" > (SELECT text_length FROM documents WHERE id = NEW.document_id) THEN
        RAISE EXCEPTION '%%: range beyond the end of the document text', TG_TABLE_NAME
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$
"""
_WITHIN_TEXT_TRIGGER = """
CREATE TRIGGER {table}_within_text BEFORE INSERT OR UPDATE OF start, "end", document_id
ON {table} FOR EACH ROW EXECUTE FUNCTION reiscoder_within_text()
"""
_SEARCH = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} "
    "ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart "
    "WITH unaccent, simple",
    "CREATE INDEX ix_sentences_search ON sentences "
    f"USING GIN (to_tsvector('{SEARCH_CONFIG}'::regconfig, lemmas))",
)
_NOTIFY = f"""
CREATE FUNCTION reiscoder_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', json_build_object(
        'table', TG_TABLE_NAME,
        'client', coalesce(current_setting('reiscoder.client', true), ''),
        'login', session_user)::text);
    RETURN NULL;
END $$
"""
_NOTIFY_TRIGGER = """
CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON "{table}"
FOR EACH STATEMENT EXECUTE FUNCTION reiscoder_notify()
"""
_AUDIT = (
    """CREATE TABLE reiscoder_row_changes (
        table_name TEXT NOT NULL, row_id INTEGER NOT NULL, login TEXT NOT NULL,
        changed_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (table_name, row_id))""",
    """CREATE FUNCTION reiscoder_audit() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
        INSERT INTO reiscoder_row_changes AS c (table_name, row_id, login)
        VALUES (TG_TABLE_NAME, CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
                session_user)
        ON CONFLICT (table_name, row_id)
        DO UPDATE SET login = EXCLUDED.login, changed_at = now();
        RETURN NULL;
    END $$""",
)
_AUDIT_TRIGGER = """
CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON "{table}"
FOR EACH ROW EXECUTE FUNCTION reiscoder_audit()
"""


def _on_postgres(statement: str) -> None:
    event.listen(Base.metadata, "after_create", DDL(statement).execute_if(dialect="postgresql"))


_on_postgres(_WITHIN_TEXT)
for _table in ("codings", "turns", "sentences"):
    _on_postgres(_WITHIN_TEXT_TRIGGER.format(table=_table))
for _statement in _SEARCH:
    _on_postgres(_statement)


def make_server_engine(url: URL, client: str, application: str) -> Engine:
    """An engine on the server; every connection says which window it belongs to, so that
    a window can tell its own changes from its colleagues'."""
    engine = create_engine(
        url.set(drivername="postgresql+psycopg"),
        isolation_level="REPEATABLE READ",
        pool_size=3,
        max_overflow=8,
        pool_pre_ping=True,
        connect_args={"application_name": application[:63]},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: object, _record: object) -> None:
        with dbapi_connection.cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute("SELECT set_config('reiscoder.client', %s, false)", (client,))
        dbapi_connection.commit()  # type: ignore[attr-defined]

    return engine


def install_server_parts(connection: Connection, database: str) -> None:
    """After the tables exist: notifications, the row-change list, roles and their rights."""
    connection.exec_driver_sql(_NOTIFY)
    for table in Base.metadata.sorted_tables:
        connection.exec_driver_sql(_NOTIFY_TRIGGER.format(table=table.name))
    for statement in _AUDIT:
        connection.exec_driver_sql(statement)
    for name in AUDITED:
        connection.exec_driver_sql(_AUDIT_TRIGGER.format(table=name))
    _install_members(connection)
    _install_roles(connection, database)


def _install_members(connection: Connection) -> None:
    connection.exec_driver_sql(
        """CREATE TABLE reiscoder_members (
            login TEXT PRIMARY KEY, coder_id INTEGER NOT NULL UNIQUE REFERENCES coders (id),
            role TEXT NOT NULL CHECK (role IN ('lead', 'coder', 'reader')))"""
    )
    connection.exec_driver_sql(
        """CREATE FUNCTION reiscoder_coder() RETURNS INTEGER LANGUAGE sql STABLE
        SECURITY DEFINER SET search_path = public AS $$
            SELECT coder_id FROM reiscoder_members WHERE login = session_user $$"""
    )
    connection.exec_driver_sql(
        """CREATE FUNCTION reiscoder_blind() RETURNS BOOLEAN LANGUAGE sql STABLE
        SECURITY DEFINER SET search_path = public AS $$
            SELECT coalesce((SELECT value = '1' FROM meta WHERE key = 'blind_coding'), false) $$"""
    )


def role_name(database: str, role: str) -> str:
    """The server role of a project role: one set per database, so projects stay apart."""
    return f"{database}_{role}"


def _install_roles(connection: Connection, database: str) -> None:
    lead, coder, reader = (role_name(database, r) for r in ROLES)
    for role in (lead, coder, reader):
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": role}
        ).first()
        if exists is None:
            connection.exec_driver_sql(f'CREATE ROLE "{role}" NOLOGIN')
    everyone = f'"{lead}", "{coder}", "{reader}"'
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {everyone}")
    connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}")
    connection.exec_driver_sql(
        f'GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{lead}"'
    )
    connection.exec_driver_sql(
        f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{lead}", "{coder}"'
    )
    # A coder writes codings and memos (their own, below) and nothing else.
    connection.exec_driver_sql(f'GRANT INSERT, UPDATE, DELETE ON codings, memos TO "{coder}"')
    for table in ("codings", "memos"):
        _own_rows_only(connection, table, lead, coder)


def _own_rows_only(connection: Connection, table: str, lead: str, coder: str) -> None:
    connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    connection.exec_driver_sql(f'CREATE POLICY lead_all ON {table} TO "{lead}" USING (true)')
    connection.exec_driver_sql(
        f"CREATE POLICY everyone_reads ON {table} FOR SELECT USING (NOT reiscoder_blind() "
        f"OR coder_id = reiscoder_coder() OR pg_has_role('{lead}', 'MEMBER'))"
    )
    for command in ("INSERT", "UPDATE", "DELETE"):
        check = "WITH CHECK" if command == "INSERT" else "USING"
        connection.exec_driver_sql(
            f'CREATE POLICY coder_{command.lower()} ON {table} FOR {command} TO "{coder}" '
            f"{check} (coder_id = reiscoder_coder())"
        )
    connection.exec_driver_sql(
        f'CREATE POLICY coder_update_check ON {table} AS RESTRICTIVE FOR UPDATE TO "{coder}" '
        "WITH CHECK (coder_id = reiscoder_coder())"
    )
