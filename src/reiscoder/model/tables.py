"""Typed Core access to the mapped tables: a model's table, what an INSERT or UPDATE reports.

``DeclarativeBase.__table__`` is typed as any ``FromClause`` and ``Session.execute`` as
returning a plain ``Result``; for our models and for Core DML they are a ``Table`` and the
``CursorResult`` that carries the new primary key and the row count.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult, Result, Table

from reiscoder.model.base import Base


def table_of(model: type[Base]) -> Table:
    """The table a model is mapped to."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table


def inserted_id(result: Result[Any]) -> int:
    """The primary key of the one row an ``insert(...)`` statement wrote."""
    key = _cursor(result).inserted_primary_key
    if key is None:
        raise TypeError("not the result of an INSERT of one row")
    return int(key[0])


def row_count(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE statement matched."""
    return _cursor(result).rowcount


def _cursor(result: Result[Any]) -> CursorResult[Any]:
    if not isinstance(result, CursorResult):
        raise TypeError(f"not the result of an INSERT, UPDATE or DELETE: {result!r}")
    return result
