"""The history of a document's text: every correction, who made it, when, and what changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from reiscoder.model.base import Base, utcnow


class DocumentEdit(Base):
    """One correction of a document's text (see ``ops/correct.py``).

    ``changes`` is JSON: a list of ``[old_start, old_end, new_start, new_end, old, new]``, the
    stretches of the old text that were replaced, in code points. ``unplaced`` is JSON: the
    codings that could not be placed exactly, with the text they had and the text they cover
    now, so that the list a user was shown stays available.
    """

    __tablename__ = "document_edits"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id", ondelete="RESTRICT"), index=True)
    edited_at: Mapped[datetime] = mapped_column(default=utcnow)
    old_length: Mapped[int]
    new_length: Mapped[int]
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="[]")
    unplaced: Mapped[str] = mapped_column(Text, default="[]")
