"""What the project check finds, in plain words, and the repairs that are safe to make.

:func:`reiscoder.checks.check.check_project` looks at the file, the links and every coding's
text. :func:`diagnose` adds what is derived and can be derived again, so is safe to repair:

- the search index (a missing or incomplete index is rebuilt from the sentences);
- a document's stored text length (counted again from its text);
- a document's sentences (computed again when some lie outside their turn, overlap, or a
  turn has none; a document whose sentences were never finished is completed);
- a coding whose text moved (drift) is placed on its quote again, but only when the quote
  occurs exactly once in the document; any other drift is left for a person.

Damage to the file itself, broken links and overlapping turns are reported with the advice
to restore a backup: no repair of those is safe. A backup is made before any repair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from reiscoder.checks.check import CheckReport, _check_codings, check_project, quote_mismatches
from reiscoder.i18n import _, ngettext
from reiscoder.ingest.segmentation import segment_document
from reiscoder.model import Coding, Document, SegmentationState, commits
from reiscoder.model.backups import make_backup
from reiscoder.model.database import SENTENCE_INDEX_DDL
from reiscoder.model.project import Project
from reiscoder.model.tables import row_count


class Kind(StrEnum):
    SEARCH_INDEX = "search-index"
    TEXT_LENGTH = "text-length"
    SENTENCES = "sentences"
    DRIFT = "drift"
    MISSING_CHANGES = "missing-changes"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    message: str
    document_id: int | None = None
    coding_id: int | None = None
    repairable: bool = True
    place: tuple[int, int, int] | None = None  # (document id, start, end) to show a person


@dataclass
class Diagnosis:
    report: CheckReport
    findings: list[Finding] = field(default_factory=list)
    drift_messages: set[str] = field(default_factory=set)  # the check's words for drift

    @property
    def sound(self) -> bool:
        return self.report.sound and not self.findings

    @property
    def repairable(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.repairable]

    @property
    def problems(self) -> list[str]:
        """Everything wrong, in plain words: the check's problems not covered by a finding,
        then the findings (each says whether it can be repaired)."""
        own = [p for p in self.report.problems if p not in self.drift_messages]
        return own + [finding.message for finding in self.findings]

    @property
    def unrepairable(self) -> list[str]:
        repairable = {finding.message for finding in self.repairable}
        return [problem for problem in self.problems if problem not in repairable]


@dataclass
class RepairReport:
    backup: str | None = None
    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def diagnose(project: Project, *, interrupted: bool = False) -> Diagnosis:
    """What is wrong and what can be repaired. With ``interrupted`` (nothing in this program
    is segmenting, and it holds the project: ``reiscoder check --repair``), a document left
    "segmenting" was interrupted and is finished by the repair."""
    interrupted = interrupted and not project.read_only
    report = check_project(project, interrupted=interrupted)
    diagnosis = Diagnosis(report)
    diagnosis.findings += _missing_changes(project, report)
    with project.reader() as session:
        if interrupted:
            diagnosis.findings += _interrupted(session)
        diagnosis.findings += _search_index(session)
        diagnosis.findings += _text_lengths(session)
        diagnosis.findings += _sentences(session)
        diagnosis.findings += _drift(session)
        drift = CheckReport()
        _check_codings(session, drift)
        diagnosis.drift_messages = set(drift.problems)
    by_hand = {f.message for f in diagnosis.findings if f.kind is Kind.DRIFT}
    if any(problem not in by_hand for problem in diagnosis.unrepairable):
        report.notes.append(
            _(
                "Some problems cannot be repaired safely: restore a backup copy (File > Restore "
                "from backup…, or `reiscoder backups PROJECT`)."
            )
        )
    return diagnosis


def repair(project: Project, diagnosis: Diagnosis | None = None) -> RepairReport:
    """Make the safe repairs (after a backup); return what was done and what is left."""
    diagnosis = diagnosis or diagnose(project)
    result = RepairReport()
    todo = diagnosis.repairable
    if todo:
        result.backup = str(make_backup(project.file, "repair"))
    kinds = {finding.kind for finding in todo}
    if Kind.TEXT_LENGTH in kinds:
        result.done.append(_repair_text_lengths(project))
    if Kind.SEARCH_INDEX in kinds:
        result.done.append(_rebuild_search_index(project))
    documents = sorted(
        {f.document_id for f in todo if f.kind is Kind.SENTENCES and f.document_id is not None}
    )
    if documents:
        result.done.append(_resegment(project, documents))
    drifted = [f.coding_id for f in todo if f.kind is Kind.DRIFT and f.coding_id is not None]
    if drifted:
        result.done.append(_reanchor(project, drifted))
    if Kind.MISSING_CHANGES in kinds:
        result.done.append(_acknowledge_missing(project))
    result.left = diagnose(project).problems
    return result


# -- finding -------------------------------------------------------------------------------


def _missing_changes(project: Project, report: CheckReport) -> list[Finding]:
    """Changes lost with the write-ahead log: a repair cannot bring them back, it only
    acknowledges the notice (after its backup), once the project holds it."""
    if project.read_only or project.path is None:
        return []
    with project.engine.connect() as connection:
        notice = commits.missing_notice(connection)
    if notice is None or notice not in report.problems:
        return []
    report.problems.remove(notice)
    remedy = _("A repair only removes this notice; it cannot bring the changes back.")
    return [Finding(Kind.MISSING_CHANGES, f"{notice} {remedy}")]


def _interrupted(session: Session) -> list[Finding]:
    rows = session.execute(
        text(
            "SELECT id, name FROM documents WHERE segmentation = 'segmenting' ORDER BY position, id"
        )
    ).all()
    return [
        Finding(
            Kind.SENTENCES,
            _(
                "“{document}”: determining its sentences was interrupted; they can be "
                "determined now."
            ).format(document=name),
            document_id,
        )
        for document_id, name in rows
    ]


def _search_index(session: Session) -> list[Finding]:
    """A missing index, or sentences missing from it (or it holding sentences now gone)."""
    problem = _("The search index is missing or incomplete; it can be rebuilt.")
    try:
        unindexed = session.execute(
            text(
                "SELECT COUNT(*) FROM sentences WHERE id NOT IN (SELECT rowid FROM sentence_index)"
            )
        ).scalar()
        extra = session.execute(
            text(
                "SELECT COUNT(*) FROM sentence_index WHERE rowid NOT IN (SELECT id FROM sentences)"
            )
        ).scalar()
    except DatabaseError:
        session.rollback()
        return [Finding(Kind.SEARCH_INDEX, problem)]
    return [Finding(Kind.SEARCH_INDEX, problem)] if unindexed or extra else []


def _text_lengths(session: Session) -> list[Finding]:
    rows = session.execute(
        text("SELECT id, name FROM documents WHERE text_length != length(text)")
    ).all()
    return [
        Finding(
            Kind.TEXT_LENGTH,
            _(
                "“{document}”: the stored length of its text is wrong; it can be counted again."
            ).format(document=name),
            document_id,
        )
        for document_id, name in rows
    ]


def _sentences(session: Session) -> list[Finding]:
    """Documents whose sentences do not fit their turns, overlap, or leave a turn empty.

    A document with no sentences at all is not judged (test projects store documents without
    sentences); one that lost some of them is.
    """
    rows = session.execute(
        text(
            """
            SELECT d.id, d.name FROM documents d WHERE d.segmentation = 'ready' AND (
              EXISTS (SELECT 1 FROM sentences s LEFT JOIN turns t ON t.id = s.turn_id
                      WHERE s.document_id = d.id AND (t.id IS NULL OR t.document_id != d.id
                        OR s.start < t.start OR s."end" > t."end"))
              OR EXISTS (SELECT 1 FROM sentences a JOIN sentences b
                      ON a.document_id = d.id AND b.document_id = d.id AND a.id < b.id
                      AND a.start < b."end" AND b.start < a."end")
              OR EXISTS (SELECT 1 FROM turns t WHERE t.document_id = d.id
                      AND EXISTS (SELECT 1 FROM sentences x WHERE x.document_id = d.id)
                      AND length(trim(substr(d.text, t.content_start + 1,
                                             t."end" - t.content_start))) > 0
                      AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.turn_id = t.id)))
            ORDER BY d.position, d.id
            """
        )
    ).all()
    return [
        Finding(
            Kind.SENTENCES,
            _(
                "“{document}”: its sentences do not match its speaker turns; they can be "
                "determined again."
            ).format(document=name),
            document_id,
        )
        for document_id, name in rows
    ]


def _drift(session: Session) -> list[Finding]:
    """The check's words for each drifted coding, with what can be done about it."""
    findings = []
    texts: dict[int, str] = {}
    said = CheckReport()
    _check_codings(session, said)  # the same mismatches, in the same order
    for mismatch, message in zip(quote_mismatches(session), said.problems, strict=True):
        document_id = session.get_one(Coding, mismatch.coding_id).document_id
        if document_id not in texts:
            texts[document_id] = session.get_one(Document, document_id).text
        once = bool(mismatch.quote) and texts[document_id].count(mismatch.quote) == 1
        remedy = (
            _("That text occurs once in the document, so the coding can be put back on it.")
            if once
            else _("Put it right by hand: select the text and change the coding's extent.")
        )
        findings.append(
            Finding(
                Kind.DRIFT,
                f"{message} {remedy}",
                document_id,
                mismatch.coding_id,
                repairable=once,
                place=(document_id, mismatch.start, mismatch.end),
            )
        )
    return findings


