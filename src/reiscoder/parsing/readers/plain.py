"""Plain text (.txt) and Markdown (.md): decoded and read line by line as written."""

from __future__ import annotations

from pathlib import Path

from reiscoder.parsing.decoding import decode
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Extracted
from reiscoder.parsing.limits import MAX_TEXT_FILE_BYTES, read_bytes


def read_plain(path: Path, labels: LabelReader) -> Extracted:
    decoded = decode(read_bytes(path, MAX_TEXT_FILE_BYTES))
    return Extracted(text=decoded.text, encoding=decoded.encoding, warnings=decoded.warnings)
