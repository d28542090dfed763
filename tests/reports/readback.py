"""Reading exported Word documents back: headings, quotes, comments and their anchors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml.ns import qn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every heading paragraph, in order."""
    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def styled(path: Path, style: str) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == style]


def comment_anchors(path: Path) -> dict[int, str]:
    """Comment id -> the document text between its range start and end (paragraphs joined
    by a newline)."""
    body = docx.Document(str(path)).element.body
    open_ids: set[int] = set()
    texts: dict[int, list[str]] = {}
    for element in body.iter():
        tag = element.tag
        if tag == f"{W}commentRangeStart":
            open_ids.add(int(element.get(qn("w:id"))))
            texts.setdefault(int(element.get(qn("w:id"))), [])
        elif tag == f"{W}commentRangeEnd":
            open_ids.discard(int(element.get(qn("w:id"))))
        elif tag in (f"{W}t", f"{W}br", f"{W}p") and open_ids:
            piece = (element.text or "") if tag == f"{W}t" else "\n"
            for comment_id in open_ids:
                texts[comment_id].append(piece)
    return {comment_id: "".join(parts) for comment_id, parts in texts.items()}


def comments(path: Path) -> dict[int, tuple[str, str]]:
    """Comment id -> (author, text)."""
    document = docx.Document(str(path))
    return {c.comment_id: (c.author, c.text) for c in document.comments}


# -- LibreOffice ----------------------------------------------------------------------------

PDF_FILTER = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(files: list[Path], folder: Path) -> list[Path]:
    """Convert .docx files to PDF in one LibreOffice run with its own profile."""
    profile = folder / "lo-profile"
    subprocess.run(
        [
            libreoffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env={**os.environ, "HOME": str(folder)},
    )
    return [folder / f"{path.stem}.pdf" for path in files]


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    line = next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])
