"""Bring in notes as memos, and the comments tools keep in descriptions.

A note goes to the first thing that refers to it, most specific first: a coding, a selection
(its first coding, or its document when it has none), a document, a code, the project. A note
nothing refers to is a project memo. Our memos belong to one thing; a note that several things
refer to is reported. Descriptions on selections (ATLAS.ti's quotation comments) and on
sources become memos too, so no comment is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from reiscoder.i18n import _
from reiscoder.model import Memo
from reiscoder.refi.context import ImportContext, moment
from reiscoder.refi.extras import read_timestamp
from reiscoder.refi.foreign_data import ForeignNote, ForeignProject
from reiscoder.refi.guids import derived_guid
from reiscoder.refi.sources import PlacedText

PREVIEW = 40


@dataclass(frozen=True)
class Target:
    document_id: int | None = None
    code_id: int | None = None
    coding_id: int | None = None


PROJECT = Target()


def store_memos(ctx: ImportContext, project: ForeignProject, texts: list[PlacedText]) -> None:
    targets = _note_targets(ctx, project, texts)
    referenced = _all_references(project, texts)
    for note in project.notes:
        if note.guid in ctx.consumed_notes:
            continue  # the memo of a relation between codes
        found = targets.get(note.guid or "", [])
        if len(found) > 1:
            ctx.report.converted.append(
                _(
                    "Memo “{title}” belonged to several things ({count}); it stays with the first."
                ).format(title=note.name or _preview(note.content or ""), count=len(found))
            )
        elif not found and note.guid in referenced:
            ctx.report.converted.append(
                _(
                    "Memo “{title}” belonged to something that was not brought in; it is now a "
                    "memo on the project."
                ).format(title=note.name or _preview(note.content or ""))
            )
        _note(ctx, note, found[0] if found else PROJECT)
    if project.description:
        _insert(
            ctx,
            uuid=derived_guid("description", "project", project.name),
            title=_("Description"),
            text=project.description,
            user=None,
            created=moment(),
            target=PROJECT,
        )
    _descriptions(ctx, texts)


def _note_targets(
    ctx: ImportContext, project: ForeignProject, texts: list[PlacedText]
) -> dict[str, list[Target]]:
    found: dict[str, list[Target]] = {}

    def add(note_refs: Sequence[str], target: Target) -> None:
        for note in note_refs:
            if target not in found.setdefault(note, []):
                found[note].append(target)

    for placed in texts:
        document_id = ctx.documents.get(placed.source.guid or "")
        if document_id is None:
            continue
        for item in placed.placed:
            selection = ctx.selections.get(item.guid or "")
            for coding in item.codings:
                if coding.guid in ctx.codings:
                    add(coding.note_refs, Target(coding_id=ctx.codings[coding.guid]))
            if selection is not None and selection.coding_ids:
                add(item.note_refs, Target(coding_id=selection.coding_ids[0]))
            else:
                add(item.note_refs, Target(document_id=document_id))
        add(placed.source.note_refs, Target(document_id=document_id))
    for guid, note_refs in ctx.code_notes:
        if guid in ctx.codes:
            add(note_refs, Target(code_id=ctx.codes[guid]))
    add(project.note_refs, PROJECT)
    return found


def _all_references(project: ForeignProject, texts: list[PlacedText]) -> set[str]:
    refs: set[str] = set(project.note_refs)
    for placed in texts:
        refs.update(placed.source.note_refs)
        for selection in placed.source.selections:
            refs.update(selection.note_refs)
            for coding in selection.codings:
                refs.update(coding.note_refs)
    return refs


def _note(ctx: ImportContext, note: ForeignNote, target: Target) -> None:
    text = note.content or ""
    if note.description.strip() and note.description.strip() != text.strip():
        text = f"{note.description.strip()}\n\n{text}" if text else note.description.strip()
    extra = ctx.extras.memos.get(note.guid or "")
    created = read_timestamp(extra.created if extra else None)
    modified = read_timestamp(extra.modified if extra else None)
    _insert(
        ctx,
        uuid=note.guid,
        title=note.name,
        text=text,
        user=note.user,
        created=moment(created, note.created, note.modified),
        modified=moment(modified, note.modified, note.created),
        target=target,
    )


def _descriptions(ctx: ImportContext, texts: list[PlacedText]) -> None:
    for placed in texts:
        document_id = ctx.documents.get(placed.source.guid or "")
        if document_id is None:
            continue
        if placed.source.description.strip():
            _insert(
                ctx,
                uuid=derived_guid("description", placed.source.guid or placed.name),
                title=_("Description"),
                text=placed.source.description.strip(),
                user=placed.source.user,
                created=moment(placed.source.created),
                target=Target(document_id=document_id),
            )
        for item in placed.placed:
            if not item.description.strip():
                continue
            selection = ctx.selections.get(item.guid or "")
            quote = ctx.texts[document_id][item.start : item.end]
            target = (
                Target(coding_id=selection.coding_ids[0])
                if selection is not None and selection.coding_ids
                else Target(document_id=document_id)
            )
            _insert(
                ctx,
                uuid=derived_guid("comment", item.guid or (document_id, item.start)),
                text=item.description.strip(),
                user=item.user,
                created=moment(item.created),
                title=_("Comment on “{quote}”").format(quote=_preview(quote)),
                target=target,
            )


def _insert(
    ctx: ImportContext,
    *,
    title: str,
    text: str,
    user: str | None,
    created: datetime,
    target: Target,
    uuid: str | None = None,
    modified: datetime | None = None,
) -> None:
    known = select(Memo.id).where(Memo.uuid == uuid)
    if ctx.merge and uuid is not None and ctx.session.scalar(known) is not None:
        return  # this memo came in before
    ctx.session.execute(
        insert(Memo).values(
            uuid=ctx.fresh_uuid(Memo, uuid),
            title=title.strip()[:255],
            text=text,
            coder_id=ctx.coder_for(user),
            created=created,
            modified=modified or created,
            document_id=target.document_id,
            code_id=target.code_id,
            coding_id=target.coding_id,
        )
    )
    ctx.report.add("memos")


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…"
