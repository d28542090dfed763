"""Transcription mode: a new, empty document linked to a recording, typed turn by turn.

While it is typed the document is "transcribing": its text is saved as it is typed (like every
other change in reiscoder there is nothing to save by hand), and it has no turns, sentences or
codings yet. Each turn starts on its own line with the time it was begun and its speaker, the
way an import reads a transcript: ``[00:01:23.4] I: ...``. When the typing is done, the text
is read for turns like an imported transcript and the document is segmented, ready to code.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Document, DocumentRecording, SegmentationState, Speaker, Turn
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.recordings import MediaFile, link_recording
from reiscoder.parsing import TurnPatterns, parse_text
from reiscoder.parsing.normalise import normalise


def turn_head(time_ms: int, speaker: str) -> str:
    """How a typed turn begins: its time to a tenth of a second, and its speaker."""
    seconds = time_ms // 1000
    clock = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    head = f"[{clock}.{time_ms % 1000 // 100}]"
    return f"{head} {speaker}: " if speaker else f"{head} "


def start_transcription(
    session: Session, project_path: Path, name: str, media: MediaFile, coder_id: int | None
) -> Outcome:
    """A new empty document for ``media``; created_id is the document."""
    changes = ChangeSet()
    position = session.scalar(select(func.count()).select_from(Document)) or 0
    document_id = changes.insert(
        session,
        Document,
        name=free_document_name(session, name),
        text="",
        text_length=0,
        word_count=0,
        source_filename=media.path.name,
        source_format="txt",
        imported_by_id=coder_id,
        segmentation=SegmentationState.TRANSCRIBING,
        position=position,
    )
    linked = link_recording(session, project_path, document_id, media)
    changes.entries += linked.changes.entries
    label = _("New transcript of “{name}”").format(name=media.path.name)
    return Outcome(label, changes, document_id)


def save_typed_text(session: Session, document_id: int, text: str) -> None:
    """Store what has been typed so far (not an undoable step: the editor undoes typing)."""
    document = _transcribing(session, document_id)
    text = normalise(text)
    document.text = text
    document.text_length = len(text)
    document.word_count = len(text.split())


def finish_transcription(session: Session, document_id: int, speakers: tuple[str, ...]) -> Outcome:
    """Read the typed text for turns and hand the document to segmentation."""
    document = _transcribing(session, document_id)
    parsed = parse_text(document.text, _patterns(speakers))
    if not parsed.text.strip():
        raise OperationError(_("Nothing has been typed yet."))
    changes = ChangeSet()
    changes.update(
        session,
        Document,
        document_id,
        text=parsed.text,
        text_length=len(parsed.text),
        word_count=len(parsed.text.split()),
        segmentation=SegmentationState.SEGMENTING,
    )
    ids: dict[str, int] = {}
    for turn in parsed.turns:
        speaker_id = None
        if turn.speaker:
            if turn.speaker not in ids:
                ids[turn.speaker] = changes.insert(
                    session, Speaker, document_id=document_id, label=turn.speaker,
                    name=turn.speaker,
                )  # fmt: skip
            speaker_id = ids[turn.speaker]
        changes.insert(
            session, Turn, document_id=document_id, speaker_id=speaker_id, start=turn.start,
            content_start=turn.content_start, end=turn.end, timestamp_ms=turn.timestamp_ms,
        )  # fmt: skip
    return Outcome(_("Finish transcript “{name}”").format(name=document.name), changes)


def recording_document(session: Session, document_id: int) -> int | None:
    return session.scalar(
        select(DocumentRecording.recording_id).where(DocumentRecording.document_id == document_id)
    )


def free_document_name(session: Session, wanted: str) -> str:
    wanted = " ".join(wanted.split()) or _("Transcript")
    taken = set(session.scalars(select(Document.name).where(Document.name.startswith(wanted))))
    name, number = wanted, 1
    while name in taken:
        number += 1
        name = f"{wanted} ({number})"
    return name


def _patterns(speakers: tuple[str, ...]) -> TurnPatterns:
    return TurnPatterns(speakers=tuple(s for s in speakers if s))


def _transcribing(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise OperationError(_("This document no longer exists."))
    if document.segmentation != SegmentationState.TRANSCRIBING:
        raise OperationError(_("“{name}” is not being transcribed.").format(name=document.name))
    return document
