"""Exports with pseudonyms: they read an in-memory pseudonymised copy of the project.

Reading a copy rather than pseudonymising each field where an export writes it means no
field can be forgotten: a transcript, a quote, a memo, a Word comment, a code example, a
speaker or case name, an attribute value or a document name all come out of the same copy,
and the codings in it are already on the pseudonymised words. Row ids are those of the
project, so an export's selection (codes, documents, coders) still applies; the attribute
values it filters on are pseudonymised the same way as the copy's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.orm import Session

from reiscoder.model.project import Project
from reiscoder.privacy.copy import pseudonymised_session
from reiscoder.text.name_matching import Pseudonymiser

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Options = TypeVar("Options", bound="DataclassInstance")


@contextmanager
def pseudonymised_export(
    source: Project | Session, options: Options
) -> Iterator[tuple[Session, Options]]:
    """A session on the pseudonymised copy, and ``options`` with its filters pseudonymised."""
    with pseudonymised_session(source) as (session, pseudonymiser):
        yield session, private_options(options, pseudonymiser)


def private_options(options: Options, pseudonymiser: Pseudonymiser) -> Options:
    """The options with the attribute values of their selection pseudonymised."""
    names = {f.name for f in fields(options)}
    selection = getattr(options, "selection", None) if "selection" in names else None
    if selection is None or not selection.attribute_values:
        return options
    values: dict[int, Any] = {
        attribute: frozenset(pseudonymiser.apply(value) for value in accepted)
        for attribute, accepted in selection.attribute_values.items()
    }
    return replace(options, selection=replace(selection, attribute_values=values))
