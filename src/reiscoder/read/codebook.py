"""The codebook as the Codebook panel shows it: the tree, counts, search and what a delete costs.

:func:`load_codebook` reads every code with its definition and criteria and counts the codings
and documents of each code, leaving out the codings of hidden coders. Searching is done in
memory (:func:`ranked_matches`), without caring about case or accents, in names and
definitions.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import Code, Coding, Memo, Meta
from reiscoder.model.meta import CODEBOOK_LOCK_KEY
from reiscoder.read.code_tree import CodeNode, CodeTree, load_code_tree
from reiscoder.text.fold import fold

# The Codebook panel's tree is the one code tree, with details and counts.
Codebook = CodeTree
CodebookNode = CodeNode


@dataclass(frozen=True)
class DeletionSummary:
    """What deleting a code takes with it: every coder's codings count, hidden or not."""

    name: str
    subcodes: int
    codings: int
    coders: int
    memos: int  # on the codes and on their codings
    parent_id: int | None
    parent_name: str | None


def load_codebook(session: Session, hidden_coder_ids: Collection[int] = ()) -> Codebook:
    """Every code in tree order, with the counts of the coders that are shown."""
    return load_code_tree(session, details=True, counts=True, hidden_coder_ids=hidden_coder_ids)


# -- searching ---------------------------------------------------------------------------------


def search_words(query: str) -> list[str]:
    """The words of a query, folded: lower case, without accents."""
    return fold(query).split()


def _folded(node: CodeNode) -> tuple[str, str]:
    """Name, and name with definition, folded for searching."""
    name = fold(node.name)
    return name, name + "\n" + fold(node.definition)


def node_matches(node: CodebookNode, words: list[str]) -> bool:
    """True when every (folded) word occurs in the code's name or definition."""
    _name, text = _folded(node)
    return all(word in text for word in words)


def _rank(node: CodebookNode, words: list[str]) -> int | None:
    """0: the name has words starting so, 1: the name contains them, 2: only the definition."""
    name, text = _folded(node)
    if not all(word in text for word in words):
        return None
    name_words = name.split()
    if all(any(w.startswith(word) for w in name_words) for word in words):
        return 0
    if all(word in name for word in words):
        return 1
    return 2


def ranked_matches(codebook: Codebook, query: str) -> list[int]:
    """The codes matching ``query``, best first, in tree order among equals; [] for no query."""
    words = search_words(query)
    if not words:
        return []
    ranked = []
    for order, node in enumerate(codebook.walk()):
        rank = _rank(node, words)
        if rank is not None:
            ranked.append((rank, order, node.id))
    return [code_id for _rank_, _order, code_id in sorted(ranked)]


# -- deleting ------------------------------------------------------------------------------------


def deletion_summary(session: Session, code_id: int) -> DeletionSummary | None:
    """How many subcodes, codings (of every coder) and memos deleting ``code_id`` touches."""
    code = session.get(Code, code_id)
    if code is None:
        return None
    subtree = [code_id]
    for current in subtree:
        subtree.extend(session.scalars(select(Code.id).where(Code.parent_id == current)))
    codings, coders = session.execute(
        select(func.count(), func.count(Coding.coder_id.distinct())).where(
            Coding.code_id.in_(subtree)
        )
    ).one()
    coding_ids = select(Coding.id).where(Coding.code_id.in_(subtree))
    memos = session.scalar(
        select(func.count())
        .select_from(Memo)
        .where(Memo.code_id.in_(subtree) | Memo.coding_id.in_(coding_ids))
    )
    parent = code.parent
    return DeletionSummary(
        name=code.name,
        subcodes=len(subtree) - 1,
        codings=int(codings),
        coders=int(coders),
        memos=int(memos or 0),
        parent_id=code.parent_id,
        parent_name=parent.name if parent is not None else None,
    )


def codebook_locked(session: Session) -> bool:
    """Whether this is a student's copy whose codebook may not change."""
    return session.get(Meta, CODEBOOK_LOCK_KEY) is not None
