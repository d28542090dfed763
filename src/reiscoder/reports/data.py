"""What exports read: the numbered code tree, the selected codings, and how to cite them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _, current_language
from reiscoder.model import Attribute, AttributeValue, Code, Coding, Document, Meta
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.coders import coder_names
from reiscoder.read.segments import (
    SegmentFilter,
    SegmentRow,
    SegmentSet,
    filter_segments,
    load_segments,
    place_label,
    with_subcodes,
)
from reiscoder.reports.options import Selection

# -- the selected codings -------------------------------------------------------------------


@dataclass
class Fragments:
    """The codings an export covers, in document order, with attribute values to show."""

    segments: SegmentSet
    rows: list[SegmentRow]

    def attributes_of(self, row: SegmentRow) -> list[tuple[str, str]]:
        """(name, value) of the row's document and speaker's case, where a value is set."""
        pairs = []
        for attribute in self.segments.attributes:
            value = self.segments.value(row, attribute)
            if value:
                pairs.append((attribute.name, value))
        return pairs


def selected_code_ids(session: Session, selection: Selection) -> list[int]:
    if selection.code_ids is None:
        return [node.id for node in load_code_tree(session).walk()]
    if selection.include_subcodes:
        return with_subcodes(session, selection.code_ids)
    return list(dict.fromkeys(selection.code_ids))


def load_fragments(session: Session, selection: Selection) -> Fragments:
    segments = load_segments(session, selected_code_ids(session, selection))
    rows = filter_segments(
        segments,
        SegmentFilter(
            coder_ids=selection.coder_ids,
            attribute_values=dict(selection.attribute_values),
        ),
    )
    if selection.document_ids is not None:
        rows = [row for row in rows if row.document_id in selection.document_ids]
    return Fragments(segments, rows)


def where(row: SegmentRow) -> str:
    """The place in the document: the timestamp of the turn, or its number."""
    return place_label(row.timestamp_ms, row.turn_number, exact=row.time_exact)


def citation(row: SegmentRow) -> str:
    """Document · speaker · timestamp or paragraph, e.g. for under a quote."""
    parts = [row.document_name, row.speaker or "", where(row)]
    return " · ".join(part for part in parts if part)


# -- the project and the selection in words -------------------------------------------------


def project_name(session: Session) -> str:
    return session.scalar(select(Meta.value).where(Meta.key == "name")) or ""


def long_date(moment: datetime) -> str:
    """A date as people write it: "12 maart 2026" in Dutch, "March 12, 2026" in English."""
    return format_date(moment.date(), format="long", locale=current_language())


def local_time(moment: datetime) -> datetime:
    """A stored UTC moment in the computer's time zone, without zone (for spreadsheets)."""
    return moment.astimezone().replace(tzinfo=None, microsecond=0)


def describe_selection(session: Session, selection: Selection) -> list[tuple[str, str]]:
    """The filters of a selection as (label, value) pairs, for a report's first page."""
    lines = []
    if selection.code_ids is not None:
        codes = session.execute(select(Code.id, Code.name).where(Code.id.in_(selection.code_ids)))
        by_id = dict(codes.tuples().all())
        chosen = ", ".join(by_id[i] for i in selection.code_ids if i in by_id)
        lines.append((_("Codes"), chosen))
    if selection.coder_ids is not None:
        lines.append((_("Coders"), ", ".join(coder_names(session, selection.coder_ids).values())))
    if selection.document_ids is not None:
        names = session.scalars(
            select(Document.name)
            .where(Document.id.in_(selection.document_ids))
            .order_by(Document.position, Document.id)
        )
        lines.append((_("Documents"), ", ".join(names)))
    for attribute_id, values in selection.attribute_values.items():
        name = session.scalar(select(Attribute.name).where(Attribute.id == attribute_id))
        shown = [value or _("(no value)") for value in sorted(values, key=str.casefold)]
        lines.append((name or "?", ", ".join(shown)))
    return lines


def coding_counts(session: Session) -> dict[int, dict[int, int]]:
    """code id -> coder id -> number of codings."""
    counts: dict[int, dict[int, int]] = {}
    rows = session.execute(
        select(Coding.code_id, Coding.coder_id, func.count()).group_by(
            Coding.code_id, Coding.coder_id
        )
    )
    for code_id, coder_id, count in rows:
        counts.setdefault(code_id, {})[coder_id] = count
    return counts


def document_counts(session: Session) -> dict[int, int]:
    """code id -> number of documents with at least one coding of it."""
    rows = session.execute(
        select(Coding.code_id, func.count(Coding.document_id.distinct())).group_by(Coding.code_id)
    )
    return dict(rows.tuples().all())


def document_attributes(session: Session, document_id: int) -> list[tuple[str, str]]:
    """(name, value) of a document's attributes that have a value, in attribute order."""
    rows = session.execute(
        select(Attribute.name, AttributeValue.value)
        .join(AttributeValue, AttributeValue.attribute_id == Attribute.id)
        .where(AttributeValue.document_id == document_id, AttributeValue.value != "")
        .order_by(Attribute.position, Attribute.id)
    )
    return [(name, value) for name, value in rows]
