"""Teacher and students: prepare an assignment, and merge the students' copies back.

Both dialogs can be filled and accepted in tests without ``exec()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from reiscoder.analysis.common import document_names
from reiscoder.i18n import _
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import PROJECT_SUFFIX
from reiscoder.ops.merge_copy import CopyContents
from reiscoder.teaching.assignment import (
    MergeReport,
    backup_before_merge,
    check_copy,
    describe_merge,
    merge_copy,
    prepare_assignment,
    read_copy,
    recorded_students,
    remember_students,
)
from reiscoder.ui.workbench import Workbench

ID_ROLE = Qt.ItemDataRole.UserRole


class AssignmentDialog(QDialog):
    """Choose documents, a name and a file: the students' copy is written on accept."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.prepared = None
        self.setWindowTitle(_("Prepare an assignment"))
        self.name = QLineEdit(_("Assignment"), self)
        self.documents = QListWidget(self)
        with workbench.reader() as session:
            for document_id, name in document_names(session).items():
                item = QListWidgetItem(name)
                item.setData(ID_ROLE, document_id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.documents.addItem(item)
        self.keep_codings = QCheckBox(_("Keep the existing codings in the copy"), self)
        self.target = QLineEdit(self)
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(_("File:"), where)
        note = QLabel(
            _(
                "Students get a copy with the chosen documents and the codebook locked. "
                "Each codes under their own name; merge their copies back afterwards."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Make assignment"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Documents:"), self))
        layout.addWidget(self.documents, 1)
        layout.addWidget(self.keep_codings)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the assignment as"),
            self.name.text() + PROJECT_SUFFIX,
            _("reiscoder project (*.reis)"),
        )
        if name:
            self.target.setText(name)

    def chosen(self) -> list[int]:
        return [
            self.documents.item(i).data(ID_ROLE)
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        project = self.workbench.project
        if project is None:
            return
        target = Path(self.target.text().strip())
        if not self.target.text().strip():
            self._fail(_("Choose where to save the assignment."))
            return
        if not target.suffix:
            target = target.with_suffix(PROJECT_SUFFIX)
        try:
            self.prepared = prepare_assignment(
                project,
                target,
                self.chosen(),
                name=self.name.text().strip() or target.stem,
                keep_codings=self.keep_codings.isChecked(),
            )
        except ProjectError as error:
            self._fail(error.message)
            return
        super().accept()

    def _fail(self, message: str) -> None:
        self.workbench.failed.emit(message)


class MergeDialog(QDialog):
    """Pick the students' files; on accept they are merged (a backup is made first)."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.reports: list[MergeReport] = []
        self.backup: Path | None = None
        self.setWindowTitle(_("Merge students' copies"))
        self.files = QListWidget(self)
        add = QPushButton(_("Add files…"), self)
        add.clicked.connect(self._browse)
        remove = QPushButton(_("Remove"), self)
        remove.clicked.connect(
            lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()]
        )
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        note = QLabel(
            _(
                "Each student's codings are added under their own name; codes and documents are "
                "matched by identity. A backup of this project is made first, and the merge can "
                "be undone."
            ),
            self,
        )
        note.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.files, 1)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.files.addItem(str(path))

    def _browse(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Students' copies"), "", _("reiscoder project (*.reis)")
        )
        self.add_files([Path(n) for n in names])

    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def accept(self) -> None:
        project = self.workbench.project
        if project is None or not self.paths():
            return
        self.backup = backup_before_merge(project)
        for path in self.paths():
            try:
                contents = read_copy(path)
            except ProjectError as error:
                self.workbench.failed.emit(f"{path.name}: {error.message}")
                continue
            report = MergeReport(path)
            with project.reader() as session:
                check_copy(session, contents, report)
                known = recorded_students(session)
            label = _("Merge “{name}”").format(name=path.name)
            self.workbench.write(label, lambda s, c=contents, r=report, k=known: _merge(s, c, r, k))
            self.reports.append(report)
        self.result.setText(self.summary())
        super().accept()

    def summary(self) -> str:
        return "\n".join(line for r in self.reports for line in describe_merge(r))


def _merge(
    session: Session, contents: CopyContents, report: MergeReport, known: frozenset[str]
) -> None:
    """One transaction: the copy's codings and memos, and which students it brought."""
    merge_copy(session, contents, report, known)
    remember_students(session, contents, report)


def open_assignment_dialog(parent: QWidget | None, workbench: Workbench) -> AssignmentDialog | None:
    if workbench.project is None:
        return None
    dialog = AssignmentDialog(workbench, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.prepared is not None:
        QMessageBox.information(
            parent,
            _("Assignment ready"),
            _("The assignment with {count} documents is saved as {path}.").format(
                count=dialog.prepared.documents, path=dialog.prepared.path
            ),
        )
    return dialog


def open_merge_dialog(parent: QWidget | None, workbench: Workbench) -> MergeDialog | None:
    if workbench.project is None:
        return None
    dialog = MergeDialog(workbench, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reports:
        QMessageBox.information(parent, _("Copies merged"), dialog.summary())
    return dialog
