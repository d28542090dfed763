"""The recordings on the command line: ``import --recording``, and what ``info`` and ``check``
say about them."""

from __future__ import annotations

import argparse
from pathlib import Path

from reiscoder.errors import UserError
from reiscoder.i18n import _
from reiscoder.model.project import Project
from reiscoder.read.recordings import FileState, RecordingInfo, recordings
from reiscoder.read.timing import clock


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recording",
        action="append",
        default=[],
        type=Path,
        metavar=_("MEDIA"),
        help=_(
            "the recording of the transcript (repeatable: the first for the first file, and "
            "so on); without it a recording with the same name beside the file is linked"
        ),
    )
    parser.add_argument(
        "--no-recordings",
        action="store_true",
        help=_("do not look for recordings beside the transcripts"),
    )


def chosen_recordings(args: argparse.Namespace) -> dict[Path, Path]:
    if len(args.recording) > len(args.files):
        raise UserError(_("More recordings than transcript files were given."))
    return dict(zip(args.files, args.recording, strict=False))


def info_rows(project: Project) -> list[tuple[str, str]]:
    with project.reader() as session:
        found = recordings(session, project.file)
    rows = [(_("Recordings"), str(len(found)))]
    for recording in found:
        rows.append(("  " + recording.name, _describe(recording)))
    return rows


def _describe(recording: RecordingInfo) -> str:
    parts = [recording.stored_path]
    if recording.duration_ms:
        parts.append(clock(recording.duration_ms))
    parts.append(", ".join(recording.documents) or _("no document"))
    state = recording.state()
    if state is not FileState.PRESENT:
        parts.append(_state_word(state))
    return " · ".join(parts)


def _state_word(state: FileState) -> str:
    return _("MISSING") if state is FileState.MISSING else _("CHANGED")
