"""Import a REFI-QDA project (``.qdpx``, or a bare ``.qde``) or codebook (``.qdc``).

Everything happens in one transaction, so a refused, failed or cancelled import changes
nothing. The codes are stored as the XML is read (a codebook may hold 700,000: none is held in
memory); the rest of the file is read and checked whole (the package, every source text and
every selection's position) before it is written. Merging into an existing project makes a
backup copy first.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from reiscoder.i18n import _
from reiscoder.ingest.memory import release_free_memory
from reiscoder.model import Code, Document, Meta
from reiscoder.model.backups import make_backup
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.codes import CODEBOOK_LOCK_KEY
from reiscoder.refi.code_writer import CodeWriter
from reiscoder.refi.context import ImportContext
from reiscoder.refi.extras import Extras, ExtrasError, parse_extras
from reiscoder.refi.foreign import read_foreign_xml
from reiscoder.refi.foreign_data import ForeignProject
from reiscoder.refi.recordings import find_recordings, media_folder
from reiscoder.refi.report import ImportReport
from reiscoder.refi.safety import Limits, Package, refuse
from reiscoder.refi.sources import PlacedText, fill_note_texts, place_texts
from reiscoder.refi.store_attributes import store_attributes, store_cases, store_values
from reiscoder.refi.store_groups import store_groups, store_networks, store_relations
from reiscoder.refi.store_memos import store_memos
from reiscoder.refi.store_texts import link_cases, store_codings, store_documents
from reiscoder.refi.store_users import store_users
from reiscoder.refi.unsupported import report_unsupported


@dataclass(frozen=True)
class ImportOptions:
    coder: str | None = None  # named for codings and memos whose author the file does not give
    segment: bool = True  # split the new documents into sentences before returning
    limits: Limits = field(default_factory=Limits)  # how much of the file is read at most
    # Asked now and then while the file is read and stored; True stops the import, which then
    # raises ImportCancelled and leaves the project as it was (a new project is not made).
    cancelled: Callable[[], bool] = field(default=lambda: False)


@dataclass
class _Read:
    foreign: ForeignProject
    texts: list[PlacedText]
    recordings: dict = field(default_factory=dict)  # ForeignRecording -> Path | None


def import_qdpx(
    project: Project, path: Path, *, merge: bool, options: ImportOptions | None = None
) -> ImportReport:
    """Bring in everything a project file (or a codebook file) holds."""
    return _import(project, Path(path), merge, options or ImportOptions(), codebook_only=False)


def import_qdc(
    project: Project, path: Path, *, merge: bool, options: ImportOptions | None = None
) -> ImportReport:
    """Bring in only the code tree, from a codebook or from a project file."""
    return _import(project, Path(path), merge, options or ImportOptions(), codebook_only=True)


def import_as_new_project(
    refi_path: Path,
    project_path: Path,
    options: ImportOptions | None = None,
    *,
    codebook_only: bool = False,
) -> tuple[Project, ImportReport]:
    """Create ``project_path`` from a REFI-QDA file; on refusal no project file is left."""
    project = Project.create(Path(project_path), Path(refi_path).stem)
    try:
        report = _import(
            project,
            Path(refi_path),
            False,
            options or ImportOptions(),
            codebook_only=codebook_only,
            adopt_name=True,
        )
    except BaseException:
        _discard(project)
        raise
    return project, report


def _import(
    project: Project,
    path: Path,
    merge: bool,
    options: ImportOptions,
    *,
    codebook_only: bool,
    adopt_name: bool = False,
) -> ImportReport:
    _check_codebook_open(project)
    if not merge:
        _check_empty(project)
    title = _("Merged from {name}") if merge else _("Imported from {name}")
    report = ImportReport(path, title.format(name=path.name), merged=merge)
    job = _Job(project, project.file, report, options, merge, codebook_only, adopt_name)
    try:
        with Package(path, options.limits) as package:
            _read_and_store(job, package, path)
    except SQLAlchemyError as error:
        raise refuse(
            _("The import could not be completed ({detail}); nothing was changed.").format(
                detail=str(error.orig if hasattr(error, "orig") else error).splitlines()[0]
            )
        ) from None
    # the sentences are found without what reading and storing used held beside them
    gc.collect()
    release_free_memory()
    if options.segment and report.counts.get("documents"):
        from reiscoder.ingest.segmentation import segment_pending

        segment_pending(project)
    return report


@dataclass(frozen=True)
class _Job:
    project: Project
    project_file: Path  # recordings are copied beside it, a merge backs it up
    report: ImportReport
    options: ImportOptions
    merge: bool
    codebook_only: bool
    adopt_name: bool


def _read_and_store(job: _Job, package: Package, path: Path) -> None:
    """Read the file and store what it holds, in one transaction: what is refused, failed or
    cancelled at any point changes nothing (and copies no recordings)."""
    extras = Extras()
    if package.is_zip and not job.codebook_only:
        extras = _extras(package, job.report)
    if job.merge:  # first: a copy made while the transaction writes could be kept waiting
        job.report.backup = make_backup(job.project_file, "refi-import")
    recordings: dict = {}
    try:
        with job.project.transaction() as session:
            ctx = ImportContext(
                session=session,
                report=job.report,
                merge=job.merge,
                fallback_coder_name=job.options.coder or _("Unknown coder"),
                extras=extras,
                project_path=job.project.path,
                cancelled=job.options.cancelled,
            )
            read = _read(package, path, ctx, job.codebook_only, job.project_file)
            recordings = ctx.recordings = read.recordings
            ctx.check_cancelled()
            _store(ctx, read, job.codebook_only)
            ctx.check_cancelled()
            if job.adopt_name and read.foreign.name:
                session.merge(Meta(key="name", value=read.foreign.name))
    except BaseException:
        _remove_copied(recordings, job.project_file)
        raise


def _read(
    package: Package, path: Path, ctx: ImportContext, codebook_only: bool, project_file: Path
) -> _Read:
    """Read the file; its codes are stored as they are read (a codebook may hold 700,000),
    inside the import's one transaction, so a file refused later changes nothing either."""
    report = ctx.report
    writer = CodeWriter(ctx)
    with package.main_stream() as stream:
        foreign = read_foreign_xml(stream, path.name, package.main_name, writer)
    writer.finish()
    if foreign.origin:
        report.origin = foreign.origin
    texts = [] if codebook_only else place_texts(foreign, package, report)
    recordings = {}
    if not codebook_only:
        fill_note_texts(foreign, package, report)
        recordings = find_recordings(texts, package, path, foreign.base_path, project_file, report)
    # What parsing used (the parser's tree holds reference cycles) is not kept under what
    # storing needs.
    gc.collect()
    release_free_memory()
    return _Read(foreign, texts, recordings)


