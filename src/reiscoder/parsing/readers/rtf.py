"""Rich Text Format (.rtf) via striprtf.

striprtf decodes ``\\'xx`` escapes with the document's code page (``\\ansicpg``, per font
``\\fcharset``) and ``\\uN`` escapes as single UTF-16 code units. Characters outside the
Basic Multilingual Plane (emoji) arrive as two ``\\uN`` surrogates; they are joined here,
because striprtf leaves them as two unpaired halves. A byte that is not valid in the
declared code page is read as U+FFFD with a warning instead of failing the whole file.
Table cells come out separated by ``|``, one row per line.
"""

from __future__ import annotations

import re
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from reiscoder.i18n import _
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Extracted
from reiscoder.parsing.limits import MAX_TEXT_FILE_BYTES, read_bytes

_CODE_PAGE_RE = re.compile(rb"\\ansicpg(\d{3,5})")
_SURROGATE_PAIR_RE = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def read_rtf(path: Path, labels: LabelReader) -> Extracted:
    data = read_bytes(path, MAX_TEXT_FILE_BYTES)
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise ImportFailure(_("The file is not a valid RTF document."))
    source = data.decode(_code_page(data), errors="replace")
    warnings = []
    try:
        try:
            text = rtf_to_text(source, errors="strict")
        except UnicodeDecodeError:
            text = rtf_to_text(source, errors="replace")
            warnings.append(_("Some characters in the RTF file could not be read."))
    except Exception:  # striprtf is a plain tokenizer; it fails in many ways on bad input
        raise ImportFailure(_("The file is not a valid RTF document.")) from None
    text = _SURROGATE_PAIR_RE.sub(_join_surrogates, text)
    if _LONE_SURROGATE_RE.search(text):
        text = _LONE_SURROGATE_RE.sub("\ufffd", text)
        if not warnings:
            warnings.append(_("Some characters in the RTF file could not be read."))
    return Extracted(text=text, warnings=warnings)


def _code_page(data: bytes) -> str:
    """Raw 8-bit bytes in RTF are in the document's ANSI code page (Windows-1252 if unset)."""
    match = _CODE_PAGE_RE.search(data, 0, 4096)
    encoding = f"cp{match.group(1).decode()}" if match else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        return "cp1252"
    return encoding


def _join_surrogates(match: re.Match[str]) -> str:
    return match.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le")
