"""The recordings of a project, where their files are, and whether they are still the same."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Document, DocumentRecording, Recording
from reiscoder.model.recordings import resolved_path, stream_checksum


class FileState(StrEnum):
    PRESENT = "present"
    MISSING = "missing"  # no file at the remembered place (moved, renamed, on another disk)
    CHANGED = "changed"  # a file is there, but not the one that was linked


@dataclass(frozen=True)
class RecordingInfo:
    id: int
    name: str
    stored_path: str
    file: Path  # the stored path resolved for this project
    kind: str
    size: int
    checksum: str
    duration_ms: int | None
    documents: tuple[str, ...]

    def state(self, *, thorough: bool = False) -> FileState:
        """Present, missing or changed; ``thorough`` also compares the checksum (slow)."""
        try:
            size = self.file.stat().st_size
        except OSError:
            return FileState.MISSING
        if not self.file.is_file():
            return FileState.MISSING
        if self.size and size != self.size:
            return FileState.CHANGED
        if thorough and self.checksum:
            try:
                if stream_checksum(self.file) != self.checksum:
                    return FileState.CHANGED
            except OSError:
                return FileState.MISSING
        return FileState.PRESENT


def recordings(session: Session, project_path: Path) -> list[RecordingInfo]:
    names: dict[int, list[str]] = {}
    for recording_id, name in session.execute(
        select(DocumentRecording.recording_id, Document.name)
        .join(Document, Document.id == DocumentRecording.document_id)
        .order_by(Document.position, Document.id)
    ):
        names.setdefault(recording_id, []).append(name)
    rows = session.scalars(select(Recording).order_by(Recording.name, Recording.id)).all()
    return [_info(row, project_path, names.get(row.id, [])) for row in rows]


def recording_of(session: Session, project_path: Path, document_id: int) -> RecordingInfo | None:
    row = session.scalar(
        select(Recording)
        .join(DocumentRecording, DocumentRecording.recording_id == Recording.id)
        .where(DocumentRecording.document_id == document_id)
    )
    if row is None:
        return None
    return next((r for r in recordings(session, project_path) if r.id == row.id), None)


def _info(row: Recording, project_path: Path, documents: list[str]) -> RecordingInfo:
    return RecordingInfo(
        id=row.id,
        name=row.name,
        stored_path=row.path,
        file=resolved_path(row.path, project_path),
        kind=row.kind,
        size=row.size,
        checksum=row.checksum,
        duration_ms=row.duration_ms,
        documents=tuple(documents),
    )


def documents_with_recording(session: Session) -> dict[int, int]:
    """Document id -> recording id, for every document that has one."""
    return dict(
        session.execute(select(DocumentRecording.document_id, DocumentRecording.recording_id))
        .tuples()
        .all()
    )
