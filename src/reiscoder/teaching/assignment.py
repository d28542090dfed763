"""Teacher and students: prepare an assignment, merge the students' copies back.

An *assignment* is a copy of the teacher's project with only the chosen documents, without
codings (unless asked), and with the codebook locked (``ops.codes`` refuses to change it).
Each student codes their copy under their own name. Merging a copy back adds its coders
(kept apart from the teacher's: matched by identity, renamed if a name is taken), its
codings and memos; codes and documents are matched by identity (uuid), never by name.
Merging the same copy twice adds nothing the second time.

The teacher's project remembers each assignment (its documents) and which coder came from
which assignment, in ``meta``, so that a student's agreement with the reference coder is
computed on the documents of their assignment only.
"""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from reiscoder.analysis.agreement import AgreementResult, AgreementSpec, compute_agreement
from reiscoder.analysis.units import Unit
from reiscoder.i18n import _
from reiscoder.model import Base, Code, Coder, Coding, Document, Memo, Meta
from reiscoder.model.backups import make_backup
from reiscoder.model.base import new_uuid, utcnow
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import Project
from reiscoder.ops.codes import CODEBOOK_LOCK_KEY
from reiscoder.ops.merge_copy import ASSIGNMENT_KEY, CopyContents, MergeReport, merge_copy

SOURCE_KEY = "assignment_source_uuid"
NAME_KEY = "assignment_name"


@dataclass
class PreparedAssignment:
    path: Path
    uuid: str
    documents: int


def prepare_assignment(
    project: Project,
    target: Path,
    document_ids: list[int],
    *,
    name: str,
    keep_codings: bool = False,
) -> PreparedAssignment:
    """Write the assignment file ``target`` from ``project`` (which stays as it is)."""
    target = Path(target)
    if target.exists():
        raise ProjectError(_("The file {path} already exists.").format(path=target))
    if not document_ids:
        raise ProjectError(_("Choose at least one document for the assignment."))
    copy = make_backup(project.path, "opdracht")
    shutil.move(copy, target)
    assignment = new_uuid()
    with Project.open(target) as student, student.transaction() as session:
        source_uuid = _meta(session, "project_uuid") or ""
        _trim(session, set(document_ids), keep_codings)
        for key, value in {
            CODEBOOK_LOCK_KEY: "1",
            ASSIGNMENT_KEY: assignment,
            SOURCE_KEY: source_uuid,
            NAME_KEY: name,
            "name": name,
            "project_uuid": new_uuid(),
        }.items():
            session.merge(Meta(key=key, value=value))
        uuids = session.scalars(select(Document.uuid).order_by(Document.position)).all()
    _vacuum(target)
    record = {"name": name, "documents": list(uuids), "file": target.name}
    record["created"] = utcnow().isoformat()
    with project.transaction() as session:
        session.merge(Meta(key=f"assignment:{assignment}", value=json.dumps(record)))
    return PreparedAssignment(target, assignment, len(uuids))


def _trim(session: Session, keep: set[int], keep_codings: bool) -> None:
    connection = session.connection()
    all_ids = session.scalars(select(Document.id)).all()
    for document_id in all_ids:
        if document_id not in keep:
            connection.execute(delete(Document).where(Document.id == document_id))
    if not keep_codings:
        connection.execute(delete(Memo).where(Memo.coding_id.is_not(None)))
        connection.execute(delete(Coding))
    connection.execute(update(Document).values(imported_by_id=None))
    _remove_unused_coders(session)


def _remove_unused_coders(session: Session) -> None:
    """Coders nothing refers to: a student with the teacher's name then gets a new coder."""
    used: set[int] = set()
    coders = Base.metadata.tables["coders"]
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is coders:
                column = key.parent
                used.update(
                    session.execute(select(column).where(column.is_not(None)).distinct()).scalars()
                )
    session.connection().execute(delete(Coder).where(Coder.id.not_in(sorted(used))))


def _vacuum(path: Path) -> None:
    """Drop the removed documents from the file's free pages too."""
    with Project.open(path) as project:
        raw = project.engine.raw_connection()
        try:
            raw.execute("VACUUM")
        finally:
            raw.close()


