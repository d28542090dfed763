"""Code matrices: codes down, documents, cases or the values of one attribute across.

One grouped query counts the codings per (code, column, document); row and column totals,
percentages, subcode roll-up and the documents measure are computed from those groups.
A coding belongs to the case of the speaker of the turn it starts in (as the segment list
shows it). ``cell_segments`` lists the codings behind one cell.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import ALL, Scope, Segment, load_segments, raw_rows, share
from reiscoder.i18n import _
from reiscoder.model import Attribute, AttributeValue, Case, Coding, Document, Speaker, Turn
from reiscoder.read.code_tree import CodeNode, load_code_tree

NO_VALUE = ""
NO_CASE = 0


class ColumnKind(StrEnum):
    DOCUMENT = "document"
    CASE = "case"
    DOCUMENT_ATTRIBUTE = "document-attribute"
    CASE_ATTRIBUTE = "case-attribute"


class Measure(StrEnum):
    CODINGS = "codings"
    DOCUMENTS = "documents"


@dataclass(frozen=True)
class MatrixSpec:
    columns: ColumnKind = ColumnKind.DOCUMENT
    attribute_id: int | None = None
    measure: Measure = Measure.CODINGS
    roll_up: bool = False  # a code's row includes its subcodes
    scope: Scope = ALL

    def __post_init__(self) -> None:  # plain strings (from combo boxes) become enum members
        object.__setattr__(self, "columns", ColumnKind(self.columns))
        object.__setattr__(self, "measure", Measure(self.measure))


@dataclass(frozen=True)
class Column:
    key: Hashable
    label: str


@dataclass
class Matrix:
    spec: MatrixSpec
    rows: list[CodeNode]
    columns: list[Column]
    cells: list[list[int]]
    column_totals: list[int] = field(default_factory=list)

    @property
    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.cells]

    @property
    def grand_total(self) -> int:
        return sum(self.column_totals)

    def row_percent(self, row: int, column: int) -> float | None:
        return share(self.cells[row][column], sum(self.cells[row]))

    def column_percent(self, row: int, column: int) -> float | None:
        return share(self.cells[row][column], self.column_totals[column])


def code_matrix(session: Session, spec: MatrixSpec) -> Matrix:
    tree = load_code_tree(session)
    keyed = _keyed(spec).subquery()
    grouped = select(keyed.c.code_id, keyed.c.key, keyed.c.document_id, func.count()).group_by(
        keyed.c.code_id, keyed.c.key, keyed.c.document_id
    )
    own: dict[tuple[int, Hashable], dict[int, int]] = {}
    per_column: dict[Hashable, dict[int, int]] = {}
    for code_id, key, document_id, count in raw_rows(session, grouped):
        own.setdefault((code_id, key), {})[document_id] = count
        column = per_column.setdefault(key, {})
        column[document_id] = column.get(document_id, 0) + count
    columns = _columns(session, spec, set(per_column))
    rows = [code for code in tree.codes if _in_rows(spec.scope, code.id)]
    cells = []
    if spec.measure is Measure.CODINGS:  # the same sums, once per (code, column)
        own_sums = {group: sum(per_document.values()) for group, per_document in own.items()}
        for code in rows:
            members = tree.subtree(code.id) if spec.roll_up else [code.id]
            cells.append(
                [sum(own_sums.get((m, column.key), 0) for m in members) for column in columns]
            )
    for code in rows if spec.measure is Measure.DOCUMENTS else []:
        members = tree.subtree(code.id) if spec.roll_up else [code.id]
        cells.append([_measure(own, members, column.key, spec.measure) for column in columns])
    totals = [_total(per_column.get(column.key, {}), spec.measure) for column in columns]
    return Matrix(spec, rows, columns, cells, totals)


def cell_segments(
    session: Session, spec: MatrixSpec, code_id: int, key: Hashable | None
) -> list[Segment]:
    """The codings counted in one cell (``key`` None: the whole row)."""
    members = load_code_tree(session).subtree(code_id) if spec.roll_up else [code_id]
    keyed = _keyed(spec).subquery()
    query = select(keyed.c.coding_id).where(keyed.c.code_id.in_(members))
    if key is not None:
        query = query.where(keyed.c.key == key)
    return load_segments(session, session.scalars(query).all())


def _in_rows(scope: Scope, code_id: int) -> bool:
    return scope.code_ids is None or code_id in scope.code_ids


def _measure(
    own: dict[tuple[int, Hashable], dict[int, int]],
    members: list[int],
    key: Hashable,
    measure: Measure,
) -> int:
    if measure is Measure.DOCUMENTS:
        documents: set[int] = set()
        for member in members:
            documents.update(own.get((member, key), {}))
        return len(documents)
    return sum(sum(own.get((member, key), {}).values()) for member in members)


def _total(per_document: dict[int, int], measure: Measure) -> int:
    return len(per_document) if measure is Measure.DOCUMENTS else sum(per_document.values())


# -- the column of each coding --------------------------------------------------------------


def _keyed(spec: MatrixSpec) -> Select[Any]:
    """Codings in scope with their column key: coding_id, code_id, document_id, key."""
    base = [Coding.id.label("coding_id"), Coding.code_id, Coding.document_id]
    kind = spec.columns
    if kind is ColumnKind.DOCUMENT:
        return spec.scope.where(select(*base, Coding.document_id.label("key")))
    if kind is ColumnKind.DOCUMENT_ATTRIBUTE:
        value = func.coalesce(AttributeValue.value, NO_VALUE).label("key")
        query = select(*base, value).outerjoin(
            AttributeValue,
            and_(
                AttributeValue.document_id == Coding.document_id,
                AttributeValue.attribute_id == spec.attribute_id,
            ),
        )
        return spec.scope.where(query)
    speaker = (
        select(Turn.speaker_id)
        .where(Turn.document_id == Coding.document_id, Turn.start <= Coding.start)
        .order_by(Turn.start.desc())
        .limit(1)
        .correlate(Coding)
        .scalar_subquery()
    )
    with_speaker = spec.scope.where(select(*base, speaker.label("speaker_id"))).subquery()
    case = func.coalesce(Speaker.case_id, NO_CASE)
    outer = [with_speaker.c.coding_id, with_speaker.c.code_id, with_speaker.c.document_id]
    joined = select(*outer, case.label("key")).outerjoin(
        Speaker, Speaker.id == with_speaker.c.speaker_id
    )
    if kind is ColumnKind.CASE:
        return joined
    return _case_attribute(with_speaker, spec.attribute_id)


def _case_attribute(with_speaker: Any, attribute_id: int | None) -> Select[Any]:
    value = func.coalesce(AttributeValue.value, NO_VALUE).label("key")
    return (
        select(with_speaker.c.coding_id, with_speaker.c.code_id, with_speaker.c.document_id, value)
        .outerjoin(Speaker, Speaker.id == with_speaker.c.speaker_id)
        .outerjoin(
            AttributeValue,
            and_(
                AttributeValue.case_id == Speaker.case_id,
                AttributeValue.attribute_id == attribute_id,
            ),
        )
    )


# -- the columns, in the order people expect --------------------------------------------------


def _columns(session: Session, spec: MatrixSpec, found: set[Hashable]) -> list[Column]:
    kind = spec.columns
    if kind is ColumnKind.DOCUMENT:
        query = select(Document.id, Document.name).order_by(Document.position, Document.id)
        chosen = spec.scope.document_ids
        return [
            Column(i, name) for i, name in session.execute(query) if chosen is None or i in chosen
        ]
    if kind is ColumnKind.CASE:
        query = select(Case.id, Case.name).order_by(Case.name)
        columns = [Column(i, name) for i, name in session.execute(query)]
        if NO_CASE in found:
            columns.append(Column(NO_CASE, _("(no case)")))
        return columns
    return _value_columns(session, spec, found)


def _value_columns(session: Session, spec: MatrixSpec, found: set[Hashable]) -> list[Column]:
    """The attribute's choices in their order, the other values given, then "no value"."""
    attribute = session.get(Attribute, spec.attribute_id)
    ordered = attribute.choice_list() if attribute is not None else []
    owner = (
        AttributeValue.document_id
        if spec.columns is ColumnKind.DOCUMENT_ATTRIBUTE
        else AttributeValue.case_id
    )
    given = session.scalars(
        select(AttributeValue.value)
        .where(AttributeValue.attribute_id == spec.attribute_id, owner.is_not(None))
        .distinct()
    ).all()
    values = {v for v in found if isinstance(v, str)}  # keys of value columns are text
    extra = sorted({v for v in [*given, *values] if v != NO_VALUE} - set(ordered), key=str.casefold)
    columns = [Column(value, value) for value in [*ordered, *extra]]
    if NO_VALUE in found:
        columns.append(Column(NO_VALUE, _("(no value)")))
    return columns
