"""Comparing coders the way a teacher does: each student against the reference coder, on the
documents both were given, with the choices of the agreement view and the grading report.

Which documents count (``DocumentChoice``):
- ``SHARED`` (the default): the documents every compared coder was *assigned* (the project
  remembers the assignment of each merged student) or, for a coder without an assignment,
  the documents they *coded*. A student who left an assigned document empty is still judged
  on it; a document only one coder was given is left out, and said so.
- ``ALL``: every document (or every chosen one), also where a coder never looked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.analysis.agreement import (
    BOOTSTRAP_SEED,
    AgreementResult,
    AgreementSpec,
    compute_agreement,
)
from reiscoder.analysis.units import Unit
from reiscoder.i18n import N_
from reiscoder.model import Coder, Coding, Document, Meta
from reiscoder.teaching.assignment import RECORD_PREFIX, STUDENT_PREFIX

# Why a document was left out of a comparison (translate with ``_``); a document outside a
# student's assignment is left out as expected and not listed.
NOT_CODED = N_("{coder} coded nothing here (no assignment recorded)")


class DocumentChoice(StrEnum):
    SHARED = "shared"
    ALL = "all"


@dataclass(frozen=True)
class Comparison:
    """The choices of a comparison, apart from the coders."""

    unit: Unit = Unit.SENTENCE
    all_units: bool = False
    main_codes: bool = False
    min_overlap: int = 1
    code_ids: frozenset[int] | None = None
    document_ids: frozenset[int] | None = None  # None: every document
    documents: DocumentChoice = DocumentChoice.SHARED
    bootstrap: int = 0
    seed: int = BOOTSTRAP_SEED

    def spec(
        self, coder_ids: tuple[int, ...], document_ids: frozenset[int] | None
    ) -> AgreementSpec:
        return AgreementSpec(
            coder_ids,
            self.unit,
            document_ids,
            self.code_ids,
            self.all_units,
            self.main_codes,
            self.min_overlap,
            self.bootstrap,
            self.seed,
        )


@dataclass(frozen=True)
class LeftOutDocument:
    document_id: int
    name: str
    reason: str  # untranslated, with {coder}
    coder: str


@dataclass
class Compared:
    """One comparison: its documents, those left out and why, and the result."""

    coder_ids: tuple[int, ...]
    document_ids: frozenset[int]
    result: AgreementResult
    left_out: list[LeftOutDocument] = field(default_factory=list)


@dataclass
class StudentAgreement(Compared):
    coder_id: int = 0
    name: str = ""
    assigned: bool = False  # the documents came from a recorded assignment


def coder_documents(session: Session, coder_id: int) -> tuple[frozenset[int], bool]:
    """The documents a coder was given (True) or, without an assignment, coded (False)."""
    uuid = session.scalar(select(Coder.uuid).where(Coder.id == coder_id))
    meta = dict(
        session.execute(
            select(Meta.key, Meta.value).where(
                Meta.key.in_([STUDENT_PREFIX + str(uuid)]) | Meta.key.startswith(RECORD_PREFIX)
            )
        )
        .tuples()
        .all()
    )
    assignment = meta.get(STUDENT_PREFIX + str(uuid))
    record = meta.get(RECORD_PREFIX + str(assignment)) if assignment else None
    if record is not None:
        ids = dict(session.execute(select(Document.uuid, Document.id)).tuples().all())
        wanted = json.loads(record).get("documents", [])
        return frozenset(ids[u] for u in wanted if u in ids), True
    coded = session.scalars(
        select(Coding.document_id).where(Coding.coder_id == coder_id).distinct()
    )
    return frozenset(coded), False


def compare(session: Session, coder_ids: tuple[int, ...], comparison: Comparison) -> Compared:
    """Agreement between these coders with these choices, on the documents that count."""
    every = frozenset(session.scalars(select(Document.id)))
    chosen = every if comparison.document_ids is None else every & comparison.document_ids
    left_out: list[LeftOutDocument] = []
    documents = chosen
    if comparison.documents is DocumentChoice.SHARED:
        names = dict(session.execute(select(Coder.id, Coder.name)).tuples().all())
        document_names = dict(session.execute(select(Document.id, Document.name)).tuples().all())
        for coder_id in coder_ids:
            own, assigned = coder_documents(session, coder_id)
            for document_id in sorted(documents - own, key=lambda d: document_names[d]):
                if not assigned:
                    name = document_names[document_id]
                    left_out.append(LeftOutDocument(document_id, name, NOT_CODED, names[coder_id]))
            documents = documents & own
        left_out = [entry for entry in left_out if _coded_by_any(session, entry, coder_ids)]
    result = compute_agreement(session, comparison.spec(coder_ids, documents))
    return Compared(coder_ids, documents, result, left_out)


def _coded_by_any(session: Session, entry: LeftOutDocument, coder_ids: tuple[int, ...]) -> bool:
    """Only a document someone compared coded is worth saying it was left out."""
    return (
        session.scalar(
            select(Coding.id)
            .where(Coding.document_id == entry.document_id, Coding.coder_id.in_(coder_ids))
            .limit(1)
        )
        is not None
    )


def students(session: Session) -> list[tuple[int, str]]:
    """The coders merged from assignments, by name."""
    keys = session.scalars(select(Meta.key).where(Meta.key.startswith(STUDENT_PREFIX)))
    uuids = {key.removeprefix(STUDENT_PREFIX) for key in keys}
    rows = session.execute(select(Coder.id, Coder.uuid, Coder.name)).all()
    found = [(coder_id, name) for coder_id, uuid, name in rows if uuid in uuids]
    return sorted(found, key=lambda row: row[1].casefold())


def student_agreements(
    session: Session,
    reference_id: int,
    comparison: Comparison | None = None,
    *,
    coder_ids: list[int] | None = None,
    unit: Unit | None = None,
    all_units: bool | None = None,
) -> list[StudentAgreement]:
    """Each student's agreement with the reference coder.

    Students are the coders merged from assignments (or ``coder_ids``), with codings or
    without; each is compared on the documents both they and the reference were given.
    """
    comparison = comparison or Comparison()
    if unit is not None:
        comparison = replace(comparison, unit=Unit(unit))
    if all_units is not None:
        comparison = replace(comparison, all_units=all_units)
    if coder_ids is None:
        chosen = [c for c in students(session) if c[0] != reference_id]
    else:
        names = dict(session.execute(select(Coder.id, Coder.name)).tuples().all())
        chosen = sorted(
            ((c, names[c]) for c in coder_ids if c != reference_id and c in names),
            key=lambda row: row[1].casefold(),
        )
    results = []
    for coder_id, name in chosen:
        compared = compare(session, (reference_id, coder_id), comparison)
        _own, assigned = coder_documents(session, coder_id)
        results.append(
            StudentAgreement(
                compared.coder_ids,
                compared.document_ids,
                compared.result,
                compared.left_out,
                coder_id=coder_id,
                name=name,
                assigned=assigned,
            )
        )
    return results