# -- repairing -----------------------------------------------------------------------------


def _repair_text_lengths(project: Project) -> str:
    with project.transaction() as session:
        updated = session.execute(
            text(
                "UPDATE documents SET text_length = length(text) WHERE text_length != length(text)"
            )
        )
        count = row_count(updated)
    return ngettext(
        "The text length of {n} document was counted again.",
        "The text length of {n} documents was counted again.",
        count,
    ).format(n=count)


def _rebuild_search_index(project: Project) -> str:
    with project.transaction() as session:
        connection = session.connection()
        existing = set(
            connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name LIKE 'sentence%index%'"
            ).scalars()
        )
        if "sentence_index" in existing:
            connection.exec_driver_sql("DROP TABLE sentence_index")
        for statement in SENTENCE_INDEX_DDL:
            name = statement.split()[2] if "TRIGGER" in statement else "sentence_index"
            if name == "sentence_index" or name not in existing:
                connection.exec_driver_sql(statement)
        connection.exec_driver_sql(
            "INSERT INTO sentence_index(rowid, lemmas) SELECT id, lemmas FROM sentences"
        )
        count = connection.exec_driver_sql("SELECT COUNT(*) FROM sentences").scalar_one()
    return ngettext(
        "The search index was rebuilt ({n} sentence).",
        "The search index was rebuilt ({n} sentences).",
        count,
    ).format(n=count)


