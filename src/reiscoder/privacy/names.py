"""The name list as it is read: its entries and the pseudonymiser they make.

The operations that change the list are in :mod:`reiscoder.ops.names`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model.privacy import NameKind, Pseudonym
from reiscoder.text.name_forms import split_forms
from reiscoder.text.name_matching import NameRule, Pseudonymiser, fold


@dataclass(frozen=True)
class NameEntry:
    id: int
    original: str
    pseudonym: str
    kind: NameKind
    confirmed: bool
    rejected: bool
    forms: tuple[str, ...] = ()

    @property
    def rule(self) -> NameRule:
        return NameRule(self.original, self.pseudonym, self.kind, self.forms)


# -- reading ---------------------------------------------------------------------------------


def load_names(session: Session) -> list[NameEntry]:
    """Every entry, rejected ones included, in alphabetical order of the original."""
    rows = session.scalars(select(Pseudonym)).all()
    entries = [
        NameEntry(
            r.id,
            r.original,
            r.pseudonym,
            NameKind(r.kind),
            r.confirmed,
            r.rejected,
            split_forms(r.forms or ""),
        )
        for r in rows
    ]
    return sorted(entries, key=lambda e: (fold(e.original), e.id))


def applied_rules(session: Session) -> list[NameRule]:
    return [entry.rule for entry in load_names(session) if not entry.rejected]


def load_pseudonymiser(session: Session) -> Pseudonymiser:
    """The pseudonymiser of the project's name list (rejected suggestions left out)."""
    return Pseudonymiser(applied_rules(session))


def applied_count(session: Session) -> int:
    """How many names the list replaces (rejected suggestions do not count)."""
    return sum(1 for entry in load_names(session) if not entry.rejected)


def taken_pseudonyms(session: Session) -> set[str]:
    """The pseudonyms in use (folded), so that a new default does not repeat one."""
    return {fold(entry.pseudonym) for entry in load_names(session) if entry.pseudonym}
