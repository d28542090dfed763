"""Writing an assignment file that leaks nothing of the teacher's project.

The copy is made with SQLite's online backup into a hidden staging file beside the target and
trimmed there through a plain engine, never through :meth:`Project.open`: so no rolling backup
of the untrimmed project is ever made, no lock file and no write-ahead log with old pages is
left behind. After trimming the search index is rebuilt from what is left and the file is
vacuumed (freed pages hold the removed text otherwise), in the classic rollback journal; only
then is it moved to its name. A failure removes the staging file: nothing half-made remains.

What stays: the chosen documents (with their turns, sentences and speakers), the codebook
(locked), the attribute definitions and the values of what stays, the cases of the speakers
that stay, and the names of the name list that occur in the text that stays. What goes: every
other document, every coding (unless asked) and memo, the relations between codes and the
networks (the teacher's analysis, with memos), document groups left without documents, the
correction history (it holds old
texts and the codings a correction listed), coders nothing refers to, and every ``meta`` entry
except the few that describe the file itself (a whitelist: earlier assignments' records and
the students' names never travel).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import (
    Base,
    Case,
    Coder,
    CodeRelation,
    Coding,
    Document,
    DocumentEdit,
    Group,
    GroupKind,
    GroupMember,
    Memo,
    Meta,
    Network,
    Speaker,
)
from reiscoder.model.backups import KEEP_COPIES_KEY, KEEP_DAYS_KEY
from reiscoder.model.base import new_uuid
from reiscoder.model.database import make_engine
from reiscoder.model.errors import ProjectError
from reiscoder.model.privacy import Pseudonym
from reiscoder.ops.codes import CODEBOOK_LOCK_KEY
from reiscoder.ops.merge_copy import ASSIGNMENT_KEY

SOURCE_KEY = "assignment_source_uuid"
NAME_KEY = "assignment_name"
# The only meta entries a copy takes from the teacher's project.
KEPT_META = frozenset({"schema_version", "created_with", KEEP_DAYS_KEY, KEEP_COPIES_KEY})
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class PreparedAssignment:
    path: Path
    uuid: str
    documents: int
    document_uuids: list[str]


def write_assignment(
    source: Path,
    target: Path,
    document_ids: list[int],
    *,
    name: str,
    source_uuid: str,
    keep_codings: bool = False,
) -> PreparedAssignment:
    """Write ``target`` from the project file ``source`` (which is only read)."""
    target = Path(target)
    if target.exists():
        raise ProjectError(_("The file {path} already exists.").format(path=target))
    if not document_ids:
        raise ProjectError(_("Choose at least one document for the assignment."))
    staging = target.with_name(f".{target.name}.in-aanmaak")
    _remove(staging)
    assignment = new_uuid()
    try:
        _copy(Path(source), staging)
        uuids = _trim_file(staging, set(document_ids), keep_codings, name, assignment, source_uuid)
        _compact(staging)
        for suffix in SIDE_FILES:
            if Path(f"{staging}{suffix}").exists():
                raise ProjectError(_("The assignment file could not be closed cleanly."))
        os.replace(staging, target)
    except BaseException:
        _remove(staging)
        raise
    return PreparedAssignment(target, assignment, len(uuids), uuids)


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _copy(source: Path, target: Path) -> None:
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode = DELETE")
    finally:
        writer.close()
        reader.close()


def _trim_file(
    path: Path,
    keep: set[int],
    keep_codings: bool,
    name: str,
    assignment: str,
    source_uuid: str,
) -> list[str]:
    engine = make_engine(path, wal=False)
    try:
        with Session(engine) as session, session.begin():
            trim(session, keep, keep_codings)
            for key, value in {
                CODEBOOK_LOCK_KEY: "1",
                ASSIGNMENT_KEY: assignment,
                SOURCE_KEY: source_uuid,
                NAME_KEY: name,
                "name": name,
                "project_uuid": new_uuid(),
            }.items():
                session.merge(Meta(key=key, value=value))
            uuids = list(session.scalars(select(Document.uuid).order_by(Document.position)))
    finally:
        engine.dispose()
    if not uuids:
        raise ProjectError(_("None of the chosen documents is in the project."))
    return uuids


def trim(session: Session, keep: set[int], keep_codings: bool) -> None:
    """Remove from a copy everything a student must not get (see the module's doc)."""
    connection = session.connection()
    connection.execute(delete(Document).where(Document.id.not_in(sorted(keep))))
    connection.execute(delete(Memo))
    if not keep_codings:
        connection.execute(delete(Coding))
    connection.execute(delete(DocumentEdit))
    connection.execute(delete(CodeRelation))
    connection.execute(delete(Network))  # its nodes go with it (ON DELETE CASCADE)
    connection.execute(
        delete(Group).where(
            Group.kind == GroupKind.DOCUMENT,
            Group.id.not_in(
                select(GroupMember.group_id).where(GroupMember.document_id.in_(sorted(keep)))
            ),
        )
    )
    connection.execute(update(Document).values(imported_by_id=None))
    connection.execute(delete(Meta).where(Meta.key.not_in(sorted(KEPT_META))))
    _remove_unused_cases(session)
    _remove_foreign_names(session)
    _remove_unused_coders(session)
    connection.exec_driver_sql("INSERT INTO sentence_index(sentence_index) VALUES ('rebuild')")
    connection.execute(
        text(
            "UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(id), 0) FROM codings)"
            " WHERE name = 'codings'"
        )
    )
    for table in ("memos", "document_edits", "code_relations", "networks", "network_nodes"):
        connection.execute(text("DELETE FROM sqlite_sequence WHERE name = :t"), {"t": table})


def _remove_unused_cases(session: Session) -> None:
    used = select(Speaker.case_id).where(Speaker.case_id.is_not(None))
    connection = session.connection()
    # The values of a case's attributes go with it (ON DELETE CASCADE).
    connection.execute(delete(Case).where(Case.id.not_in(used)))


def _remove_foreign_names(session: Session) -> None:
    """Names of the name list that occur in none of the documents that stay."""
    texts = [t.casefold() for t in session.scalars(select(Document.text))]
    for entry_id, original in session.execute(select(Pseudonym.id, Pseudonym.original)).all():
        if not any(original.casefold() in body for body in texts):
            session.connection().execute(delete(Pseudonym).where(Pseudonym.id == entry_id))


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


def _compact(path: Path) -> None:
    """Drop the removed rows from the file's free pages too."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("VACUUM")
    finally:
        connection.close()
