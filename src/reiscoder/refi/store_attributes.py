"""Bring in variables as attributes, sets named "attribute: value" as choices, and cases.

A REFI-QDA variable can have values on cases and on sources; our attributes belong to one
kind of owner, so such a variable becomes two attributes of the same name. Variable types map
to our kinds (Integer and Float to number, Boolean to a yes/no choice, DateTime to text); a
Text variable whose description lists "One of: a; b" (as we write it) is a choice, and our
extra file restores the exact kind and choices. Sets of documents named "attribute: value"
(ATLAS.ti's groups, and ours) give documents that value; when no variable has that name,
they become a choice attribute (a number attribute when every value is a number).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import insert, select, update

from reiscoder.i18n import _
from reiscoder.model import Attribute, AttributeKind, AttributeTarget, AttributeValue, Case
from reiscoder.model.errors import OperationError
from reiscoder.model.tables import inserted_id
from reiscoder.ops.attributes import canonical_value
from reiscoder.refi.context import ImportContext
from reiscoder.refi.descriptions import ONE_OF
from reiscoder.refi.extras import AttributeExtra
from reiscoder.refi.foreign_data import (
    ForeignCase,
    ForeignProject,
    ForeignSet,
    ForeignValue,
    ForeignVariable,
)
from reiscoder.refi.guids import derived_guid

DOCUMENT, CASE = AttributeTarget.DOCUMENT, AttributeTarget.CASE
KINDS = {
    "Text": AttributeKind.TEXT,
    "Boolean": AttributeKind.CHOICE,
    "Integer": AttributeKind.NUMBER,
    "Float": AttributeKind.NUMBER,
    "Date": AttributeKind.DATE,
    "DateTime": AttributeKind.TEXT,
}


@dataclass
class AttributeMap:
    by_variable: dict[tuple[str, str], int] = field(default_factory=dict)  # (guid, target)
    set_values: dict[int, dict[str, str]] = field(default_factory=dict)  # id -> source -> value
    consumed_sets: set[str] = field(default_factory=set)

    def take(self, attribute_id: int, sets: dict[str, list[ForeignSet]]) -> None:
        """Remember the documents these "name: value" sets give a value."""
        self.set_values[attribute_id] = _members(sets)
        self.consumed_sets.update(item.guid or item.name for item in _all(sets))


def store_attributes(ctx: ImportContext, project: ForeignProject) -> AttributeMap:
    result = AttributeMap()
    groups = ctx.extras.groups  # sets our extension file marks as groups are no values
    value_sets = _value_sets(
        [s for s in project.sets if s.guid not in groups], {v.name for v in project.variables}
    )
    used = _targets_used(project)
    for variable in project.variables:
        extra = ctx.extras.attributes.get(variable.guid)
        targets = sorted(used.get(variable.guid, set()), key=lambda t: t != DOCUMENT)
        kind, choices = _kind_and_choices(variable, extra)
        for index, target in enumerate(targets or [extra.target if extra else DOCUMENT]):
            uuid = variable.guid if index == 0 else derived_guid("attribute", variable.guid, target)
            attribute_id = _attribute(ctx, uuid, variable.name, kind, target, choices)
            result.by_variable[(variable.guid, target)] = attribute_id
            sets = value_sets.pop(variable.name, None) if target == DOCUMENT else None
            if sets:
                result.take(attribute_id, sets)
    for name, sets in value_sets.items():
        kind = _kind_of(list(sets))
        attribute_id = _attribute(ctx, derived_guid("set", name), name, kind, DOCUMENT, list(sets))
        result.take(attribute_id, sets)
    return result


def _kind_and_choices(
    variable: ForeignVariable, extra: AttributeExtra | None
) -> tuple[AttributeKind, list[str]]:
    if extra is not None:
        return AttributeKind(extra.kind), list(extra.choices)
    if variable.type == "Boolean":
        return AttributeKind.CHOICE, [_("yes"), _("no")]
    kind = KINDS.get(variable.type, AttributeKind.TEXT)
    described = _described_choices(variable.description)
    if described and kind == AttributeKind.TEXT:
        return AttributeKind.CHOICE, described
    return kind, []


def _described_choices(description: str) -> list[str] | None:
    """The choices our export lists in a variable's description ("One of: a; b")."""
    for template in {ONE_OF, _(ONE_OF)}:
        prefix = template.split("{choices}")[0]
        if prefix and description.startswith(prefix) and "\n" not in description:
            return [c.strip() for c in description[len(prefix) :].split("; ") if c.strip()]
    return None


def _targets_used(project: ForeignProject) -> dict[str, set[str]]:
    used: dict[str, set[str]] = defaultdict(set)
    for case in project.cases:
        for value in case.values:
            used[value.variable].add(CASE)
    for text in project.texts:
        for value in text.values:
            used[value.variable].add(DOCUMENT)
    return used


def _value_sets(
    sets: list[ForeignSet], variables: set[str]
) -> dict[str, dict[str, list[ForeignSet]]]:
    """Sets of documents named "name: value", by name and value (in file order).

    A known variable's name may itself contain ": ", so those names are tried first.
    """
    found: dict[str, dict[str, list[ForeignSet]]] = {}
    for item in sets:
        if item.codes or item.notes:
            continue
        known = [v for v in variables if item.name.startswith(f"{v}: ")]
        if known:
            name = max(known, key=len)
            value = item.name[len(name) + 2 :]
        else:
            name, colon, value = item.name.partition(": ")
            if not colon:
                continue
        if name.strip() and value.strip():
            found.setdefault(name.strip(), {}).setdefault(value.strip(), []).append(item)
    return found


