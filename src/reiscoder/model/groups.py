"""Groups of documents and of codes, relations between codes, and networks of codes.

A group (REFI-QDA's ``Set``) is a named set of documents or of codes, made by hand or from a
search, a filter or an attribute value; wherever a selection of documents or codes is asked
for, a group can be chosen. A relation ties two codes with a kind ("is oorzaak van") and a
memo (REFI-QDA's ``Link``). A network (REFI-QDA's ``Graph``) is a drawing of codes: which
codes it shows and where each one stands; its edges are the relations between them.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from reiscoder.model.base import Base, HasUuid, utcnow


class GroupKind(StrEnum):
    DOCUMENT = "document"
    CODE = "code"


class Group(HasUuid, Base):
    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("kind", "name"),
        CheckConstraint("kind IN ('document', 'code')", name="kind"),
        CheckConstraint("length(trim(name)) > 0", name="name"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(default=utcnow)


class GroupMember(Base):
    """One document or one code in a group (never both)."""

    __tablename__ = "group_members"
    __table_args__ = (
        CheckConstraint("(document_id IS NULL) <> (code_id IS NULL)", name="one_member"),
        UniqueConstraint("group_id", "document_id"),
        UniqueConstraint("group_id", "code_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int | None] = mapped_column(
        ForeignKey("codes.id", ondelete="CASCADE"), index=True
    )


class CodeRelation(HasUuid, Base):
    """``source`` *kind* ``target``: "Samenhang onder druk" is oorzaak van "Polarisatie".

    ``kind`` is one of :data:`reiscoder.read.relations.BUILT_IN` (stored by key) or a kind
    of the researcher's own; ``directed`` says whether it reads one way only.
    """

    __tablename__ = "code_relations"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "kind"),
        CheckConstraint("source_id <> target_id", name="two_codes"),
        CheckConstraint("length(trim(kind)) > 0", name="kind"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(255))
    directed: Mapped[bool] = mapped_column(default=True)
    memo: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(default=utcnow)


class Network(HasUuid, Base):
    __tablename__ = "networks"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    created: Mapped[datetime] = mapped_column(default=utcnow)


class NetworkNode(Base):
    """A code in a network, at ``(x, y)`` (the centre of its node, in scene units)."""

    __tablename__ = "network_nodes"
    __table_args__ = (
        UniqueConstraint("network_id", "code_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    network_id: Mapped[int] = mapped_column(ForeignKey("networks.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    x: Mapped[float] = mapped_column(default=0.0)
    y: Mapped[float] = mapped_column(default=0.0)
