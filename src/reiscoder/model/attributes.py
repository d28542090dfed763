"""Cases (people across documents) and typed attributes with values on documents and cases."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reiscoder.model.base import Base, HasUuid

if TYPE_CHECKING:
    from reiscoder.model.text import Speaker


class AttributeKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"


class AttributeTarget(StrEnum):
    DOCUMENT = "document"
    CASE = "case"


class Case(HasUuid, Base):
    __tablename__ = "cases"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")

    speakers: Mapped[list[Speaker]] = relationship(back_populates="case")


class Attribute(HasUuid, Base):
    """A property such as etappe, wijk or role; ``choices`` is a newline-separated list."""

    __tablename__ = "attributes"
    __table_args__ = (
        UniqueConstraint("target", "name"),
        CheckConstraint("kind IN ('text', 'number', 'date', 'choice')", name="kind"),
        CheckConstraint("target IN ('document', 'case')", name="target"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16), default=AttributeKind.TEXT)
    target: Mapped[str] = mapped_column(String(16), default=AttributeTarget.DOCUMENT)
    choices: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    def choice_list(self) -> list[str]:
        return [line for line in self.choices.split("\n") if line]


class AttributeValue(Base):
    """The value of one attribute on one document or one case, stored as canonical text."""

    __tablename__ = "attribute_values"
    __table_args__ = (
        CheckConstraint("(document_id IS NULL) <> (case_id IS NULL)", name="one_owner"),
        UniqueConstraint("attribute_id", "document_id"),
        UniqueConstraint("attribute_id", "case_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attribute_id: Mapped[int] = mapped_column(ForeignKey("attributes.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[str] = mapped_column(Text)

    attribute: Mapped[Attribute] = relationship()
