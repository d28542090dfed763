"""Names and paths of codes, as the views show them (from the one code tree)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Code
from reiscoder.read.code_tree import PATH_SEPARATOR, load_code_tree

__all__ = ["PATH_SEPARATOR", "code_path_parts", "code_paths", "have_subcodes"]


def code_paths(session: Session) -> dict[int, str]:
    """Every code's full path, e.g. "1 Sociale samenhang › 1.2 Kleine ontmoetingen"."""
    return load_code_tree(session).paths()


def code_path_parts(session: Session, code_id: int) -> list[str]:
    return code_paths(session)[code_id].split(PATH_SEPARATOR)


def have_subcodes(session: Session, code_ids: list[int]) -> bool:
    """Whether any of these codes has codes below it."""
    query = select(Code.id).where(Code.parent_id.in_(code_ids)).limit(1)
    return session.scalar(query) is not None
