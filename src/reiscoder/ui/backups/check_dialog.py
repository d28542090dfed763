"""File > Check project…: the project check in plain words, with a button for the safe repairs."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.checks.repair import Diagnosis, RepairReport, diagnose, repair
from reiscoder.i18n import _, ngettext
from reiscoder.ui.workbench import Workbench

PROBLEM, NOTE, DONE = "✗", "·", "✓"
DEFAULT_HEIGHT = 420
COLORS = {PROBLEM: "#b42318", NOTE: "#52606d", DONE: "#2e7d32"}
KIND_ROLE = Qt.ItemDataRole.UserRole
PLACE_ROLE = Qt.ItemDataRole.UserRole + 1  # (document id, start, end) to show, or None


class CheckDialog(QDialog):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.diagnosis: Diagnosis | None = None
        self.repaired: RepairReport | None = None
        self.setWindowTitle(_("Check project"))
        self.resize(720, DEFAULT_HEIGHT)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.headline.setFont(font)
        self.detail = QLabel(_("Nothing needs repairing."))
        self.detail.setStyleSheet("color: #52606d;")
        self.model = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.activated.connect(self._show_place)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.repair_button = QPushButton(_("&Repair"))
        self.repair_button.setToolTip(_("Make the repairs that are safe; a backup is made first."))
        self.again_button = QPushButton(_("Check &again"))
        self.buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.repair_button.clicked.connect(self.repair)
        self.again_button.clicked.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.check()

    def lines(self) -> list[tuple[str, str]]:
        """What the list shows: (mark, text) per line."""
        return [
            (self.model.item(row).data(KIND_ROLE), self.model.item(row).text())
            for row in range(self.model.rowCount())
        ]

    def check(self) -> Diagnosis | None:
        project = self.workbench.project
        if project is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.diagnosis = diagnose(project)
        finally:
            QApplication.restoreOverrideCursor()
        self._show(self.diagnosis)
        return self.diagnosis

    def _show(self, diagnosis: Diagnosis, done: list[str] | None = None) -> None:
        self.model.clear()
        for line in done or []:
            self._add(DONE, line)
        places = {f.message: f.place for f in diagnosis.findings if f.place is not None}
        for problem in diagnosis.problems:
            self._add(PROBLEM, problem, places.get(problem))
        for note in diagnosis.report.notes:
            self._add(NOTE, note)
        count = len(diagnosis.problems)
        if diagnosis.sound:
            self.headline.setText(_("The project is sound."))
        else:
            self.headline.setText(
                ngettext("{count} problem found.", "{count} problems found.", count).format(
                    count=count
                )
            )
        self._fit_list()
        repairable = bool(diagnosis.repairable) and not self.workbench.read_only
        self.repair_button.setEnabled(repairable)
        self.repair_button.setVisible(not diagnosis.sound)

    def _fit_list(self) -> None:
        """No empty white box under "The project is sound.": the list shows when it has lines."""
        empty = self.model.rowCount() == 0
        self.list.setVisible(not empty)
        self.detail.setVisible(empty)
        if empty:
            self.resize(self.width(), self.sizeHint().height())
        elif self.height() < DEFAULT_HEIGHT:
            self.resize(self.width(), DEFAULT_HEIGHT)

    def _add(self, mark: str, text: str, place: tuple[int, int, int] | None = None) -> None:
        item = QStandardItem(f"{mark}  {text}")
        item.setData(mark, KIND_ROLE)
        item.setData(place, PLACE_ROLE)
        if place is not None:
            item.setToolTip(_("Double-click to show it in the transcript."))
        item.setForeground(QColor(COLORS[mark]))
        item.setEditable(False)
        self.model.appendRow(item)

    def _show_place(self, index: QModelIndex) -> None:
        place = index.data(PLACE_ROLE)
        if place is not None:
            self.workbench.show_document(*place)

    def repair(self) -> RepairReport | None:
        project = self.workbench.project
        if project is None or self.diagnosis is None or project.read_only:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.repaired = repair(project, self.diagnosis)
        finally:
            QApplication.restoreOverrideCursor()
        self.workbench.announce(_("Repair"))
        self.diagnosis = diagnose(project)
        self._show(self.diagnosis, self.repaired.done)
        return self.repaired


def open_check_dialog(parent: QWidget | None, workbench: Workbench) -> CheckDialog | None:
    """File > Check project…"""
    if workbench.project is None:
        return None
    dialog = CheckDialog(workbench, parent)
    dialog.exec()
    return dialog
