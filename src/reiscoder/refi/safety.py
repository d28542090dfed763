"""Open REFI-QDA files without trusting them.

Every check runs before anything reaches the project, so a hostile or broken file is refused
with a plain message and changes nothing:

- XML with a document type declaration is refused outright (no entity expansion, no external
  entities, no network); the parser is hardened as well, in case the check is ever bypassed;
- zip entries with ``..`` or an absolute path are refused (we never extract to disk, but such
  a file was not made by a QDA tool);
- a member we read may unpack to at most :data:`MAX_XML_BYTES` (the ``.qde``) or
  :data:`MAX_SOURCE_BYTES` (a text source); a member over 1 MB may not be compressed more
  than :data:`MAX_RATIO` times; sizes are checked against the zip directory first and reading
  stops at the limit, so a lying directory cannot make us read more;
- everything read together stays under :data:`MAX_TOTAL_BYTES`.

Media members (pictures, PDFs) are never read, nor the AppleDouble files macOS Finder adds to
a zip it makes (``__MACOSX/._project.qde``). A recording inside the package is copied out
beside the project in chunks (:meth:`Package.extract`), with the same size and ratio checks.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from lxml import etree

from reiscoder.i18n import _
from reiscoder.model.errors import OperationError
from reiscoder.parsing.limits import duplicate_members, duplicate_message

MAX_XML_BYTES = 128 * 1024 * 1024
MAX_SOURCE_BYTES = 32 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200
MAX_MEDIA_BYTES = 64 * 1024**3  # a recording copied out of a package
MAX_MEMBERS = 100_000
_RATIO_FROM_BYTES = 1024 * 1024
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# what the next bytes could still make a declaration of: "<", "<!", "<! DOC", ...
_DECLARATION_BEGUN = re.compile(rb"<(!\s*[A-Z]{0,6})?", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")
ZIP_MAGIC = b"PK\x03\x04"
EXTRAS_NAME = "reiscoder-extensions.json"


@dataclass(frozen=True)
class Limits:
    """How much of a file an import reads at most (generous for interview projects)."""

    xml_bytes: int = MAX_XML_BYTES
    source_bytes: int = MAX_SOURCE_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO


class RefiRefused(OperationError):
    """The file cannot be imported safely or at all; nothing was changed."""


def refuse(message: str) -> RefiRefused:
    return RefiRefused(message)


Handler = Callable[[str, etree._Element], None]


# No entities, no network, no DTD, no huge trees: what every XML read of a .qdpx is allowed.
_SAFE_PARSING: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


def parse_xml(
    data: bytes | XmlStream, file_name: str, handler: Handler | None = None
) -> etree._Element:
    """Parse REFI-QDA XML with a hardened parser; refuse DTDs and malformed XML.

    With a ``handler``, the XML is parsed as a stream and ``handler(event, element)`` hears of
    every element's "start" and "end" as it is built (it may take an element out of the tree
    once read, so that a huge part of the file never sits in memory whole). ``data`` may then
    be an :class:`XmlStream` (see :meth:`Package.main_stream`): the file's bytes are not held
    whole either."""
    if isinstance(data, bytes) and _DECLARATION.search(data):
        raise refuse(_dtd_refused(file_name))
    try:
        if handler is None:
            assert isinstance(data, bytes)
            parser = etree.XMLParser(**_SAFE_PARSING)
            root = etree.fromstring(data, parser)
        else:
            source = io.BytesIO(data) if isinstance(data, bytes) else data
            stream = etree.iterparse(source, events=("start", "end"), **_SAFE_PARSING)
            for event, element in stream:
                handler(event, element)
            if stream.root is None:
                raise ValueError("no element")
            root = stream.root
    except (etree.XMLSyntaxError, ValueError) as error:
        raise refuse(
            _("“{name}” is not well-formed XML ({detail}); the file is refused.").format(
                name=file_name, detail=str(error).splitlines()[0] if str(error) else "?"
            )
        ) from None
    if root.getroottree().docinfo.doctype:
        raise refuse(_dtd_refused(file_name))
    return root


class XmlStream:
    """A file's XML bytes as the parser asks for them, with the checks :func:`parse_xml` makes
    on bytes read whole: at most ``limit`` bytes (more than a zip's directory promised is
    refused as a zip bomb), and no document type declaration anywhere (a declaration split
    over two reads is found too)."""

    def __init__(self, handle: IO[bytes], name: str, limit: int, damaged: str) -> None:
        self._handle, self._name, self._limit, self._damaged = handle, name, limit, damaged
        self.count = 0
        self._carry = b""

    def read(self, size: int = -1) -> bytes:
        try:
            chunk = self._handle.read(size if size > 0 else 1 << 16)
        except RuntimeError:  # an encrypted member
            raise refuse(
                _("“{name}” is protected with a password.").format(name=self._name)
            ) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
            raise refuse(self._damaged) from None
        self.count += len(chunk)
        if self.count > self._limit:
            raise refuse(_bomb(self._name))
        self._check_declaration(chunk)
        return chunk

    def _check_declaration(self, chunk: bytes) -> None:
        data = self._carry + chunk
        if _DECLARATION.search(data):
            raise refuse(_dtd_refused(self._name))
        start = data.rfind(b"<")
        tail = data[start:] if start >= 0 else b""
        self._carry = tail if _DECLARATION_BEGUN.fullmatch(tail) else b""


def _dtd_refused(file_name: str) -> str:
    return _(
        "“{name}” contains a document type declaration (DTD). REFI-QDA files never "
        "need one, and it can be used to attack the computer that reads the file; "
        "the file is refused."
    ).format(name=file_name)


def unsafe_member_name(name: str) -> bool:
    """True for a zip entry that would land outside a folder it is extracted into."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return any(part == ".." for part in re.split(r"[\\/]", name))