def _meta(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


# -- merging copies back -------------------------------------------------------------------


def read_copy(path: Path) -> CopyContents:
    with Project.open(Path(path), read_only=True) as copy, copy.reader() as session:
        meta = dict(session.execute(select(Meta.key, Meta.value)).tuples().all())
        coders = dict(session.execute(select(Coder.uuid, Coder.name)).tuples().all())
        code_rows = session.execute(
            select(Code.id, Code.uuid, Code.name, Code.color, Code.parent_id, Code.definition)
        ).all()
        code_uuid = {row[0]: row[1] for row in code_rows}
        codes = {
            row[1]: {
                "name": row[2],
                "color": row[3],
                "parent": code_uuid.get(row[4]),
                "definition": row[5],
            }
            for row in code_rows
        }
        documents = dict(session.execute(select(Document.uuid, Document.text)).tuples().all())
        codings = [
            dict(row._mapping)
            for row in session.execute(
                select(
                    Coding.uuid,
                    Document.uuid.label("document"),
                    Code.uuid.label("code"),
                    Coder.uuid.label("coder"),
                    Coding.start,
                    Coding.end,
                    Coding.quote,
                    Coding.created,
                )
                .join(Document, Document.id == Coding.document_id)
                .join(Code, Code.id == Coding.code_id)
                .join(Coder, Coder.id == Coding.coder_id)
            )
        ]
        memos = _read_memos(session)
    return CopyContents(Path(path), meta, coders, codes, documents, codings, memos)


def _read_memos(session: Session) -> list[dict]:
    coders = dict(session.execute(select(Coder.id, Coder.uuid)).tuples().all())
    documents = dict(session.execute(select(Document.id, Document.uuid)).tuples().all())
    codes = dict(session.execute(select(Code.id, Code.uuid)).tuples().all())
    codings = dict(session.execute(select(Coding.id, Coding.uuid)).tuples().all())
    memos = []
    for memo in session.scalars(select(Memo)):
        memos.append(
            {
                "uuid": memo.uuid,
                "title": memo.title,
                "text": memo.text,
                "coder": coders[memo.coder_id],
                "created": memo.created,
                "modified": memo.modified,
                "document": _uuid_of(documents, memo.document_id),
                "code": _uuid_of(codes, memo.code_id),
                "coding": _uuid_of(codings, memo.coding_id),
            }
        )
    return memos


def _uuid_of(uuids: dict[int, str], row_id: int | None) -> str | None:
    return None if row_id is None else uuids.get(row_id)


def backup_before_merge(project: Project) -> Path:
    return make_backup(project.path, "voor-samenvoegen")


def remember_students(session: Session, contents: CopyContents) -> None:
    """Note which assignment each coder of the copy worked on (not part of undo)."""
    if contents.assignment is None:
        return
    coding_coders = {coding["coder"] for coding in contents.codings}
    for uuid in coding_coders:
        session.merge(Meta(key=f"assignment-coder:{uuid}", value=contents.assignment))


def merge_copies(project: Project, paths: list[Path]) -> tuple[Path, list[MergeReport]]:
    """Back the project up, then merge each copy (for the command line)."""
    backup = backup_before_merge(project)
    reports = []
    for path in paths:
        contents = read_copy(path)
        report = MergeReport(Path(path))
        with project.transaction() as session:
            check_copy(session, contents, report)
            merge_copy(session, contents, report)
            remember_students(session, contents)
        reports.append(report)
    return backup, reports


def check_copy(session: Session, contents: CopyContents, report: MergeReport) -> None:
    """Warn when the copy was not made from this project."""
    source = contents.meta.get(SOURCE_KEY)
    here = _meta(session, "project_uuid")
    if source is None:
        report.warnings.append(_("This file is not an assignment; it is merged all the same."))
    elif source != here:
        report.warnings.append(
            _("This assignment was made from another project; only matching documents count.")
        )


# -- the students' agreement with the reference coder ---------------------------------------


@dataclass
class StudentAgreement:
    coder_id: int
    name: str
    document_ids: frozenset[int]
    result: AgreementResult


def student_agreements(
    session: Session,
    reference_id: int,
    *,
    unit: Unit = Unit.SENTENCE,
    all_units: bool = False,
    coder_ids: list[int] | None = None,
) -> list[StudentAgreement]:
    """Each student's agreement with the reference coder, on their assignment's documents.

    Students are the coders merged from assignments (or ``coder_ids``); a coder without a
    recorded assignment is compared on the documents they coded.
    """
    meta = dict(session.execute(select(Meta.key, Meta.value)).tuples().all())
    coders = session.execute(select(Coder.id, Coder.uuid, Coder.name).order_by(Coder.name)).all()
    documents = dict(session.execute(select(Document.uuid, Document.id)).tuples().all())
    results = []
    for coder_id, uuid, name in coders:
        assignment = meta.get(f"assignment-coder:{uuid}")
        if coder_id == reference_id:
            continue
        if coder_ids is None and assignment is None:
            continue
        if coder_ids is not None and coder_id not in coder_ids:
            continue
        chosen = _assignment_documents(meta, assignment, documents)
        if chosen is None:
            chosen = frozenset(
                session.scalars(
                    select(Coding.document_id).where(Coding.coder_id == coder_id).distinct()
                ).all()
            )
        spec = AgreementSpec((reference_id, coder_id), unit, chosen, None, all_units)
        results.append(StudentAgreement(coder_id, name, chosen, compute_agreement(session, spec)))
    return results


def _assignment_documents(
    meta: dict[str, str], assignment: str | None, documents: dict[str, int]
) -> frozenset[int] | None:
    if assignment is None or f"assignment:{assignment}" not in meta:
        return None
    record = json.loads(meta[f"assignment:{assignment}"])
    return frozenset(documents[u] for u in record.get("documents", []) if u in documents)
