"""Recordings found for imported transcripts: given with the file, or beside it by name."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model.errors import OperationError
from reiscoder.model.recordings import MEDIA_EXTENSIONS
from reiscoder.ops.recordings import inspect_media, link_recording


class RecordingChoices(Protocol):
    recordings: dict[Path, Path]
    find_recordings: bool


def recording_beside(transcript: Path) -> Path | None:
    """``x.mp3`` (or another recording) beside ``x.vtt``; audio before video, by name."""
    folder, stem = transcript.parent, transcript.stem
    try:
        found = sorted(
            p
            for p in folder.iterdir()
            if p.stem == stem and p.suffix.lower() in MEDIA_EXTENSIONS and p.is_file()
        )
    except OSError:
        return None
    return found[0] if found else None


def link_found_recording(
    session: Session,
    project_path: Path,
    document_id: int,
    transcript: Path,
    options: RecordingChoices,
) -> list[str]:
    """Link the transcript's recording, if it has one; a warning when it cannot be linked.

    The document is imported in any case: a recording that cannot be read loses nothing.
    """
    media = _chosen(options, transcript)
    if media is None:
        return []
    try:
        link_recording(session, project_path, document_id, inspect_media(media))
    except OperationError as error:
        return [_("The recording was not linked: {reason}").format(reason=error.message)]
    return [_("Recording linked: {name}").format(name=media.name)]


def _chosen(options: RecordingChoices, transcript: Path) -> Path | None:
    for given, media in options.recordings.items():
        if Path(given) == transcript or Path(given).resolve() == transcript.resolve():
            return Path(media)
    return recording_beside(transcript) if options.find_recordings else None


def pair_recordings(paths: list[Path]) -> tuple[list[Path], dict[Path, Path]]:
    """Transcripts and recordings dropped (or chosen) together: the transcripts, and the
    recording of each that has one (same base name; or the only recording with the only
    transcript)."""
    media = [p for p in paths if p.suffix.lower() in MEDIA_EXTENSIONS]
    transcripts = [p for p in paths if p.suffix.lower() not in MEDIA_EXTENSIONS]
    pairs: dict[Path, Path] = {}
    for transcript in transcripts:
        same = [m for m in media if m.stem.casefold() == transcript.stem.casefold()]
        if same:
            pairs[transcript] = same[0]
    left = [m for m in media if m not in pairs.values()]
    unpaired = [t for t in transcripts if t not in pairs]
    if len(left) == 1 and len(unpaired) == 1:
        pairs[unpaired[0]] = left[0]
    return transcripts, pairs
