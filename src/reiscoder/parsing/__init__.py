"""Turn transcript files into normalised text and speaker turns.

Qt-free and database-free: storing the result and splitting it into sentences happen
elsewhere. Every problem with a file surfaces as :class:`ImportFailure` with a plain,
translated message.

Formats and how they are read:

- .txt, .md: the encoding is detected (BOM, strict UTF-8, then charset-normalizer), and
  every line is read as written (Markdown marks stay in the text).
- .docx, .odt: paragraphs and tables in document order, read from the XML with lxml; a
  bold name opening a paragraph is offered as a speaker (``readers/docx.py``,
  ``readers/odt.py``); ``readers/tables.py`` says how table rows become turns.
- .rtf: via striprtf, with Unicode escapes and code pages checked (``readers/rtf.py``).
- .pdf: the text layer, page by page; a scanned PDF without text is refused.
- .srt, .vtt: cues become turns laid out as ``[00:12:31] Fatima: ...``; see
  ``readers/subtitles.py``. The start of every later cue of a turn becomes a sync point.
- .json: an automatic transcript from Whisper (segments, optionally words and speakers), laid
  out like subtitles; its words' times become sync points (``readers/whisper.py``).

Paragraphs, rows and turns are joined by one line feed. How speaker labels and timestamps
are recognised is described in :mod:`reiscoder.parsing.turns`; what is configurable in
:class:`TurnPatterns`; the size limits in :mod:`reiscoder.parsing.limits`.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from pathlib import Path

from reiscoder.i18n import _
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Extracted, assemble, block_starts, lines_of_text
from reiscoder.parsing.normalise import normalise
from reiscoder.parsing.parsed import ParsedTranscript, ParsedTurn
from reiscoder.parsing.patterns import TurnPatterns
from reiscoder.parsing.turns import find_turns

_log = logging.getLogger(__name__)

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "ImportFailure",
    "ParsedTranscript",
    "ParsedTurn",
    "TurnPatterns",
    "parse_text",
    "read_transcript",
]


def _readers() -> dict[str, Callable[[Path, LabelReader], Extracted]]:
    from reiscoder.parsing.readers.docx import read_docx
    from reiscoder.parsing.readers.odt import read_odt
    from reiscoder.parsing.readers.pdf import read_pdf
    from reiscoder.parsing.readers.plain import read_plain
    from reiscoder.parsing.readers.rtf import read_rtf
    from reiscoder.parsing.readers.subtitles import read_srt, read_vtt
    from reiscoder.parsing.readers.whisper import read_whisper_json

    return {
        "txt": read_plain,
        "md": read_plain,
        "docx": read_docx,
        "odt": read_odt,
        "rtf": read_rtf,
        "pdf": read_pdf,
        "srt": read_srt,
        "vtt": read_vtt,
        "json": read_whisper_json,
    }


SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(
    {".txt", ".md", ".docx", ".odt", ".rtf", ".pdf", ".srt", ".vtt", ".json"}
)


def read_transcript(path: Path, patterns: TurnPatterns | None = None) -> ParsedTranscript:
    """Read one transcript file; raises :class:`ImportFailure` with a message for the user."""
    path = Path(path)
    extension = path.suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise ImportFailure(
            _("Files of type “{extension}” cannot be imported. Supported: {supported}.").format(
                extension=extension or path.name,
                supported=", ".join(sorted(SUPPORTED_EXTENSIONS)),
            )
        )
    source_format = extension[1:]
    labels = LabelReader(patterns or TurnPatterns())
    try:
        extracted = _readers()[source_format](path, labels)
    except ImportFailure:
        raise
    except MemoryError:
        raise ImportFailure(_("The file is too large to import.")) from None
    except PermissionError:
        raise ImportFailure(_("You do not have permission to read this file.")) from None
    except OSError:
        raise ImportFailure(_("The file cannot be read.")) from None
    except Exception:  # a reader bug must not reach the user as a traceback; it is logged
        _log.exception("could not import %s", path)
        raise ImportFailure(_("The file is damaged or not a valid document.")) from None
    if extracted.text is not None:
        result = parse_text(extracted.text, patterns, source_format)
    else:
        result = _from_blocks(extracted, patterns, source_format)
    if not result.text or result.text.isspace():  # (strip() would copy the text)
        raise ImportFailure(_("The file contains no text."))
    result.warnings.extend(extracted.warnings)
    return ParsedTranscript(
        text=result.text,
        turns=result.turns,
        source_format=source_format,
        encoding=extracted.encoding,
        warnings=result.warnings,
        sync_points=_sync_points(extracted, len(result.text)),
    )


def _sync_points(extracted: Extracted, length: int) -> list[tuple[int, int]]:
    if not extracted.sync_points or extracted.text is not None:
        return []
    starts = block_starts(extracted.blocks)
    points = {starts[block] + offset: ms for block, offset, ms in extracted.sync_points}
    return sorted((position, ms) for position, ms in points.items() if 0 <= position <= length)


def parse_text(
    text: str, patterns: TurnPatterns | None = None, source_format: str = "txt"
) -> ParsedTranscript:
    """Normalise ``text`` and find its speaker turns."""
    text = normalise(text)
    reader = LabelReader(patterns or TurnPatterns())
    turns = find_turns(text, lines_of_text(text), reader)
    return ParsedTranscript(text, turns, source_format, None, [])


def _from_blocks(
    extracted: Extracted, patterns: TurnPatterns | None, source_format: str
) -> ParsedTranscript:
    text, lines = assemble(extracted.blocks)
    if not unicodedata.is_normalized("NFC", text):
        # a block began with a combining mark; read the joined text as plain text instead
        return parse_text(text, patterns, source_format)
    reader = LabelReader(patterns or TurnPatterns())
    return ParsedTranscript(text, find_turns(text, lines, reader), source_format, None, [])
