"""How often each code was used: codings, documents and words, per code and subtree, by coder.

One grouped query counts codings per (code, coder, document); everything else is summed in
memory. A code's *subtree* figures include its subcodes; documents are counted once however
many codes of the subtree occur in them. *Words* are the words of the text the codings cover,
each word once even where codings overlap (:mod:`reiscoder.analysis.coded_words`): a blank
line is no word, and two coders on one sentence do not make it twice as long.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.analysis.coded_words import WordIndex, union_sizes
from reiscoder.analysis.common import ALL, Scope, int_array, raw_rows
from reiscoder.model import Coding
from reiscoder.read.code_tree import CodeNode, CodeTree, load_code_tree
from reiscoder.read.coders import coder_names


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
        select(Coding.code_id, Coding.coder_id, Coding.document_id, func.count()).group_by(
            Coding.code_id, Coding.coder_id, Coding.document_id
        )
    )
    own: dict[int, dict[int, Counts]] = {}
    total = Counts()
    for code_id, coder_id, document_id, codings in raw_rows(session, query):
        cell = Counts(codings, 0, {document_id})
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
    table = FrequencyTable(rows, names, total)
    _count_words(session, scope, tree, table)
    return table


def _count_words(session: Session, scope: Scope, tree: CodeTree, table: FrequencyTable) -> None:
    """Fill in every ``words``: the union of the codings' words, per group of codings."""
    rows = int_array(
        session,
        scope.where(
            select(Coding.code_id, Coding.coder_id, Coding.document_id, Coding.start, Coding.end)
        ),
        5,
    )
    if not len(rows):
        return
    code, coder, document, start, end = (rows[:, i] for i in range(5))
    index = WordIndex(session, np.unique(document).tolist())
    low, high = index.intervals(document, start, end)
    coder_ids = sorted(set(coder.tolist()))
    coder_of = np.searchsorted(coder_ids, coder)
    width = len(coder_ids)
    positions = {info.id: i for i, info in enumerate(tree.codes)}
    code_of = np.fromiter((positions.get(c, -1) for c in code.tolist()), np.int64, len(code))
    known = code_of >= 0
    # Own figures: each coding for its code; subtree: also for every code above it.
    owner, member = _ancestors(tree, positions, code_of[known])
    chosen = np.flatnonzero(known)[member]
    counts = {
        "own": union_sizes(code_of[known], low[known], high[known], len(tree.codes)),
        "own_by": union_sizes(
            code_of[known] * width + coder_of[known],
            low[known],
            high[known],
            len(tree.codes) * width,
        ),
        "sub": union_sizes(owner, low[chosen], high[chosen], len(tree.codes)),
        "sub_by": union_sizes(
            owner * width + coder_of[chosen], low[chosen], high[chosen], len(tree.codes) * width
        ),
    }
    table.total.words = int(union_sizes(np.zeros(len(low), np.int64), low, high, 1)[0])
    for i, row in enumerate(table.rows):
        row.own.words = int(counts["own"][i])
        row.subtree.words = int(counts["sub"][i])
        for j, coder_id in enumerate(coder_ids):
            if coder_id in row.own_by_coder:
                row.own_by_coder[coder_id].words = int(counts["own_by"][i * width + j])
            if coder_id in row.subtree_by_coder:
                row.subtree_by_coder[coder_id].words = int(counts["sub_by"][i * width + j])


def _ancestors(
    tree: CodeTree, positions: dict[int, int], code_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Every (ancestor-or-self position, coding) pair, as two arrays."""
    chains: list[list[int]] = []
    for info in tree.codes:
        chain = [positions[info.id]]
        parent = info.parent_id
        while parent is not None and parent in positions:
            chain.append(positions[parent])
            parent = tree.by_id[parent].parent_id
        chains.append(chain)
    lengths = np.array([len(c) for c in chains], dtype=np.int64)
    flat = np.array([p for c in chains for p in c], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    repeat = lengths[code_of]
    member = np.repeat(np.arange(len(code_of)), repeat)
    offsets = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    return flat[starts[code_of][member] + offsets], member


def _summed(per_coder: dict[int, Counts]) -> Counts:
    result = Counts()
    for counts in per_coder.values():
        result.add(counts)
    return result
