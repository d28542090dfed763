"""The attribute side of ``project.qde``: Variables, Cases with their values, and Sets.

Our attribute kinds become variable types (number: Integer when every value is whole, else
Float; date: Date; text and choice: Text, a choice listing its options in the description).
Each choice of a document attribute, and each value of a text attribute on documents, also
becomes a Set of the documents with that value, named "attribute: value", for tools that
group documents that way (ATLAS.ti's document groups).
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import (
    Attribute,
    AttributeKind,
    AttributeTarget,
    AttributeValue,
    Case,
    Document,
    Speaker,
)
from reiscoder.refi.descriptions import ONE_OF
from reiscoder.refi.extras import AttributeExtra, Extras
from reiscoder.refi.guids import derived_guid, export_guid
from reiscoder.refi.report import ExportReport
from reiscoder.refi.xmlutil import Builder

_INTEGER = re.compile(r"-?[0-9]+")


class AttributeWriter:
    """Writes the variables, cases and sets of a project, and the values on its sources."""

    def __init__(
        self, session: Session, builder: Builder, report: ExportReport, extras: Extras
    ) -> None:
        self.session = session
        self.b = builder
        self.report = report
        self.extras = extras
        self.attributes = list(
            session.scalars(select(Attribute).order_by(Attribute.position, Attribute.id))
        )
        self.owned = self._values()

    def _values(self) -> dict[tuple[str, int], list[AttributeValue]]:
        """Attribute values by owner: ("document", id) or ("case", id)."""
        owned: dict[tuple[str, int], list[AttributeValue]] = defaultdict(list)
        query = select(AttributeValue).join(Attribute).order_by(Attribute.position, Attribute.id)
        for value in self.session.scalars(query):
            if value.document_id is not None:
                owned[("document", value.document_id)].append(value)
            elif value.case_id is not None:
                owned[("case", value.case_id)].append(value)
        return owned

    def variables(self, root: etree._Element) -> None:
        if not self.attributes:
            return
        wrapper = self.b.add(root, "Variables")
        for attribute in self.attributes:
            variable = self.b.add(
                wrapper,
                "Variable",
                guid=export_guid(attribute.uuid),
                name=attribute.name,
                typeOfVariable=self._variable_type(attribute),
            )
            if attribute.kind == AttributeKind.CHOICE and attribute.choice_list():
                choices = "; ".join(attribute.choice_list())
                self.b.add(variable, "Description", _(ONE_OF).format(choices=choices))
            self.extras.attributes[attribute.uuid] = AttributeExtra(
                attribute.kind, attribute.target, attribute.choice_list()
            )
        self.report.add("attributes", len(self.attributes))

    def _variable_type(self, attribute: Attribute) -> str:
        kind = AttributeKind(attribute.kind)
        if kind is AttributeKind.DATE:
            return "Date"
        if kind is AttributeKind.NUMBER:
            values = self.session.scalars(
                select(AttributeValue.value).where(AttributeValue.attribute_id == attribute.id)
            )
            return "Integer" if all(_is_integer(v) for v in values) else "Float"
        return "Text"

    def value_elements(self, parent: etree._Element, owner: str, owner_id: int) -> None:
        """``VariableValue`` elements for the values of a document or case."""
        for value in self.owned.get((owner, owner_id), []):
            element, text = _typed_value(value.attribute, value.value)
            if element is None:
                self.report.dropped.append(
                    _("The value “{value}” of “{name}” cannot be written as a number.").format(
                        value=value.value, name=value.attribute.name
                    )
                )
                continue
            holder = self.b.add(parent, "VariableValue")
            self.b.add(holder, "VariableRef", targetGUID=export_guid(value.attribute.uuid))
            self.b.add(holder, element, text)
            self.report.add("values")

    def cases(self, root: etree._Element) -> None:
        cases = list(self.session.scalars(select(Case).order_by(Case.id)))
        if not cases:
            return
        documents_of = self._case_documents()
        wrapper = self.b.add(root, "Cases")
        for case in cases:
            element = self.b.add(wrapper, "Case", guid=export_guid(case.uuid), name=case.name)
            if case.description:
                self.b.add(element, "Description", case.description)
            self.value_elements(element, "case", case.id)
            for document_uuid in documents_of.get(case.id, []):
                self.b.add(element, "SourceRef", targetGUID=export_guid(document_uuid))
        self.report.add("cases", len(cases))

    def _case_documents(self) -> dict[int, list[str]]:
        rows = self.session.execute(
            select(Speaker.case_id, Document.uuid)
            .join(Document, Document.id == Speaker.document_id)
            .where(Speaker.case_id.is_not(None))
            .order_by(Document.position, Document.id)
        )
        linked: dict[int, list[str]] = defaultdict(list)
        for case_id, document_uuid in rows:
            if document_uuid not in linked[case_id]:
                linked[case_id].append(document_uuid)
        return linked

    def has_sets(self) -> bool:
        return any(self._grouping_values(a) for a in self.attributes)

    def sets(self, wrapper: etree._Element) -> None:
        """A set of documents per value of a choice or text attribute on documents.

        A choice gets a set for every option, also an unused one; a text attribute one for
        every value in use. Numbers and dates are not groupings and get none.
        """
        wanted = [(a, value) for a in self.attributes for value in self._grouping_values(a)]
        if not wanted:
            return
        members: dict[tuple[int, str], list[str]] = defaultdict(list)
        documents = self.session.execute(
            select(Document.id, Document.uuid).order_by(Document.position, Document.id)
        ).all()
        for document_id, document_uuid in documents:
            for value in self.owned.get(("document", document_id), []):
                members[(value.attribute_id, value.value)].append(document_uuid)
        for attribute, option in wanted:
            element = self.b.add(
                wrapper,
                "Set",
                guid=export_guid(derived_guid("set", attribute.uuid, option)),
                name=f"{attribute.name}: {option}",
            )
            self.b.add(
                element,
                "Description",
                _("Documents whose “{attribute}” is “{value}”").format(
                    attribute=attribute.name, value=option
                ),
            )
            for document_uuid in members.get((attribute.id, option), []):
                self.b.add(element, "MemberSource", targetGUID=export_guid(document_uuid))
            self.report.add("sets")

    def _grouping_values(self, attribute: Attribute) -> list[str]:
        if attribute.target != AttributeTarget.DOCUMENT:
            return []
        if attribute.kind == AttributeKind.CHOICE:
            return attribute.choice_list()
        if attribute.kind == AttributeKind.TEXT:
            used = self.session.scalars(
                select(AttributeValue.value)
                .where(AttributeValue.attribute_id == attribute.id)
                .distinct()
                .order_by(AttributeValue.value)
            )
            return list(used)
        return []


def _typed_value(attribute: Attribute, value: str) -> tuple[str | None, str]:
    kind = AttributeKind(attribute.kind)
    if kind is AttributeKind.DATE:
        return "DateValue", value
    if kind is AttributeKind.NUMBER:
        if _is_integer(value):
            return "IntegerValue", value
        try:
            number = Decimal(value)
        except InvalidOperation:
            return None, value
        if not number.is_finite():
            return None, value
        return "FloatValue", format(number, "f")
    return "TextValue", value


def _is_integer(value: str) -> bool:
    return _INTEGER.fullmatch(value.strip()) is not None
