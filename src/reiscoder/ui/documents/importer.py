"""Importing from the GUI: the import dialog, the run in the background, the progress and
report, and the question about files that were imported before.

Nothing here blocks: dialogs and the question are opened with ``open()``, so tests drive
them by filling fields and pressing buttons.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from reiscoder.i18n import _, ngettext
from reiscoder.ingest.batch import FileReport, FileStatus, ImportOptions
from reiscoder.ingest.recordings import pair_recordings
from reiscoder.ops.changes import Topic
from reiscoder.parsing import SUPPORTED_EXTENSIONS
from reiscoder.read.documents import coder_name, load_attributes, used_values
from reiscoder.ui.documents.import_dialog import ImportDialog
from reiscoder.ui.documents.progress_dialog import ImportProgressDialog
from reiscoder.ui.documents.runs import ImportRun
from reiscoder.ui.workbench import Workbench

MAX_LISTED = 8
STORED_TOPICS = frozenset({Topic.DOCUMENTS, Topic.SPEAKERS, Topic.ATTRIBUTES})


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for the transcripts in it (and in its subfolders)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    (p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_EXTENSIONS),
                    key=lambda p: str(p).casefold(),
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def default_workers() -> int:
    return max(0, min(2, (os.cpu_count() or 1) - 1))


class Importer(QObject):
    started = Signal(object)  # an ImportRun, just before it starts
    finished = Signal(list)  # every FileReport of the batch, duplicates asked about

    def __init__(self, workbench: Workbench, parent: QWidget) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.window = parent
        self.workers = default_workers()
        self.dialog: ImportDialog | None = None
        self.progress: ImportProgressDialog | None = None
        self.question: QMessageBox | None = None
        self.again_button: QPushButton | None = None
        self.run: ImportRun | None = None
        self.reports: dict[str, FileReport] = {}

    @property
    def busy(self) -> bool:
        return self.run is not None and self.run.running

    # -- asking --------------------------------------------------------------------------

    def ask(self, paths: Iterable[Path]) -> ImportDialog | None:
        """Open the import dialog for ``paths``; importing starts when it is accepted."""
        files, recordings = pair_recordings(expand_paths(paths))
        if not files or self.workbench.project is None or self.workbench.read_only:
            return None
        if self.busy:
            QMessageBox.information(
                self.window,
                _("Import transcripts"),
                _("Another import is still running. Start this one when it is done."),
            )
            return None
        with self.workbench.reader() as session:
            attributes, suggestions = load_attributes(session), used_values(session)
        self.dialog = ImportDialog(files, attributes, suggestions, self.window, recordings)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._accepted(dialog))
        self.dialog.open()
        return self.dialog

    def _accepted(self, dialog: ImportDialog) -> None:
        with self.workbench.reader() as session:
            coder = coder_name(session, self.workbench.coder_id or 0)
        options = ImportOptions(
            coder=coder or _("unknown"),
            patterns=dialog.patterns(),
            attributes=dialog.attribute_values_by_name(),
            workers=self.workers,
            recordings=dict(dialog.recordings.chosen),
        )
        self.dialog = None
        self.start(dialog.paths, options)

    # -- running -------------------------------------------------------------------------

    def start(self, paths: list[Path], options: ImportOptions) -> ImportRun:
        """Import ``paths`` in the background, showing progress; returns the run."""
        assert self.workbench.project is not None
        if self.progress is None or not self.progress.isVisible():
            self.reports = {}
            self.progress = ImportProgressDialog(self.window)
            self.progress.open_requested.connect(self.workbench.show_document)
            self.progress.show()
        self.progress.begin(paths)
        run = ImportRun(self.workbench.project, paths, options, self)
        self.progress.cancel_requested.connect(run.cancel)
        run.stored.connect(self._stored)
        run.segmented.connect(self._segmented)
        run.finished.connect(lambda reports, r=run: self._finished(r, reports))
        run.failed.connect(self._failed)
        self.run = run
        self.started.emit(run)
        run.start()
        return run

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()

    def _stored(self, report: FileReport, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.on_stored(report, done, total)
        if report.document_id is not None:
            self.workbench.announce(_("Import"), STORED_TOPICS)

    def _segmented(self, document_id: int) -> None:
        if self.progress is not None:
            self.progress.on_segmented(document_id)
        self.workbench.announce(_("Sentences"), frozenset({Topic.DOCUMENTS}))

    def _failed(self, message: str) -> None:
        if self.progress is not None:
            self.progress.finish([])
            self.progress.headline.setText(_("The import stopped: {reason}").format(reason=message))
        self.workbench.announce(_("Import"), STORED_TOPICS)

    def _finished(self, run: ImportRun, reports: list[FileReport]) -> None:
        self.reports.update({str(report.path): report for report in reports})
        if self.progress is not None:
            self.progress.finish(reports)
        twins = [r for r in reports if r.status is FileStatus.DUPLICATE]
        if twins and not run.cancelled and not run.options.allow_duplicates:
            self._ask_about_duplicates(run, twins)
            return
        self.finished.emit(list(self.reports.values()))

    # -- files imported before -------------------------------------------------------------

    def _ask_about_duplicates(self, run: ImportRun, twins: list[FileReport]) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Imported before"))
        box.setText(
            ngettext(
                "{count} file was imported before. Import it again anyway?",
                "{count} files were imported before. Import them again anyway?",
                len(twins),
            ).format(count=len(twins))
        )
        lines = [f"{r.path.name}: {r.message}" for r in twins[:MAX_LISTED]]
        if len(twins) > MAX_LISTED:
            lines.append(_("and {count} more").format(count=len(twins) - MAX_LISTED))
        box.setInformativeText("\n".join(lines))
        self.again_button = box.addButton(_("Import anyway"), QMessageBox.ButtonRole.YesRole)
        skip = box.addButton(_("Skip"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(skip)
        box.finished.connect(lambda _result: self._answered(box, run, twins))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox, run: ImportRun, twins: list[FileReport]) -> None:
        self.question = None
        if box.clickedButton() is not self.again_button:
            self.finished.emit(list(self.reports.values()))
            return
        options = dataclasses.replace(run.options, allow_duplicates=True)
        self.start([report.path for report in twins], options)
