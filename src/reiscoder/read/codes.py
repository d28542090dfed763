"""Names and paths of codes, as the views show them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Code

PATH_SEPARATOR = " › "


def code_paths(session: Session) -> dict[int, str]:
    """Every code's full path, e.g. "1 Sociale samenhang › 1.2 Kleine ontmoetingen"."""
    rows = {
        cid: (name, parent)
        for cid, name, parent in session.execute(select(Code.id, Code.name, Code.parent_id))
    }
    paths: dict[int, str] = {}

    def path(code_id: int) -> str:
        if code_id not in paths:
            name, parent = rows[code_id]
            paths[code_id] = name if parent is None else path(parent) + PATH_SEPARATOR + name
        return paths[code_id]

    for code_id in rows:
        path(code_id)
    return paths


def code_path_parts(session: Session, code_id: int) -> list[str]:
    return code_paths(session)[code_id].split(PATH_SEPARATOR)


def have_subcodes(session: Session, code_ids: list[int]) -> bool:
    """Whether any of these codes has codes below it."""
    query = select(Code.id).where(Code.parent_id.in_(code_ids)).limit(1)
    return session.scalar(query) is not None
