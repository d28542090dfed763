"""What every analysis needs: which codings count (scope), the code tree, and segments."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from reiscoder.model import Code, Coder, Coding, Document

CHUNK = 900  # ids per IN (...) clause, below SQLite's variable limit


@dataclass(frozen=True)
class Scope:
    """Which codings an analysis looks at. None means "all"."""

    coder_ids: frozenset[int] | None = None
    document_ids: frozenset[int] | None = None
    code_ids: frozenset[int] | None = None

    def where(self, query: Select[Any]) -> Select[Any]:
        """``query`` restricted to the codings in scope (it must select from codings)."""
        if self.coder_ids is not None:
            query = query.where(Coding.coder_id.in_(sorted(self.coder_ids)))
        if self.document_ids is not None:
            query = query.where(Coding.document_id.in_(sorted(self.document_ids)))
        if self.code_ids is not None:
            query = query.where(Coding.code_id.in_(sorted(self.code_ids)))
        return query


ALL = Scope()


@dataclass(frozen=True, slots=True)
class Segment:
    """A coded stretch of text behind a number in a table: double-click shows it."""

    coding_id: int
    document_id: int
    document_name: str
    code_id: int
    code_name: str
    coder_id: int
    coder_name: str
    start: int
    end: int
    quote: str


def segment_query() -> Select[Any]:
    return (
        select(
            Coding.id,
            Coding.document_id,
            Document.name,
            Coding.code_id,
            Code.name,
            Coding.coder_id,
            Coder.name,
            Coding.start,
            Coding.end,
            Coding.quote,
        )
        .join(Document, Document.id == Coding.document_id)
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
    )


def load_segments(session: Session, coding_ids: Iterable[int]) -> list[Segment]:
    """The segments of these codings, in document order."""
    rows: list[Segment] = []
    for chunk in chunks(sorted(set(coding_ids))):
        query = segment_query().where(Coding.id.in_(chunk))
        rows.extend(Segment(*row) for row in session.execute(query))
    rows.sort(key=lambda s: (s.document_name.casefold(), s.start, s.end, s.coding_id))
    return rows


def raw_rows(session: Session, query: Select[Any]) -> list[tuple]:
    """The rows of a query as plain tuples, read straight from the driver's cursor.

    For hundreds of thousands of plain numbers this is several times faster than result
    rows; the statement is still compiled by SQLAlchemy for whatever database it runs on.
    """
    result = session.connection().execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def int_array(session: Session, query: Select[Any], width: int) -> np.ndarray:
    """The rows of a query of ``width`` integer columns as an (n, width) int64 array."""
    result = session.connection().execute(query)
    try:
        # Driver cursors iterate over their rows (a PEP 249 extension SQLAlchemy's stub omits).
        flat: Iterator[int] = itertools.chain.from_iterable(result.cursor)  # type: ignore[arg-type]
        return np.fromiter(flat, dtype=np.int64).reshape(-1, width)
    finally:
        result.close()


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    for first in range(0, len(ids), size):
        yield list(ids[first : first + size])


def document_names(session: Session) -> dict[int, str]:
    query = select(Document.id, Document.name).order_by(Document.position, Document.id)
    return dict(session.execute(query).tuples().all())


def share(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole``; None when there is no whole."""
    return None if not whole else 100.0 * part / whole


@dataclass(frozen=True, slots=True)
class AttributeChoice:
    id: int
    name: str
    target: str  # "document" or "case"


def attribute_choices(session: Session) -> list[AttributeChoice]:
    from reiscoder.model import Attribute

    query = select(Attribute.id, Attribute.name, Attribute.target).order_by(
        Attribute.target.desc(), Attribute.position, Attribute.id
    )
    return [AttributeChoice(*row) for row in session.execute(query)]


def attribute_values(session: Session, attribute_id: int) -> list[str]:
    """The values an attribute has, its choices first."""
    from reiscoder.model import Attribute, AttributeValue

    attribute = session.get(Attribute, attribute_id)
    ordered = attribute.choice_list() if attribute is not None else []
    given = session.scalars(
        select(AttributeValue.value).where(AttributeValue.attribute_id == attribute_id).distinct()
    ).all()
    return ordered + sorted(set(given) - set(ordered), key=str.casefold)


def range_texts(session: Session, ranges: Iterable[tuple[int, int, int]]) -> list[str]:
    """The text of each (document, start, end), flattened to one line."""
    wanted = list(ranges)
    texts: dict[int, str] = {}
    for chunk in chunks(sorted({document for document, _s, _e in wanted})):
        texts.update(
            session.execute(select(Document.id, Document.text).where(Document.id.in_(chunk)))
            .tuples()
            .all()
        )
    return [" ".join(texts.get(d, "")[s:e].split()) for d, s, e in wanted]
