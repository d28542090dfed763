"""Build real transcript files inside tests: docx, odt, rtf, pdf, zip bombs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import docx.document
from docx.enum.style import WD_STYLE_TYPE
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, P, S, Span, Tab


def make_docx(path: Path, items: list) -> Path:
    """items: str (a paragraph), [(text, bold), ...] (a paragraph of runs), a table as
    {"table": [[cell, ...], ...]} where a cell is a str (lines become paragraphs), a heading
    as {"heading": text, "level": n}, or a paragraph in a named style as
    {"text": text, "style": name}."""
    document = docx.Document()
    for item in items:
        if isinstance(item, str):
            document.add_paragraph(item)
        elif isinstance(item, dict) and "heading" in item:
            document.add_heading(item["heading"], level=item.get("level", 1))
        elif isinstance(item, dict) and "style" in item:
            document.add_paragraph(item["text"], style=_style(document, item["style"]))
        elif isinstance(item, dict):
            rows = item["table"]
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    cell = table.cell(r, c)
                    lines = value.split("\n")
                    cell.text = lines[0]
                    for line in lines[1:]:
                        cell.add_paragraph(line)
        else:
            paragraph = document.add_paragraph()
            for text, bold in item:
                paragraph.add_run(text).bold = bold
    document.save(path)
    return path


def _style(document: docx.document.Document, name: str) -> str:
    """A paragraph style of that name, made on first use as one based on Heading 2."""
    styles = document.styles
    if name not in [style.name for style in styles]:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Heading 2"]
    return name


def make_odt(path: Path, items: list) -> Path:
    """items: str (a paragraph), [(text, bold), ...], {"table": [[str, ...], ...]}, or a
    heading as {"heading": text, "level": n}.
    Runs of spaces, tabs and line breaks in a str are written as text:s, text:tab and
    text:line-break, as LibreOffice does."""
    document = OpenDocumentText()
    bold = Style(name="Vet", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    for item in items:
        if isinstance(item, str):
            document.text.addElement(_odt_paragraph(item))
        elif isinstance(item, dict) and "heading" in item:
            document.text.addElement(H(outlinelevel=item.get("level", 1), text=item["heading"]))
        elif isinstance(item, dict):
            rows = item["table"]
            table = Table(name="Tabel1")
            table.addElement(TableColumn(numbercolumnsrepeated=max(map(len, rows))))
            for row in rows:
                table_row = TableRow()
                for value in row:
                    cell = TableCell()
                    for line in value.split("\n"):
                        cell.addElement(_odt_paragraph(line))
                    table_row.addElement(cell)
                table.addElement(table_row)
            document.text.addElement(table)
        else:
            paragraph = P()
            for text, is_bold in item:
                if is_bold:
                    paragraph.addElement(Span(stylename=bold, text=text))
                else:
                    paragraph.addText(text)
            document.text.addElement(paragraph)
    document.save(str(path))
    return path


def _odt_paragraph(text: str) -> P:
    paragraph = P()
    buffer = ""
    index = 0
    while index < len(text):
        char = text[index]
        if char == " " and text[index + 1 : index + 2] == " ":
            end = index
            while end < len(text) and text[end] == " ":
                end += 1
            buffer += " "
            paragraph.addText(buffer)
            buffer = ""
            paragraph.addElement(S(c=end - index - 1))
            index = end
            continue
        if char in "\t\n":
            if buffer:
                paragraph.addText(buffer)
            buffer = ""
            paragraph.addElement(Tab() if char == "\t" else LineBreak())
        else:
            buffer += char
        index += 1
    if buffer:
        paragraph.addText(buffer)
    return paragraph


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A real PDF with a text layer: each page a list of lines in Helvetica (WinAnsi).

    A page given as an empty list has no text at all, like a scanned page."""
    objects: list[bytes] = []
    font_id = 3 + 2 * len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for number, lines in enumerate(pages):
        content_id = 4 + 2 * number
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>"
            ).encode()
        )
        stream = b"BT /F1 11 Tf 14 TL 56 780 Td\n"
        for line in lines:
            escaped = line.encode("cp1252").replace(b"\\", b"\\\\")
            escaped = escaped.replace(b"(", b"\\(").replace(b")", b"\\)")
            stream += b"(" + escaped + b") Tj T*\n"
        stream += b"ET\n"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def make_zip_bomb(path: Path, member: str, size: int) -> Path:
    """A container whose ``member`` unpacks to ``size`` bytes of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
    return path
