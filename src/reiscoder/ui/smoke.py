"""The smoke test of an installed app: drive the real window through a user's first hour.

Started by ``REISCODER_SMOKE_TEST=FOLDER reiscoder demo`` (see packaging/smoke/). Once the
window shows the demo project it records the time, saves a screenshot, imports every file
of ``FOLDER/in`` together through the Documents panel's importer (worker processes
included), exports every kind through the export dialog into ``FOLDER/out``, and writes
``FOLDER/report.json`` after each step. It then waits for a later start of reiscoder to
hand over another project (the single-instance route a double-click takes), notes it and
quits. Nothing here runs unless that variable is set; its messages are for developers.
"""

from __future__ import annotations

import json
import time
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from reiscoder.ingest.batch import FileReport, ImportOptions
from reiscoder.read.project import summary
from reiscoder.reports.exports import EXPORTS
from reiscoder.reports.options import ExportKind

DEADLINE_MS = 600_000
HANDOVER_WAIT_MS = 120_000


class SmokeTest(QObject):
    def __init__(self, window: QMainWindow, folder: Path) -> None:
        super().__init__(window)
        self.window = window
        self.workbench = window.workbench  # type: ignore[attr-defined]
        self.folder = folder
        self.out = folder / "out"
        self.out.mkdir(parents=True, exist_ok=True)
        self.report: dict[str, Any] = {"phase": "starting", "exports": {}, "errors": []}
        self._kinds: list[ExportKind] = []
        self._dialog = None
        QTimer.singleShot(DEADLINE_MS, lambda: self._fail("deadline passed"))

    def start(self) -> None:
        """Call right after the window was shown and the demo opened."""
        QApplication.processEvents()  # the window and the demo are painted now
        self.report["shown_at"] = time.time()
        project = self.workbench.project
        if project is None:
            self._fail("no project open after start")
            return
        self.report["project"] = str(project.path)
        self.report["documents_before"] = self._documents()
        self.window.grab().save(str(self.folder / "window.png"))
        self._step(self._import)

    # -- steps -------------------------------------------------------------------------------

    def _import(self) -> None:
        files = sorted((self.folder / "in").iterdir())
        self.report["phase"] = "importing"
        self.report["import_started"] = time.time()
        importer = self.window.documents.importer  # type: ignore[attr-defined]
        importer.finished.connect(self._imported)
        run = importer.start(files, ImportOptions(coder="smoke", workers=2))
        run.failed.connect(lambda message: self._fail(f"import failed: {message}"))

    def _imported(self, reports: list[FileReport]) -> None:
        self.report["import_seconds"] = time.time() - self.report["import_started"]
        self.report["imported"] = {r.path.name: r.status.value for r in reports}
        with self.workbench.reader() as session:
            facts = summary(session)
        self.report["documents_after"] = facts.documents
        self.report["segmenting_after"] = facts.segmenting
        self.report["pipelines"] = list(facts.pipelines)
        self.report["worker_processes"] = _worker_processes()
        self._kinds = list(EXPORTS)
        self.report["phase"] = "exporting"
        self._step(self._export_next)

    def _export_next(self) -> None:
        from reiscoder.ui.exporting.dialog import ExportDialog

        if not self._kinds:
            self._await_handover()
            return
        kind = self._kinds.pop(0)
        dialog = ExportDialog(self.workbench, self.window)
        dialog.set_kind(kind)
        dialog.exported.connect(lambda report, k=kind, d=dialog: self._exported(k, d, report))
        self._dialog = dialog
        dialog.export_to(self.out / f"{kind.value}{EXPORTS[kind].suffix}")

    def _exported(self, kind: ExportKind, dialog, report) -> None:
        self.report["exports"][kind.value] = (
            {"path": str(report.path), "seconds": report.seconds}
            if report is not None
            else {"error": dialog.preview_label.text()}
        )
        dialog.deleteLater()
        self._step(self._export_next)

    def _await_handover(self) -> None:
        self.report["phase"] = "waiting-for-handover"
        self.workbench.project_opened.connect(self._handed_over)
        QTimer.singleShot(HANDOVER_WAIT_MS, lambda: self._finish("no handover came"))
        self._write()

    def _handed_over(self) -> None:
        self.report["opened_later"] = str(self.workbench.project.path)
        self._finish(None)

    # -- ending ------------------------------------------------------------------------------

    def _step(self, action) -> None:
        self._write()

        def guarded() -> None:
            try:
                action()
            except Exception:
                self._fail(traceback.format_exc())

        QTimer.singleShot(0, guarded)

    def _documents(self) -> int:
        with self.workbench.reader() as session:
            return summary(session).documents

    def _fail(self, message: str) -> None:
        self._finish(message)

    def _finish(self, problem: str | None) -> None:
        if self.report["phase"] == "done":
            return
        if problem:
            self.report["errors"].append(problem)
        self.report["phase"] = "done"
        self._write()
        self.window.close()
        QApplication.instance().exit(1 if self.report["errors"] else 0)

    def _write(self) -> None:
        target = self.folder / "report.json"
        staging = target.with_suffix(".tmp")
        staging.write_text(json.dumps(self.report, indent=2), encoding="utf-8")
        staging.replace(target)


def _worker_processes() -> list[str]:
    """The command lines of the processes this app started (fork server, workers, tracker)."""
    import psutil

    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            found.append(" ".join(child.cmdline()))
        except psutil.Error:
            continue
    return found
