"""Coders, the code tree, codings and memos."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reiscoder.model.base import Base, HasUuid, utcnow
from reiscoder.model.text import Document


class Coder(HasUuid, Base):
    """The person who applied a coding or wrote a memo: a row, never a loose string."""

    __tablename__ = "coders"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    created: Mapped[datetime] = mapped_column(default=utcnow)


class Code(HasUuid, Base):
    __tablename__ = "codes"
    __table_args__ = (
        CheckConstraint("length(color) = 7 AND substr(color, 1, 1) = '#'", name="color"),
        CheckConstraint("length(trim(name)) > 0", name="name"),
        # Sibling codes have distinct names; top-level codes count as siblings of each other.
        Index(
            "uq_codes_parent_name",
            text("coalesce(parent_id, 0)"),
            "name",
            unique=True,
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("codes.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    color: Mapped[str] = mapped_column(String(7), default="#9e9e9e")
    definition: Mapped[str] = mapped_column(Text, default="")
    inclusion: Mapped[str] = mapped_column(Text, default="")
    exclusion: Mapped[str] = mapped_column(Text, default="")
    example: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    parent: Mapped[Code | None] = relationship(back_populates="children", remote_side=[id])
    children: Mapped[list[Code]] = relationship(back_populates="parent", order_by="Code.position")


class Coding(HasUuid, Base):
    """A code applied by a coder to ``text[start:end]`` of a document; ``quote`` detects drift."""

    __tablename__ = "codings"
    __table_args__ = (
        CheckConstraint('0 <= start AND start < "end"', name="range"),
        UniqueConstraint("document_id", "code_id", "coder_id", "start", "end"),
        Index("ix_codings_document_start", "document_id", "start"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="RESTRICT"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="RESTRICT"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    quote: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship()
    code: Mapped[Code] = relationship()
    coder: Mapped[Coder] = relationship()


class Memo(HasUuid, Base):
    """A note on the project (no target), or on one document, code or coding."""

    __tablename__ = "memos"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN document_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN code_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN coding_id IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_target",
        ),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(255), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="RESTRICT"), index=True)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    modified: Mapped[datetime] = mapped_column(default=utcnow)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int | None] = mapped_column(
        ForeignKey("codes.id", ondelete="CASCADE"), index=True
    )
    coding_id: Mapped[int | None] = mapped_column(
        ForeignKey("codings.id", ondelete="CASCADE"), index=True
    )

    coder: Mapped[Coder] = relationship()