def _all(sets: dict[str, list[ForeignSet]]) -> list[ForeignSet]:
    return [item for group in sets.values() for item in group]


def _members(sets: dict[str, list[ForeignSet]]) -> dict[str, str]:
    members: dict[str, str] = {}
    for value, group in sets.items():
        for item in group:
            for source in item.sources:
                members.setdefault(source, value)
    return members


def _kind_of(values: list[str]) -> AttributeKind:
    def numeric(value: str) -> bool:
        try:
            float(value.replace(",", "."))
        except ValueError:
            return False
        return True

    return AttributeKind.NUMBER if values and all(map(numeric, values)) else AttributeKind.CHOICE


def _attribute(
    ctx: ImportContext, uuid: str, name: str, kind: str, target: str, choices: list[str]
) -> int:
    name = " ".join(name.split()) or _("Unnamed attribute")
    if ctx.merge:
        found = ctx.session.scalar(select(Attribute.id).where(Attribute.uuid == uuid))
        found = found or ctx.session.scalar(
            select(Attribute.id).where(Attribute.target == target, Attribute.name == name)
        )
        if found is not None:
            return found
    names = ctx.names_in_use(
        f"attribute {target}",
        lambda: ctx.session.scalars(select(Attribute.name).where(Attribute.target == target)),
    )
    position = len(ctx.session.scalars(select(Attribute.id)).all())
    ctx.report.add("attributes")
    inserted = ctx.session.execute(
        insert(Attribute).values(
            uuid=ctx.fresh_uuid(Attribute, uuid),
            name=ctx.renamed(name, names.unique(name), _("Attribute")),
            kind=kind,
            target=target,
            choices="\n".join(dict.fromkeys(c for c in choices if c)),
            position=position,
        )
    )
    return inserted_id(inserted)


def store_cases(ctx: ImportContext, cases: list[ForeignCase]) -> None:
    names = ctx.names_in_use("case", lambda: ctx.session.scalars(select(Case.name)))
    for case in cases:
        name = case.name or _("Unnamed case")
        found = None
        if ctx.merge:
            found = ctx.session.scalar(select(Case.id).where(Case.uuid == case.guid))
            found = found or ctx.session.scalar(select(Case.id).where(Case.name == name))
        if found is None:
            inserted = ctx.session.execute(
                insert(Case).values(
                    uuid=ctx.fresh_uuid(Case, case.guid),
                    name=ctx.renamed(case.name, names.unique(name), _("Case")),
                    description=case.description,
                )
            )
            found = inserted_id(inserted)
            ctx.report.add("cases")
        if case.guid is not None:
            ctx.cases[case.guid] = found


def store_values(ctx: ImportContext, project: ForeignProject, attributes: AttributeMap) -> None:
    """Attribute values of cases and documents (after both have been brought in)."""
    for case in project.cases:
        if case.guid in ctx.cases:
            for value in case.values:
                _value(ctx, attributes, value, CASE, case_id=ctx.cases[case.guid])
    for text in project.texts:
        document_id = ctx.documents.get(text.guid or "")
        if document_id is not None:
            for value in text.values:
                _value(ctx, attributes, value, DOCUMENT, document_id=document_id)
    for attribute_id, members in attributes.set_values.items():
        for source, raw in members.items():
            if source in ctx.documents:
                _set_value(ctx, attribute_id, raw, document_id=ctx.documents[source])


def _value(
    ctx: ImportContext,
    attributes: AttributeMap,
    value: ForeignValue,
    target: str,
    **owner: int,
) -> None:
    attribute_id = attributes.by_variable.get((value.variable, target))
    if attribute_id is None:
        ctx.report.dropped.append(
            _("A value “{value}” refers to a variable that is not in the file.").format(
                value=value.value
            )
        )
        return
    raw = value.value
    if value.kind == "BooleanValue":
        raw = _("yes") if raw.lower() in ("true", "1") else _("no")
    elif value.kind == "DateValue":
        raw = raw[:10]
    _set_value(ctx, attribute_id, raw, **owner)


def _set_value(ctx: ImportContext, attribute_id: int, raw: str, **owner: int) -> None:
    if not raw.strip():
        return
    attribute = ctx.session.get(Attribute, attribute_id)
    assert attribute is not None
    if attribute.kind == AttributeKind.CHOICE and raw.strip() not in attribute.choice_list():
        choices = "\n".join([*attribute.choice_list(), " ".join(raw.split())])
        ctx.session.execute(
            update(Attribute).where(Attribute.id == attribute_id).values(choices=choices)
        )
        ctx.session.expire(attribute)
    try:
        canonical = canonical_value(attribute, raw)
    except OperationError as error:
        ctx.report.dropped.append(error.message)
        return
    existing = ctx.session.scalar(
        select(AttributeValue.value).filter_by(attribute_id=attribute_id, **owner)
    )
    if existing is not None:
        if existing != canonical:
            ctx.report.dropped.append(
                _("“{name}” already had the value “{ours}” here; “{theirs}” was not taken.").format(
                    name=attribute.name, ours=existing, theirs=canonical
                )
            )
        return
    ctx.session.execute(
        insert(AttributeValue).values(attribute_id=attribute_id, value=canonical, **owner)
    )
    ctx.report.add("values")
