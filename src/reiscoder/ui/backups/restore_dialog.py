"""File > Restore from backup…: the project's backups with date and contents, how long they are
kept, and restoring one (the current file is backed up first, then the project reopens)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, decimal
from reiscoder.model.backups import (
    BackupInfo,
    Retention,
    list_backups,
    reason_label,
    restore_backup,
    retention_of,
    save_retention,
)
from reiscoder.model.errors import ProjectError
from reiscoder.model.project import Project
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.settings import Settings
from reiscoder.ui.workbench import Workbench

Index = QModelIndex | QPersistentModelIndex
PATH_ROLE = Qt.ItemDataRole.UserRole
WHEN, WHY, DOCUMENTS, CODINGS, MEMOS, SIZE = range(6)
Reopen = Callable[[Path], bool]


class BackupsModel(QAbstractTableModel):
    """One row per backup, newest first; the backup's path in PATH_ROLE."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[BackupInfo] = []

    def set_rows(self, rows: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        info = self.rows[index.row()]
        if role == PATH_ROLE:
            return str(info.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.problem or str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= DOCUMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(info, index.column())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Made"), _("Why"), _("Documents"), _("Codings"), _("Memos"), _("Size"))[
                section
            ]
        return None


def _cell(info: BackupInfo, column: int) -> str:
    if column == WHEN:
        return info.made.strftime("%d-%m-%Y %H:%M")
    if column == WHY:
        return reason_label(info.reason)
    if column == SIZE:
        return _("{size} MB").format(size=decimal(info.size / 1_000_000, 1))
    if info.problem:
        return _("unreadable") if column == DOCUMENTS else ""
    value = {DOCUMENTS: info.documents, CODINGS: info.codings, MEMOS: info.memos}[column]
    return "" if value is None else str(value)


class BackupsDialog(QDialog):
    def __init__(
        self,
        workbench: Workbench,
        settings: Settings,
        reopen: Reopen | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert workbench.project is not None
        self.workbench = workbench
        self.settings = settings
        self.project_path = workbench.project.path
        self.reopen = reopen or self._reopen
        self.restored_from: Path | None = None
        self.setWindowTitle(_("Restore from backup"))
        self.resize(760, 460)
        self._build()
        self.refresh()

    def _build(self) -> None:
        intro = QLabel(
            _(
                "A backup is made when the project is opened and before imports and merges. "
                "Restoring one replaces the project; the current state is backed up first, so "
                "a restore can itself be undone by restoring that backup."
            )
        )
        intro.setWordWrap(True)
        self.model = BackupsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel(_("No backups yet. One is made the next time the project is opened."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid); padding: 24px;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(self._retention_row())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(_("&Restore…"))
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _retention_row(self) -> QHBoxLayout:
        project = self.workbench.project
        retention = retention_of(project) if project is not None else Retention()
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(retention.days)
        self.days.setSuffix(_(" days"))
        self.copies = QSpinBox()
        self.copies.setRange(3, 1000)
        self.copies.setValue(retention.copies)
        for box in (self.days, self.copies):
            box.setEnabled(not self.workbench.read_only)
            box.valueChanged.connect(self._retention_changed)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Keep backups made on opening, imports and merges for")))
        row.addWidget(self.days)
        row.addWidget(QLabel(_("and at most")))
        row.addWidget(self.copies)
        row.addWidget(QLabel(_("copies.")))
        row.addStretch(1)
        return row

    # -- behaviour -------------------------------------------------------------------------

    def refresh(self) -> None:
        self.model.set_rows(list_backups(self.project_path))
        has_rows = bool(self.model.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if has_rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _selection_changed(self, *_args: object) -> None:
        info = self.selected()
        usable = info is not None and info.problem is None and not self.workbench.read_only
        self.restore_button.setEnabled(usable)
        if self.workbench.read_only:
            self.restore_button.setToolTip(_("This project is open read-only."))

    def _retention_changed(self) -> None:
        project = self.workbench.project
        if project is not None and not project.read_only:
            save_retention(project, Retention(self.days.value(), self.copies.value()))

    def confirm(self, info: BackupInfo) -> bool:
        answer = QMessageBox.question(
            self,
            _("Restore from backup"),
            _(
                "Replace the project with the backup of {when}? The current state is backed "
                "up first. The undo history is cleared."
            ).format(when=_cell(info, WHEN)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self, *, confirmed: bool = False) -> bool:
        info = self.selected()
        if info is None or info.problem is not None:
            return False
        if not confirmed and not self.confirm(info):
            return False
        self.workbench.close_project()
        try:
            restore_backup(self.project_path, info.path)
        except ProjectError as error:
            QMessageBox.warning(self, _("Restore from backup"), error.message)
            self.reopen(self.project_path)
            return False
        self.restored_from = info.path
        self.reopen(self.project_path)
        self.accept()
        return True

    def _reopen(self, path: Path) -> bool:
        try:
            project = Project.open(path)
        except ProjectError as error:
            QMessageBox.warning(self, _("Cannot open project"), error.message)
            return False
        self.workbench.set_project(project, coder_in_project(project, self.settings.coder_name))
        return True


def open_backups_dialog(
    parent: QWidget | None,
    workbench: Workbench,
    settings: Settings,
    reopen: Reopen | None = None,
) -> bool:
    """File > Restore from backup…; True when a backup was restored (the project reopened).

    ``reopen`` opens the project again after a restore (the main window's ``open_path``, so
    that its title and recent files follow); by default the workbench reopens it directly.
    """
    if workbench.project is None:
        return False
    dialog = BackupsDialog(workbench, settings, reopen, parent)
    dialog.exec()
    return dialog.restored_from is not None
