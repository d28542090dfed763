"""Normalise text once on import, and decode the bytes of plain-text formats.

Normalisation is: a leading byte order mark removed, CRLF and lone CR turned into LF, and
Unicode NFC. Nothing else is changed, so no character of the spoken text is lost. How bytes
are decoded is described in :mod:`reiscoder.parsing.decoding`.
"""

from __future__ import annotations

import unicodedata

from reiscoder.parsing.decoding import decode


def normalise(text: str) -> str:
    """BOM stripped, CRLF/CR to LF, NFC."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a plain-text file; returns (text, encoding name).

    The remarks about lines that needed another encoding are left out; readers that pass them
    on to the user call :func:`reiscoder.parsing.decoding.decode`.
    """
    decoded = decode(data)
    return decoded.text, decoded.encoding
