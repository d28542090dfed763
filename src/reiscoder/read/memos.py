"""All memos of a project in one list: what each belongs to, its text, who wrote it, when.

:func:`load_memos` reads every memo with one query; :func:`memo_matches` searches title, text
and what a memo belongs to without caring about case or accents ("cafe" finds "café").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reiscoder.model import Coder, Coding, Document, Memo
from reiscoder.read.codes import code_paths
from reiscoder.text.fold import fold


class MemoKind(StrEnum):
    PROJECT = "project"
    DOCUMENT = "document"
    CODE = "code"
    CODING = "coding"


@dataclass(frozen=True, slots=True)
class MemoRow:
    id: int
    kind: MemoKind
    title: str
    text: str
    coder_id: int
    coder_name: str
    created: datetime
    modified: datetime
    document_id: int | None  # the memo's document, or the coding's document
    document_name: str
    code_id: int | None  # the memo's code, or the coding's code
    code_path: str
    coding_id: int | None
    start: int | None  # the coding's range
    end: int | None
    quote: str

    @property
    def first_line(self) -> str:
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""


def load_memos(session: Session) -> list[MemoRow]:
    """Every memo, most recently changed first."""
    paths = code_paths(session)
    coding_document = aliased(Document)
    memo_document = aliased(Document)
    query = (
        select(
            Memo.id,
            Memo.title,
            Memo.text,
            Memo.coder_id,
            Coder.name,
            Memo.created,
            Memo.modified,
            Memo.document_id,
            memo_document.name,
            Memo.code_id,
            Memo.coding_id,
            Coding.code_id,
            Coding.document_id,
            coding_document.name,
            Coding.start,
            Coding.end,
            Coding.quote,
        )
        .join(Coder, Coder.id == Memo.coder_id)
        .outerjoin(memo_document, memo_document.id == Memo.document_id)
        .outerjoin(Coding, Coding.id == Memo.coding_id)
        .outerjoin(coding_document, coding_document.id == Coding.document_id)
        .order_by(Memo.modified.desc(), Memo.id.desc())
    )
    return [_row(row, paths) for row in session.execute(query).tuples()]


def _row(row: tuple, paths: dict[int, str]) -> MemoRow:
    (memo_id, title, text, coder_id, coder, created, modified, document_id, document_name) = row[:9]
    code_id, coding_id, coding_code, coding_doc, coding_doc_name, start, end, quote = row[9:]
    if coding_id is not None:
        kind, code_id, document_id, document_name = (
            MemoKind.CODING,
            coding_code,
            coding_doc,
            coding_doc_name,
        )
    elif document_id is not None:
        kind = MemoKind.DOCUMENT
    elif code_id is not None:
        kind = MemoKind.CODE
    else:
        kind = MemoKind.PROJECT
    return MemoRow(
        id=memo_id,
        kind=kind,
        title=title,
        text=text,
        coder_id=coder_id,
        coder_name=coder,
        created=created,
        modified=modified,
        document_id=document_id,
        document_name=document_name or "",
        code_id=code_id,
        code_path=paths.get(code_id, "") if code_id is not None else "",
        coding_id=coding_id,
        start=start,
        end=end,
        quote=quote or "",
    )


def memo_matches(row: MemoRow, query: str) -> bool:
    """True when every word of ``query`` occurs in the memo's title, text or owner."""
    words = fold(query).split()
    if not words:
        return True
    haystack = fold(" ".join((row.title, row.text, row.document_name, row.code_path)))
    return all(word in haystack for word in words)


def filter_memos(
    rows: list[MemoRow], query: str = "", kinds: frozenset[MemoKind] | None = None
) -> list[MemoRow]:
    return [
        row for row in rows if (kinds is None or row.kind in kinds) and memo_matches(row, query)
    ]
