"""File > REFI-QDA: exchange with ATLAS.ti, NVivo, MAXQDA and QualCoder, with a report after."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.model.project import PROJECT_SUFFIX
from reiscoder.privacy.names import applied_count
from reiscoder.refi import (
    ExportOptions,
    ImportCancelled,
    ImportOptions,
    export_codebook,
    export_project,
    import_as_new_project,
    import_qdpx,
    position_choices,
    target_tools,
)
from reiscoder.ui.messages import inform, warn
from reiscoder.ui.tasks import run_task
from reiscoder.ui.workbench import Workbench

REFI_FILES = "REFI-QDA (*.qdpx *.qdc *.qde)"


class RefiExportDialog(QDialog):
    """Choose project or codebook and the position convention the receiving tool expects."""

    finished_export = Signal(object)  # the report, or None

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle(_("Export for another QDA program (REFI-QDA)"))
        self.setMinimumWidth(520)
        self.what = QComboBox()
        self.what.addItem(_("Whole project (.qdpx)"), ".qdpx")
        self.what.addItem(_("Codebook only (.qdc)"), ".qdc")
        self.tool = QComboBox()
        for tool in target_tools():
            self.tool.addItem(tool.name, tool)
        self.tool.setCurrentIndex(self.tool.count() - 1)  # another program: the standard
        self.positions = QComboBox()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        for convention, label, explanation in position_choices():
            self.positions.addItem(label, (convention, explanation))
        self.tool.currentIndexChanged.connect(self._tool_chosen)
        self.positions.currentIndexChanged.connect(self._explain)
        self.what.currentIndexChanged.connect(self._explain)
        self.pseudonymise = QCheckBox(_("Replace names with pseudonyms"))
        with workbench.reader() as session:
            names = applied_count(session)
        self.pseudonymise.setEnabled(bool(names))
        self.pseudonymise.setToolTip(
            _("{count} names in the name list; also in file names and the extension file.").format(
                count=names
            )
            if names
            else _("The name list is empty.")
        )
        form = QFormLayout()
        form.addRow(_("What"), self.what)
        form.addRow(_("For"), self.tool)
        form.addRow(_("Positions"), self.positions)
        form.addRow("", self.pseudonymise)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(buttons)
        self._explain()

    def _tool_chosen(self) -> None:
        """The positions the chosen program reads right (it can still be changed)."""
        tool = self.tool.currentData()
        for index in range(self.positions.count()):
            if self.positions.itemData(index)[0] is tool.positions:
                self.positions.setCurrentIndex(index)
        self._explain()

    def _explain(self) -> None:
        codebook = self.what.currentData() == ".qdc"
        self.positions.setEnabled(not codebook)
        self.tool.setEnabled(not codebook)
        tool = self.tool.currentData()
        text = f"{self.positions.currentData()[1]}\n\n{tool.name}: {tool.note}"
        self.explanation.setText("" if codebook else text)

    def choose_file(self) -> None:
        suffix = self.what.currentData()
        project = self.workbench.project
        assert project is not None
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to"), str(project.path.with_suffix(suffix)), f"*{suffix}"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        project = self.workbench.project
        assert project is not None
        codebook = path.suffix.lower() == ".qdc"
        options = ExportOptions(
            positions=self.positions.currentData()[0],
            pseudonymise=self.pseudonymise.isChecked(),
        )

        def work(_report):
            with project.reader() as session:
                if codebook:
                    return export_codebook(session, path, options)
                return export_project(session, path, options)

        run_task(work, self._done, self._failed)

    def _done(self, report) -> None:
        self.finished_export.emit(report)
        show_report(self.parentWidget() or self, _("Exported"), report.lines())
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.finished_export.emit(None)
        message = getattr(error, "message", None) or str(error)
        warn(self, _("Export failed"), message)


def choose_refi_file(parent: QWidget) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, _("Import REFI-QDA"), "", REFI_FILES)
    return Path(path) if path else None


def merge_refi(parent: QWidget, workbench: Workbench, path: Path, done=None) -> QProgressDialog:
    """Bring a REFI-QDA file into the open project (a backup is made first); the dialog it
    shows meanwhile can cancel it, which leaves the project as it was."""
    project = workbench.project
    assert project is not None and not project.read_only
    coder = _coder_name(workbench)
    cancel = threading.Event()

    def work(_report):
        options = ImportOptions(coder=coder, cancelled=cancel.is_set)
        return import_qdpx(project, path, merge=True, options=options)

    def finished(report) -> None:
        waiting.close()
        workbench.announce(_("REFI-QDA import"))
        show_report(parent, _("Imported"), report.lines())
        if done is not None:
            done(report)

    def failed(error: BaseException) -> None:
        waiting.close()
        _refused(parent, error, done)

    waiting = _waiting(parent, path, cancel)
    run_task(work, finished, failed)
    return waiting


def refi_as_new_project(parent: QWidget, source: Path, target: Path, done) -> QProgressDialog:
    """Make a new project from a REFI-QDA file; ``done(path)`` opens it. Cancelled, no
    project file is left."""
    if target.suffix != PROJECT_SUFFIX:
        target = target.with_suffix(PROJECT_SUFFIX)
    cancel = threading.Event()

    def work(_report):
        options = ImportOptions(cancelled=cancel.is_set)
        project, report = import_as_new_project(source, target, options)
        project.close()
        return report

    def finished(report) -> None:
        waiting.close()
        show_report(parent, _("Imported"), report.lines())
        done(target)

    def failed(error: BaseException) -> None:
        waiting.close()
        _refused(parent, error, None)

    waiting = _waiting(parent, source, cancel)
    run_task(work, finished, failed)
    return waiting


def _waiting(parent: QWidget, path: Path, cancel: threading.Event) -> QProgressDialog:
    """A busy indicator with a Cancel button while a REFI-QDA file comes in."""
    dialog = QProgressDialog(
        _("Importing “{name}”…").format(name=path.name), _("Cancel"), 0, 0, parent
    )
    dialog.setWindowTitle(_("Import REFI-QDA"))
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(cancel.set)
    dialog.show()
    return dialog


def _coder_name(workbench: Workbench) -> str | None:
    from reiscoder.read.coders import coder_names

    with workbench.reader() as session:
        names = coder_names(session)
    return names.get(workbench.coder_id)


def _refused(parent: QWidget, error: BaseException, done) -> None:
    message = getattr(error, "message", None) or str(error)
    if isinstance(error, ImportCancelled):
        inform(parent, _("Import cancelled"), message)
    else:
        warn(parent, _("Import failed"), message)
    if done is not None:
        done(None)


def show_report(parent: QWidget, title: str, lines: list[str]) -> QDialog:
    """A plain, copyable report: what came in or went out, what was converted or left out."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    text = QPlainTextEdit("\n".join(lines))
    text.setReadOnly(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(560, 420)
    dialog.show()
    return dialog
