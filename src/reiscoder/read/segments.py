"""The coded segments of some codes, with where they are and who coded them.

One query loads every segment of the chosen codes with its document, speaker, turn (number
and timestamp), coder and memo; a second loads the attribute values of documents and cases
so that segments can be filtered by etappe, wijk or the role of the speaker. Filtering is
done in memory by :func:`filter_segments`, so changing a filter never touches the database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import (
    Attribute,
    AttributeValue,
    Code,
    Coder,
    Coding,
    Document,
    Memo,
    Speaker,
    Turn,
)
from reiscoder.read.code_tree import load_code_tree

# The value a segment has for an attribute its document or case leaves empty.
NO_VALUE = ""


@dataclass(frozen=True, slots=True)
class SegmentRow:
    coding_id: int
    code_id: int
    code_name: str
    color: str
    document_id: int
    document_name: str
    document_position: int
    start: int
    end: int
    coder_id: int
    coder_name: str
    quote: str
    memo: str
    speaker: str | None
    case_id: int | None
    turn_number: int | None  # 1-based number of the turn the segment starts in
    timestamp_ms: int | None  # its turn's time; with a recording, the moment it is spoken
    time_exact: bool = True  # False: worked out between known moments (shown with "≈")


@dataclass(frozen=True, slots=True)
class AttributeInfo:
    id: int
    name: str
    target: str  # "document" or "case" (the case of the segment's speaker)


@dataclass
class SegmentSet:
    """The segments of some codes, and what is needed to filter them by attribute."""

    rows: list[SegmentRow] = field(default_factory=list)
    attributes: list[AttributeInfo] = field(default_factory=list)
    code_ids: frozenset[int] = frozenset()  # the codes listed (with subcodes, if asked)
    # (target, owner id) -> attribute id -> value
    values: dict[tuple[str, int], dict[int, str]] = field(default_factory=dict)

    def value(self, row: SegmentRow, attribute: AttributeInfo) -> str:
        owner = row.document_id if attribute.target == "document" else row.case_id
        if owner is None:
            return NO_VALUE
        return self.values.get((attribute.target, owner), {}).get(attribute.id, NO_VALUE)

    def coders(self, hidden: Collection[int] = ()) -> list[tuple[int, str]]:
        """The coders of these segments, by name, leaving out the hidden ones."""
        found = {r.coder_id: r.coder_name for r in self.rows if r.coder_id not in hidden}
        return sorted(found.items(), key=lambda item: item[1].casefold())

    def options(self, attribute: AttributeInfo) -> list[str]:
        """The values this attribute has among the segments (``NO_VALUE`` last, if any)."""
        found = {self.value(row, attribute) for row in self.rows}
        ordered = sorted(found - {NO_VALUE}, key=str.casefold)
        return ordered + [NO_VALUE] if NO_VALUE in found else ordered


@dataclass(frozen=True)
class SegmentFilter:
    """Which segments to show. ``coder_ids`` None means every coder that is not hidden."""

    coder_ids: frozenset[int] | None = None
    hidden_coder_ids: frozenset[int] = frozenset()
    attribute_values: Mapping[int, frozenset[str]] = field(default_factory=dict)
    document_ids: frozenset[int] | None = None  # only these documents (a document group)

    @property
    def active(self) -> bool:
        return (
            self.coder_ids is not None
            or bool(self.attribute_values)
            or self.document_ids is not None
        )


def with_subcodes(session: Session, code_ids: Iterable[int]) -> list[int]:
    """The codes and every code below them, each once, in the order given then found."""
    tree = load_code_tree(session)
    found: dict[int, None] = {}
    for code_id in code_ids:
        found.update(dict.fromkeys(tree.subtree(code_id)))
    return list(found)


def load_segments(
    session: Session, code_ids: Iterable[int], *, include_subcodes: bool = False
) -> SegmentSet:
    """Every segment of the codes, in document order; empty when no code is given."""
    ids = with_subcodes(session, code_ids) if include_subcodes else list(dict.fromkeys(code_ids))
    if not ids:
        return SegmentSet()
    return SegmentSet(
        rows=_segment_rows(session, Coding.code_id.in_(ids)),
        attributes=_attributes(session),
        values=_attribute_values(session),
        code_ids=frozenset(ids),
    )


def load_segment_rows(session: Session, coding_ids: Collection[int]) -> list[SegmentRow]:
    """The segments of these codings only, whatever their code (one change's codings)."""
    if not coding_ids:
        return []
    rows = session.connection().execute(_codings_query(), {"coding_ids": list(coding_ids)})
    return with_spoken_times(session, [SegmentRow(*row) for row in rows])


def segment_order(row: SegmentRow) -> tuple[int, int, int, int]:
    """The order :func:`load_segments` gives: documents in project order, then the text."""
    return row.document_position, row.document_id, row.start, row.end


def filter_segments(segments: SegmentSet, segment_filter: SegmentFilter) -> list[SegmentRow]:
    hidden = segment_filter.hidden_coder_ids
    chosen = segment_filter.coder_ids
    documents = segment_filter.document_ids
    rows = [
        r
        for r in segments.rows
        if r.coder_id not in hidden
        and (chosen is None or r.coder_id in chosen)
        and (documents is None or r.document_id in documents)
    ]
    for attribute in segments.attributes:
        accepted = segment_filter.attribute_values.get(attribute.id)
        if accepted is not None:
            rows = [r for r in rows if segments.value(r, attribute) in accepted]
    return rows


def document_count(rows: Iterable[SegmentRow]) -> int:
    return len({row.document_id for row in rows})


def format_timestamp(milliseconds: int) -> str:
    seconds = milliseconds // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def place_label(timestamp_ms: int | None, turn_number: int | None, *, exact: bool = True) -> str:
    """Where a fragment is, in every panel and export alike: its turn's timestamp ("≈" when it
    was worked out between known moments), or else the turn's number ("beurt 12"); empty
    when neither is known."""
    if timestamp_ms is not None:
        return ("" if exact else "≈ ") + format_timestamp(timestamp_ms)
    if turn_number is not None:
        return _("turn {number}").format(number=turn_number)
    return ""


def _segment_rows(session: Session, which: ColumnElement[bool]) -> list[SegmentRow]:
    rows = session.connection().execute(_segment_query(which))
    return with_spoken_times(session, [SegmentRow(*row) for row in rows])


@cache
def _codings_query() -> Select:
    """The query for some codings, built once: it runs after every coding."""
    return _segment_query(Coding.id.in_(bindparam("coding_ids", expanding=True)))


def _segment_query(which: ColumnElement[bool]) -> Select:
    turn_of_coding = (
        select(Turn.id)
        .where(Turn.document_id == Coding.document_id, Turn.start <= Coding.start)
        .order_by(Turn.start.desc())
        .limit(1)
        .scalar_subquery()
    )
    memo = (
        select(Memo.text)
        .where(Memo.coding_id == Coding.id)
        .order_by(Memo.id)
        .limit(1)
        .scalar_subquery()
    )
    codings = (
        select(
            Coding.id.label("coding_id"),
            Coding.code_id,
            Coding.document_id,
            Coding.coder_id,
            Coding.start,
            Coding.end,
            Coding.quote,
            func.coalesce(memo, "").label("memo"),
            turn_of_coding.label("turn_id"),
        )
        .where(which)
        .subquery()
    )
    numbered = (
        select(
            Turn.id,
            Turn.speaker_id,
            Turn.timestamp_ms,
            func.row_number()
            .over(partition_by=Turn.document_id, order_by=Turn.start)
            .label("number"),
        )
        .where(Turn.document_id.in_(select(codings.c.document_id)))
        .subquery()
    )
    query = (
        select(
            codings.c.coding_id,
            codings.c.code_id,
            Code.name,
            Code.color,
            codings.c.document_id,
            Document.name,
            Document.position,
            codings.c.start,
            codings.c.end,
            codings.c.coder_id,
            Coder.name,
            codings.c.quote,
            codings.c.memo,
            Speaker.name,
            Speaker.case_id,
            numbered.c.number,
            numbered.c.timestamp_ms,
        )
        .join(Code, Code.id == codings.c.code_id)
        .join(Document, Document.id == codings.c.document_id)
        .join(Coder, Coder.id == codings.c.coder_id)
        .outerjoin(numbered, numbered.c.id == codings.c.turn_id)
        .outerjoin(Speaker, Speaker.id == numbered.c.speaker_id)
        .order_by(Document.position, Document.id, codings.c.start, codings.c.end)
    )
    return query


def with_spoken_times(session: Session, rows: list[SegmentRow]) -> list[SegmentRow]:
    """In documents with a recording or sync points, each segment gets the moment its first
    word is spoken (so that it can be played, and exports carry it)."""
    from reiscoder.read.timing import timed_documents, timing_source

    timed = timed_documents(session)
    timings = {}
    result = []
    for row in rows:
        if row.document_id not in timed:
            result.append(row)
            continue
        if row.document_id not in timings:
            timings[row.document_id] = timing_source(session, row.document_id).timing()
        timing = timings[row.document_id]
        ms, exact = timing.time_at(row.start), timing.is_exact(row.start)
        result.append(replace(row, timestamp_ms=ms, time_exact=exact))
    return result


def _attributes(session: Session) -> list[AttributeInfo]:
    rows = session.execute(
        select(Attribute.id, Attribute.name, Attribute.target).order_by(
            Attribute.target.desc(), Attribute.position, Attribute.id
        )
    )
    return [AttributeInfo(*row) for row in rows]


def _attribute_values(session: Session) -> dict[tuple[str, int], dict[int, str]]:
    values: dict[tuple[str, int], dict[int, str]] = {}
    rows = session.execute(
        select(
            AttributeValue.attribute_id,
            AttributeValue.document_id,
            AttributeValue.case_id,
            AttributeValue.value,
        )
    )
    for attribute_id, document_id, case_id, value in rows:
        key = ("document", document_id) if document_id is not None else ("case", case_id)
        values.setdefault(key, {})[attribute_id] = value
    return values
