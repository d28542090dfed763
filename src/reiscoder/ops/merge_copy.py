"""Merging a student's assignment copy into the teacher's project: its coders, codings and memos.

Codes and documents are matched by identity (uuid), never by name; coders are kept apart from
the teacher's (matched by identity, renamed if a name is taken). Merging the same copy twice
adds nothing the second time. A merge is a bulk write made after a backup, not an undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Coder, Coding, Document, Memo
from reiscoder.ops.changes import ChangeSet, Outcome

ASSIGNMENT_KEY = "assignment_uuid"


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
        self.code_ids = dict(session.execute(select(Code.uuid, Code.id)).tuples().all())
        self.document_ids: dict[str, int] = {}
        self.coding_ids = dict(session.execute(select(Coding.uuid, Coding.id)).tuples().all())

    def run(self) -> None:
        self._documents()
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
            own = self.session.scalar(select(Document.text).where(Document.id == document_id))
            if own != text:
                name = self.session.get_one(Document, document_id).name
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
        target: dict[str, int | None] = {"document_id": None, "code_id": None, "coding_id": None}
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
