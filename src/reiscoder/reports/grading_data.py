"""What a grading report holds: the reference coder against each student, and the whole class.

Computed once and written twice (Word and Excel), so both say the same. Every figure carries
what it rests on: the units and documents counted, and which coders.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.analysis import wording
from reiscoder.analysis.agreement import AgreementResult, Disagreement
from reiscoder.analysis.common import range_texts
from reiscoder.i18n import _
from reiscoder.model import Coder, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.coders import coder_names
from reiscoder.reports.data import project_name
from reiscoder.teaching.students import (
    Compared,
    Comparison,
    DocumentChoice,
    StudentAgreement,
    compare,
    student_agreements,
    students,
)


@dataclass(frozen=True)
class GradingOptions:
    """``reference_id`` None: the coder with the most codings who is not a student;
    ``student_ids`` None: every student merged from an assignment (without assignments:
    every other coder who coded)."""

    reference_id: int | None = None
    student_ids: tuple[int, ...] | None = None
    comparison: Comparison = field(default_factory=Comparison)
    whole_class: bool = True
    pseudonymise: bool = False


@dataclass(frozen=True)
class Feedback:
    """One disagreement with the reference, as a student reads it."""

    document: str
    start: int
    end: int
    passage: str
    reference: str  # the codes the reference gave, or "—"
    student: str


@dataclass
class StudentGrade:
    agreement: StudentAgreement
    feedback: list[Feedback]
    slips: list[str]

    @property
    def result(self) -> AgreementResult:
        return self.agreement.result


@dataclass
class Grading:
    project: str
    made: datetime
    options: GradingOptions
    reference: str
    students: list[StudentGrade]
    whole_class: Compared | None
    document_names: dict[int, str]
    code_count: int

    @property
    def comparison(self) -> Comparison:
        return self.options.comparison


def load_grading(session: Session, options: GradingOptions) -> Grading:
    reference = options.reference_id or default_reference(session)
    if reference is None:
        raise OperationError(_("Choose the reference coder to grade against."))
    names = dict(session.execute(select(Coder.id, Coder.name)).tuples().all())
    if reference not in names:
        raise OperationError(_("The reference coder is not in this project."))
    ids = list(options.student_ids) if options.student_ids is not None else None
    if ids is None and not students(session):  # no assignments: every other coder who coded
        ids = [c for c in coder_names(session, with_codings=True) if c != reference]
    agreements = student_agreements(session, reference, options.comparison, coder_ids=ids)
    if not agreements:
        raise OperationError(
            _("There are no students to grade: merge their copies first, or choose coders.")
        )
    tree = load_code_tree(session)
    code_names = {code.id: code.name for code in tree.codes}
    documents = dict(
        session.execute(select(Document.id, Document.name).order_by(Document.position, Document.id))
        .tuples()
        .all()
    )
    grades = [
        StudentGrade(a, _feedback(session, a.result, code_names), _slips(session, a.result))
        for a in agreements
    ]
    whole = None
    if options.whole_class and len(agreements) >= 2:
        coders = (reference, *(a.coder_id for a in agreements))
        whole = compare(session, coders, _shared(options.comparison))
    return Grading(
        project_name(session),
        datetime.now().replace(microsecond=0),
        options,
        names[reference],
        grades,
        whole,
        documents,
        len(tree.codes),
    )


def _shared(comparison: Comparison) -> Comparison:
    """The whole class is compared on the documents everyone was given."""
    return replace(comparison, documents=DocumentChoice.SHARED)


def default_reference(session: Session) -> int | None:
    """The coder with the most codings who is not a student of an assignment."""
    pupils = {coder_id for coder_id, _name in students(session)}
    rows = session.execute(
        select(Coding.coder_id, func.count())
        .group_by(Coding.coder_id)
        .order_by(func.count().desc(), Coding.coder_id)
    ).all()
    return next((coder for coder, _count in rows if coder not in pupils), None)


def _feedback(session: Session, result: AgreementResult, names: dict[int, str]) -> list[Feedback]:
    found: list[Disagreement] = list(result.disagreements)
    texts = range_texts(session, [(d.document_id, d.start, d.end) for d in found])

    def given(d: Disagreement, index: int) -> str:
        return "; ".join(names.get(code, "?") for code in d.codes_of(index)) or wording.DASH

    return [
        Feedback(d.document_name, d.start, d.end, text, given(d, 0), given(d, 1))
        for d, text in zip(found, texts, strict=True)
    ]


def _slips(session: Session, result: AgreementResult) -> list[str]:
    return [wording.describe_slip(session, result, slip) for slip in result.slips]