def _remove_copied(recordings: dict, project_path: Path) -> None:
    """A refused or failed import leaves no copied recordings behind."""
    folder = media_folder(project_path)
    for copied in recordings.values():
        if copied is not None and copied.parent == folder:
            copied.unlink(missing_ok=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _extras(package: Package, report: ImportReport) -> Extras:
    data = package.read_extras()
    if data is None:
        return Extras()
    try:
        extras = parse_extras(data)
    except ExtrasError:
        report.warnings.append(
            _("The file's reiscoder extension file could not be read and was ignored.")
        )
        return Extras()
    report.converted.append(
        _("Speaker turns, code criteria and attribute kinds came from reiscoder's extension file.")
    )
    return extras


def _check_codebook_open(project: Project) -> None:
    """A student's copy of an assignment keeps the teacher's codebook: no REFI-QDA import,
    which would bring codes (a .qdc is nothing else), is let in."""
    with project.reader() as session:
        if session.get(Meta, CODEBOOK_LOCK_KEY) is not None:
            raise refuse(
                _(
                    "The codebook of this assignment is locked, and a REFI-QDA file brings "
                    "codes into it; nothing was imported."
                )
            )


def _check_empty(project: Project) -> None:
    with project.reader() as session:
        filled = any(
            session.scalar(select(func.count()).select_from(model)) for model in (Document, Code)
        )
    if filled:
        raise OperationError(
            _(
                "This project already holds documents or codes. Merge the file into it, or "
                "import it into a new project."
            )
        )


def _store(ctx: ImportContext, read: _Read, codebook_only: bool) -> None:
    foreign = read.foreign
    if codebook_only:
        store_groups(ctx, _code_sets(foreign), set())
        report_unsupported(ctx, foreign, codebook_only=True)
        ctx.finish()
        return
    store_users(ctx, foreign.users)
    attributes = store_attributes(ctx, foreign)
    store_cases(ctx, foreign.cases)
    store_documents(ctx, read.texts)
    store_values(ctx, foreign, attributes)
    store_codings(ctx, read.texts)
    store_groups(ctx, foreign, attributes.consumed_sets)
    store_relations(ctx, foreign)
    store_networks(ctx, foreign)
    store_memos(ctx, foreign, read.texts)
    link_cases(ctx, foreign.cases)
    report_unsupported(ctx, foreign, codebook_only=False)
    ctx.finish()


def _code_sets(foreign: ForeignProject) -> ForeignProject:
    """Only the code groups, for a codebook-only import."""
    sets = [replace(item, sources=(), notes=()) for item in foreign.sets if item.codes]
    return replace(foreign, sets=sets)


def _discard(project: Project) -> None:
    path = project.path
    project.close()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
