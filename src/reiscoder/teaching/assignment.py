"""Teacher and students: prepare an assignment, merge the students' copies back.

An *assignment* is a copy of the teacher's project with only the chosen documents, without
codings (unless asked), and with the codebook locked (``ops.codes`` refuses to change it);
:mod:`reiscoder.teaching.prepare` writes it so that nothing else of the project leaks.
Each student codes their copy under their own name. Merging a copy back adds its coders
(kept apart from the teacher's: matched by identity, renamed if a name is taken), its
codings and memos; codes and documents are matched by identity (uuid), never by name.
Merging the same copy twice adds nothing the second time.

The teacher's project remembers each assignment (its documents) and which coder came from
which assignment, in ``meta``, so that a student's agreement with the reference coder is
computed on the documents of their assignment only (:mod:`reiscoder.teaching.students`).
"""

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model import Code, Coder, Coding, Document, Memo, Meta
from reiscoder.model.backups import make_backup
from reiscoder.model.base import utcnow
from reiscoder.model.project import Project
from reiscoder.ops.merge_copy import CopyContents, LeftOut, MergeReport, merge_copy
from reiscoder.teaching.prepare import SOURCE_KEY, PreparedAssignment, write_assignment

__all__ = [
    "CopyContents",
    "LeftOut",
    "MergeReport",
    "PreparedAssignment",
    "backup_before_merge",
    "check_copy",
    "describe_merge",
    "merge_copies",
    "merge_copy",
    "merge_one",
    "prepare_assignment",
    "read_copy",
    "recorded_students",
    "remember_students",
]
STUDENT_PREFIX = "assignment-coder:"
RECORD_PREFIX = "assignment:"


def prepare_assignment(
    project: Project,
    target: Path,
    document_ids: list[int],
    *,
    name: str,
    keep_codings: bool = False,
) -> PreparedAssignment:
    """Write the assignment file ``target`` from ``project`` (which stays as it is)."""
    prepared = write_assignment(
        project.file,
        Path(target),
        document_ids,
        name=name,
        source_uuid=project.meta("project_uuid") or "",
        keep_codings=keep_codings,
    )
    record = {
        "name": name,
        "documents": prepared.document_uuids,
        "file": prepared.path.name,
        "created": utcnow().isoformat(),
    }
    with project.transaction() as session:
        session.merge(Meta(key=RECORD_PREFIX + prepared.uuid, value=json.dumps(record)))
    return prepared


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
        document_names = dict(session.execute(select(Document.uuid, Document.name)).tuples().all())
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
    return CopyContents(Path(path), meta, coders, codes, documents, codings, memos, document_names)


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
    return make_backup(project.file, "voor-samenvoegen")


def recorded_students(session: Session) -> frozenset[str]:
    """Uuids of the coders the project knows as students of an assignment."""
    keys = session.scalars(select(Meta.key).where(Meta.key.startswith(STUDENT_PREFIX)))
    return frozenset(key.removeprefix(STUDENT_PREFIX) for key in keys)


def remember_students(session: Session, contents: CopyContents, report: MergeReport) -> None:
    """Note which assignment each student of the copy worked on (not part of undo)."""
    if contents.assignment is None:
        return
    for uuid in report.students:
        session.merge(Meta(key=STUDENT_PREFIX + uuid, value=contents.assignment))


def merge_one(session: Session, path: Path, contents: CopyContents) -> MergeReport:
    """Check, merge and remember one copy in one transaction (for the command line)."""
    report = MergeReport(Path(path))
    check_copy(session, contents, report)
    merge_copy(session, contents, report, recorded_students(session))
    remember_students(session, contents, report)
    return report


def merge_copies(project: Project, paths: list[Path]) -> tuple[Path, list[MergeReport]]:
    """Back the project up, then merge each copy (for the command line)."""
    backup = backup_before_merge(project)
    reports = []
    for path in paths:
        contents = read_copy(path)
        with project.transaction() as session:
            reports.append(merge_one(session, path, contents))
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


def _meta(session: Session, key: str) -> str | None:
    return session.scalar(select(Meta.value).where(Meta.key == key))


def describe_merge(report: MergeReport) -> list[str]:
    """What a merge did, line by line, for the command line and the merge dialog."""
    codings = ngettext("{n} coding", "{n} codings", report.codings).format(n=report.codings)
    memos = ngettext("{n} memo", "{n} memos", report.memos).format(n=report.memos)
    lines = [
        _("{file}: {codings} and {memos} of {coders} merged").format(
            file=report.path.name,
            codings=codings,
            memos=memos,
            coders=", ".join(report.coders) or _("nobody"),
        )
    ]
    if report.skipped:
        lines.append(
            "  "
            + ngettext(
                "{n} coding was already there", "{n} codings were already there", report.skipped
            ).format(n=report.skipped)
        )
    if report.corrected:
        lines.append(
            "  "
            + ngettext(
                "{n} coding was placed through a correction of the transcript",
                "{n} codings were placed through a correction of the transcript",
                report.corrected,
            ).format(n=report.corrected)
        )
    lines += ["  " + _("new code: {name}").format(name=name) for name in report.new_codes]
    lines += [f"  ! {warning}" for warning in report.warnings]
    if report.left_out:
        count = len(report.left_out)
        lines.append(
            "  "
            + ngettext(
                "{n} coding could not be merged:", "{n} codings could not be merged:", count
            ).format(n=count)
        )
        for entry in report.left_out:
            lines.append(
                "    "
                + _("{student}, {document}: “{passage}” ({code}): {reason}").format(
                    student=entry.student,
                    document=entry.document,
                    passage=_short(entry.passage),
                    code=entry.code,
                    reason=_(entry.reason),
                )
            )
    return lines


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
