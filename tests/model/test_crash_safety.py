"""A writer killed with SIGKILL loses nothing it reported as saved, and the file stays sound.

The child reports each committed coding through a pipe; the parent kills it after reading a
chosen number of reports, so the kill points do not depend on timing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from reiscoder.model import Coding
from reiscoder.model.project import Project
from tests.factories import add_document, code_id, first_coder_id, new_project

WRITER = textwrap.dedent(
    """
    import sys
    from reiscoder.model.project import Project
    from reiscoder.ops.codings import apply_coding

    project = Project.open(sys.argv[1])
    document, coder = int(sys.argv[2]), int(sys.argv[3])
    codes = [int(c) for c in sys.argv[4].split(",")]
    i = 0
    while True:
        start = i % 150
        with project.transaction() as session:
            outcome = apply_coding(session, document, codes[i // 150], coder, start, start + 4)
        print(outcome.created_id, flush=True)
        i += 1
    """
)


@pytest.mark.parametrize("kill_after", [1, 17, 240])
def test_sigkill_during_coding_loses_no_reported_coding(tmp_path, kill_after):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        document, coder = add_document(session, "Interview"), first_coder_id(session)
        codes = ",".join(str(code_id(session, n)) for n in ("1.1", "1.2", "1.3", "1.4"))
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(document), str(coder), codes],
        stdout=subprocess.PIPE,
        text=True,
    )
    reported = [int(child.stdout.readline()) for _ in range(kill_after)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()

    with Project.open(path) as project:
        with project.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with project.reader() as session:
            saved = set(session.scalars(select(Coding.id)))
            quotes_ok = all(
                c.quote == c.document.text[c.start : c.end] for c in session.scalars(select(Coding))
            )
    assert set(reported) <= saved
    assert quotes_ok
