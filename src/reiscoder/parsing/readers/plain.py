"""Plain text (.txt) and Markdown (.md): decoded and read line by line as written."""

from __future__ import annotations

from pathlib import Path

from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Extracted
from reiscoder.parsing.limits import MAX_TEXT_FILE_BYTES, read_bytes
from reiscoder.parsing.normalise import decode_text


def read_plain(path: Path, labels: LabelReader) -> Extracted:
    text, encoding = decode_text(read_bytes(path, MAX_TEXT_FILE_BYTES))
    return Extracted(text=text, encoding=encoding)
