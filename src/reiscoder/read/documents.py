"""The documents of a project as the Documents panel lists them, and what hangs on each.

:func:`load_document_table` reads every document with its attribute values, the roles of the
people who speak in it, its word and coding counts and its coding progress: the share of its
sentences (or, while those are still being computed, of its turns) that at least one coding
touches (kept between refreshes by :class:`reiscoder.read.progress.ProgressCache`).

Filtering (:func:`filter_rows`) is done in memory and ignores case and accents. The speakers
of one document, with their cases and roles, come from :func:`load_speakers`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.model import (
    Attribute,
    AttributeTarget,
    AttributeValue,
    Case,
    Coder,
    Coding,
    Document,
    Memo,
    SegmentationState,
    Speaker,
    Turn,
)
from reiscoder.read.progress import (
    NO_CODINGS,
    CodingWrite,
    ProgressCache,
    coding_signatures,
    states_query,
)
from reiscoder.text.fold import fold

# Names a case attribute may have to count as a speaker's role.
ROLE_NAMES = frozenset({"rol", "role", "functie"})


@dataclass(frozen=True, slots=True)
class AttributeColumn:
    id: int
    name: str
    kind: str  # an AttributeKind value
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    name: str
    position: int
    words: int
    segmenting: bool
    codings: int  # by the coders that are shown
    units: int | None  # sentences, or turns while segmenting; None: not counted yet
    coded_units: int | None
    values: Mapping[int, str]  # attribute id -> canonical value
    roles: tuple[str, ...]
    source_filename: str = ""

    @property
    def progress(self) -> float | None:
        """Share of units with at least one coding, 0..1; None without (known) units."""
        return (self.coded_units or 0) / self.units if self.units else None


@dataclass
class DocumentTable:
    attributes: list[AttributeColumn] = field(default_factory=list)
    rows: list[DocumentRow] = field(default_factory=list)
    role_attribute: AttributeColumn | None = None


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    id: int
    label: str  # as written in the transcript
    name: str  # as shown
    turns: int
    case_id: int | None
    case_name: str
    role: str  # the case's role, "" when none


# -- the table ---------------------------------------------------------------------------


def load_attributes(
    session: Session, target: str = AttributeTarget.DOCUMENT
) -> list[AttributeColumn]:
    rows = session.execute(
        select(Attribute.id, Attribute.name, Attribute.kind, Attribute.choices)
        .where(Attribute.target == target)
        .order_by(Attribute.position, Attribute.id)
    )
    return [
        AttributeColumn(i, name, kind, tuple(c for c in choices.split("\n") if c))
        for i, name, kind, choices in rows
    ]


def role_attribute(session: Session) -> AttributeColumn | None:
    """The case attribute that says what role a person has ("Rol"), if the project has one."""
    for attribute in load_attributes(session, AttributeTarget.CASE):
        if attribute.name.casefold() in ROLE_NAMES:
            return attribute
    return None


def load_document_table(
    session: Session,
    hidden_coder_ids: Collection[int] = (),
    cache: ProgressCache | None = None,
    *,
    lazy: bool = False,
) -> DocumentTable:
    """Every document in project order, with what the Documents panel shows of it.

    With ``lazy``, sentence ranges not in ``cache`` are not read: those rows show no progress
    yet (a big project opens fast; the cache is filled in the background).
    """
    cache = cache or ProgressCache()
    attributes = load_attributes(session)
    roles_attribute = role_attribute(session)
    documents = session.execute(
        select(
            Document.id,
            Document.name,
            Document.position,
            Document.word_count,
            Document.segmentation,
            Document.source_filename,
            Document.text_length,
            Document.pipeline,
        ).order_by(Document.position, Document.id)
    ).all()
    states = {
        d.id: (d.segmentation == SegmentationState.SEGMENTING, d.text_length, d.pipeline)
        for d in documents
    }
    signatures = coding_signatures(session, hidden_coder_ids)
    progress = cache.progress(session, states, signatures, hidden_coder_ids, lazy=lazy)
    values = _document_values(session)
    roles = _roles(session, roles_attribute)
    rows = [
        DocumentRow(
            id=d.id,
            name=d.name,
            position=d.position,
            words=d.word_count,
            segmenting=states[d.id][0],
            codings=signatures.get(d.id, NO_CODINGS)[0],
            units=(progress[d.id] or (None, None))[0],
            coded_units=(progress[d.id] or (None, None))[1],
            values=values.get(d.id, {}),
            roles=roles.get(d.id, ()),
            source_filename=d.source_filename,
        )
        for d in documents
    ]
    return DocumentTable(attributes, rows, roles_attribute)


def document_counts(
    session: Session,
    document_ids: Collection[int],
    hidden_coder_ids: Collection[int] = (),
    cache: ProgressCache | None = None,
    *,
    lazy: bool = False,
    written: Iterable[CodingWrite] = (),
) -> dict[int, tuple[int, int | None, int | None]]:
    """Codings, units and coded units of some documents (what one coding changes in their
    rows of :func:`load_document_table`), without reading the rest of the table; with
    ``written``, the codings the change wrote, not even their codings."""
    cache = cache or ProgressCache()
    rows = session.connection().execute(states_query(), {"documents": list(document_ids)})
    states = {
        d: (segmentation == SegmentationState.SEGMENTING, length, pipeline)
        for d, segmentation, length, pipeline in rows
    }
    signatures = coding_signatures(session, hidden_coder_ids, states)
    progress = cache.progress(
        session, states, signatures, hidden_coder_ids, lazy=lazy, every=False, written=written
    )
    return {d: (signatures.get(d, NO_CODINGS)[0], *(progress[d] or (None, None))) for d in states}


def _document_values(session: Session) -> dict[int, dict[int, str]]:
    query = select(AttributeValue.document_id, AttributeValue.attribute_id, AttributeValue.value)
    values: dict[int, dict[int, str]] = {}
    for document_id, attribute_id, value in (
        session.connection().execute(query.where(AttributeValue.document_id.is_not(None))).all()
    ):
        values.setdefault(document_id, {})[attribute_id] = value
    return values


def _roles(session: Session, attribute: AttributeColumn | None) -> dict[int, tuple[str, ...]]:
    """Per document, the roles of the cases its speakers are linked to, in choice order."""
    if attribute is None:
        return {}
    query = (
        select(Speaker.document_id, AttributeValue.value)
        .join(AttributeValue, AttributeValue.case_id == Speaker.case_id)
        .where(AttributeValue.attribute_id == attribute.id)
        .distinct()
    )
    order = {choice: index for index, choice in enumerate(attribute.choices)}
    found: dict[int, set[str]] = {}
    for document_id, value in session.execute(query):
        found.setdefault(document_id, set()).add(value)
    return {
        d: tuple(sorted(v, key=lambda r: (order.get(r, len(order)), r.casefold())))
        for d, v in found.items()
    }


# -- filtering ---------------------------------------------------------------------------


def row_matches(row: DocumentRow, query: str) -> bool:
    """True when every word of ``query`` occurs in the name, an attribute value or a role."""
    words = fold(query).split()
    if not words:
        return True
    haystack = fold(" ".join((row.name, *row.values.values(), *row.roles)))
    return all(word in haystack for word in words)


def filter_rows(
    rows: Iterable[DocumentRow], query: str = "", values: Mapping[int, str] | None = None
) -> list[DocumentRow]:
    """Rows matching ``query`` whose attribute values equal every ``values[attribute id]``."""
    wanted = values or {}
    return [
        row
        for row in rows
        if row_matches(row, query) and all(row.values.get(a, "") == v for a, v in wanted.items())
    ]


# -- one document ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentLoss:
    """What deleting some documents takes with it."""

    documents: int
    codings: int
    coders: int
    memos: int


def deletion_loss(session: Session, document_ids: Collection[int]) -> DocumentLoss:
    ids = list(document_ids)
    codings, coders = session.execute(
        select(func.count(), func.count(Coding.coder_id.distinct())).where(
            Coding.document_id.in_(ids)
        )
    ).one()
    memos = session.scalar(select(func.count()).where(Memo.document_id.in_(ids)))
    return DocumentLoss(len(ids), int(codings or 0), int(coders or 0), int(memos or 0))


def load_speakers(session: Session, document_id: int) -> list[SpeakerRow]:
    """The speakers of a document in order of first appearance, with case and role."""
    role = role_attribute(session)
    first_turn = (
        select(Turn.speaker_id, func.min(Turn.start).label("first"), func.count().label("n"))
        .where(Turn.document_id == document_id)
        .group_by(Turn.speaker_id)
        .subquery()
    )
    roles = {}
    if role is not None:
        query = select(AttributeValue.case_id, AttributeValue.value).where(
            AttributeValue.attribute_id == role.id, AttributeValue.case_id.is_not(None)
        )
        roles = dict(session.execute(query).tuples().all())
    rows = session.execute(
        select(Speaker.id, Speaker.label, Speaker.name, first_turn.c.n, Case.id, Case.name)
        .outerjoin(first_turn, first_turn.c.speaker_id == Speaker.id)
        .outerjoin(Case, Case.id == Speaker.case_id)
        .where(Speaker.document_id == document_id)
        .order_by(first_turn.c.first, Speaker.id)
    )
    return [
        SpeakerRow(sid, label, name, turns or 0, cid, cname or "", roles.get(cid, ""))
        for sid, label, name, turns, cid, cname in rows
    ]


def load_cases(session: Session) -> list[tuple[int, str]]:
    """Every case as (id, name), by name."""
    rows = session.execute(select(Case.id, Case.name))
    return sorted(((i, n) for i, n in rows), key=lambda item: item[1].casefold())


def document_name(session: Session, document_id: int) -> str:
    return session.scalar(select(Document.name).where(Document.id == document_id)) or ""


def document_values(session: Session, document_id: int) -> dict[int, str]:
    query = select(AttributeValue.attribute_id, AttributeValue.value).where(
        AttributeValue.document_id == document_id
    )
    return dict(session.execute(query).tuples().all())


def used_values(session: Session) -> dict[int, list[str]]:
    """Per document attribute, the values documents have, to offer when typing one."""
    query = (
        select(AttributeValue.attribute_id, AttributeValue.value)
        .where(AttributeValue.document_id.is_not(None))
        .distinct()
    )
    found: dict[int, list[str]] = {}
    for attribute_id, value in session.execute(query):
        found.setdefault(attribute_id, []).append(value)
    return {a: sorted(v, key=str.casefold) for a, v in found.items()}


def project_words(session: Session) -> int:
    return int(session.scalar(select(func.sum(Document.word_count))) or 0)


def coder_name(session: Session, coder_id: int) -> str:
    return session.scalar(select(Coder.name).where(Coder.id == coder_id)) or ""


def segmenting_documents(session: Session) -> list[int]:
    """Documents whose sentences are still to be computed, in project order."""
    query = select(Document.id).where(Document.segmentation == SegmentationState.SEGMENTING)
    return list(session.scalars(query.order_by(Document.position, Document.id)))
