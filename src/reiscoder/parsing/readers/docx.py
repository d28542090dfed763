"""Word documents (.docx), read from ``word/document.xml`` with lxml.

The text of a paragraph is what python-docx's ``Paragraph.text`` gives (tabs as tab, line
breaks as LF, page and column breaks as nothing), and also the runs python-docx skips:
tracked insertions, content controls, smart tags and simple fields. Deleted text, text
boxes, headers, footers, footnotes and comments are not part of the transcript. Tables
are read in document order as described in :mod:`reiscoder.parsing.readers.tables`.

A bold run at the start of a paragraph (direct formatting or a bold character style) is
offered to turn detection as a possible speaker name, with or without a colon.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from reiscoder.i18n import _
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Block, Extracted
from reiscoder.parsing.limits import open_zip, read_member
from reiscoder.parsing.readers.tables import Paragraph, Row, table_blocks
from reiscoder.parsing.readers.xml import parse_xml

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _T, _TBL, _TR, _TC = (_W + n for n in ("p", "r", "t", "tbl", "tr", "tc"))
_SDT, _SDT_CONTENT = _W + "sdt", _W + "sdtContent"
_INLINE_CONTAINERS = frozenset(
    _W + n
    for n in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")
)
_BLOCK_CONTAINERS = frozenset(_W + n for n in ("customXml", "ins", "moveTo"))
_RUN_TEXT = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
_BR = _W + "br"
_RPR, _B, _RSTYLE, _VAL, _TYPE = (_W + n for n in ("rPr", "b", "rStyle", "val", "type"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_docx(path: Path, labels: LabelReader) -> Extracted:
    _refuse_old_word(path)
    damaged = _("The Word document is damaged or incomplete and cannot be read.")
    with open_zip(path, damaged) as archive:
        document = read_member(archive, "word/document.xml", damaged)
        if document is None:
            raise ImportFailure(damaged)
        # character styles matter only when runs refer to one
        uses_styles = b"rStyle" in document
        styles = read_member(archive, "word/styles.xml", damaged) if uses_styles else None
    bold_styles = _bold_styles(parse_xml(styles, damaged)) if styles else frozenset()
    body = parse_xml(document, damaged).find(_W + "body")
    if body is None:
        raise ImportFailure(damaged)
    return Extracted(blocks=list(_DocxReader(bold_styles, labels).blocks(body)))


def _refuse_old_word(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError:
        return  # open_zip reports it
    if magic == _OLE_MAGIC:
        raise ImportFailure(
            _(
                "This is an old Word document (.doc) or a password-protected one. Open it "
                "in Word, remove any password and save it as .docx."
            )
        )


def _bold_styles(styles: etree._Element) -> frozenset[str]:
    bold = set()
    for style in styles.iter(_W + "style"):
        if style.get(_TYPE) == "character" and _is_bold(style.find(_RPR)):
            bold.add(style.get(_W + "styleId", ""))
    return frozenset(bold)


def _is_bold(rpr: etree._Element | None) -> bool:
    if rpr is None:
        return False
    b = rpr.find(_B)
    return b is not None and b.get(_VAL, "true").lower() in ("1", "true", "on")


class _DocxReader:
    def __init__(self, bold_styles: frozenset[str], labels: LabelReader) -> None:
        self.bold_styles = bold_styles
        self.labels = labels

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for element in self._block_elements(container):
            if element.tag == _P:
                paragraph = self.paragraph(element)
                yield Block(paragraph.text, bold_end=paragraph.bold_end)
            else:
                yield from table_blocks(self.rows(element), self.labels)

    def _block_elements(self, container: etree._Element) -> Iterator[etree._Element]:
        for child in container:
            if child.tag in (_P, _TBL):
                yield child
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self._block_elements(content)
            elif child.tag in _BLOCK_CONTAINERS:
                yield from self._block_elements(child)

    def rows(self, table: etree._Element) -> list[Row]:
        rows: list[Row] = []
        for row in self._children(table, _TR):
            rows.append([self.cell(cell) for cell in self._children(row, _TC)])
        return rows

    def _children(self, parent: etree._Element, tag: str) -> Iterator[etree._Element]:
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self._children(content, tag)
            elif child.tag in _BLOCK_CONTAINERS:
                yield from self._children(child, tag)

    def cell(self, cell: etree._Element) -> list[Paragraph]:
        paragraphs = []
        for element in self._block_elements(cell):
            if element.tag == _P:
                paragraphs.append(self.paragraph(element))
            else:  # a nested table: its rows as lines of this cell
                paragraphs.extend(
                    Paragraph(b.text) for b in table_blocks(self.rows(element), self.labels)
                )
        return paragraphs

    def paragraph(self, paragraph: etree._Element) -> Paragraph:
        parts: list[str] = []
        length = 0
        bold_end = 0
        leading = True  # still inside the bold (or blank) runs that open the paragraph
        for run in _runs(paragraph):
            text = _run_text(run)
            if not text:
                continue
            if leading and not text.isspace():
                if self._run_is_bold(run):
                    bold_end = length + len(text)
                else:
                    leading = False
            parts.append(text)
            length += len(text)
        text = "".join(parts)
        newline = text.find("\n", 0, bold_end)
        if newline >= 0:
            bold_end = newline
        return Paragraph(text, bold_end)

    def _run_is_bold(self, run: etree._Element) -> bool:
        rpr = run.find(_RPR)
        if _is_bold(rpr):
            return True
        if rpr is None:
            return False
        style = rpr.find(_RSTYLE)
        return style is not None and style.get(_VAL) in self.bold_styles


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _INLINE_CONTAINERS:
            yield from _runs(child)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _runs(content)


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _BR:
            if child.get(_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)
