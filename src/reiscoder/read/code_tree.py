"""The code tree, read one way for every reader: the panels, the command line, the exports,
REFI-QDA and the analysis.

:func:`load_code_tree` reads every code once, in tree order (parents before children,
siblings by position), with its path ("1 Sociale samenhang › 1.2 Kleine ontmoetingen"),
depth and outline number ("1.2"); on request with its definition and criteria, and with the
counts of codings and documents (leaving out hidden coders' codings).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from reiscoder.model import Code, Coding

PATH_SEPARATOR = " › "
_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")


@dataclass(slots=True, eq=False)
class CodeNode:
    id: int
    parent_id: int | None
    name: str
    color: str
    uuid: str = ""
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    depth: int = 0
    path: str = ""
    number: str = ""  # its place in the outline: "2.3"
    row: int = 0  # its place among its siblings
    codings: int = 0  # codings of this code (by the coders that are shown)
    documents: int = 0  # documents in which it was used (by those coders)
    total_codings: int = 0  # codings of this code and every code below it
    children: list[CodeNode] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The name with its number, without repeating a number the name already starts with."""
        match = _LEADING_NUMBER.match(self.name)
        if match and match.group(1) == self.number:
            return self.name
        return f"{self.number} {self.name}"

    @property
    def counts(self) -> tuple[int, int, int]:
        return (self.codings, self.documents, self.total_codings)

    def walk(self) -> Iterator[CodeNode]:
        """This code and every code below it, in tree order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class CodeTree:
    roots: list[CodeNode] = field(default_factory=list)
    by_id: dict[int, CodeNode] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.by_id)

    def walk(self) -> Iterator[CodeNode]:
        """Every code in tree order."""
        for root in self.roots:
            yield from root.walk()

    @property
    def codes(self) -> list[CodeNode]:
        return list(self.walk())

    def children_of(self, code_id: int | None) -> list[CodeNode]:
        return self.roots if code_id is None else self.by_id[code_id].children

    def row_of(self, code_id: int) -> int:
        return self.by_id[code_id].row

    def subtree(self, code_id: int) -> list[int]:
        """``code_id`` and every code below it, in tree order."""
        return [node.id for node in self.by_id[code_id].walk()]

    def ancestors(self, code_id: int) -> list[int]:
        """The codes above ``code_id``, nearest first."""
        chain = []
        parent = self.by_id[code_id].parent_id
        while parent is not None:
            chain.append(parent)
            parent = self.by_id[parent].parent_id
        return chain

    def top_level(self, code_id: int) -> int:
        """The top-level code ``code_id`` belongs to (itself when it has no parent)."""
        chain = self.ancestors(code_id)
        return chain[-1] if chain else code_id

    def paths(self) -> dict[int, str]:
        return {node.id: node.path for node in self.walk()}

    def outline(self) -> list[tuple[int, int | None, str, str, str, str, str, str]]:
        """Everything but the counts, in tree order: equal outlines differ only in counts."""
        return [
            (n.id, n.parent_id, n.name, n.color, n.definition, n.inclusion, n.exclusion, n.example)
            for n in self.walk()
        ]


def load_code_tree(
    session: Session,
    *,
    details: bool = False,
    counts: bool = False,
    hidden_coder_ids: Collection[int] = (),
) -> CodeTree:
    """Every code in tree order; ``details``: definitions and criteria too; ``counts``:
    codings and documents per code, without the codings of ``hidden_coder_ids``."""
    columns = [Code.id, Code.parent_id, Code.name, Code.color, Code.uuid]
    if details:
        columns += [Code.definition, Code.inclusion, Code.exclusion, Code.example]
    tree = CodeTree()
    for row in session.execute(select(*columns).order_by(Code.position, Code.id)):
        tree.by_id[row[0]] = CodeNode(*row)
    for node in tree.by_id.values():
        siblings = tree.children_of(node.parent_id)
        node.row = len(siblings)
        siblings.append(node)
    _place(tree.roots, "", "", 0)
    if counts:
        _count(session, tree, hidden_coder_ids)
    return tree


def _place(nodes: list[CodeNode], number: str, path: str, depth: int) -> None:
    for index, node in enumerate(nodes, start=1):
        node.number = f"{number}{index}"
        node.depth = depth
        node.path = node.name if not path else path + PATH_SEPARATOR + node.name
        _place(node.children, node.number + ".", node.path, depth + 1)


def _count(session: Session, tree: CodeTree, hidden: Collection[int]) -> None:
    query = select(Coding.code_id, func.count(), func.count(Coding.document_id.distinct()))
    if hidden:
        query = query.where(Coding.coder_id.not_in(list(hidden)))
    for code_id, codings, documents in session.execute(query.group_by(Coding.code_id)):
        tree.by_id[code_id].codings = codings
        tree.by_id[code_id].documents = documents
    for root in tree.roots:
        _total(root)


def code_counts(
    session: Session, code_ids: Collection[int], hidden_coder_ids: Collection[int] = ()
) -> dict[int, tuple[int, int]]:
    """Codings and documents of these codes only (by the coders that are shown): what the
    codebook reads after one coding instead of counting every code again."""
    counts = dict.fromkeys(code_ids, (0, 0))
    if not counts:
        return counts
    parameters = {"codes": list(counts), "hidden": list(hidden_coder_ids)}
    rows = session.connection().execute(_counts_query(bool(hidden_coder_ids)), parameters)
    for code_id, codings, documents in rows:
        counts[code_id] = (codings, documents)
    return counts


@cache
def _counts_query(hidden: bool) -> Select:
    """The query of :func:`code_counts`, built once (with its lists expanded when it runs):
    it runs after every coding, and building it cost more than running it."""
    query = select(Coding.code_id, func.count(), func.count(Coding.document_id.distinct()))
    query = query.where(Coding.code_id.in_(bindparam("codes", expanding=True)))
    if hidden:
        query = query.where(Coding.coder_id.not_in(bindparam("hidden", expanding=True)))
    return query.group_by(Coding.code_id)


def set_counts(tree: CodeTree, counts: Mapping[int, tuple[int, int]]) -> set[int]:
    """Put new counts of some codes into ``tree`` and add them up again along the codes above
    them; returns the codes whose counts changed (those and their ancestors)."""
    changed = set()
    for code_id, (codings, documents) in counts.items():
        node = tree.by_id.get(code_id)
        if node is None or (node.codings, node.documents) == (codings, documents):
            continue
        difference = codings - node.codings
        node.codings, node.documents = codings, documents
        changed.add(code_id)
        for above in [code_id, *tree.ancestors(code_id)]:
            tree.by_id[above].total_codings += difference
            changed.add(above)
    return changed


def _total(node: CodeNode) -> int:
    node.total_codings = node.codings + sum(_total(child) for child in node.children)
    return node.total_codings
