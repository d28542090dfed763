"""Small helpers for REFI-QDA XML: reading by local name, writing in the 1.0 namespaces.

Real files use ``urn:QDA-XML:project:1.0``, ``…:1:0``, ``…:0:4`` or no namespace at all, so
reading matches elements by local name only. Writing uses exactly the 1.0 namespaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

from lxml import etree

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# -- reading ---------------------------------------------------------------------------------


def local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    for child in element:
        if isinstance(child.tag, str) and local(child) == name:
            yield child


def child(element: etree._Element, name: str) -> etree._Element | None:
    return next(children(element, name), None)


def grandchildren(element: etree._Element, wrapper: str, name: str) -> Iterator[etree._Element]:
    """``<wrapper><name/>…</wrapper>``; an absent or empty wrapper gives nothing."""
    for group in children(element, wrapper):
        yield from children(group, name)


def child_text(element: etree._Element, name: str) -> str:
    found = child(element, name)
    return (found.text or "") if found is not None else ""


def refs(element: etree._Element, name: str, attribute: str = "targetGUID") -> list[str]:
    """The raw target GUIDs of ``<name targetGUID=…/>`` children."""
    return [value for c in children(element, name) if (value := c.get(attribute))]


def int_attr(element: etree._Element, name: str) -> int | None:
    value = (element.get(name) or "").strip()
    try:
        return int(value)
    except ValueError:
        return None


def parse_datetime(value: str | None) -> datetime | None:
    """An ``xsd:dateTime`` as an aware UTC datetime; None when absent or unreadable."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# -- writing ---------------------------------------------------------------------------------


def xml_text(value: str) -> str:
    """``value`` with the few characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _INVALID_XML_CHARS.sub("\ufffd", value)


def format_datetime(moment: datetime | None) -> str | None:
    """UTC with a ``Z`` and whole seconds: what every tool reads (exact times go in extras)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Builder:
    """Creates elements in one namespace, leaving out attributes whose value is None."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def root(self, tag: str, **attributes: str | None) -> etree._Element:
        element = etree.Element(f"{{{self.namespace}}}{tag}", nsmap={None: self.namespace})
        _set(element, attributes)
        return element

    def add(
        self, parent: etree._Element, tag: str, text: str | None = None, **attributes: str | None
    ) -> etree._Element:
        element = etree.SubElement(parent, f"{{{self.namespace}}}{tag}")
        _set(element, attributes)
        if text is not None:
            element.text = xml_text(text)
        return element


def _set(element: etree._Element, attributes: dict[str, str | None]) -> None:
    for key, value in attributes.items():
        if value is not None:
            element.set(key, xml_text(value))


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
