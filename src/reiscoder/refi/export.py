"""Export a project as REFI-QDA: a codebook (``.qdc``) or a whole project (``.qdpx``).

The ``.qdpx`` is a zip with ``project.qde``, one UTF-8 plain-text file per document in
``sources/`` (no BOM), and ``reiscoder-extensions.json`` (see :mod:`.extras`). The zip is
written deterministically (fixed member times and order), so exporting an unchanged project
twice gives the same bytes, and written to a temporary file first, so a failed export never
leaves half a file behind.

Positions: :attr:`PositionConvention.CODEPOINTS` is the standard (code points of a file with
LF line breaks, which is exactly our text). :attr:`PositionConvention.CRLF` writes CR LF line
breaks and counts them as two characters, which MAXQDA and QualCoder's MAXQDA option expect.
:attr:`PositionConvention.NVIVO` also counts in UTF-16 code units (an emoji as two), as NVivo
does. :func:`target_tools` gives the honest default per receiving program.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Memo, Meta
from reiscoder.model.errors import OperationError
from reiscoder.refi.export_groups import codebook_only_note
from reiscoder.refi.export_xml import ProjectWriter, build_codebook
from reiscoder.refi.positions import FilePositions, PositionConvention, SourceText
from reiscoder.refi.report import ExportReport
from reiscoder.refi.safety import EXTRAS_NAME
from reiscoder.refi.xmlutil import serialise

MAX_INTERNAL_FILE_BYTES = 2**31 - 1
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportOptions:
    positions: PositionConvention = PositionConvention.CODEPOINTS
    extras: bool = True  # write reiscoder-extensions.json into the .qdpx
    pseudonymise: bool = False  # names replaced by their pseudonyms (reiscoder.privacy)
    codebook_only: bool = False  # a .qdpx with only the codebook (codes, code groups, relations)


def position_choices() -> list[tuple[PositionConvention, str, str]]:
    """For the export dialog: each position convention with a label and an explanation."""
    return [
        (
            PositionConvention.CODEPOINTS,
            _("Standard (Unicode code points)"),
            _(
                "As the REFI-QDA standard says: line breaks are one character and every "
                "character, emoji included, counts once. For ATLAS.ti, QualCoder and reiscoder."
            ),
        ),
        (
            PositionConvention.CRLF,
            _("Windows line breaks (CR LF counted as two)"),
            _(
                "The texts get Windows line breaks and positions count them as two characters, "
                "as MAXQDA expects. For NVivo choose the NVivo mode."
            ),
        ),
        (
            PositionConvention.NVIVO,
            _("NVivo (UTF-16 units, CR LF counted as two)"),
            _(
                "The texts get Windows line breaks and positions are counted the way NVivo "
                "counts them: CR and LF each as one, and a character such as an emoji as two. "
                "For NVivo."
            ),
        ),
    ]


@dataclass(frozen=True)
class TargetTool:
    """A program an export is meant for, with the position convention it reads right."""

    key: str
    name: str
    positions: PositionConvention
    note: str  # why, and how sure we are


def target_tools() -> list[TargetTool]:
    """The honest default per receiving program, for the export dialog and ``--for``."""
    return [
        TargetTool(
            "nvivo",
            "NVivo",
            PositionConvention.NVIVO,
            _(
                "NVivo counts UTF-16 code units with CR and LF each as one; this mode writes "
                "exactly that, checked against NVivo 12's own exports."
            ),
        ),
        TargetTool(
            "maxqda",
            "MAXQDA",
            PositionConvention.CRLF,
            _(
                "MAXQDA counts CR LF as two characters. How it counts emoji could not be "
                "checked: documents with such characters are named in the report."
            ),
        ),
        TargetTool(
            "atlasti",
            "ATLAS.ti",
            PositionConvention.CODEPOINTS,
            _(
                "ATLAS.ti counts a line break as one character, as the standard does for the "
                "LF line breaks reiscoder writes."
            ),
        ),
        TargetTool(
            "qualcoder",
            "QualCoder",
            PositionConvention.CODEPOINTS,
            _("QualCoder counts Unicode code points, as the standard says."),
        ),
        TargetTool(
            "reiscoder",
            "reiscoder",
            PositionConvention.CODEPOINTS,
            _("reiscoder reads the standard and recognises the other conventions by itself."),
        ),
        TargetTool(
            "other",
            _("Another program"),
            PositionConvention.CODEPOINTS,
            _("The REFI-QDA standard: Unicode code points, a line break as one character."),
        ),
    ]


def export_codebook(
    session: Session, path: Path, options: ExportOptions | None = None
) -> ExportReport:
    """Write the code tree as a REFI-QDA codebook (``.qdc``)."""
    if options is not None and options.pseudonymise:
        return _pseudonymised(export_codebook, session, path, options)
    path = Path(path)
    report = ExportReport(path, _("Codebook exported to {name}").format(name=path.name))
    count = session.scalar(select(Code.id).limit(1))
    if count is None:
        raise OperationError(_("The project has no codes, so there is no codebook to export."))
    root = build_codebook(session, report)
    report.add("codes", sum(1 for _element in root.iter("{*}Code")))
    memos = session.scalar(select(func.count()).select_from(Memo).where(Memo.code_id.is_not(None)))
    if memos:
        report.dropped.append(
            _(
                "Memos on codes: {count} (a codebook has no place for them; export the project "
                "to keep them)."
            ).format(count=memos)
        )
    _write_atomically(path, lambda handle: handle.write(serialise(root)))
    return report


def export_project(
    session: Session, path: Path, options: ExportOptions | None = None
) -> ExportReport:
    """Write the whole project as a REFI-QDA project (``.qdpx``)."""
    options = options or ExportOptions()
    if options.pseudonymise:
        return _pseudonymised(export_project, session, path, options)
    path = Path(path)
    report = ExportReport(path, _("Project exported to {name}").format(name=path.name))
    writer = ProjectWriter(
        session,
        lambda text: FilePositions(text, options.positions),
        report,
        codebook_only=options.codebook_only,
    )
    root = writer.build(_project_name(session, path))
    if options.codebook_only:
        report.dropped.append(codebook_only_note())
    else:
        _describe_positions(report, options, writer.texts)
    members = [("project.qde", serialise(root))]
    members += [(f"sources/{name}", data) for name, data in writer.texts.items()]
    if options.extras:
        members.append((EXTRAS_NAME, writer.extras.to_json()))
    elif not options.codebook_only:
        report.dropped.append(
            _(
                "Speaker turns, the separate parts of code definitions, attribute kinds and "
                "choices were left out (no extension file was asked for)."
            )
        )
    if writer.texts:
        report.dropped.append(
            _("Sentences and lemmas: other programs do not use them; reiscoder finds them again.")
        )
    for name, data in members:
        if len(data) > MAX_INTERNAL_FILE_BYTES:
            report.warnings.append(
                _("{name} is larger than 2 GB; other programs may not be able to read it.").format(
                    name=name
                )
            )
    _write_atomically(path, lambda handle: _write_zip(handle, members))
    return report


def _pseudonymised(
    export: Callable[..., ExportReport], session: Session, path: Path, options: ExportOptions
) -> ExportReport:
    """Run ``export`` on a pseudonymised copy of the project (see reiscoder.privacy)."""
    from reiscoder.privacy.copy import pseudonymised_session

    with pseudonymised_session(session) as (private, pseudonymiser):
        report = export(private, path, replace(options, pseudonymise=False))
    report.converted.append(
        _("Names were replaced by their pseudonyms ({count} names in the list).").format(
            count=len(pseudonymiser.rules)
        )
    )
    return report


def _project_name(session: Session, path: Path) -> str:
    return session.scalar(select(Meta.value).where(Meta.key == "name")) or path.stem


def _describe_positions(
    report: ExportReport, options: ExportOptions, texts: dict[str, bytes]
) -> None:
    convention = options.positions
    if convention is PositionConvention.NVIVO:
        report.converted.append(
            _(
                "Line breaks were written as CR LF; positions count UTF-16 code units with CR "
                "and LF each as one, as NVivo does."
            )
        )
    elif convention is PositionConvention.CRLF:
        report.converted.append(
            _(
                "Line breaks were written as CR LF and positions count them as two characters, "
                "as MAXQDA expects."
            )
        )
    else:
        report.converted.append(
            _("Positions count Unicode code points in the plain-text files, as the standard says.")
        )
    if convention is PositionConvention.NVIVO:
        return
    astral = sum(SourceText(data.decode("utf-8")).has_astral for data in texts.values())
    if astral:
        report.warnings.append(
            _(
                "Documents with characters such as emoji, which NVivo counts as two: {count}. "
                "For NVivo, export in the NVivo mode; in other programs, codings after such a "
                "character may appear shifted."
            ).format(count=astral)
        )


def _write_zip(handle: BinaryIO, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def _write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write through a temporary file beside ``path`` and move it into place."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".export-", dir=folder)
    except OSError as error:
        raise OperationError(
            _("The file {path} cannot be written: {reason}").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OperationError(
            _("The file {path} cannot be written: {reason}").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
