"""Recordings (audio and video files) beside the project, and sync points in transcripts.

A recording stays a file of its own beside the project, never inside it: the project keeps
its path (relative to the project's folder where it can, with forward slashes), its size and
its SHA-256, so that a moved or changed file is noticed. Several documents may use one
recording (an audio transcript and a visual transcript of one video); relinking the recording
relinks them all.

A sync point ties a position in a document's text to a moment of its recording (REFI-QDA's
``SyncPoint``); together with the turns' own timestamps they give every turn a time.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from enum import StrEnum
from pathlib import Path, PurePosixPath

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from reiscoder.model.base import Base, HasUuid, utcnow


class MediaKind(StrEnum):
    AUDIO = "audio"
    VIDEO = "video"


AUDIO_EXTENSIONS = frozenset({".wav", ".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".flac"})
VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".webm", ".mov"})
MEDIA_EXTENSIONS = AUDIO_EXTENSIONS | VIDEO_EXTENSIONS
CHUNK_BYTES = 1 << 20


class Recording(HasUuid, Base):
    __tablename__ = "recordings"
    __table_args__ = (
        CheckConstraint("kind IN ('audio', 'video')", name="kind"),
        CheckConstraint("size >= 0", name="size"),
        CheckConstraint("length(path) > 0", name="path"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(String(4096))  # relative to the project folder, or absolute
    name: Mapped[str] = mapped_column(String(255))  # the file name when it was linked
    kind: Mapped[str] = mapped_column(String(8), default=MediaKind.AUDIO)
    size: Mapped[int] = mapped_column(default=0)
    checksum: Mapped[str] = mapped_column(String(64), default="")
    duration_ms: Mapped[int | None]
    added: Mapped[datetime] = mapped_column(default=utcnow)


class DocumentRecording(Base):
    """Which recording a document is a transcript of (at most one per document)."""

    __tablename__ = "document_recordings"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True
    )
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), index=True
    )


class SyncPoint(HasUuid, Base):
    """``time_ms`` of the recording is spoken at ``position`` of the document's text."""

    __tablename__ = "sync_points"
    __table_args__ = (
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint("time_ms >= 0", name="time_ms"),
        Index("ix_sync_points_document_position", "document_id", "position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int]
    time_ms: Mapped[int]


def media_kind(path: Path | str) -> MediaKind | None:
    """Audio or video by the file's extension; None for a file that is no recording."""
    suffix = Path(path).suffix.lower()
    if suffix in VIDEO_EXTENSIONS:
        return MediaKind.VIDEO
    if suffix in AUDIO_EXTENSIONS:
        return MediaKind.AUDIO
    return None


def stream_checksum(path: Path) -> str:
    """SHA-256 of a file read in chunks: a three-hour video never sits in memory."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def stored_path(media: Path, project_path: Path) -> str:
    """How the project remembers ``media``: relative to the project's folder where it can."""
    media = Path(os.path.abspath(media))
    folder = Path(os.path.abspath(project_path)).parent
    try:
        relative = os.path.relpath(media, folder)
    except ValueError:  # another drive on Windows
        return media.as_posix()
    if relative.startswith(".." + os.sep + ".." + os.sep + ".."):
        return media.as_posix()  # far away: an absolute path survives moving the project better
    return PurePosixPath(*Path(relative).parts).as_posix()


def resolved_path(stored: str, project_path: Path) -> Path:
    """The file a stored path names, for the project at ``project_path``."""
    candidate = Path(stored)
    if candidate.is_absolute() or PurePosixPath(stored).is_absolute():
        return candidate
    return Path(os.path.abspath(project_path)).parent / Path(*PurePosixPath(stored).parts)
