"""The codebook as the Codebook panel shows it: the tree, counts, search and what a delete costs.

:func:`load_codebook` reads every code with its definition and criteria and counts the codings
and documents of each code, leaving out the codings of hidden coders. Searching is done in
memory (:func:`ranked_matches`), without caring about case or accents, in names and
definitions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import Code, Coding, Memo, Meta
from reiscoder.model.meta import CODEBOOK_LOCK_KEY
from reiscoder.read.memos import fold


@dataclass(slots=True)
class CodebookNode:
    id: int
    parent_id: int | None
    name: str
    color: str
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    codings: int = 0  # codings of this code by the visible coders
    documents: int = 0  # documents in which the visible coders used this code
    total_codings: int = 0  # the same, including every subcode
    children: list[CodebookNode] = field(default_factory=list)
    row: int = 0  # place among its siblings
    _folded: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    def folded(self) -> tuple[str, str]:
        """Name, and name with definition, folded for searching (computed once)."""
        if self._folded is None:
            name = fold(self.name)
            self._folded = (name, name + "\n" + fold(self.definition))
        return self._folded

    @property
    def counts(self) -> tuple[int, int, int]:
        return (self.codings, self.documents, self.total_codings)

    def walk(self) -> Iterator[CodebookNode]:
        """This code and every code below it, in tree order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Codebook:
    roots: list[CodebookNode] = field(default_factory=list)
    by_id: dict[int, CodebookNode] = field(default_factory=dict)

    def walk(self) -> Iterator[CodebookNode]:
        for root in self.roots:
            yield from root.walk()

    def children_of(self, code_id: int | None) -> list[CodebookNode]:
        return self.roots if code_id is None else self.by_id[code_id].children

    def row_of(self, code_id: int) -> int:
        return self.by_id[code_id].row

    def outline(self) -> list[tuple[int, int | None, str, str, str, str, str, str]]:
        """Everything but the counts, in tree order: equal outlines differ only in counts."""
        return [
            (n.id, n.parent_id, n.name, n.color, n.definition, n.inclusion, n.exclusion, n.example)
            for n in self.walk()
        ]

    def ancestors(self, code_id: int) -> list[int]:
        """The codes above ``code_id``, nearest first."""
        chain = []
        parent = self.by_id[code_id].parent_id
        while parent is not None:
            chain.append(parent)
            parent = self.by_id[parent].parent_id
        return chain


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
    codebook = Codebook()
    rows = session.execute(
        select(
            Code.id,
            Code.parent_id,
            Code.name,
            Code.color,
            Code.definition,
            Code.inclusion,
            Code.exclusion,
            Code.example,
        ).order_by(Code.position, Code.id)
    )
    for row in rows:
        codebook.by_id[row[0]] = CodebookNode(*row)
    for node in codebook.by_id.values():
        siblings = codebook.children_of(node.parent_id)
        node.row = len(siblings)
        siblings.append(node)
    _count(session, codebook, hidden_coder_ids)
    return codebook


def _count(session: Session, codebook: Codebook, hidden: Collection[int]) -> None:
    """Codings and documents per code; codings per code with all its subcodes."""
    query = select(Coding.code_id, func.count(), func.count(Coding.document_id.distinct()))
    if hidden:
        query = query.where(Coding.coder_id.not_in(list(hidden)))
    for code_id, codings, documents in session.execute(query.group_by(Coding.code_id)):
        codebook.by_id[code_id].codings = codings
        codebook.by_id[code_id].documents = documents
    for root in codebook.roots:
        _total(root)


def _total(node: CodebookNode) -> int:
    node.total_codings = node.codings + sum(_total(child) for child in node.children)
    return node.total_codings


# -- searching ---------------------------------------------------------------------------------


def search_words(query: str) -> list[str]:
    """The words of a query, folded: lower case, without accents."""
    return fold(query).split()


def node_matches(node: CodebookNode, words: list[str]) -> bool:
    """True when every (folded) word occurs in the code's name or definition."""
    _name, text = node.folded()
    return all(word in text for word in words)


def _rank(node: CodebookNode, words: list[str]) -> int | None:
    """0: the name has words starting so, 1: the name contains them, 2: only the definition."""
    name, text = node.folded()
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
