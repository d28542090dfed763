"""Relations between codes: their kinds in words, and the relations of a project.

Four kinds come with reiscoder and are stored by a key, so that they read in the language of
the interface ("is oorzaak van", "is a cause of"); a researcher's own kind is stored as typed.
A kind that reads one way ("is oorzaak van") is directed; "hangt samen met" is not.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from reiscoder.i18n import N_, _
from reiscoder.model import Code, CodeRelation


@dataclass(frozen=True)
class KindSpec:
    label: str  # msgid
    directed: bool


BUILT_IN: dict[str, KindSpec] = {
    "associated": KindSpec(N_("is associated with"), False),
    "cause": KindSpec(N_("is a cause of"), True),
    "contradicts": KindSpec(N_("contradicts"), False),
    "part": KindSpec(N_("is part of"), True),
}


def kind_label(kind: str) -> str:
    """How a kind reads in the interface's language."""
    spec = BUILT_IN.get(kind)
    return _(spec.label) if spec is not None else kind


def kind_from_text(text: str) -> str:
    """The kind a typed or imported name means: a built-in kind's key (from its key or its
    label in Dutch or English), or the text itself, tidied."""
    wanted = " ".join(text.split())
    folded = wanted.casefold()
    for key, spec in BUILT_IN.items():
        if folded in (key, spec.label.casefold(), _(spec.label).casefold()):
            return key
    return wanted


def directed_by_default(kind: str) -> bool:
    spec = BUILT_IN.get(kind)
    return spec.directed if spec is not None else True


@dataclass(frozen=True, slots=True)
class RelationRow:
    id: int
    uuid: str
    source_id: int
    source_name: str
    target_id: int
    target_name: str
    kind: str
    directed: bool
    memo: str

    @property
    def label(self) -> str:
        return kind_label(self.kind)

    def sentence(self) -> str:
        """ "Samenhang onder druk — is oorzaak van → Polarisatie"."""
        arrow = "→" if self.directed else "—"
        return f"{self.source_name} — {self.label} {arrow} {self.target_name}"


def load_relations(session: Session, code_ids: Collection[int] | None = None) -> list[RelationRow]:
    """Every relation (touching one of ``code_ids``), in the order they were made."""
    source, target = aliased(Code), aliased(Code)
    query = (
        select(
            CodeRelation.id,
            CodeRelation.uuid,
            CodeRelation.source_id,
            source.name,
            CodeRelation.target_id,
            target.name,
            CodeRelation.kind,
            CodeRelation.directed,
            CodeRelation.memo,
        )
        .join(source, source.id == CodeRelation.source_id)
        .join(target, target.id == CodeRelation.target_id)
        .order_by(CodeRelation.id)
    )
    if code_ids is not None:
        ids = sorted(code_ids)
        query = query.where(or_(CodeRelation.source_id.in_(ids), CodeRelation.target_id.in_(ids)))
    return [RelationRow(*row) for row in session.execute(query)]


def relation_kinds(session: Session) -> list[tuple[str, str]]:
    """(kind, label) for the choice of a kind: the built-in kinds, then own kinds in use."""
    own = session.scalars(select(CodeRelation.kind).distinct()).all()
    kinds = [(key, kind_label(key)) for key in BUILT_IN]
    kinds += sorted(((k, k) for k in own if k not in BUILT_IN), key=lambda p: p[1].casefold())
    return kinds
