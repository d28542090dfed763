"""Names and paths of codes, as the views show them (from the one code tree)."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session, aliased

from reiscoder.model import Code
from reiscoder.read.code_tree import PATH_SEPARATOR, load_code_tree

__all__ = ["PATH_SEPARATOR", "code_path_parts", "code_paths", "code_paths_of", "have_subcodes"]


def code_paths(session: Session) -> dict[int, str]:
    """Every code's full path, e.g. "1 Sociale samenhang › 1.2 Kleine ontmoetingen"."""
    return load_code_tree(session).paths()


def code_paths_of(session: Session, code_ids: Collection[int]) -> dict[int, str]:
    """The paths of some codes only (as :func:`code_paths` gives them), reading just these
    codes and the codes above them: what a panel needs after one coding."""
    found: dict[int, tuple[int | None, str]] = {}
    if code_ids:
        rows = session.connection().execute(_above_query(), {"codes": list(set(code_ids))})
        found = {code_id: (parent_id, name) for code_id, parent_id, name in rows}
    paths: dict[int, str] = {}
    for code_id in code_ids:
        parts: list[str] = []
        current: int | None = code_id
        while current in found:
            parent_id, name = found[current]
            parts.append(name)
            current = parent_id
        if code_id in found:
            paths[code_id] = PATH_SEPARATOR.join(reversed(parts))
    return paths


@cache
def _above_query() -> Select:
    """These codes and every code above them, in one recursive query built once (it runs
    after every coding); each code comes once (UNION), however many asked codes share it."""
    above = (
        select(Code.id, Code.parent_id, Code.name)
        .where(Code.id.in_(bindparam("codes", expanding=True)))
        .cte("above", recursive=True)
    )
    parent = aliased(Code)
    above = above.union(
        select(parent.id, parent.parent_id, parent.name).join(above, parent.id == above.c.parent_id)
    )
    return select(above.c.id, above.c.parent_id, above.c.name)


def code_path_parts(session: Session, code_id: int) -> list[str]:
    return code_paths(session)[code_id].split(PATH_SEPARATOR)


def have_subcodes(session: Session, code_ids: list[int]) -> bool:
    """Whether any of these codes has codes below it."""
    query = select(Code.id).where(Code.parent_id.in_(code_ids)).limit(1)
    return session.scalar(query) is not None
