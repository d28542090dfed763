"""The house style of every Word document reiscoder writes, and the pieces they share.

Documents use Word's built-in styles (Title, Subtitle, Heading 1-9, Quote, List Bullet,
table styles), restyled once here, so that a user can restyle them in Word. Two small styles
of our own ("Source" for citations and notes, "Field Label") carry the quiet grey text.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_TcPr
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from reiscoder import __version__
from reiscoder.i18n import _, current_language

FONT = "Calibri"
INK = "222222"
ACCENT = "1F3A56"  # the transcript view's speaker colour
QUIET = "5F6B78"
RULE = "C9D1DA"
LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}

# Characters XML 1.0 cannot hold (C0 controls except tab and newlines); they never reach Word.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def new_document(title: str, project: str) -> Document:
    """An empty A4 document in the house style, with a footer naming it and page numbers."""
    document = docx.Document()
    _page_setup(document)
    _restyle(document)
    _properties(document, title, project)
    _footer(document, f"{title} · {project}" if project else title)
    _ask_word_to_update_fields(document)
    return document


def _page_setup(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.different_first_page_header_footer = True


def text_width() -> Cm:
    return Cm(16.0)


def _restyle(document: Document) -> None:
    styles = document.styles
    _defaults(document)
    _para(styles["Normal"], size=10.5, color=INK, after=6, line=1.2)
    _para(styles["Title"], size=26, color=ACCENT, after=6, border=False)
    _para(styles["Subtitle"], size=14, color=QUIET, italic=False, after=24)
    sizes = {1: 16, 2: 13, 3: 11.5}
    for level in range(1, 10):
        style = styles[f"Heading {level}"]
        _para(style, size=sizes.get(level, 10.5), color=ACCENT, bold=True, italic=level > 3)
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    quote = styles["Quote"]
    _para(quote, size=10.5, color="2B2B2B", italic=True, after=2)
    quote.paragraph_format.left_indent = Cm(0.6)
    quote.paragraph_format.right_indent = Cm(0.3)
    quote.paragraph_format.keep_with_next = True
    _left_bar(quote.element.get_or_add_pPr(), RULE, 18)
    source = _custom(styles, "Source")
    _para(source, size=9, color=QUIET, after=10, line=1.1)
    source.paragraph_format.left_indent = Cm(0.6)
    label = _custom(styles, "Field Label")
    _para(label, size=9, color=QUIET, bold=True, after=0)
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_before = Pt(6)
    toc_heading = styles["TOC Heading"]
    _para(toc_heading, size=16, color=ACCENT, bold=True, after=12)
    for level in (1, 2, 3):
        toc = _custom(styles, f"toc {level}")
        _para(toc, size=10.5, color=INK, bold=level == 1, after=2 if level > 1 else 4)
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))


def _defaults(document: Document) -> None:
    """Calibri (Carlito where Calibri is missing) and the document's language everywhere."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr = rpr.find(qn("w:rPr"))
    _fonts(rpr, FONT)
    lang = rpr.find(qn("w:lang"))
    tag = LANGUAGE_TAGS[current_language()]
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def _fonts(rpr: etree._Element, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for part in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{part}"), name)


def _custom(styles: Styles, name: str) -> ParagraphStyle:
    if name in [style.name for style in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    return style


def _para(
    style: ParagraphStyle,
    *,
    size: float,
    color: str,
    bold: bool | None = None,
    italic: bool | None = None,
    after: float | None = None,
    line: float | None = None,
    border: bool | None = None,
) -> None:
    _fonts(style.element.get_or_add_rPr(), FONT)
    style.font.size = Pt(size)
    style.font.color.rgb = RGBColor.from_string(color)
    style.font.bold = bold
    style.font.italic = italic
    if after is not None:
        style.paragraph_format.space_after = Pt(after)
    if line is not None:
        style.paragraph_format.line_spacing = line
    if border is False:
        borders = style.element.get_or_add_pPr().find(qn("w:pBdr"))
        if borders is not None:
            borders.getparent().remove(borders)


def _properties(document: Document, title: str, project: str) -> None:
    core = document.core_properties
    core.title = title
    core.subject = project
    core.author = "reiscoder"
    core.last_modified_by = "reiscoder"
    core.comments = f"reiscoder {__version__}"
    core.language = LANGUAGE_TAGS[current_language()]
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    core.created = core.modified = now
    core.revision = 1
    # python-docx's template carries a thumbnail of another document; file browsers show it.
    relationships = document.part.package.rels
    for relationship in list(relationships.values()):
        if relationship.reltype == RT.THUMBNAIL:
            relationships.pop(relationship.rId)


def _footer(document: Document, text: str) -> None:
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Source"]
    paragraph.paragraph_format.left_indent = Cm(0)
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width(), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(clean(text))
    paragraph.add_run("\t")
    add_field(paragraph, "PAGE", "1")


def _ask_word_to_update_fields(document: Document) -> None:
    """Word fills in the table of contents (with page numbers) when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings = document.settings.element
    # Word reads settings in schema order: updateFields comes before these.
    later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS} | {qn("m:mathPr")}
    following = next((child for child in settings if child.tag in later), None)
    if following is None:
        settings.append(update)
    else:
        following.addprevious(update)


_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults footnotePr endnotePr compat docVars rsids attachedSchema themeFontLang "
    "clrSchemeMapping doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType shapeDefaults doNotEmbedSmartTags decimalSymbol "
    "listSeparator"
).split()


# -- pieces ---------------------------------------------------------------------------------

_STYLE_IDS: dict[str, str] = {}
_SECTION, _PPR, _PSTYLE, _VAL = qn("w:sectPr"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_R, _T, _BR, _TAB = qn("w:r"), qn("w:t"), qn("w:br"), qn("w:tab")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BREAKS = re.compile(r"(\n|\t)")


def add_paragraph(document: Document, text: str = "", style: str | None = None) -> Paragraph:
    """``document.add_paragraph``, in constant time: python-docx looks for the section
    properties among all paragraphs on every call, which is quadratic for long reports."""
    body = document.element.body
    element = OxmlElement("w:p")
    try:
        last = body[-1]  # lxml walks from the end: constant time
    except IndexError:
        last = None
    if last is not None and last.tag == _SECTION:
        last.addprevious(element)
    else:
        body.append(element)
    if style is not None:
        if style not in _STYLE_IDS:
            _STYLE_IDS[style] = document.styles[style].style_id
        properties = etree.SubElement(element, _PPR)
        etree.SubElement(properties, _PSTYLE).set(_VAL, _STYLE_IDS[style])
    assert isinstance(element, CT_P)  # python-docx's element class for a w:p
    result = Paragraph(element, document._body)
    if text:
        add_text(result, text)
    return result


def add_text(paragraph: Paragraph, text: str) -> Run:
    """``paragraph.add_run(text)`` without python-docx's character-by-character walk:
    newlines become line breaks and tabs tabs, as there."""
    run = etree.SubElement(lxml_element(paragraph._p), _R)
    for piece in _BREAKS.split(clean(text)):
        if piece == "\n":
            etree.SubElement(run, _BR)
        elif piece == "\t":
            etree.SubElement(run, _TAB)
        elif piece:
            node = etree.SubElement(run, _T)
            node.text = piece
            node.set(_SPACE, "preserve")
    assert isinstance(run, CT_R)  # python-docx's element class for a w:r
    return Run(run, paragraph)


def lxml_element(element: etree._Element) -> etree._Element:
    """A python-docx element (CT_P, CT_R, ...) as a plain lxml element, to add children to.

    types-lxml types an element's children as the element's own class, as in lxml's own
    trees; python-docx's classes hold children of other classes (a CT_P holds CT_Rs).
    """
    return element


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, TOC, ...) with ``shown`` as its last computed result."""
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    lxml_element(run._r).append(code)
    _field_char(paragraph, "separate")
    if shown:
        paragraph.add_run(shown)
    _field_char(paragraph, "end")


def _field_char(paragraph: Paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    lxml_element(paragraph.add_run()._r).append(char)


class Bookmarks:
    """Numbered bookmarks on headings, so the table of contents can link to them."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, paragraph: Paragraph) -> str:
        self.count += 1
        name = f"_Toc{self.count:08d}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.count))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.count))
        ppr = paragraph._p.pPr
        if ppr is None:
            lxml_element(paragraph._p).insert(0, start)
        else:
            lxml_element(ppr).addnext(start)
        lxml_element(paragraph._p).append(end)
        return name


def add_toc(document: Document, entries: list[tuple[int, str]], levels: int = 3) -> None:
    """A table of contents field; its shown result lists the headings (without page
    numbers, which only a word processor can know: Word updates the field on opening)."""
    add_paragraph(document, _("Contents"), style="TOC Heading")
    shown = [(level, text) for level, text in entries if level <= levels] or [(1, "")]
    for index, (level, text) in enumerate(shown):
        paragraph = add_paragraph(document, style=f"toc {level}")
        if index == 0:
            _field_char(paragraph, "begin")
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f' TOC \\o "1-{levels}" \\h \\z \\u '
            lxml_element(paragraph.add_run()._r).append(code)
            _field_char(paragraph, "separate")
        paragraph.add_run(clean(text))
        if index == len(shown) - 1:
            _field_char(paragraph, "end")


def page_break(document: Document) -> None:
    add_paragraph(document).add_run().add_break(WD_BREAK.PAGE)


def shade(target: Run | _Cell, color: str) -> None:
    """Run or cell shading in an exact colour (``#rrggbb``), unlike Word's 16 highlights."""
    properties: CT_RPr | CT_TcPr
    if isinstance(target, Run):
        properties = target._r.get_or_add_rPr()
    else:
        properties = target._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color.lstrip("#").upper())
    lxml_element(properties).append(shading)


def left_bar(paragraph: Paragraph, color: str, eighths: int = 36) -> None:
    """A coloured bar left of a paragraph (``eighths`` of a point wide): a colour swatch."""
    _left_bar(paragraph._p.get_or_add_pPr(), color.lstrip("#").upper(), eighths)


def _left_bar(ppr: etree._Element, color: str, eighths: int) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
        _reorder_ppr(ppr, borders)
    left = OxmlElement("w:left")
    left.set(qn("w:val"), "single")
    left.set(qn("w:sz"), str(eighths))
    left.set(qn("w:space"), "8")
    left.set(qn("w:color"), color)
    borders.append(left)


# w:pPr children must follow the schema's order; pBdr comes after these.
_BEFORE_BORDERS = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
)


def _reorder_ppr(ppr: etree._Element, borders: etree._Element) -> None:
    ppr.remove(borders)
    position = 0
    for index, child in enumerate(ppr):
        if child.tag in {qn(tag) for tag in _BEFORE_BORDERS}:
            position = index + 1
    ppr.insert(position, borders)


def labelled(document: Document, label: str, text: str) -> None:
    """A quiet label above its text, one paragraph per line of the text."""
    add_paragraph(document, clean(label), style="Field Label")
    for line in text.splitlines() or [""]:
        if line.strip():
            add_paragraph(document, clean(line))


def quote_with_source(document: Document, quote: str, source: str) -> Paragraph:
    """A quote exactly as coded (line breaks kept) and its source in small grey type."""
    paragraph = add_paragraph(document, quote, style="Quote")
    add_paragraph(document, clean(source), style="Source")
    return paragraph
