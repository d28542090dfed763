"""Normalise text once on import and decode the bytes of plain-text formats.

Normalisation is: a leading byte order mark removed, CRLF and lone CR turned into LF, and
Unicode NFC. Nothing else is changed, so no character of the spoken text is lost.

Decoding prefers what is certain over what is guessed: a byte order mark first, then strict
UTF-8 (which almost never decodes text in another encoding by accident), and only then the
charset-normalizer detector. When the detector finds several encodings equally plausible,
or has no language evidence at all, Windows-1252 wins, because that is what Dutch text
typed on Windows without UTF-8 is in.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from reiscoder.i18n import _
from reiscoder.parsing.errors import ImportFailure

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN_DEFAULT = "cp1252"
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# More than this share of control characters means the bytes are not text.
_MAX_CONTROL_SHARE = 0.01


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
    """Decode the bytes of a plain-text file; returns (text, encoding name)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), _encoding_name(encoding)
            except UnicodeDecodeError:
                break
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = _detect(data)
    else:
        encoding = "utf-8"
    if _looks_binary(text):
        raise ImportFailure(_("The file does not contain readable text."))
    return text, encoding


def _detect(data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096] and not _looks_like_utf16(data):
        raise ImportFailure(_("The file does not contain readable text."))
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise ImportFailure(_("The file does not contain readable text."))
    encoding = best.encoding
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    tied = [m for m in tied if m.coherence >= best.coherence - 0.05]
    if any(_WESTERN_DEFAULT in m.could_be_from_charset for m in tied) or best.coherence == 0:
        encoding = _WESTERN_DEFAULT
    try:
        return data.decode(encoding), _encoding_name(encoding)
    except UnicodeDecodeError:
        return str(best), _encoding_name(best.encoding)


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a BOM has a NUL in every other byte for Latin script."""
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return len(_CONTROL_RE.findall(sample)) > len(sample) * _MAX_CONTROL_SHARE


def _encoding_name(encoding: str) -> str:
    """A stable, readable name: "utf-8", "utf-8-sig", "utf-16", "cp1252", ..."""
    return codecs.lookup(encoding).name
