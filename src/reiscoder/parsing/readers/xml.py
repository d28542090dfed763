"""A safe XML parser for the parts of .docx and .odt files: no DTDs, entities or network."""

from __future__ import annotations

from lxml import etree

from reiscoder.parsing.errors import ImportFailure

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
)


def parse_xml(data: bytes, damaged_message: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        raise ImportFailure(damaged_message) from None
