"""Decode the bytes of a plain-text file, and say which lines needed a second guess.

What is certain comes before what is guessed:

1. a byte order mark (UTF-8, UTF-16, UTF-32);
2. UTF-32 or UTF-16 without a byte order mark, recognised by its NUL bytes: Latin text in
   UTF-16 LE has a NUL in every odd byte, in UTF-16 BE in every even byte;
3. strict UTF-8, which almost never decodes text in another encoding by accident;
4. a UTF-8 file with some lines that are not valid UTF-8 (a paragraph pasted from an old
   Word file, a line added by another program): each line that is valid UTF-8 is read as
   UTF-8 and every other line on its own. A line in CESU-8 (a character beyond U+FFFF written
   as two surrogate halves, as Java and some databases do) or with overlong sequences is read
   as what it means; any other line in the single-byte encoding those lines are in (Windows-1252
   for Dutch typed on Windows). The import says which lines were read so;
5. a file without any valid UTF-8 beyond ASCII is a single-byte file. Windows-1252, what Dutch
   text typed on Windows without UTF-8 is in, is taken when it reads the bytes as Western
   European text (mostly ASCII letters, and beyond ASCII nearly only letters and signs such as
   é, ë, ü, €, ’ and –); otherwise the charset-normalizer detector chooses (Mac Roman, Turkish,
   Cyrillic, ...), and Windows-1252 again when it has no language evidence at all. The detector
   alone would now and then call plain Dutch ISO-8859-10 or Mac Latin-2.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from reiscoder.i18n import _, ngettext
from reiscoder.parsing.errors import ImportFailure

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WESTERN_DEFAULT = "cp1252"
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01  # more control characters than this: the bytes are not text
_SAMPLE = 4096
# UTF-16/UTF-32 without BOM: at least this share of the code units in a sample has NUL in the
# high byte(s), and at most _FEW_NULS in the low byte (Latin text, a few “€” or “’”).
_MANY_NULS, _FEW_NULS = 0.7, 0.1
MAX_NAMED_LINES = 10
# Letters and signs of Western European text; anything else beyond ASCII is odd for it.
_WESTERN = (
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜ"
    "€‘’‚“”„–—…•°«»·½¼¾²³¹©®™§×÷¢£¥±µ¶ºª¿¡¬¯´¸¨‹›†‡‰\xa0\xad"
)
_BEYOND_ASCII_RE = re.compile("[^\x00-\x7f]")
_ODD_FOR_WESTERN_RE = re.compile(f"[^\x00-\x7f{_WESTERN}]")
_ASCII_LETTER_RE = re.compile("[A-Za-z]")
_MAX_ODD_SHARE = 0.02  # of the characters beyond ASCII
_MAX_BEYOND_SHARE = 0.3  # of the letters: Western text is mostly ASCII, Cyrillic or Greek not
_DISPLAY_NAMES = {"cp1252": "Windows-1252", "utf-8": "UTF-8", "mac-roman": "Mac Roman"}


@dataclass
class Decoded:
    text: str
    encoding: str  # a stable codec name: "utf-8", "utf-16-le", "cp1252", ...
    warnings: list[str] = field(default_factory=list)  # translated, naming the lines


def decode(data: bytes) -> Decoded:
    """Decode a plain-text file; raises :class:`ImportFailure` for bytes that are not text."""
    decoded = _with_bom(data) or _wide(data) or _utf8(data) or _single_byte(data)
    if _looks_binary(decoded.text):
        raise ImportFailure(_("The file does not contain readable text."))
    return decoded


def _with_bom(data: bytes) -> Decoded | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), codec_name(encoding))
            except UnicodeDecodeError:
                return None
    return None


# -- UTF-16 and UTF-32 without a byte order mark ------------------------------------------


def wide_encoding(data: bytes) -> str | None:
    """ "utf-32-le", "utf-32-be", "utf-16-le" or "utf-16-be" when the NUL bytes say so."""
    sample = data[:_SAMPLE]
    for width, little, big in ((4, "utf-32-le", "utf-32-be"), (2, "utf-16-le", "utf-16-be")):
        units = len(sample) // width
        if units < 2:
            continue
        many = [sample[o::width][:units].count(0) >= units * _MANY_NULS for o in range(width)]
        few = [sample[o::width][:units].count(0) <= units * _FEW_NULS for o in range(width)]
        if few[0] and all(many[1:]):
            return little
        if few[-1] and all(many[:-1]):
            return big
    return None


def _wide(data: bytes) -> Decoded | None:
    encoding = wide_encoding(data)
    if encoding is None:
        return None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    damaged = [n for n, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
    warning = ngettext(
        "Line {lines} holds bytes that are not valid {encoding}; they were replaced by “�”.",
        "Lines {lines} hold bytes that are not valid {encoding}; they were replaced by “�”.",
        len(damaged),
    ).format(lines=line_list(damaged), encoding=encoding.upper())
    return Decoded(text, encoding, [warning])


# -- UTF-8, whole or with lines in something else -----------------------------------------


def _utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lines = _split_lines(data)
    texts: list[str | None] = [_strict_utf8(line) for line in lines]
    variants: list[int] = []
    legacy: list[int] = []
    for index, text in enumerate(texts):
        if text is None:
            texts[index] = lenient_utf8(lines[index])
            (variants if texts[index] is not None else legacy).append(index)
    if legacy and not _utf8_evidence(lines, texts, variants, legacy):
        return None  # no UTF-8 beyond ASCII to speak of: a single-byte file
    warnings = []
    if variants:
        warnings.append(_variant_warning([index + 1 for index in variants]))
    if legacy:
        encoding = legacy_encoding(b"\n".join(lines[index] for index in legacy))
        for index in legacy:  # what is valid UTF-8 in the line stays so; the rest is legacy
            texts[index] = lines[index].decode("utf-8", errors=_fallback(encoding))
        warnings.append(_legacy_warning([index + 1 for index in legacy], encoding))
    return Decoded("".join(text or "" for text in texts), "utf-8", warnings)


def _utf8_evidence(
    lines: list[bytes], texts: list[str | None], variants: list[int], legacy: list[int]
) -> bool:
    """Is this a UTF-8 file with some odd bytes, rather than a single-byte file?

    Yes when a line is valid UTF-8 beyond ASCII (or CESU-8), or when the lines that are not
    hold more valid UTF-8 sequences than bytes that are not (one long line with a stray byte).
    """
    failed = set(legacy)
    if variants or any(
        not lines[index].isascii() for index, text in enumerate(texts) if index not in failed
    ):
        return True
    valid = invalid = 0
    for index in legacy:
        replaced = lines[index].decode("utf-8", errors="replace")
        invalid += replaced.count("\ufffd")
        valid += sum(1 for ch in replaced if ch > "\x7f") - replaced.count("\ufffd")
    return valid > invalid


_FALLBACKS: dict[str, str] = {}


def _fallback(encoding: str) -> str:
    """An error handler that reads each byte that is not UTF-8 in ``encoding``."""
    name = _FALLBACKS.get(encoding)
    if name is None:

        def handler(error: UnicodeError) -> tuple[str, int]:
            if not isinstance(error, UnicodeDecodeError):
                raise error
            part = error.object[error.start : error.end]
            return part.decode(encoding, errors="replace"), error.end

        name = _FALLBACKS[encoding] = f"reiscoder-fallback-{encoding}"
        codecs.register_error(name, handler)
    return name


def _strict_utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _split_lines(data: bytes) -> list[bytes]:
    """The lines with their ends; by LF, or by CR in a file without any LF (old Mac)."""
    end = b"\n" if b"\n" in data or b"\r" not in data else b"\r"
    return data.splitlines(keepends=True) if end == b"\r" else _keep_split(data, end)


def _keep_split(data: bytes, end: bytes) -> list[bytes]:
    parts = data.split(end)
    lines = [part + end for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def lenient_utf8(line: bytes) -> str | None:
    """The text of a line in CESU-8 or with overlong sequences; None if it is neither.

    The valid parts are decoded by Python's own decoder; only the odd sequences are read here.
    """
    try:
        return line.decode("utf-8", errors=_LENIENT)
    except UnicodeDecodeError:
        return None


class _NotLenient(UnicodeDecodeError):
    pass


def _lenient_handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    data, position = error.object, error.start
    code, length = _sequence(data, position)
    if code is not None and 0xD800 <= code <= 0xDBFF:  # a high half: its low half must follow
        low, low_length = _sequence(data, position + length)
        if low is not None and 0xDC00 <= low <= 0xDFFF:
            return chr(
                0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            ), position + length + low_length
        code = None
    if code is None or 0xD800 <= code <= 0xDFFF:
        raise _NotLenient(error.encoding, error.object, error.start, error.end, error.reason)
    return chr(code), position + length


_LEAD_BYTES = ((0xC0, 0xDF, 2, 0x1F), (0xE0, 0xEF, 3, 0x0F), (0xF0, 0xF7, 4, 0x07))


def _sequence(data: bytes, position: int) -> tuple[int | None, int]:
    """One UTF-8-shaped sequence read without the shortest-form and surrogate rules."""
    if position >= len(data):
        return None, 0
    shape = next((shape for shape in _LEAD_BYTES if shape[0] <= data[position] <= shape[1]), None)
    if shape is None:
        return None, 0
    _low, _high, length, mask = shape
    tail = data[position + 1 : position + length]
    if len(tail) != length - 1 or any(byte >> 6 != 0b10 for byte in tail):
        return None, 0
    code = data[position] & mask
    for byte in tail:
        code = code << 6 | byte & 0x3F
    return (code, length) if code <= 0x10FFFF else (None, 0)


_LENIENT = "reiscoder-lenient-utf8"
codecs.register_error(_LENIENT, _lenient_handler)


def _variant_warning(lines: list[int]) -> str:
    return ngettext(
        "Line {lines} is written in a non-standard form of UTF-8 (CESU-8 or overlong "
        "sequences); it was read as meant. Check it.",
        "Lines {lines} are written in a non-standard form of UTF-8 (CESU-8 or overlong "
        "sequences); they were read as meant. Check them.",
        len(lines),
    ).format(lines=line_list(lines))


def _legacy_warning(lines: list[int], encoding: str) -> str:
    return ngettext(
        "Line {lines} holds text that is not valid UTF-8 like the rest of the file; that text "
        "was read as {encoding}. Check its accented letters.",
        "Lines {lines} hold text that is not valid UTF-8 like the rest of the file; that text "
        "was read as {encoding}. Check their accented letters.",
        len(lines),
    ).format(lines=line_list(lines), encoding=display_name(encoding))


# -- single-byte files --------------------------------------------------------------------


def _single_byte(data: bytes) -> Decoded:
    if b"\x00" in data[:_SAMPLE]:
        raise ImportFailure(_("The file does not contain readable text."))
    encoding = legacy_encoding(data)
    return Decoded(data.decode(encoding, errors="replace"), encoding)


def legacy_encoding(data: bytes) -> str:
    """The single-byte encoding of ``data``; Windows-1252 unless the evidence is clear.

    Windows-1252 is taken without asking the detector when it turns nearly every byte beyond
    ASCII into a letter or sign of Western European text (é, ë, ü, €, ’, –, ...): the detector
    otherwise takes repetitive Dutch for Mac Latin-2 or ISO-8859-10 now and then.
    """
    if _plausibly_western(data):
        return WESTERN_DEFAULT
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        if _decodes(data, WESTERN_DEFAULT):
            return WESTERN_DEFAULT
        raise ImportFailure(_("The file does not contain readable text."))
    if best.coherence == 0 and _decodes(data, WESTERN_DEFAULT):
        return WESTERN_DEFAULT  # no language evidence at all
    return codec_name(best.encoding)


def _plausibly_western(data: bytes) -> bool:
    try:
        text = data.decode(WESTERN_DEFAULT)
    except UnicodeDecodeError:
        return False
    beyond = len(_BEYOND_ASCII_RE.findall(text))
    odd = len(_ODD_FOR_WESTERN_RE.findall(text))
    letters = len(_ASCII_LETTER_RE.findall(text)) + beyond
    return 0 < beyond <= letters * _MAX_BEYOND_SHARE and odd <= beyond * _MAX_ODD_SHARE


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# -- helpers ------------------------------------------------------------------------------


def line_list(numbers: list[int]) -> str:
    """ "3, 7, 12", or the first ten and how many more."""
    shown = ", ".join(str(n) for n in numbers[:MAX_NAMED_LINES])
    if len(numbers) <= MAX_NAMED_LINES:
        return shown
    more = len(numbers) - MAX_NAMED_LINES
    return _("{lines} and {count} more").format(lines=shown, count=more)


def display_name(encoding: str) -> str:
    name = codec_name(encoding)
    return _DISPLAY_NAMES.get(name, name.upper())


def codec_name(encoding: str) -> str:
    """A stable, readable name: "utf-8", "utf-8-sig", "utf-16", "cp1252", ..."""
    return codecs.lookup(encoding).name


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return len(_CONTROL_RE.findall(sample)) > len(sample) * _MAX_CONTROL_SHARE
