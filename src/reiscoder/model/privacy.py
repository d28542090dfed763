"""The project's name list: names of people and places in the transcripts and their pseudonyms.

The originals stay in the project; the list is applied when the transcript view shows
pseudonyms and in exports that ask for them (see ``reiscoder/privacy``). A pseudonymised copy
of the project leaves the list out.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reiscoder.model.base import Base, utcnow


class NameKind(StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    OTHER = "other"


class Pseudonym(Base):
    """``original`` is replaced by ``pseudonym`` wherever pseudonyms are asked for.

    ``confirmed`` is False for an entry added without review (all suggestions at once); it is
    applied all the same. ``rejected`` marks a suggestion the researcher said is not a name: it
    is never applied and never suggested again. The parts of a person's name (first name,
    surname) are found without being listed; ``forms`` holds the spellings that are not.
    """

    __tablename__ = "pseudonyms"
    __table_args__ = (
        UniqueConstraint("original"),
        CheckConstraint(
            "kind IN ('person', 'place', 'organisation', 'other')",
            name="kind",
        ),
        CheckConstraint("length(trim(original)) > 0", name="original"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    original: Mapped[str] = mapped_column(String(255))
    pseudonym: Mapped[str] = mapped_column(String(255), default="")
    kind: Mapped[str] = mapped_column(String(16), default=NameKind.PERSON)
    confirmed: Mapped[bool] = mapped_column(default=True)
    rejected: Mapped[bool] = mapped_column(default=False)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    # Other spellings of the same person, place or organisation, one per line; a line
    # ``form=replacement`` gives that form its own replacement (schema 5).
    forms: Mapped[str] = mapped_column(Text, default="", server_default="")
