"""File > Export…: choose what to export, see how much it holds, export with progress/cancel."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.model import GroupKind
from reiscoder.privacy.names import applied_count
from reiscoder.read.coders import coder_names
from reiscoder.read.documents import load_attributes
from reiscoder.read.groups import load_groups
from reiscoder.reports.common import ExportCancelled, ExportReport
from reiscoder.reports.exports import EXPORTS, preview, run_export
from reiscoder.reports.options import ExportKind
from reiscoder.ui.exporting.choices import (
    MATRIX_KINDS,
    SEMICOLON_KINDS,
    TOGGLES,
    Scope,
    build_options,
)
from reiscoder.ui.tasks import run_task
from reiscoder.ui.workbench import Workbench


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportReport, or None when cancelled or failed

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle(_("Export"))
        self.setMinimumWidth(480)
        self.kind = QComboBox()
        for kind, spec in EXPORTS.items():
            self.kind.addItem(_(spec.label), kind)
        self.only_codes = QCheckBox()
        self.only_document = QCheckBox(_("Only the open document"))
        self.document_group = QComboBox()
        self.code_group = QComboBox()
        self.skip_hidden = QCheckBox(_("Leave out the codings of hidden coders"))
        self.semicolon = QCheckBox(_("Separate with semicolons (Dutch Excel)"))
        self.columns = QComboBox()
        self.count_documents = QCheckBox(_("Count documents instead of codings"))
        self.pseudonymise = QCheckBox()
        self.toggles: dict[str, QCheckBox] = {}
        self.toggle_box = QGroupBox(_("Include"))
        self.toggle_layout = QVBoxLayout(self.toggle_box)
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            _("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = QPushButton(_("Cancel export"))
        self.cancel_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._stop = threading.Event()
        self.last_report: ExportReport | None = None
        self._layout()
        self._fill_scope()
        self._connect()
        self._kind_changed()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(_("What"), self.kind)
        scope = QGroupBox(_("Limit to"))
        scope_layout = QVBoxLayout(scope)
        for box in (self.only_codes, self.only_document, self.skip_hidden):
            scope_layout.addWidget(box)
        groups = QFormLayout()
        groups.addRow(_("Document group"), self.document_group)
        groups.addRow(_("Code group"), self.code_group)
        scope_layout.addLayout(groups)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scope)
        layout.addWidget(self.toggle_box)
        matrix = QFormLayout()
        matrix.addRow(_("Columns"), self.columns)
        matrix.addRow(self.count_documents)
        self.matrix_box = QWidget()
        self.matrix_box.setLayout(matrix)
        layout.addWidget(self.matrix_box)
        layout.addWidget(self.semicolon)
        layout.addWidget(self.pseudonymise)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.buttons)

    def _fill_scope(self) -> None:
        codes = self.workbench.selected_code_ids
        self.only_codes.setText(
            _("Only the chosen codes ({count})").format(count=len(codes))
            if codes
            else _("Only the chosen codes (choose codes in the codebook)")
        )
        self.only_codes.setEnabled(bool(codes))
        self.only_document.setEnabled(self.workbench.current_document_id is not None)
        self.skip_hidden.setEnabled(bool(self.workbench.hidden_coder_ids))
        self.skip_hidden.setChecked(bool(self.workbench.hidden_coder_ids))
        self.columns.addItem(_("Documents"), None)
        for combo in (self.document_group, self.code_group):
            combo.addItem(_("(all)"), None)
        with self.workbench.reader() as session:
            names = applied_count(session)
            for group in load_groups(session):
                combo = self.document_group if group.kind == GroupKind.DOCUMENT else self.code_group
                combo.addItem(group.label, group.members)
            for attribute in load_attributes(session):
                self.columns.addItem(attribute.name, attribute.id)
        self.document_group.setEnabled(self.document_group.count() > 1)
        self.code_group.setEnabled(self.code_group.count() > 1)
        self.pseudonymise.setText(
            _("Replace names with pseudonyms ({count} in the name list)").format(count=names)
            if names
            else _("Replace names with pseudonyms (the name list is empty)")
        )
        self.pseudonymise.setEnabled(bool(names))
        self.pseudonymise.setToolTip(
            _(
                "Every name of the project's name list is replaced by its pseudonym, "
                "everywhere in the export: transcripts, quotes, memos, comments, code "
                "descriptions, speakers, cases, attribute values and document names."
            )
        )

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for box in (self.only_codes, self.only_document, self.skip_hidden, self.count_documents):
            box.toggled.connect(self.update_preview)
        self.columns.currentIndexChanged.connect(self.update_preview)
        self.document_group.currentIndexChanged.connect(self.update_preview)
        self.code_group.currentIndexChanged.connect(self.update_preview)
        self.export_button.clicked.connect(self.choose_file)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel)

    # -- choices ---------------------------------------------------------------------------

    def current_kind(self) -> ExportKind:
        return ExportKind(self.kind.currentData())

    def set_kind(self, kind: ExportKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        for box in self.toggles.values():
            self.toggle_layout.removeWidget(box)
            box.deleteLater()
        self.toggles = {}
        defaults = build_options(kind, Scope(), {})
        for name, label in TOGGLES.get(kind, []):
            box = QCheckBox(_(label))
            box.setChecked(bool(getattr(defaults, name)))
            box.toggled.connect(self.update_preview)
            self.toggle_layout.addWidget(box)
            self.toggles[name] = box
        self.toggle_box.setVisible(bool(self.toggles))
        self.semicolon.setVisible(kind in SEMICOLON_KINDS)
        self.matrix_box.setVisible(kind in MATRIX_KINDS)
        self.update_preview()

    def options(self):
        workbench = self.workbench
        codes = tuple(workbench.selected_code_ids) if self.only_codes.isChecked() else None
        documents = (workbench.current_document_id,) if self.only_document.isChecked() else None
        scope = Scope(
            code_ids=_within(codes, self.code_group.currentData()),
            document_ids=_within(documents, self.document_group.currentData()),
            coder_ids=self._visible_coders() if self.skip_hidden.isChecked() else None,
        )
        options = build_options(
            self.current_kind(),
            scope,
            {name: box.isChecked() for name, box in self.toggles.items()},
            semicolon=self.semicolon.isChecked(),
            attribute_id=self.columns.currentData(),
            count_documents=self.count_documents.isChecked(),
        )
        return replace(options, pseudonymise=self.pseudonymise.isChecked())

    def _visible_coders(self) -> frozenset[int]:
        with self.workbench.reader() as session:
            coders = list(coder_names(session).items())
        return frozenset(c for c, _name in coders if c not in self.workbench.hidden_coder_ids)

    def update_preview(self) -> None:
        assert self.workbench.project is not None
        contents = preview(self.workbench.project, self.current_kind(), self.options())
        described = contents.describe() or _("nothing yet")
        self.preview_label.setText(
            _("This export will hold: {contents}").format(contents=described)
        )

    # -- exporting ---------------------------------------------------------------------------

    def choose_file(self) -> None:
        kind = self.current_kind()
        suffix = EXPORTS[kind].suffix
        project = self.workbench.project
        assert project is not None
        suggestion = project.path.with_name(f"{project.name} - {kind.value}{suffix}")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export to"), str(suggestion), f"*{suffix}"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Run the export in the background; ``exported`` tells when it is done."""
        project, kind, options = self.workbench.project, self.current_kind(), self.options()
        self._busy(True)

        def work(report):
            return run_export(
                project,
                kind,
                options,
                path,
                progress=lambda done, total: report((done, total)),
                cancelled=self._stop.is_set,
            )

        run_task(work, self._done, self._failed, self._progress)

    def cancel(self) -> None:
        """Stop the running export at its next step; nothing is written."""
        self._stop.set()

    def _progress(self, value: tuple[int, int]) -> None:
        done, total = value
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self, report: ExportReport) -> None:
        self._busy(False)
        self.last_report = report
        self.preview_label.setText(report.summary())
        self.exported.emit(report)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, ExportCancelled):
            self.preview_label.setText(_("Export cancelled; nothing was written."))
        else:
            message = getattr(error, "message", None) or str(error)
            self.preview_label.setText(_("Export failed: {reason}").format(reason=message))
        self.exported.emit(None)

    def _busy(self, busy: bool) -> None:
        if not busy:
            self._stop.clear()
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.kind.setEnabled(not busy)


def _within(chosen: tuple | None, group: tuple | None) -> tuple | None:
    """What is chosen and in the group: a group narrows a choice, or is the choice."""
    if group is None:
        return chosen
    if chosen is None:
        return tuple(group)
    return tuple(i for i in chosen if i in set(group))
