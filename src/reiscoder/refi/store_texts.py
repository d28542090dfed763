"""Bring in documents with their speakers and turns, then the codings on them.

A document's turns come from our extra file when its text is unchanged (checked by SHA-256),
and are otherwise found in the text the way any import finds them. When merging, a source
whose GUID and text equal one of our documents is that document: its codings join ours and a
coding that is already there (same GUID, or same code, coder and range) is not doubled.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from sqlalchemy import insert, select, update

from reiscoder.i18n import _
from reiscoder.ingest.store import store_transcript
from reiscoder.model import Case, Coding, Document, Speaker
from reiscoder.model.tables import table_of
from reiscoder.parsing import ParsedTranscript, ParsedTurn
from reiscoder.refi.context import ImportContext, SelectionTarget, moment
from reiscoder.refi.extras import DocumentExtra, read_timestamp, text_digest
from reiscoder.refi.foreign_data import ForeignCase, ForeignCoding, ForeignSelection
from reiscoder.refi.sources import PlacedText


def store_documents(ctx: ImportContext, texts: list[PlacedText]) -> None:
    for placed in texts:
        if placed.parsed is None:
            continue
        guid = placed.source.guid
        document_id = _same_document(ctx, guid, placed.parsed.text) if ctx.merge else None
        if document_id is None:
            document_id = _insert_document(ctx, placed)
        else:
            ctx.report.add("matched_documents")
        if guid is not None:
            ctx.documents.setdefault(guid, document_id)
        ctx.texts[document_id] = placed.parsed.text


def _same_document(ctx: ImportContext, guid: str | None, text: str) -> int | None:
    if guid is None:
        return None
    row = ctx.session.execute(
        select(Document.id, Document.text).where(Document.uuid == guid)
    ).one_or_none()
    if row is None:
        return None
    if row.text != text:
        ctx.report.converted.append(
            _(
                "A document in the file has the id of “{name}” here but a different text; it "
                "came in as a separate document."
            ).format(name=ctx.session.get_one(Document, row.id).name)
        )
        return None
    return row.id


def _insert_document(ctx: ImportContext, placed: PlacedText) -> int:
    assert placed.parsed is not None
    source = placed.source
    extra = _usable_extra(ctx, placed)
    parsed = _parsed_from_extra(placed.parsed, extra) if extra else placed.parsed
    file_name = PurePosixPath((source.path or "").split("://")[-1]).name
    names = ctx.names_in_use("document", lambda: ctx.session.scalars(select(Document.name)))
    name = ctx.renamed(placed.source.name, names.unique(placed.name), _("Document"))
    document_id = store_transcript(
        ctx.session,
        parsed,
        name=name,
        source_filename=extra.source_filename if extra else file_name,
        checksum=extra.checksum if extra else "",
        coder_id=ctx.coders.get(source.user or ""),
    )
    imported_at = moment(read_timestamp(extra.imported_at if extra else None), source.created)
    values: dict[str, object] = {
        "uuid": ctx.fresh_uuid(Document, source.guid),
        "imported_at": imported_at,
    }
    if extra:
        values["source_format"] = extra.source_format
    ctx.session.execute(update(Document).where(Document.id == document_id).values(**values))
    if extra:
        _restore_speakers(ctx, document_id, extra)
    if ctx.project_path is not None and (placed.source.recording or placed.sync_points):
        from reiscoder.refi.recordings import store_recording

        store_recording(ctx, ctx.project_path, document_id, placed, ctx.recordings)
    ctx.report.add("documents")
    return document_id


def _usable_extra(ctx: ImportContext, placed: PlacedText) -> DocumentExtra | None:
    assert placed.parsed is not None
    extra = ctx.extras.documents.get(placed.source.guid or "")
    if extra is None:
        return None
    text = placed.parsed.text
    if extra.sha256 != text_digest(text) or not _turns_fit(extra, len(text)):
        ctx.report.converted.append(
            _(
                "“{name}”: the text changed since reiscoder exported it; turns were found anew."
            ).format(name=placed.name)
        )
        return None
    return extra


def _turns_fit(extra: DocumentExtra, length: int) -> bool:
    speakers = {s.uuid for s in extra.speakers}
    labels = [s.label for s in extra.speakers]
    previous_end = 0
    for turn in extra.turns:
        if not previous_end <= turn.start <= turn.content_start <= turn.end <= length:
            return False
        if turn.start >= turn.end or (turn.speaker is not None and turn.speaker not in speakers):
            return False
        previous_end = turn.end
    return len(set(labels)) == len(labels) and all(s.label.strip() for s in extra.speakers)


def _parsed_from_extra(parsed: ParsedTranscript, extra: DocumentExtra) -> ParsedTranscript:
    labels = {s.uuid: s.label for s in extra.speakers}
    turns = [
        ParsedTurn(t.start, t.content_start, t.end, labels.get(t.speaker or ""), t.timestamp_ms)
        for t in extra.turns
    ]
    return ParsedTranscript(parsed.text, turns, parsed.source_format)


def _restore_speakers(ctx: ImportContext, document_id: int, extra: DocumentExtra) -> None:
    case_ids = dict(ctx.session.execute(select(Case.uuid, Case.id)).tuples().all())
    for speaker in extra.speakers:
        row = ctx.session.scalar(
            select(Speaker.id).where(
                Speaker.document_id == document_id, Speaker.label == speaker.label
            )
        )
        values = {
            "uuid": ctx.fresh_uuid(Speaker, speaker.uuid),
            "name": speaker.name[:255] or speaker.label,
            "case_id": case_ids.get(speaker.case or ""),
        }
        if row is None:  # a speaker without turns
            ctx.session.execute(
                insert(table_of(Speaker)).values(
                    document_id=document_id, label=speaker.label, **values
                )
            )
        else:
            ctx.session.execute(update(Speaker).where(Speaker.id == row).values(**values))
    ctx.linked_documents.add(document_id)


def store_codings(ctx: ImportContext, texts: list[PlacedText]) -> None:
    for placed in texts:
        document_id = ctx.documents.get(placed.source.guid or "")
        if placed.parsed is None or document_id is None:
            continue
        for item in placed.placed:
            # placed: start and end are set, and ours
            target = SelectionTarget(document_id, item.start or 0, item.end or 0)
            new = [_coding(ctx, target, coding, item) for coding in item.codings]
            if item.guid is not None and _has_memo(item):
                ctx.selections.setdefault(item.guid, target)
            if any(new) or not item.codings:
                ctx.report.add("selections")
        length = len(placed.parsed.text)
        whole = SelectionTarget(document_id, 0, length)
        for coding in placed.source.codings if length else []:
            _coding(ctx, whole, coding, None)
        if placed.source.codings and length:
            ctx.report.converted.append(
                _("“{name}”: codes on the whole source, now on its whole text: {count}.").format(
                    name=placed.name, count=len(placed.source.codings)
                )
            )


def _coding(
    ctx: ImportContext,
    target: SelectionTarget,
    coding: ForeignCoding,
    selection: ForeignSelection | None,
) -> bool:
    """Bring in one coding; False when it was not new."""
    code_id = ctx.codes.get(coding.code or "")
    if code_id is None:
        ctx.report.add("codings_without_code")
        return False
    coder_id = ctx.coder_for(coding.user or (selection.user if selection else None))
    existing = _existing(ctx, target, code_id, coder_id)
    if existing is not None:
        ctx.report.add("matched_codings" if ctx.merge else "duplicate_codings")
        target.coding_ids.append(existing)
        if coding.guid is not None and coding.note_refs:
            ctx.codings.setdefault(coding.guid, existing)
        return False
    quote = ctx.texts[target.document_id][target.start : target.end]
    extra = ctx.extras.codings.get(coding.guid or "")
    if extra is not None and extra.quote != quote:
        ctx.report.warnings.append(
            _("A coding meant for “{expected}” landed on “{found}”.").format(
                expected=extra.quote[:60], found=quote[:60]
            )
        )
    created = moment(
        read_timestamp(extra.created) if extra else None,
        coding.created,
        selection.created if selection else None,
    )
    params = {
        "uuid": ctx.fresh_uuid(Coding, coding.guid),
        "document_id": target.document_id,
        "code_id": code_id,
        "coder_id": coder_id,
        "start": target.start,
        "end": target.end,
        "quote": quote,
        "created": created,
    }
    ctx.step()
    coding_id = int(ctx.session.execute(_INSERT_CODING, params).scalar_one())
    _keys(ctx, target.document_id)[_key(code_id, coder_id, target.start, target.end)] = coding_id
    target.coding_ids.append(coding_id)
    if coding.guid is not None and coding.note_refs:
        ctx.codings.setdefault(coding.guid, coding_id)
    ctx.report.add("codings")
    return True


def _has_memo(selection: ForeignSelection) -> bool:
    """Whether a note or a comment will be written on the selection (see store_memos): only
    then is it looked up again, so only then is where it landed kept."""
    return bool(selection.note_refs or selection.description.strip())


_INSERT_CODING = insert(table_of(Coding)).returning(table_of(Coding).c.id)


def _existing(
    ctx: ImportContext, target: SelectionTarget, code_id: int, coder_id: int
) -> int | None:
    key = _key(code_id, coder_id, target.start, target.end)
    return _keys(ctx, target.document_id).get(key)


def _key(code_id: int, coder_id: int, start: int, end: int) -> int:
    """A coding's code, coder and range as one number: a third of a tuple's room, and as
    unique (ids stay under 2**63, positions under 2**32: a text is at most 32 MB)."""
    return ((code_id << 63 | coder_id) << 32 | start) << 32 | end


def _keys(ctx: ImportContext, document_id: int) -> dict[int, int]:
    """The codings a document holds, by code, coder and range: read once per document."""
    keys = ctx.coding_keys.get(document_id)
    if keys is None:
        rows = ctx.session.execute(
            select(Coding.code_id, Coding.coder_id, Coding.start, Coding.end, Coding.id).where(
                Coding.document_id == document_id
            )
        ).tuples()
        keys = ctx.coding_keys[document_id] = {_key(a, b, c, d): i for a, b, c, d, i in rows}
    return keys


def link_cases(ctx: ImportContext, cases: list[ForeignCase]) -> None:
    """Link speakers to the cases that refer to their documents, where the names agree."""
    for case in cases:
        case_id = ctx.cases.get(case.guid or "")
        if case_id is None:
            continue
        name = ctx.session.get_one(Case, case_id).name
        for source in case.sources:
            document_id = ctx.documents.get(source)
            if document_id is None or document_id in ctx.linked_documents:
                continue
            if not _link_by_name(ctx, document_id, case_id, name):
                ctx.report.dropped.append(
                    _(
                        "Case “{case}” refers to “{document}”, but no speaker there has that "
                        "name; link the right speaker to the case yourself."
                    ).format(case=name, document=ctx.session.get_one(Document, document_id).name)
                )


def _link_by_name(ctx: ImportContext, document_id: int, case_id: int, name: str) -> bool:
    speakers = ctx.session.execute(
        select(Speaker.id, Speaker.label, Speaker.name).where(Speaker.document_id == document_id)
    ).all()
    wanted = name.casefold()
    matching = [s.id for s in speakers if wanted in (s.label.casefold(), s.name.casefold())]
    for speaker_id in matching:
        ctx.session.execute(update(Speaker).where(Speaker.id == speaker_id).values(case_id=case_id))
    return bool(matching)
