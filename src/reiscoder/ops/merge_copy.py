"""Merging a student's assignment copy into the teacher's project: its coders, codings and memos.

Codes and documents are matched by identity (uuid), never by name; coders are kept apart from
the teacher's (matched by identity, renamed if a name is taken). Merging the same copy twice
adds nothing the second time. A merge is a bulk write made after a backup, not an undo step.

A document the teacher corrected after handing out is no reason to drop a student's work:
codings are carried through the correction's position map (:mod:`reiscoder.ops.placing`);
only those whose text is gone are left out, and listed by student, passage and code. The
codebook of an assignment is the teacher's: a code the copy has and the project has not (the
lock was got round) is refused with its codings, never added.
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import N_, _
from reiscoder.model import Code, Coder, Coding, Document, Memo
from reiscoder.model.meta import CODEBOOK_LOCK_KEY
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.placing import TextPlacer, placer_for
from reiscoder.ops.remap import Fit

ASSIGNMENT_KEY = "assignment_uuid"

# Why a coding of a copy was left out (translate with ``_``).
TEXT_GONE = N_("its text was removed from the document")
FOREIGN_CODE = N_("its code is not in the codebook")
NO_DOCUMENT = N_("the document is not in this project")


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
    document_names: dict[str, str] = field(default_factory=dict)  # uuid -> name

    @property
    def assignment(self) -> str | None:
        return self.meta.get(ASSIGNMENT_KEY)

    @property
    def is_assignment(self) -> bool:
        return ASSIGNMENT_KEY in self.meta or CODEBOOK_LOCK_KEY in self.meta

    def code_path(self, uuid: str) -> str:
        names, current, seen = [], uuid, set()
        while current and current in self.codes and current not in seen:
            seen.add(current)
            names.append(self.codes[current]["name"])
            current = self.codes[current]["parent"]
        return " / ".join(reversed(names))


@dataclass(frozen=True)
class LeftOut:
    """A coding of a copy that was not merged, and why (``reason``: untranslated)."""

    student: str
    document: str
    passage: str
    code: str
    reason: str


@dataclass
class MergeReport:
    path: Path
    coders: list[str] = field(default_factory=list)  # names as they are in the project
    codings: int = 0
    memos: int = 0
    skipped: int = 0  # already there
    new_codes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    corrected: int = 0  # placed through a correction of the document's text
    left_out: list[LeftOut] = field(default_factory=list)
    students: list[str] = field(default_factory=list)  # uuids of the copy's students


def merge_copy(
    session: Session,
    contents: CopyContents,
    report: MergeReport,
    students: frozenset[str] = frozenset(),
) -> Outcome:
    """Add a copy's coders, codings and memos to the project (one undoable change).

    ``students``: uuids of coders already known as students (merging a copy again).
    """
    changes = ChangeSet()
    merger = _Merger(session, contents, report, changes)
    merger.recorded_students = set(students)
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
        self.code_ids = dict(session.execute(select(Code.uuid, Code.id)).tuples().all())
        self.document_ids: dict[str, int] = {}
        self.coding_ids = dict(session.execute(select(Coding.uuid, Coding.id)).tuples().all())
        self.placers: dict[str, TextPlacer] = {}
        self.recorded_students: set[str] = set()
        self.texts: dict[int, str] = {}

    def run(self) -> None:
        self._documents()
        if self.contents.is_assignment:
            self._students()
        for coding in self.contents.codings:
            self._coding(coding)
        for memo in self.contents.memos:
            self._memo(memo)

    def _documents(self) -> None:
        here = dict(self.session.execute(select(Document.uuid, Document.id)).tuples().all())
        for uuid, text in self.contents.documents.items():
            document_id = here.get(uuid)
            if document_id is None:
                continue
            self.document_ids[uuid] = document_id
            own = self.session.scalar(select(Document.text).where(Document.id == document_id))
            if own != text:
                self.placers[uuid] = placer_for(self.session, document_id, text)

    def _students(self) -> None:
        """Every coder of an assignment copy is a student of it, with codings or without."""
        before = set(self.session.scalars(select(Coder.uuid)))
        coders = dict(self.contents.coders)
        if not coders:
            name = self.contents.path.stem
            seed = f"{self.contents.assignment}/{self.contents.path.name}"
            coders = {str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, seed)): name}
            self.contents.coders.update(coders)
            self.report.warnings.append(
                _("Nobody coded in this copy; its student is called “{name}”.").format(name=name)
            )
        for uuid in coders:
            if uuid in before and not self.known_student(uuid):
                continue  # the teacher's own coder, in a copy that kept the codings
            self._coder(uuid)
            self.report.students.append(uuid)

    def known_student(self, uuid: str) -> bool:
        return uuid in self.recorded_students

    def _coder(self, uuid: str) -> int:
        if uuid in self.coder_ids:
            return self.coder_ids[uuid]
        found = self.session.scalar(select(Coder.id).where(Coder.uuid == uuid))
        name = self.contents.coders[uuid]
        if found is None:
            name = self._free_coder_name(name)
            found = self.changes.insert(self.session, Coder, uuid=uuid, name=name)
        else:
            name = self.session.get_one(Coder, found).name
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
            if self.contents.is_assignment:
                self._leave_out(coding, NO_DOCUMENT)
            return
        if coding["uuid"] in self.coding_ids:
            self._coder(coding["coder"])
            self.report.skipped += 1
            return
        if coding["code"] not in self.code_ids and self.contents.is_assignment:
            self._leave_out(coding, FOREIGN_CODE)
            return
        start, end, quote = coding["start"], coding["end"], coding["quote"]
        placer = self.placers.get(coding["document"])
        if placer is not None:
            placed = placer.place(start, end)
            if placed.fit is Fit.DELETED or placed.start >= placed.end:
                self._leave_out(coding, TEXT_GONE)
                return
            if (placed.start, placed.end) != (start, end) or placed.fit is Fit.CHANGED:
                self.report.corrected += 1
            start, end = placed.start, placed.end
            quote = self._text(document_id)[start:end]
        values = {
            "document_id": document_id,
            "code_id": self._code(coding["code"]),
            "coder_id": self._coder(coding["coder"]),
            "start": start,
            "end": end,
        }
        same = select(Coding.id).filter_by(**values)
        if self.session.scalar(same) is not None:
            self.report.skipped += 1
            return
        self.coding_ids[coding["uuid"]] = self.changes.insert(
            self.session,
            Coding,
            uuid=coding["uuid"],
            quote=quote,
            created=coding["created"],
            **values,
        )
        self.report.codings += 1

    def _text(self, document_id: int) -> str:
        if document_id not in self.texts:
            self.texts[document_id] = self.session.get_one(Document, document_id).text
        return self.texts[document_id]

    def _leave_out(self, coding: dict, reason: str) -> None:
        student = self.contents.coders.get(coding["coder"], "?")
        if coding["coder"] in self.coder_ids:
            student = self.session.get_one(Coder, self.coder_ids[coding["coder"]]).name
        name = self.contents.document_names.get(coding["document"], "?")
        self.report.left_out.append(
            LeftOut(student, name, coding["quote"], self.contents.code_path(coding["code"]), reason)
        )

    def _memo(self, memo: dict) -> None:
        if self.session.scalar(select(Memo.id).where(Memo.uuid == memo["uuid"])) is not None:
            return
        target: dict[str, int | None] = {"document_id": None, "code_id": None, "coding_id": None}
        if memo["document"]:
            target["document_id"] = self.document_ids.get(memo["document"])
            if target["document_id"] is None:
                return
        elif memo["code"]:
            if memo["code"] not in self.code_ids and self.contents.is_assignment:
                return
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
