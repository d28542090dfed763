"""What one coder's process does in the concurrency tests (run with the spawn start method)."""

from __future__ import annotations

import os
from multiprocessing.connection import Connection

from sqlalchemy import func, select

from reiscoder.model import Coding, Document
from reiscoder.model.server import open_server
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.gateway import Gateway
from tests.factories import code_id


def code_many(url: str, pgpass: str, count: int, report: Connection) -> None:
    """Apply ``count`` codings, reporting each committed id; then the total this coder sees."""
    os.environ["PGPASSFILE"] = pgpass
    with open_server(url) as project:
        gateway = Gateway(project)
        coder = project.server.coder_id
        with project.reader() as session:
            document = session.scalar(select(Document.id))
            code = code_id(session, "1.1")
        for number in range(count):
            start = number % 200
            outcome = gateway.execute(
                lambda s, a=start: apply_coding(s, document, code, coder, a, a + 5)
            )
            report.send(("coded", outcome.created_id))
        report.send(("done", None))
        report.recv()  # everyone is done
        with project.reader() as session:
            report.send(("total", session.scalar(select(func.count(Coding.id)))))


def die_mid_transaction(url: str, pgpass: str, report: Connection) -> None:
    """Commit one coding, then start a second and wait, uncommitted, to be killed."""
    os.environ["PGPASSFILE"] = pgpass
    with open_server(url) as project:
        gateway = Gateway(project)
        coder = project.server.coder_id
        with project.reader() as session:
            document = session.scalar(select(Document.id))
            code = code_id(session, "1.1")
        done = gateway.execute(lambda s: apply_coding(s, document, code, coder, 0, 5))
        report.send(("coded", done.created_id))
        with project.transaction() as session:
            pending = apply_coding(session, document, code, coder, 5, 10)
            session.flush()
            report.send(("pending", pending.created_id))
            report.recv()  # never answered: the test kills this process here
