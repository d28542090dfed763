"""Each fault that SQLite or the system reports becomes its own plain message: real errors,
made by doing what causes them."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from reiscoder.errors import UserError
from reiscoder.model.faults import Fault, classify, explain, storage_fault, user_error
from tests.faults.conftest import assert_plain


def database(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("CREATE TABLE t (x TEXT)")
    connection.execute("INSERT INTO t VALUES ('een')")
    return connection


def read_only_error(tmp_path: Path) -> BaseException:
    connection = database(tmp_path / "a.db")
    connection.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.Error) as caught:
        connection.execute("INSERT INTO t VALUES ('twee')")
    return caught.value


def full_error(tmp_path: Path) -> BaseException:
    connection = database(tmp_path / "a.db")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.Error) as caught:
        connection.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    return caught.value


def busy_error(tmp_path: Path) -> BaseException:
    path = tmp_path / "a.db"
    holder = database(path)
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.Error) as caught:
        other.execute("SELECT * FROM t")
    return caught.value


def not_a_database_error(tmp_path: Path) -> BaseException:
    path = tmp_path / "a.db"
    path.write_bytes(b"Dit is een brief, geen database." * 100)
    with pytest.raises(sqlite3.Error) as caught:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master")
    return caught.value


def cannot_open_error(tmp_path: Path) -> BaseException:
    with pytest.raises(sqlite3.Error) as caught:
        sqlite3.connect(tmp_path / "weg" / "a.db")
    return caught.value


def wrapped_read_only_error(tmp_path: Path) -> BaseException:
    """The same, as SQLAlchemy reports it: with [SQL: ...] and a link to its website."""
    engine = create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x TEXT)"))
    with pytest.raises(OperationalError) as caught, engine.begin() as connection:
        connection.execute(text("PRAGMA query_only = ON"))
        connection.execute(text("INSERT INTO t VALUES ('twee')"))
    engine.dispose()
    assert "[SQL:" in str(caught.value)
    return caught.value


def full_device_error(_tmp_path: Path) -> BaseException:
    with pytest.raises(OSError) as caught, open("/dev/full", "wb") as full:
        full.write(b"x")
        full.flush()
    return caught.value


CASES = {
    "read-only": (read_only_error, Fault.READ_ONLY, "alleen-lezen"),
    "full": (full_error, Fault.DISK_FULL, "De schijf is vol"),
    "busy": (busy_error, Fault.BUSY, "bezet"),
    "not a database": (not_a_database_error, Fault.DAMAGED, "beschadigd"),
    "cannot open": (cannot_open_error, Fault.CANNOT_OPEN, "kan niet worden geopend"),
    "through SQLAlchemy": (wrapped_read_only_error, Fault.READ_ONLY, "alleen-lezen"),
    "full device": (full_device_error, Fault.DISK_FULL, "De schijf is vol"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_fault_is_recognised_and_told_in_plain_dutch(tmp_path, case):
    make, fault, words = CASES[case]
    error = make(tmp_path)
    assert classify(error) is fault
    found = storage_fault(error, "project.reis", doing="Het coderen lukte niet")
    assert found is not None and found.fault is fault
    assert found.message.startswith("Het coderen lukte niet. ")
    assert words in found.message
    assert_plain(found.message)


@pytest.mark.parametrize(
    ("number", "fault"),
    [
        (errno.EROFS, Fault.READ_ONLY),
        (errno.EACCES, Fault.NO_PERMISSION),
        (errno.ENOSPC, Fault.DISK_FULL),
        (errno.EDQUOT, Fault.DISK_FULL),
        (errno.EIO, Fault.DISK_IO),
    ],
)
def test_the_systems_errors_are_recognised_by_their_number(number, fault):
    error = OSError(number, "English words", "/media/usb/project.reis")
    assert classify(error) is fault
    message = storage_fault(error).message
    assert "/media/usb/project.reis" in message
    assert "English words" not in message


def test_an_unknown_database_error_is_named_as_such_and_points_to_the_log(tmp_path):
    connection = database(tmp_path / "a.db")
    with pytest.raises(sqlite3.Error) as caught:
        connection.execute("SELECT nergens FROM t")
    assert classify(caught.value) is None
    found = user_error(caught.value, doing="Het coderen lukte niet")
    assert type(found) is UserError
    assert "onverwacht probleem" in found.message and "logbestand" in found.message
    assert "nergens" not in found.message
    assert_plain(found.message)


def test_every_fault_has_a_message_that_says_what_to_do():
    for fault in Fault:
        message = explain(fault, "project.reis")
        assert message.count(".") >= 2, message  # what happened. what to do.
        assert_plain(message)
