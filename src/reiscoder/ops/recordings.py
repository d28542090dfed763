"""Operations on recordings and sync points: link, unlink, find again, and pin a time.

A linked file is looked at once (size, and a SHA-256 read in chunks); a file already linked
to another document (same checksum) is the same recording, so that finding it again later
relinks every document that uses it. "Opname zoeken..." also relinks the other missing
recordings it finds in the chosen folder under their own names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Document, DocumentRecording, Recording, SyncPoint, Turn
from reiscoder.model.base import new_uuid
from reiscoder.model.errors import OperationError
from reiscoder.model.recordings import (
    MEDIA_EXTENSIONS,
    MediaKind,
    media_kind,
    resolved_path,
    stored_path,
    stream_checksum,
)
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.read.timing import clock


@dataclass(frozen=True)
class MediaFile:
    path: Path
    kind: MediaKind
    size: int
    checksum: str


def inspect_media(path: Path) -> MediaFile:
    """Size and checksum of a recording file; a clear message when it cannot be one."""
    path = Path(path)
    kind = media_kind(path)
    if kind is None:
        raise OperationError(
            _("“{name}” is not a recording reiscoder can play. Supported: {supported}.").format(
                name=path.name, supported=", ".join(sorted(MEDIA_EXTENSIONS))
            )
        )
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileNotFoundError(path)
        checksum = stream_checksum(path)
    except FileNotFoundError:
        message = _("The recording “{path}” does not exist.").format(path=path)
        raise OperationError(message) from None
    except OSError as error:
        raise OperationError(
            _("The recording “{name}” cannot be read: {reason}").format(
                name=path.name, reason=error.strerror or error
            )
        ) from None
    if size == 0:
        raise OperationError(_("The recording “{name}” is empty.").format(name=path.name))
    return MediaFile(path, kind, size, checksum)


def link_recording(
    session: Session, project_path: Path, document_id: int, media: MediaFile
) -> Outcome:
    """Make ``media`` the recording of the document (replacing the one it had)."""
    document = _document(session, document_id)
    changes = ChangeSet()
    recording_id = _recording_for(session, changes, project_path, media)
    link = session.scalar(
        select(DocumentRecording).where(DocumentRecording.document_id == document_id)
    )
    if link is None:
        changes.insert(
            session, DocumentRecording, document_id=document_id, recording_id=recording_id
        )
    elif link.recording_id != recording_id:
        old = link.recording_id
        changes.update(session, DocumentRecording, link.id, recording_id=recording_id)
        _drop_if_unused(session, changes, old)
    label = _("Link recording “{recording}” to “{document}”")
    return Outcome(label.format(recording=media.path.name, document=document.name), changes)


def unlink_recording(session: Session, document_id: int) -> Outcome:
    document = _document(session, document_id)
    link = session.scalar(
        select(DocumentRecording).where(DocumentRecording.document_id == document_id)
    )
    if link is None:
        raise OperationError(_("“{name}” has no recording.").format(name=document.name))
    changes = ChangeSet()
    recording_id = link.recording_id
    changes.delete(session, DocumentRecording, link.id)
    _drop_if_unused(session, changes, recording_id)
    return Outcome(_("Unlink the recording of “{name}”").format(name=document.name), changes)


def relink_recording(
    session: Session, project_path: Path, recording_id: int, media: MediaFile
) -> Outcome:
    """The recording was moved: remember its new place, for every document that uses it.

    Other recordings whose files are missing too and that lie in the new folder under their
    own name (with their own size) are found again at the same time.
    """
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise OperationError(_("This recording no longer exists."))
    if recording.checksum and media.checksum != recording.checksum:
        raise OperationError(
            _(
                "“{name}” is not the recording that was linked (its content differs). Link it "
                "as a new recording instead."
            ).format(name=media.path.name)
        )
    changes = ChangeSet()
    _move(session, changes, project_path, recording, media.path)
    if not recording.checksum:  # remembered by name only (a REFI import without the file)
        changes.update(session, Recording, recording_id, size=media.size,
                       checksum=media.checksum, kind=media.kind.value)  # fmt: skip
    for other in session.scalars(select(Recording).where(Recording.id != recording_id)).all():
        if resolved_path(other.path, project_path).is_file():
            continue
        candidate = media.path.parent / other.name
        if candidate.is_file() and other.size and candidate.stat().st_size == other.size:
            _move(session, changes, project_path, other, candidate)
    return Outcome(_("Find recording “{name}” again").format(name=recording.name), changes)


def record_duration(session: Session, recording_id: int, duration_ms: int) -> None:
    """What the player measured; derived data, not an undoable change."""
    recording = session.get(Recording, recording_id)
    if recording is not None and duration_ms > 0 and recording.duration_ms != duration_ms:
        recording.duration_ms = duration_ms


def set_sync_point(session: Session, document_id: int, position: int, time_ms: int) -> Outcome:
    """ "Tijd vastzetten": ``position`` is spoken at ``time_ms``; replaces a point already there
    (a point in a turn's label is the turn's)."""
    document = _document(session, document_id)
    if not 0 <= position <= document.text_length:
        raise OperationError(_("This place is not in the text."))
    if time_ms < 0:
        raise OperationError(_("A time cannot be negative."))
    position = _turn_start(session, document_id, position)
    changes = ChangeSet()
    turn = session.scalar(
        select(Turn).where(Turn.document_id == document_id, Turn.start == position)
    )
    low, high = (turn.start, turn.content_start) if turn is not None else (position, position)
    existing = session.scalars(
        select(SyncPoint.id).where(
            SyncPoint.document_id == document_id,
            SyncPoint.position >= low,
            SyncPoint.position <= high,
        )
    ).all()
    if existing:
        changes.update(session, SyncPoint, existing[0], position=position, time_ms=time_ms)
        for extra in existing[1:]:
            changes.delete(session, SyncPoint, extra)
    else:
        changes.insert(
            session,
            SyncPoint,
            uuid=new_uuid(),
            document_id=document_id,
            position=position,
            time_ms=time_ms,
        )
    return Outcome(_("Pin time {time}").format(time=clock(time_ms)), changes)


def remove_sync_point(session: Session, sync_point_id: int) -> Outcome:
    if session.get(SyncPoint, sync_point_id) is None:
        raise OperationError(_("This time is no longer pinned."))
    changes = ChangeSet()
    changes.delete(session, SyncPoint, sync_point_id)
    return Outcome(_("Remove pinned time"), changes)


def delete_sync_points_rows(session: Session, document_id: int) -> None:
    """All sync points of a document, without recording (for a document being rebuilt)."""
    session.execute(delete(SyncPoint).where(SyncPoint.document_id == document_id))


# -- helpers -------------------------------------------------------------------------------


def _document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise OperationError(_("This document no longer exists."))
    return document


def _turn_start(session: Session, document_id: int, position: int) -> int:
    turn = session.scalar(
        select(Turn).where(
            Turn.document_id == document_id,
            Turn.start <= position,
            Turn.content_start >= position,
        )
    )
    return turn.start if turn is not None else position


def _recording_for(
    session: Session, changes: ChangeSet, project_path: Path, media: MediaFile
) -> int:
    same = session.scalar(select(Recording).where(Recording.checksum == media.checksum))
    if same is not None:
        if same.path != stored_path(media.path, project_path):
            _move(session, changes, project_path, same, media.path)
        return same.id
    return changes.insert(
        session,
        Recording,
        uuid=new_uuid(),
        path=stored_path(media.path, project_path),
        name=media.path.name[:255],
        kind=media.kind.value,
        size=media.size,
        checksum=media.checksum,
    )


def _move(
    session: Session, changes: ChangeSet, project_path: Path, recording: Recording, path: Path
) -> None:
    changes.update(
        session, Recording, recording.id, path=stored_path(path, project_path), name=path.name
    )


def _drop_if_unused(session: Session, changes: ChangeSet, recording_id: int) -> None:
    used = session.scalar(
        select(DocumentRecording.id).where(DocumentRecording.recording_id == recording_id)
    )
    if used is None:
        changes.delete(session, Recording, recording_id)
