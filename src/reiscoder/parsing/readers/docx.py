"""Word documents (.docx), read from ``word/document.xml`` with lxml.

The text of a paragraph is what python-docx's ``Paragraph.text`` gives (tabs as tab, line
breaks as LF, page and column breaks as nothing), and also the runs python-docx skips:
tracked insertions, content controls, smart tags and simple fields. Deleted text, text
boxes, headers, footers, footnotes and comments are not part of the transcript. Tables
are read in document order as described in :mod:`reiscoder.parsing.readers.tables`.

A bold run at the start of a paragraph (direct formatting or a bold character style) is
offered to turn detection as a possible speaker name, with or without a colon. A heading
(a Heading 1-9, Title or Subtitle paragraph style, a style based on one, or an outline
level) is never a speaker label but a turn of its own.
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
_PPR, _PSTYLE, _OUTLINE = (_W + n for n in ("pPr", "pStyle", "outlineLvl"))
# Built-in heading styles by name (Word stores the English names) and, without styles.xml,
# by id (Heading1 from English Word, Kop1 from Dutch Word).
_HEADING_NAME = re.compile(r"(?i)(?:heading|kop) ?[1-9]|title|titel|subtitle|ondertitel")
_HEADING_ID = re.compile(r"(?i)(?:heading|kop)[1-9]|title|titel|subtitle|ondertitel")


def read_docx(path: Path, labels: LabelReader) -> Extracted:
    _refuse_old_word(path)
    damaged = _("The Word document is damaged or incomplete and cannot be read.")
    with open_zip(path, damaged) as archive:
        document = read_member(archive, "word/document.xml", damaged)
        if document is None:
            raise ImportFailure(damaged)
        # styles matter only when runs or paragraphs refer to one
        uses_styles = b"rStyle" in document or b"pStyle" in document
        styles = read_member(archive, "word/styles.xml", damaged) if uses_styles else None
    style_tree = parse_xml(styles, damaged) if styles else None
    bold_styles = _bold_styles(style_tree) if style_tree is not None else frozenset()
    headings = _heading_styles(style_tree) if style_tree is not None else frozenset()
    body = parse_xml(document, damaged).find(_W + "body")
    if body is None:
        raise ImportFailure(damaged)
    return Extracted(blocks=list(_DocxReader(bold_styles, labels, headings).blocks(body)))


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


def _heading_styles(styles: etree._Element) -> frozenset[str]:
    """Ids of the paragraph styles that are headings: Word's Heading 1-9 (Kop 1-9), Title
    and Subtitle, any style with an outline level, and styles based on one of those."""
    found: dict[str, tuple[bool, str | None]] = {}
    for style in styles.iter(_W + "style"):
        if style.get(_TYPE) != "paragraph":
            continue
        name = _child_val(style, _W + "name") or ""
        ppr = style.find(_PPR)
        level = _child_val(ppr, _OUTLINE) if ppr is not None else None
        heading = bool(_HEADING_NAME.fullmatch(name.strip())) or _is_outline(level)
        found[style.get(_W + "styleId", "")] = (heading, _child_val(style, _W + "basedOn"))

    def is_heading(style_id: str | None, depth: int = 0) -> bool:
        if style_id is None or style_id not in found or depth > 10:
            return False
        heading, based_on = found[style_id]
        return heading or is_heading(based_on, depth + 1)

    return frozenset(style_id for style_id in found if is_heading(style_id))


def _child_val(element: etree._Element, tag: str) -> str | None:
    child = element.find(tag)
    return None if child is None else child.get(_VAL)


def _is_outline(level: str | None) -> bool:
    return level is not None and level.isdigit() and int(level) < 9  # 9: body text


def _is_bold(rpr: etree._Element | None) -> bool:
    if rpr is None:
        return False
    b = rpr.find(_B)
    return b is not None and b.get(_VAL, "true").lower() in ("1", "true", "on")


class _DocxReader:
    def __init__(
        self, bold_styles: frozenset[str], labels: LabelReader, headings: frozenset[str]
    ) -> None:
        self.bold_styles = bold_styles
        self.labels = labels
        self.headings = headings

    def blocks(self, container: etree._Element) -> Iterator[Block]:
        for element in self._block_elements(container):
            if element.tag == _P:
                paragraph = self.paragraph(element)
                if self._is_heading(element):
                    yield Block(paragraph.text, Kind.HEADING)
                else:
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

    def _is_heading(self, paragraph: etree._Element) -> bool:
        ppr = paragraph.find(_PPR)
        if ppr is None:
            return False
        if _is_outline(_child_val(ppr, _OUTLINE)):
            return True
        style = _child_val(ppr, _PSTYLE)
        if style is None:
            return False
        return style in self.headings or bool(_HEADING_ID.fullmatch(style))

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
