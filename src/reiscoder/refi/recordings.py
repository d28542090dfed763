"""The recordings of transcripts in a REFI-QDA file: found, copied beside the project, linked.

A recording inside the ``.qdpx`` (ATLAS.ti puts them in ``sources/``) is copied in chunks to a
folder beside the project, ``<project> opnamen``: the project keeps recordings outside itself.
One outside the package is looked for at its ``absolute://`` path, and under its
``relative://`` path beside the REFI file and in the file's ``basePath``. A recording that is
nowhere is remembered by name, so that "Opname zoeken..." can find it later; its transcript
comes in all the same.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from sqlalchemy import select

from reiscoder.i18n import _
from reiscoder.model import Recording, SyncPoint
from reiscoder.model.base import new_uuid
from reiscoder.model.errors import OperationError
from reiscoder.model.recordings import MediaKind, media_kind
from reiscoder.model.tables import table_of
from reiscoder.ops.changes import ChangeSet
from reiscoder.ops.recordings import inspect_media, link_recording
from reiscoder.refi.context import ImportContext
from reiscoder.refi.foreign_data import ForeignRecording
from reiscoder.refi.report import ImportReport
from reiscoder.refi.safety import MAX_MEDIA_BYTES, Package
from reiscoder.refi.sources import PlacedText

Found = dict[ForeignRecording, Path | None]


def media_folder(project_path: Path) -> Path:
    return Path(project_path).parent / f"{Path(project_path).stem} opnamen"


def find_recordings(
    texts: list[PlacedText],
    package: Package,
    refi_path: Path,
    base_path: str,
    project_path: Path,
    report: ImportReport,
) -> Found:
    found: Found = {}
    for placed in texts:
        recording = placed.source.recording
        if recording is None or recording in found or placed.parsed is None:
            continue
        found[recording] = _find(recording, package, refi_path, base_path, project_path)
        if found[recording] is None:
            report.dropped.append(
                _(
                    "The recording “{name}” is neither in the file nor at {path}; its "
                    "transcript came in, and the recording can be found later (Find "
                    "recording…)."
                ).format(name=_file_name(recording), path=recording.path or "?")
            )
    copied = [p for p in found.values() if p is not None and p.parent == media_folder(project_path)]
    if copied:
        report.converted.append(
            _("Recordings copied out of the file to {folder}: {count}.").format(
                folder=media_folder(project_path), count=len(copied)
            )
        )
    return found


def _file_name(recording: ForeignRecording) -> str:
    if recording.path:
        name = PurePosixPath(recording.path.split("://", 1)[-1]).name
        if name:
            return name
    return recording.name or "?"


def _find(
    recording: ForeignRecording,
    package: Package,
    refi_path: Path,
    base_path: str,
    project_path: Path,
) -> Path | None:
    path = recording.path or ""
    scheme, _sep, rest = path.partition("://")
    rest = rest if _sep else path
    name = _file_name(recording)
    if package.is_zip:
        info = package.member_for(name)
        if info is not None:
            folder = media_folder(project_path)
            folder.mkdir(exist_ok=True)
            target = _free(folder / name)
            package.extract(info, target, MAX_MEDIA_BYTES)
            return target
    candidates = []
    if scheme.lower() == "absolute":
        candidates.append(Path(rest.lstrip("/") if _windows(rest) else rest))
    else:
        relative = rest.lstrip("/")
        candidates.append(Path(refi_path).parent / relative)
        if base_path:
            candidates.append(Path(base_path) / relative)
        candidates.append(Path(refi_path).parent / name)
    return next((c for c in candidates if c.is_file()), None)


def _windows(rest: str) -> bool:
    return len(rest) > 3 and rest[0] == "/" and rest[2] == ":"


def _free(target: Path) -> Path:
    number, candidate = 1, target
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
    return candidate


def store_recording(
    ctx: ImportContext, project_path: Path, document_id: int, placed: PlacedText, found: Found
) -> None:
    """Link the document to its recording and store its sync points."""
    for guid, position, moment in placed.sync_points:
        ctx.session.execute(
            table_of(SyncPoint).insert().values(
                uuid=ctx.fresh_uuid(SyncPoint, guid), document_id=document_id,
                position=position, time_ms=moment,
            )
        )  # fmt: skip
    recording = placed.source.recording
    if recording is None:
        return
    path = found.get(recording)
    if path is not None:
        try:
            link_recording(ctx.session, project_path, document_id, inspect_media(path))
            return
        except OperationError as error:
            ctx.report.warnings.append(error.message)
    _remember_missing(ctx, document_id, recording)


def _remember_missing(ctx: ImportContext, document_id: int, recording: ForeignRecording) -> None:
    """A recording that is not here yet: remembered by its name, found again later."""
    name = _file_name(recording)
    existing = ctx.session.scalar(select(Recording.id).where(Recording.name == name))
    changes = ChangeSet()  # not undone: the import is one transaction of its own
    if existing is None:
        kind = media_kind(name) or (
            MediaKind.VIDEO if recording.kind == "video" else MediaKind.AUDIO
        )
        existing = changes.insert(
            ctx.session, Recording, uuid=new_uuid(), path=name, name=name[:255],
            kind=kind.value, size=0, checksum="",
        )  # fmt: skip
    from reiscoder.model import DocumentRecording

    changes.insert(ctx.session, DocumentRecording, document_id=document_id, recording_id=existing)
