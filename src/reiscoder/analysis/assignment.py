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

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from reiscoder.analysis.agreement import AgreementResult, AgreementSpec, compute_agreement
from reiscoder.analysis.units import Unit
from reiscoder.i18n import _
from reiscoder.model import Base, Code, Coder, Coding, Document, Memo, Meta
from reiscoder.model.backup import make_backup
from reiscoder.model.base import new_uuid, utcnow
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import Project
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.codes import CODEBOOK_LOCK_KEY

ASSIGNMENT_KEY = "assignment_uuid"
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


# -- merging a copy back -------------------------------------------------------------------


@dataclass
class CopyContents:
    """What a student's copy holds, read once, keyed by uuid."""

    path: Path
    meta: dict[str, str]
    coders: dict[str, str]  # uuid -> name
    codes: dict[str, dict]  # uuid -> name, color, parent uuid, definition
    documents: dict[str, str]  # uuid -> text
    codings: list[dict]
    memos: list[dict]

    @property
    def assignment(self) -> str | None:
        return self.meta.get(ASSIGNMENT_KEY)


@dataclass
class MergeReport:
    path: Path
    coders: list[str] = field(default_factory=list)  # names as they are in the project
    codings: int = 0
    memos: int = 0
    skipped: int = 0  # already there
    new_codes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_copy(path: Path) -> CopyContents:
    with Project.open(Path(path), read_only=True) as copy, copy.reader() as session:
        meta = dict(session.execute(select(Meta.key, Meta.value)).all())
        coders = dict(session.execute(select(Coder.uuid, Coder.name)).all())
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
        documents = dict(session.execute(select(Document.uuid, Document.text)).all())
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
    coders = dict(session.execute(select(Coder.id, Coder.uuid)).all())
    documents = dict(session.execute(select(Document.id, Document.uuid)).all())
    codes = dict(session.execute(select(Code.id, Code.uuid)).all())
    codings = dict(session.execute(select(Coding.id, Coding.uuid)).all())
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
                "document": documents.get(memo.document_id),
                "code": codes.get(memo.code_id),
                "coding": codings.get(memo.coding_id),
            }
        )
    return memos


def merge_copy(session: Session, contents: CopyContents, report: MergeReport) -> Outcome:
    """Add a copy's coders, codings and memos to the project (one undoable change)."""
    changes = ChangeSet()
    merger = _Merger(session, contents, report, changes)
    merger.run()
    label = _("Merge “{name}”").format(name=contents.path.name)
    return Outcome(label, changes)


class _Merger:
    def __init__(
        self, session: Session, contents: CopyContents, report: MergeReport, changes: ChangeSet
    ) -> None:
        self.session, self.contents, self.report, self.changes = (
            session,
            contents,
            report,
            changes,
        )
        self.coder_ids: dict[str, int] = {}
        self.code_ids = dict(session.execute(select(Code.uuid, Code.id)).all())
        self.document_ids: dict[str, int] = {}
        self.coding_ids = dict(session.execute(select(Coding.uuid, Coding.id)).all())

    def run(self) -> None:
        self._documents()
        for coding in self.contents.codings:
            self._coding(coding)
        for memo in self.contents.memos:
            self._memo(memo)

    def _documents(self) -> None:
        here = dict(self.session.execute(select(Document.uuid, Document.id)).all())
        for uuid, text in self.contents.documents.items():
            document_id = here.get(uuid)
            if document_id is None:
                continue
            own = self.session.scalar(select(Document.text).where(Document.id == document_id))
            if own != text:
                name = self.session.get(Document, document_id).name
                self.report.warnings.append(
                    _(
                        "The text of “{name}” differs from the copy; its codings were not merged."
                    ).format(name=name)
                )
                continue
            self.document_ids[uuid] = document_id

    def _coder(self, uuid: str) -> int:
        if uuid in self.coder_ids:
            return self.coder_ids[uuid]
        found = self.session.scalar(select(Coder.id).where(Coder.uuid == uuid))
        name = self.contents.coders[uuid]
        if found is None:
            name = self._free_coder_name(name)
            found = self.changes.insert(self.session, Coder, uuid=uuid, name=name)
        else:
            name = self.session.get(Coder, found).name
        self.coder_ids[uuid] = found
        if name not in self.report.coders:
            self.report.coders.append(name)
        return found

    def _free_coder_name(self, name: str) -> str:
        candidate, number = name, 1
        taken = set(self.session.scalars(select(Coder.name)).all())
        while candidate in taken:
            number += 1
            candidate = f"{name} ({self.contents.path.stem}{'' if number == 2 else number})"
        return candidate

    def _code(self, uuid: str) -> int:
        if uuid in self.code_ids:
            return self.code_ids[uuid]
        spec = self.contents.codes[uuid]
        parent = self._code(spec["parent"]) if spec["parent"] else None
        siblings = self.session.scalars(
            select(Code.name).where(
                Code.parent_id.is_(None) if parent is None else Code.parent_id == parent
            )
        ).all()
        name = spec["name"]
        while name in siblings:
            name = f"{name} ({self.contents.path.stem})"
        code_id = self.changes.insert(
            self.session,
            Code,
            uuid=uuid,
            name=name,
            color=spec["color"],
            parent_id=parent,
            definition=spec["definition"],
            position=len(siblings),
        )
        self.code_ids[uuid] = code_id
        self.report.new_codes.append(name)
        return code_id

    def _coding(self, coding: dict) -> None:
        document_id = self.document_ids.get(coding["document"])
        if document_id is None:
            return
        if coding["uuid"] in self.coding_ids:
            self._coder(coding["coder"])
            self.report.skipped += 1
            return
        values = {
            "document_id": document_id,
            "code_id": self._code(coding["code"]),
            "coder_id": self._coder(coding["coder"]),
            "start": coding["start"],
            "end": coding["end"],
        }
        same = select(Coding.id).filter_by(**values)
        if self.session.scalar(same) is not None:
            self.report.skipped += 1
            return
        self.coding_ids[coding["uuid"]] = self.changes.insert(
            self.session,
            Coding,
            uuid=coding["uuid"],
            quote=coding["quote"],
            created=coding["created"],
            **values,
        )
        self.report.codings += 1

    def _memo(self, memo: dict) -> None:
        if self.session.scalar(select(Memo.id).where(Memo.uuid == memo["uuid"])) is not None:
            return
        target = {"document_id": None, "code_id": None, "coding_id": None}
        if memo["document"]:
            target["document_id"] = self.document_ids.get(memo["document"])
            if target["document_id"] is None:
                return
        elif memo["code"]:
            target["code_id"] = self._code(memo["code"])
        elif memo["coding"]:
            target["coding_id"] = self.coding_ids.get(memo["coding"])
            if target["coding_id"] is None:
                return
        self.changes.insert(
            self.session,
            Memo,
            uuid=memo["uuid"],
            title=memo["title"],
            text=memo["text"],
            coder_id=self._coder(memo["coder"]),
            created=memo["created"],
            modified=memo["modified"],
            **target,
        )
        self.report.memos += 1


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
    meta = dict(session.execute(select(Meta.key, Meta.value)).all())
    coders = session.execute(select(Coder.id, Coder.uuid, Coder.name).order_by(Coder.name)).all()
    documents = dict(session.execute(select(Document.uuid, Document.id)).all())
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
