"""Eight coders coding at the same time on one server: nothing lost, nothing doubled, every
window sees the same project; a coder killed in the middle of a step loses only that step."""

from __future__ import annotations

import multiprocessing
import os
import signal

from sqlalchemy import func, select

from reiscoder.model import Coding
from reiscoder.model.server import invite
from tests.server.coders import code_many, die_mid_transaction

CODERS = 8
EACH = 15
WAIT = 120


def _students(team, count):
    logins = []
    for number in range(count):
        login = team.login(f"student{number}")
        password = invite(team.url(), login, "coder", f"Student {number}")
        team.server.add_password(login, password)
        logins.append(f"student{number}")
    return logins


def test_eight_coders_at_once_lose_and_double_nothing(team):
    context = multiprocessing.get_context("spawn")
    pgpass = str(team.server.folder / "pgpass")
    pipes, processes = [], []
    for member in _students(team, CODERS):
        ours, theirs = context.Pipe()
        process = context.Process(target=code_many, args=(team.url(member), pgpass, EACH, theirs))
        process.start()
        pipes.append(ours)
        processes.append(process)
    committed = []
    for pipe in pipes:
        while True:
            assert pipe.poll(WAIT), "a coder process stopped answering"
            kind, value = pipe.recv()
            if kind == "done":
                break
            committed.append(value)
    for pipe in pipes:
        pipe.send("go on")
    totals = [pipe.recv() for pipe in pipes]
    for process in processes:
        process.join(WAIT)
        assert process.exitcode == 0

    assert len(committed) == len(set(committed)) == CODERS * EACH
    assert totals == [("total", CODERS * EACH)] * CODERS
    with team.open() as project, project.reader() as session:
        ids = set(session.scalars(select(Coding.id)))
        per_coder = session.execute(
            select(Coding.coder_id, func.count()).group_by(Coding.coder_id)
        ).all()
    assert ids == set(committed)
    assert sorted(count for _coder, count in per_coder) == [EACH] * CODERS


def test_a_coder_killed_mid_step_loses_only_that_step(team):
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    pgpass = str(team.server.folder / "pgpass")
    process = context.Process(target=die_mid_transaction, args=(team.url("fatima"), pgpass, theirs))
    process.start()
    assert ours.poll(WAIT)
    _kind, committed = ours.recv()
    assert ours.poll(WAIT)
    _kind, pending = ours.recv()
    os.kill(process.pid, signal.SIGKILL)
    process.join(WAIT)

    with team.open() as project, project.reader() as session:
        ids = set(session.scalars(select(Coding.id)))
    assert committed in ids
    assert pending not in ids
