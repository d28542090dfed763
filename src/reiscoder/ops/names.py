"""The name list's undoable operations: add, change, confirm, remove and reject names.

Every operation records its writes through a :class:`~reiscoder.ops.changes.ChangeSet`, so
``revert`` undoes it exactly. An entry is applied unless it is ``rejected`` (a suggestion
the researcher said is not a name); ``confirmed`` only tells whether someone looked at it.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model.errors import OperationError
from reiscoder.model.privacy import NameKind, Pseudonym
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.text.name_forms import FORM_SEPARATOR, join_forms, split_forms
from reiscoder.text.name_matching import NameRule, Pseudonymiser, fold


@dataclass(frozen=True)
class NewName:
    """A name to add: an empty pseudonym gets the next free default for its kind."""

    original: str
    pseudonym: str = ""
    kind: NameKind = NameKind.PERSON
    respondent: bool = False  # a speaker or case: "Respondent 3" rather than "Person 3"
    forms: tuple[str, ...] = ()  # other spellings of the same person, place or organisation


# -- operations ------------------------------------------------------------------------------


def add_name(
    session: Session, original: str, pseudonym: str = "", kind: NameKind = NameKind.PERSON
) -> Outcome:
    outcome = add_names(session, [NewName(original, pseudonym, kind)])
    label = _("Add “{name}” to the name list").format(name=_clean(original))
    return Outcome(label, outcome.changes, outcome.created_id)


def add_names(session: Session, names: Sequence[NewName], *, confirmed: bool = True) -> Outcome:
    """Add names (a suggestion accepted, or several at once) as one undoable step.

    A name that was rejected before is taken back into the list.
    """
    changes = ChangeSet()
    rows = {fold(r.original): r for r in session.scalars(select(Pseudonym)).all()}
    taken = {fold(r.pseudonym) for r in rows.values()}
    created = None
    for name in names:
        original = _checked_original(name.original)
        existing = rows.get(fold(original))
        if existing is not None and not existing.rejected:
            raise OperationError(
                _("“{name}” is already in the name list.").format(name=existing.original)
            )
        pseudonym = _clean(name.pseudonym) or default_pseudonym(name.kind, taken, name.respondent)
        taken.add(fold(pseudonym))
        _check_pseudonym(session, pseudonym, original, NameKind(name.kind))
        values = {
            "pseudonym": pseudonym,
            "kind": NameKind(name.kind),
            "confirmed": confirmed,
            "forms": _checked_forms(name.forms),
        }
        if existing is not None:
            changes.update(session, Pseudonym, existing.id, rejected=False, **values)
            created = existing.id
        else:
            created = changes.insert(session, Pseudonym, original=original, **values)
        rows[fold(original)] = session.get_one(Pseudonym, created)
    label = ngettext(
        "Add {count} name to the name list", "Add {count} names to the name list", len(names)
    ).format(count=len(names))
    return Outcome(label, changes, created)


def update_name(
    session: Session,
    name_id: int,
    *,
    original: str | None = None,
    pseudonym: str | None = None,
    kind: NameKind | None = None,
    confirmed: bool | None = None,
    forms: tuple[str, ...] | None = None,
) -> Outcome:
    """Change an entry; editing the original, the pseudonym or the forms also confirms it."""
    row = _get(session, name_id)
    old = row.original
    values: dict[str, object] = {}
    if original is not None:
        values["original"] = _checked_original(original)
        _check_unique(session, str(values["original"]), name_id)
    if pseudonym is not None:
        values["pseudonym"] = _clean(pseudonym)
        if not values["pseudonym"]:
            raise OperationError(_("A name needs a pseudonym."))
    if kind is not None:
        values["kind"] = NameKind(kind)
    if forms is not None:
        values["forms"] = _checked_forms(forms)
    if confirmed is not None:
        values["confirmed"] = confirmed
    elif original is not None or pseudonym is not None or forms is not None:
        values["confirmed"] = True
    if not row.rejected and ("original" in values or "pseudonym" in values):
        _check_pseudonym(
            session,
            str(values.get("pseudonym", row.pseudonym)),
            str(values.get("original", row.original)),
            NameKind(kind if kind is not None else row.kind),
            ignore_id=name_id,
        )
    changes = ChangeSet()
    changes.update(session, Pseudonym, name_id, **values)
    return Outcome(_("Change “{name}” in the name list").format(name=old), changes, name_id)


def confirm_names(session: Session, name_ids: Iterable[int]) -> Outcome:
    changes = ChangeSet()
    for name_id in name_ids:
        _get(session, name_id)
        changes.update(session, Pseudonym, name_id, confirmed=True)
    return Outcome(_("Confirm names"), changes)


def delete_names(session: Session, name_ids: Iterable[int]) -> Outcome:
    """Take entries off the list (a rejected one: it may be suggested again)."""
    changes = ChangeSet()
    names = []
    for name_id in name_ids:
        names.append(_get(session, name_id).original)
        changes.delete(session, Pseudonym, name_id)
    if len(names) == 1:
        label = _("Remove “{name}” from the name list").format(name=names[0])
    else:
        label = ngettext(
            "Remove {count} name from the name list",
            "Remove {count} names from the name list",
            len(names),
        ).format(count=len(names))
    return Outcome(label, changes)


def reject_names(session: Session, originals: Iterable[str]) -> Outcome:
    """Mark suggestions as "not a name": never applied, never suggested again."""
    changes = ChangeSet()
    known = {fold(r.original): r for r in session.scalars(select(Pseudonym)).all()}
    for text in originals:
        original = _checked_original(text)
        row = known.get(fold(original))
        if row is None:
            new_id = changes.insert(
                session,
                Pseudonym,
                original=original,
                pseudonym="",
                kind=NameKind.OTHER,
                confirmed=True,
                rejected=True,
            )
            known[fold(original)] = session.get_one(Pseudonym, new_id)
        elif not row.rejected:
            changes.update(session, Pseudonym, row.id, rejected=True, confirmed=True)
    return Outcome(_("Not a name"), changes)


# -- pseudonyms by default -------------------------------------------------------------------


def default_pseudonym(kind: NameKind, taken: set[str], respondent: bool = False) -> str:
    """The first free "Respondent 1", "Person 1", "[place A]", "[organisation A]", "[name 1]"."""
    kind = NameKind(kind)
    for number in range(1, 100_000):
        if kind is NameKind.PERSON:
            template = _("Respondent {number}") if respondent else _("Person {number}")
            candidate = template.format(number=number)
        elif kind is NameKind.PLACE:
            candidate = _("[place {letter}]").format(letter=_letters(number))
        elif kind is NameKind.ORGANISATION:
            candidate = _("[organisation {letter}]").format(letter=_letters(number))
        else:
            candidate = _("[name {number}]").format(number=number)
        if fold(candidate) not in taken:
            return candidate
    raise OperationError(_("No free pseudonym left."))


def _letters(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA, as spreadsheet columns."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = string.ascii_uppercase[rest] + letters
    return letters


# -- checks ----------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(text.split())


def _checked_original(text: str) -> str:
    original = _clean(text)
    if sum(ch.isalnum() for ch in original) < 2:
        raise OperationError(_("A name needs at least two letters or digits."))
    if not original[0].isalnum():
        raise OperationError(_("A name starts with a letter or a digit."))
    return original


def _checked_forms(forms: tuple[str, ...] | list[str]) -> str:
    for form in split_forms("\n".join(forms)):
        text = form.partition(FORM_SEPARATOR)[0]
        if sum(ch.isalnum() for ch in text) < 2:
            raise OperationError(_("A form “{form}” needs at least two letters.").format(form=form))
    return join_forms(forms)


def _check_unique(session: Session, original: str, name_id: int) -> None:
    for row in session.scalars(select(Pseudonym)).all():
        if row.id != name_id and fold(row.original) == fold(original):
            raise OperationError(
                _("“{name}” is already in the name list.").format(name=row.original)
            )


def _check_pseudonym(
    session: Session,
    pseudonym: str,
    original: str,
    kind: NameKind,
    ignore_id: int | None = None,
) -> None:
    """A pseudonym must not itself contain a name of the list (it would stay readable)."""
    rules = [
        NameRule(r.original, r.pseudonym or "?", NameKind(r.kind))
        for r in session.scalars(select(Pseudonym).where(Pseudonym.rejected.is_(False))).all()
        if r.id != ignore_id
    ]
    rules.append(NameRule(original, "?", kind))
    found = Pseudonymiser(rules).find(pseudonym)
    if found:
        name = rules[found[0].rule].original
        raise OperationError(
            _(
                "The pseudonym “{pseudonym}” contains the name “{name}”, which would stay readable."
            ).format(pseudonym=pseudonym, name=name)
        )


def _get(session: Session, name_id: int) -> Pseudonym:
    row = session.get(Pseudonym, name_id)
    if row is None:
        raise OperationError(_("This name is no longer in the list."))
    return row
