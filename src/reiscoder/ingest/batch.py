"""Import many transcript files: each file its own transaction, sentences in the background.

Text and turns of a file are stored first, so its document can be opened at once; the Dutch
sentence segmentation runs in worker processes and is written as it finishes. A file that
cannot be read is reported in plain words and changes nothing; the others still import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.ingest.attributes import apply_import_attributes
from reiscoder.ingest.memory import release_free_memory
from reiscoder.ingest.pipeline import SentenceStage
from reiscoder.ingest.recordings import link_found_recording
from reiscoder.ingest.store import documents_with_checksum, file_checksum, store_transcript
from reiscoder.model.backups import backup_before
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.parsing import ImportFailure, TurnPatterns, read_transcript
from reiscoder.parsing.limits import unreadable_message


class FileStatus(StrEnum):
    IMPORTED = "imported"
    FAILED = "failed"
    DUPLICATE = "duplicate"
    CANCELLED = "cancelled"


@dataclass
class FileReport:
    path: Path
    status: FileStatus
    message: str = ""
    document_id: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportOptions:
    coder: str
    patterns: TurnPatterns | None = None
    attributes: dict[str, str] = field(default_factory=dict)  # for every file
    attributes_per_file: dict[str, dict[str, str]] = field(default_factory=dict)  # by file name
    allow_duplicates: bool = False
    workers: int = 2
    backup: bool = True  # a rolling backup of the project first (identical copies are not kept)
    # A recording per transcript (by the transcript's path); others are looked for beside the
    # transcript under the same base name (x.vtt and x.mp3) when ``find_recordings`` is on.
    recordings: dict[Path, Path] = field(default_factory=dict)
    find_recordings: bool = True


@dataclass
class ImportListener:
    """Callbacks from the importing thread; a GUI turns them into signals."""

    stored: Callable[[FileReport, int, int], None] = lambda report, done, total: None
    segmented: Callable[[int], None] = lambda document_id: None
    cancelled: Callable[[], bool] = lambda: False


def import_files(
    project: Project,
    paths: Sequence[Path],
    options: ImportOptions,
    listener: ImportListener | None = None,
) -> list[FileReport]:
    listener = listener or ImportListener()
    if options.backup:
        backup_before(project, "import")
    with project.transaction() as session:
        coder_id = coder_id_for(session, options.coder)
    reports: list[FileReport] = []
    workers = min(options.workers, len(paths)) if len(paths) > 1 else 0
    sentences = SentenceStage(project, workers, listener.segmented)
    sentences.start()
    try:
        for index, path in enumerate(paths):
            if listener.cancelled():
                reports.extend(FileReport(p, FileStatus.CANCELLED) for p in paths[index:])
                break
            report = _import_one(project, Path(path), options, coder_id)
            release_free_memory()  # what storing it took, before its sentences
            reports.append(report)
            listener.stored(report, index + 1, len(paths))
            if report.document_id is not None:
                sentences.add(report.document_id)
    finally:
        sentences.finish()
    return reports


def _import_one(project: Project, path: Path, options: ImportOptions, coder_id: int) -> FileReport:
    try:
        checksum = file_checksum(path) if path.is_file() else ""
    except OSError as error:  # unreadable: say so in words, not in the system's English
        return FileReport(path, FileStatus.FAILED, unreadable_message(error))
    try:
        if checksum and not options.allow_duplicates:
            with project.reader() as session:
                twins = documents_with_checksum(session, checksum)
            if twins:
                message = _("This file was imported before, as “{name}”.").format(name=twins[0])
                return FileReport(path, FileStatus.DUPLICATE, message)
        parsed = read_transcript(path, options.patterns)
        release_free_memory()  # the reader's copies of the text, before storing it
        with project.transaction() as session:
            document_id = store_transcript(
                session,
                parsed,
                name=path.stem,
                source_filename=path.name,
                checksum=checksum,
                coder_id=coder_id,
            )
            warnings = _attributes(session, document_id, path, options)
            if project.path is not None:  # recordings belong beside a project file
                warnings += link_found_recording(session, project.path, document_id, path, options)
    except ImportFailure as failure:
        return FileReport(path, FileStatus.FAILED, failure.message)
    except (OSError, ProjectError) as error:
        reason = getattr(error, "message", None) or getattr(error, "strerror", None) or str(error)
        return FileReport(
            path, FileStatus.FAILED, _("Could not import: {reason}").format(reason=reason)
        )
    return FileReport(path, FileStatus.IMPORTED, "", document_id, parsed.warnings + warnings)


def _attributes(
    session: Session, document_id: int, path: Path, options: ImportOptions
) -> list[str]:
    values = {**options.attributes, **options.attributes_per_file.get(path.name, {})}
    return apply_import_attributes(session, document_id, values) if values else []
