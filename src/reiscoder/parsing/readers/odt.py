"""OpenDocument text (.odt), read from ``content.xml`` with lxml.

Paragraphs, headings (turns of their own, never speaker labels), list items and sections in
document order; tables as described in
:mod:`reiscoder.parsing.readers.tables`. White space follows the ODF rules: runs of
spaces, tabs and line ends in the XML count as one space, ``text:s`` adds spaces,
``text:tab`` a tab and ``text:line-break`` a line break. Notes, comments, frames and
generated indexes are not part of the transcript. A bold span (automatic or named text
style with a bold font weight) at the start of a paragraph is offered as a speaker name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from reiscoder.i18n import _
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Block, Extracted, Kind
from reiscoder.parsing.limits import open_zip, read_member
from reiscoder.parsing.readers.tables import Paragraph, Row, table_blocks
from reiscoder.parsing.readers.xml import parse_xml

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"

_HEADING = _TEXT + "h"
_PARAGRAPHS = frozenset({_TEXT + "p", _HEADING})
_CONTAINERS = frozenset(
    _TEXT + n for n in ("list", "list-item", "list-header", "section", "soft-page-break")
)
_TABLE_TAG = _TABLE + "table"
_ROW_CONTAINERS = frozenset(
    _TABLE + n for n in ("table-header-rows", "table-rows", "table-row-group")
)
_SKIPPED_INLINE = frozenset(
    {
        _TEXT + "note",
        _OFFICE + "annotation",
        _TEXT + "ruby-text",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame",
        "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}a",
    }
)
_SPACE, _TAB, _LINE_BREAK, _SPAN = (_TEXT + n for n in ("s", "tab", "line-break", "span"))
_BOLD_WEIGHTS = frozenset({"bold", "600", "700", "800", "900"})
_COLLAPSE_RE = re.compile(r"[ \t\r\n]+")


def read_odt(path: Path, labels: LabelReader) -> Extracted:
    damaged = _("The OpenDocument file is damaged or incomplete and cannot be read.")
    with open_zip(path, damaged) as archive:
        content = read_member(archive, "content.xml", damaged)
        styles = read_member(archive, "styles.xml", damaged)
    if content is None:
        raise ImportFailure(damaged)
    root = parse_xml(content, damaged)
    bold = _bold_styles(root)
    if styles:
        bold |= _bold_styles(parse_xml(styles, damaged))
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise ImportFailure(
            _("The OpenDocument file holds no text document (perhaps a spreadsheet?).")
        )
    return Extracted(blocks=list(_OdtReader(frozenset(bold), labels).blocks(body)))


def _bold_styles(root: etree._Element) -> set[str]:
    bold = set()
    for style in root.iter(_STYLE + "style"):
        if style.get(_STYLE + "family") != "text":
            continue
        properties = style.find(_STYLE + "text-properties")
        if properties is not None and properties.get(_FO + "font-weight") in _BOLD_WEIGHTS:
            bold.add(style.get(_STYLE + "name", ""))
    return bold


class _OdtReader:
    def __init__(self, bold_styles: frozenset[str], labels: LabelReader) -> None:
        self.bold_styles = bold_styles
        self.labels = labels

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for element in _block_elements(container):
            if element.tag == _TABLE_TAG:
                yield from table_blocks(self.rows(element), self.labels)
            else:
                paragraph = self.paragraph(element)
                if element.tag == _HEADING:
                    yield Block(paragraph.text, Kind.HEADING)
                else:
                    yield Block(paragraph.text, bold_end=paragraph.bold_end)

    def rows(self, table: etree._Element) -> list[Row]:
        rows: list[Row] = []
        for row in _row_elements(table):
            cells = [c for c in row if c.tag == _TABLE + "table-cell"]
            rows.append([self.cell(cell) for cell in cells])
        return rows

    def cell(self, cell: etree._Element) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        for element in _block_elements(cell):
            if element.tag == _TABLE_TAG:
                nested = table_blocks(self.rows(element), self.labels)
                paragraphs.extend(Paragraph(block.text) for block in nested)
            else:
                paragraphs.append(self.paragraph(element))
        return paragraphs

    def paragraph(self, element: etree._Element) -> Paragraph:
        collector = _Collector()
        self._inline(element, collector, bold=False)
        text = "".join(collector.parts)
        bold_end = collector.bold_end
        newline = text.find("\n", 0, bold_end)
        return Paragraph(text, newline if newline >= 0 else bold_end)

    def _inline(self, element: etree._Element, out: _Collector, bold: bool) -> None:
        out.add(element.text, bold)
        for child in element:
            tag = child.tag
            if tag == _SPACE:
                out.add_literal(" " * _count(child), bold)
            elif tag == _TAB:
                out.add_literal("\t", bold)
            elif tag == _LINE_BREAK:
                out.add_literal("\n", bold)
            elif tag not in _SKIPPED_INLINE and isinstance(tag, str):
                style = child.get(_TEXT + "style-name") if tag == _SPAN else None
                self._inline(child, out, bold or style in self.bold_styles)
            out.add(child.tail, bold)


class _Collector:
    """Text of one paragraph, with ODF white-space collapsing and the opening bold run."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.after_space = True  # leading white space of a paragraph is dropped
        self.leading = True
        self.bold_end = 0

    def add(self, text: str | None, bold: bool) -> None:
        if not text:
            return
        text = _COLLAPSE_RE.sub(" ", text)
        if self.after_space and text.startswith(" "):
            text = text[1:]
        if text:
            self.after_space = text.endswith(" ")
            self._append(text, bold)

    def add_literal(self, text: str, bold: bool) -> None:
        self.after_space = False
        self._append(text, bold)

    def _append(self, text: str, bold: bool) -> None:
        if self.leading and not text.isspace():
            if bold:
                self.bold_end = self.length + len(text)
            else:
                self.leading = False
        self.parts.append(text)
        self.length += len(text)


def _count(space: etree._Element) -> int:
    try:
        return max(1, min(int(space.get(_TEXT + "c", "1")), 1000))
    except ValueError:
        return 1


def _block_elements(container: etree._Element) -> Iterator[etree._Element]:
    for child in container:
        if child.tag in _PARAGRAPHS or child.tag == _TABLE_TAG:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _block_elements(child)


def _row_elements(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == _TABLE + "table-row":
            yield child
        elif child.tag in _ROW_CONTAINERS:
            yield from _row_elements(child)