def _resegment(project: Project, documents: list[int]) -> str:
    with project.transaction() as session:
        session.execute(
            update(Document)
            .where(Document.id.in_(documents))
            .values(segmentation=SegmentationState.SEGMENTING)
        )
    for document_id in documents:
        segment_document(project, document_id)
    return ngettext(
        "The sentences of {n} document were determined again.",
        "The sentences of {n} documents were determined again.",
        len(documents),
    ).format(n=len(documents))


def _acknowledge_missing(project: Project) -> str:
    with project.transaction() as session:
        commits.forget_missing(session.connection())
    project.missing_changes = False
    return _(
        "The notice about missing changes was removed; the changes themselves could not be "
        "brought back (a backup made before the crash may still hold them)."
    )


def _reanchor(project: Project, coding_ids: list[int]) -> str:
    moved = 0
    with project.transaction() as session:
        for coding_id in coding_ids:
            coding = session.get_one(Coding, coding_id)
            body = coding.document.text
            if body.count(coding.quote) != 1:
                continue
            start = body.index(coding.quote)
            taken = session.scalar(
                select(Coding.id).where(
                    Coding.document_id == coding.document_id,
                    Coding.code_id == coding.code_id,
                    Coding.coder_id == coding.coder_id,
                    Coding.start == start,
                    Coding.end == start + len(coding.quote),
                )
            )
            if taken is not None:
                continue
            coding.start, coding.end = start, start + len(coding.quote)
            session.flush()
            moved += 1
    return ngettext(
        "{n} coding was put back on its text.", "{n} codings were put back on their text.", moved
    ).format(n=moved)