def is_apple_double(name: str) -> bool:
    """macOS Finder's resource forks in a zip it made (``__MACOSX/``, ``._name``): not the
    project's, so never read and never counted as a second project description."""
    parts = [part for part in re.split(r"[\\/]", name) if part]
    return bool(parts) and (parts[0] == "__MACOSX" or parts[-1].startswith("._"))


class Package:
    """A REFI-QDA file opened for reading: a ``.qdpx`` zip, or a bare ``.qde``/``.qdc`` file."""

    def __init__(self, path: Path, limits: Limits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or Limits()
        self._zip: zipfile.ZipFile | None = None
        self._by_basename: dict[str, list[zipfile.ZipInfo]] = {}
        self._main: zipfile.ZipInfo | None = None
        self._read_so_far = 0
        self.is_zip = _starts_with_zip_magic(self.path)
        if self.is_zip:
            self._open_zip()

    # -- opening ----------------------------------------------------------------------------

    def _open_zip(self) -> None:
        damaged = _("“{name}” is not a valid REFI-QDA project file (.qdpx).").format(
            name=self.path.name
        )
        try:
            self._zip = zipfile.ZipFile(self.path)
            members = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise refuse(damaged) from None
        if len(members) > MAX_MEMBERS:
            raise refuse(damaged)
        twice = duplicate_members(members)
        if twice:
            raise refuse(duplicate_message(self.path.name, twice))
        members = [m for m in members if not is_apple_double(m.filename)]
        for info in members:
            if unsafe_member_name(info.filename):
                raise refuse(
                    _(
                        "“{name}” contains an entry with an unsafe path ({entry}); files made "
                        "by QDA programs never do. The file is refused."
                    ).format(name=self.path.name, entry=info.filename)
                )
            if not info.is_dir():
                key = PurePosixPath(info.filename.replace("\\", "/")).name.lower()
                self._by_basename.setdefault(key, []).append(info)
        self._main = self._find_main(members)

    def _find_main(self, members: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
        candidates = [m for m in members if m.filename.lower().endswith(".qde")]
        at_root = [m for m in candidates if "/" not in m.filename.strip("/")]
        chosen = at_root or candidates
        if len(chosen) > 1:
            named = [m for m in chosen if m.filename.lower().endswith("project.qde")]
            chosen = named if len(named) == 1 else chosen
        if len(chosen) != 1:
            raise refuse(
                _(
                    "“{name}” should hold exactly one project description (.qde) but holds "
                    "{count}; the file is refused."
                ).format(name=self.path.name, count=len(chosen))
            )
        return chosen[0]

    # -- reading ----------------------------------------------------------------------------

    def main_xml(self) -> bytes:
        """The bytes of the ``.qde`` in a zip, or of the bare XML file."""
        if self._main is not None:
            data = self._read(self._main, self.limits.xml_bytes)
            assert data is not None
            return data
        try:
            size = self.path.stat().st_size
            if size > self.limits.xml_bytes:
                raise refuse(_too_large(self.path.name, self.limits.xml_bytes))
            return self.path.read_bytes()
        except OSError:
            raise refuse(_("“{name}” cannot be read.").format(name=self.path.name)) from None

    @contextmanager
    def main_stream(self) -> Iterator[XmlStream]:
        """:meth:`main_xml` as a stream for :func:`parse_xml`, read as it is parsed."""
        damaged = _("“{name}” cannot be read.").format(name=self.path.name)
        try:
            if self._main is not None:
                assert self._zip is not None
                self._check_member(self._main, self.limits.xml_bytes)
                damaged = _("“{entry}” in “{name}” is damaged and cannot be read.").format(
                    entry=self._main.filename, name=self.path.name
                )
                handle: IO[bytes] = self._zip.open(self._main)
            else:
                if self.path.stat().st_size > self.limits.xml_bytes:
                    raise refuse(_too_large(self.path.name, self.limits.xml_bytes))
                handle = self.path.open("rb")
        except RuntimeError:
            raise refuse(
                _("“{name}” is protected with a password.").format(name=self.path.name)
            ) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
            raise refuse(damaged) from None
        with handle:
            stream = XmlStream(handle, self.path.name, self.limits.xml_bytes, damaged)
            yield stream
        self._read_so_far += stream.count

    @property
    def main_name(self) -> str:
        return self._main.filename if self._main is not None else self.path.name

    def member_for(self, reference: str) -> zipfile.ZipInfo | None:
        """The zip entry an ``internal://`` (or scheme-less) path points at, if present.

        Resolved by case-insensitive file name anywhere in the zip: tools write ``Sources/``,
        ``sources/`` or nothing at all.
        """
        name = PurePosixPath(reference.replace("\\", "/")).name.lower()
        found = self._by_basename.get(name, [])
        return found[0] if found else None

    def read_source(self, info: zipfile.ZipInfo) -> bytes:
        data = self._read(info, self.limits.source_bytes)
        assert data is not None
        return data

    def read_extras(self) -> bytes | None:
        info = self.member_for(EXTRAS_NAME)
        return None if info is None else self._read(info, self.limits.xml_bytes)

    def _check_member(self, info: zipfile.ZipInfo, limit: int) -> None:
        """Refuse a member that the zip's directory says is too large to read."""
        if info.file_size > limit:
            raise refuse(_too_large(info.filename, limit))
        if info.file_size > _RATIO_FROM_BYTES and info.file_size > self.limits.ratio * max(
            info.compress_size, 1
        ):
            raise refuse(_bomb(self.path.name))
        if self._read_so_far + info.file_size > self.limits.total_bytes:
            raise refuse(_bomb(self.path.name))

    def _read(self, info: zipfile.ZipInfo, limit: int) -> bytes | None:
        assert self._zip is not None
        self._check_member(info, limit)
        try:
            with self._zip.open(info) as member:
                data = member.read(limit + 1)
        except RuntimeError:
            raise refuse(
                _("“{name}” is protected with a password.").format(name=self.path.name)
            ) from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
            raise refuse(
                _("“{entry}” in “{name}” is damaged and cannot be read.").format(
                    entry=info.filename, name=self.path.name
                )
            ) from None
        if len(data) > limit:
            raise refuse(_bomb(self.path.name))
        self._read_so_far += len(data)
        return data

    def extract(self, info: zipfile.ZipInfo, target: Path, limit: int) -> None:
        """Copy a media member to ``target`` in chunks (a recording never sits in memory)."""
        assert self._zip is not None
        if info.file_size > limit:
            raise refuse(_too_large(info.filename, limit))
        if info.file_size > _RATIO_FROM_BYTES and info.file_size > self.limits.ratio * max(
            info.compress_size, 1
        ):
            raise refuse(_bomb(self.path.name))
        partial = target.with_name(target.name + ".part")
        written = 0
        try:
            with self._zip.open(info) as member, partial.open("wb") as out:
                while chunk := member.read(1 << 20):
                    written += len(chunk)
                    if written > info.file_size:
                        raise refuse(_bomb(self.path.name))
                    out.write(chunk)
            partial.replace(target)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError):
            partial.unlink(missing_ok=True)
            raise refuse(
                _("“{entry}” in “{name}” is damaged and cannot be read.").format(
                    entry=info.filename, name=self.path.name
                )
            ) from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _starts_with_zip_magic(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except FileNotFoundError:
        raise refuse(_("The file {path} does not exist.").format(path=path)) from None
    except OSError:
        raise refuse(_("“{name}” cannot be read.").format(name=path.name)) from None


def _too_large(name: str, limit: int) -> str:
    return _("“{name}” is too large to import (more than {limit} MB); the file is refused.").format(
        name=name, limit=limit // (1024 * 1024)
    )


def _bomb(name: str) -> str:
    return _(
        "“{name}” unpacks to far more data than a project holds; it is refused to protect "
        "your computer."
    ).format(name=name)
