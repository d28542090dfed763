"""Documents and their structure: speakers, turns and sentences.

Positions are half-open ranges in Unicode code points of the document's normalised text.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reiscoder.model.base import Base, HasUuid, utcnow

if TYPE_CHECKING:
    from reiscoder.model.attributes import Case
    from reiscoder.model.coding import Coder


class SegmentationState(StrEnum):
    """A document whose sentences are still being computed is "segmenting", not damaged."""

    SEGMENTING = "segmenting"
    READY = "ready"
    TRANSCRIBING = "transcribing"  # being typed in transcription mode; turns and sentences later


class Document(HasUuid, Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("text_length = length(text)", name="text_length"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    text: Mapped[str] = mapped_column(Text, deferred=True)
    text_length: Mapped[int]
    word_count: Mapped[int] = mapped_column(default=0)
    source_filename: Mapped[str] = mapped_column(String(1024), default="")
    source_format: Mapped[str] = mapped_column(String(16), default="txt")
    checksum: Mapped[str] = mapped_column(String(64), index=True, default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id", ondelete="SET NULL"))
    pipeline: Mapped[str | None] = mapped_column(String(255))
    segmentation: Mapped[str] = mapped_column(String(16), default=SegmentationState.SEGMENTING)
    position: Mapped[int] = mapped_column(default=0)

    imported_by: Mapped[Coder | None] = relationship()
    speakers: Mapped[list[Speaker]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    turns: Mapped[list[Turn]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Turn.start",
    )


class Speaker(HasUuid, Base):
    """A speaker label as it occurs in one document, optionally linked to a case (a person)."""

    __tablename__ = "speakers"
    __table_args__ = (
        UniqueConstraint("document_id", "label"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="SET NULL"), index=True
    )

    document: Mapped[Document] = relationship(back_populates="speakers")
    case: Mapped[Case | None] = relationship(back_populates="speakers")


class Turn(Base):
    """One speaker's turn; ``start`` includes the label and timestamp, ``content_start`` not."""

    __tablename__ = "turns"
    __table_args__ = (
        CheckConstraint(
            '0 <= start AND start <= content_start AND content_start <= "end" AND start < "end"',
            name="range",
        ),
        Index("ix_turns_document_start", "document_id", "start"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("speakers.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[int]
    content_start: Mapped[int]
    end: Mapped[int]
    timestamp_ms: Mapped[int | None]

    document: Mapped[Document] = relationship(back_populates="turns")
    speaker: Mapped[Speaker | None] = relationship()


class Sentence(Base):
    __tablename__ = "sentences"
    __table_args__ = (
        CheckConstraint('0 <= start AND start < "end"', name="range"),
        Index("ix_sentences_document_start", "document_id", "start"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    turn_id: Mapped[int | None] = mapped_column(
        ForeignKey("turns.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int]
    end: Mapped[int]
    lemmas: Mapped[str] = mapped_column(Text, default="")
