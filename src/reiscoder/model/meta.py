"""Project-wide facts: schema version, project identity, name."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reiscoder.model.base import Base

# Set in a student's copy of an assignment (see teaching/prepare.py): the codebook is fixed.
CODEBOOK_LOCK_KEY = "codebook_locked"


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
