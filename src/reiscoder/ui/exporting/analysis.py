"""Analyse > Analysis report (Word): frequencies, codes by etappe and agreement, with charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from reiscoder.i18n import _
from reiscoder.reports.analysis_docx import AnalysisReportOptions, export_analysis
from reiscoder.ui.messages import inform, warn
from reiscoder.ui.tasks import Task, run_task
from reiscoder.ui.workbench import Workbench


def export_analysis_report(parent: QWidget, workbench: Workbench) -> Task | None:
    project = workbench.project
    if project is None:
        return None
    suggestion = project.path.with_name(f"{project.name} - analyse.docx")
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Analysis report (Word)"), str(suggestion), "*.docx"
    )
    if not path:
        return None
    return write_analysis_report(parent, workbench, Path(path))


def write_analysis_report(parent: QWidget, workbench: Workbench, path: Path) -> Task:
    project = workbench.project
    # with pseudonyms shown, the report holds pseudonyms too
    options = AnalysisReportOptions(pseudonymise=workbench.pseudonyms.shown)
    return run_task(
        lambda _report: export_analysis(project, options, path),
        lambda report: inform(parent, _("Analysis report (Word)"), report.summary()),
        lambda error: warn(
            parent, _("Export failed"), getattr(error, "message", None) or str(error)
        ),
    )
