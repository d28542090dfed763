"""Refuse files that are too big, unreadable or built to exhaust memory, before reading them.

Limits (generous for interviews: a two-hour interview is about 20,000 words, 150 KB of text):

- a plain-text file (.txt, .md, .srt, .vtt, .rtf) may be at most 32 MB, about five million
  words; anything larger is refused from its size alone, without reading it;
- a container (.docx, .odt, .pdf) may be at most 256 MB on disk, because images make them big;
- a zip member that is read (``word/document.xml``, ``content.xml``, ...) may unpack to at most
  64 MB, and one that unpacks to more than 1 MB may not be compressed more than 100 times
  (real documents compress 5 to 20 times; a zip bomb thousands of times). Both are checked
  against the sizes declared in the zip directory before anything is extracted, and reading
  stops at the declared size, so a lying directory cannot make us read more.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path

from reiscoder.i18n import _
from reiscoder.parsing.errors import ImportFailure

MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024
MAX_CONTAINER_FILE_BYTES = 256 * 1024 * 1024
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
_RATIO_CHECK_FROM_BYTES = 1024 * 1024
_MAX_ZIP_MEMBERS = 10_000


def check_file(path: Path, max_bytes: int) -> int:
    """Raise ImportFailure unless ``path`` is a readable, non-empty file of at most max_bytes.

    Returns the size in bytes.
    """
    try:
        info = path.stat()
    except OSError as error:
        raise ImportFailure(unreadable_message(error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFailure(_("This is a folder, not a file.")) from None
    if not stat.S_ISREG(info.st_mode):
        raise ImportFailure(_("This is not an ordinary file.")) from None
    if info.st_size == 0:
        raise ImportFailure(_("The file is empty."))
    if info.st_size > max_bytes:
        raise ImportFailure(
            _("The file is too large to import ({size} MB; at most {limit} MB).").format(
                size=_megabytes(info.st_size), limit=_megabytes(max_bytes)
            )
        )
    if not os.access(path, os.R_OK):
        raise ImportFailure(_("You do not have permission to read this file."))
    return info.st_size


def unreadable_message(error: OSError) -> str:
    """What a failure to read a file means, in words (never the system's English)."""
    if isinstance(error, FileNotFoundError):
        return _("The file does not exist (any more).")
    if isinstance(error, PermissionError):
        return _("You do not have permission to read this file.")
    if isinstance(error, IsADirectoryError):
        return _("This is a folder, not a file.")
    return _("The file cannot be read.")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The whole file after :func:`check_file`; never more than ``max_bytes``."""
    size = check_file(path, max_bytes)
    try:
        with path.open("rb") as handle:
            # read(max_bytes + 1) would allocate the whole limit up front, whatever the size
            data = handle.read(size + 1)
            if len(data) > size:  # it grew while we looked: read on, up to the limit
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as error:
        raise ImportFailure(unreadable_message(error)) from None
    if len(data) > max_bytes:  # it grew while we looked
        raise ImportFailure(
            _("The file is too large to import ({size} MB; at most {limit} MB).").format(
                size=_megabytes(len(data)), limit=_megabytes(max_bytes)
            )
        )
    if not data:
        raise ImportFailure(_("The file is empty."))
    return data


def open_zip(path: Path, damaged_message: str) -> zipfile.ZipFile:
    """Open a .docx/.odt container; ``damaged_message`` is the translated "not valid" text."""
    check_file(path, MAX_CONTAINER_FILE_BYTES)
    try:
        archive = zipfile.ZipFile(path)
    except PermissionError:
        raise ImportFailure(_("You do not have permission to read this file.")) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ImportFailure(damaged_message) from None
    if len(archive.infolist()) > _MAX_ZIP_MEMBERS:
        archive.close()
        raise ImportFailure(damaged_message)
    twice = duplicate_members(archive.infolist())
    if twice:
        archive.close()
        raise ImportFailure(duplicate_message(path.name, twice))
    return archive


def duplicate_members(members: list[zipfile.ZipInfo]) -> list[str]:
    """Names that occur more than once in a zip's directory (``a\\b`` counts as ``a/b``).

    Zip tools disagree on which copy of such a member counts (Python takes the last, others the
    first), so what we read might not be what the user sees: such a file is refused.
    """
    seen: set[str] = set()
    twice: list[str] = []
    for info in members:
        name = info.filename.replace("\\", "/")
        if name in seen and name not in twice:
            twice.append(name)
        seen.add(name)
    return twice


def duplicate_message(file_name: str, names: list[str]) -> str:
    return _(
        "“{name}” holds the part “{member}” more than once. Programs disagree on which copy "
        "counts, so the file is refused; save it again in the program that made it."
    ).format(name=file_name, member=names[0])


def read_member(archive: zipfile.ZipFile, name: str, damaged_message: str) -> bytes | None:
    """One member of a zip container after the bomb checks; None when it is absent."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MEMBER_BYTES or (
        info.file_size > _RATIO_CHECK_FROM_BYTES
        and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
    ):
        raise ImportFailure(
            _(
                "The file unpacks to far more data than a document holds; it is refused "
                "to protect your computer."
            )
        )
    try:
        with archive.open(info) as member:
            data = member.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        raise ImportFailure(damaged_message) from None
    except RuntimeError:  # encrypted member
        raise ImportFailure(_("The file is protected with a password.")) from None
    if len(data) > MAX_MEMBER_BYTES:
        raise ImportFailure(damaged_message)
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"
