"""How often each code was used: codings, documents and words, per code and subtree, by coder.

One grouped query counts codings and words per (code, coder, document); everything else is
summed in memory. A code's *subtree* figures include its subcodes; documents are counted
once however many codes of the subtree occur in them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import ALL, Scope
from reiscoder.model import Coding
from reiscoder.read.code_tree import CodeNode, load_code_tree
from reiscoder.read.coders import coder_names


def quote_words() -> ColumnElement[int]:
    """The number of words in a coding's quote, counted in SQL (runs of single spaces)."""
    flat = func.replace(func.replace(func.trim(Coding.quote), "\n", " "), "\t", " ")
    return func.length(flat) - func.length(func.replace(flat, " ", "")) + 1


@dataclass
class Counts:
    codings: int = 0
    words: int = 0
    document_ids: set[int] = field(default_factory=set)

    @property
    def documents(self) -> int:
        return len(self.document_ids)

    def add(self, other: Counts) -> None:
        self.codings += other.codings
        self.words += other.words
        self.document_ids |= other.document_ids


@dataclass
class CodeFrequency:
    code: CodeNode
    own: Counts
    subtree: Counts
    own_by_coder: dict[int, Counts]
    subtree_by_coder: dict[int, Counts]


@dataclass
class FrequencyTable:
    rows: list[CodeFrequency]
    coders: dict[int, str]  # the coders that appear, id -> name, by name
    total: Counts

    def row(self, code_id: int) -> CodeFrequency:
        return next(row for row in self.rows if row.code.id == code_id)


def code_frequencies(session: Session, scope: Scope = ALL) -> FrequencyTable:
    tree = load_code_tree(session)
    query = scope.where(
        select(
            Coding.code_id,
            Coding.coder_id,
            Coding.document_id,
            func.count(),
            func.sum(quote_words()),
        ).group_by(Coding.code_id, Coding.coder_id, Coding.document_id)
    )
    own: dict[int, dict[int, Counts]] = {}
    total = Counts()
    for code_id, coder_id, document_id, codings, words in session.execute(query):
        cell = Counts(codings, int(words or 0), {document_id})
        own.setdefault(code_id, {}).setdefault(coder_id, Counts()).add(cell)
        total.add(cell)
    seen_coders = {coder for per_coder in own.values() for coder in per_coder}
    names = {i: n for i, n in coder_names(session).items() if i in seen_coders}
    rows = []
    for code in tree.codes:
        own_by_coder = own.get(code.id, {})
        subtree_by_coder: dict[int, Counts] = {}
        for member in tree.subtree(code.id):
            for coder_id, counts in own.get(member, {}).items():
                subtree_by_coder.setdefault(coder_id, Counts()).add(counts)
        rows.append(
            CodeFrequency(
                code,
                _summed(own_by_coder),
                _summed(subtree_by_coder),
                own_by_coder,
                subtree_by_coder,
            )
        )
    return FrequencyTable(rows, names, total)


def _summed(per_coder: dict[int, Counts]) -> Counts:
    result = Counts()
    for counts in per_coder.values():
        result.add(counts)
    return result
