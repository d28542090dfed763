"""The name list's tab "Nog niet gedekt": what may identify someone and is not decided yet.

Each row is a capitalised word, a number or an address found in the project's texts
(:func:`reiscoder.privacy.uncovered.uncovered`) with its contexts. The researcher decides it
once: on the list (replaced from then on) or "may stay" (never listed again). The check runs
off the GUI thread and again whenever the name list changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.ops.names import NewName, add_names, reject_names
from reiscoder.privacy.uncovered import Uncovered, category_label, uncovered
from reiscoder.ui.privacy.models import kind_label
from reiscoder.ui.tasks import run_task
from reiscoder.ui.workbench import Workbench

Index = QModelIndex | QPersistentModelIndex


class UncoveredModel(QAbstractTableModel):
    TEXT, WHAT, KIND, COUNT, CONTEXT = range(5)

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Uncovered] = []

    def set_items(self, items: Sequence[Uncovered]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Found"), _("What"), _("Kind on the list"), _("Times"), _("Where"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                f"{e.document_name}: …{e.before}{e.text}{e.after}…" for e in item.examples
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: Uncovered, column: int) -> object:
        if column == self.TEXT:
            return item.text
        if column == self.WHAT:
            return category_label(item.category)
        if column == self.KIND:
            return kind_label(item.kind)
        if column == self.COUNT:
            return item.count
        where = item.examples[0] if item.examples else None
        return f"{where.document_name}: …{where.before}{where.text}{where.after}…" if where else ""


class ChecklistTab(QWidget):
    counted = Signal(int)  # how many are still to decide (-1: being checked)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.model = UncoveredModel()
        self.checking = False
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(UncoveredModel.CONTEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(UncoveredModel.TEXT, 190)
        self.table.setColumnWidth(UncoveredModel.WHAT, 150)
        self.check_button = QPushButton(_("Check again"))
        self.check_button.clicked.connect(self.check)
        self.keep_button = QPushButton(_("May stay"))
        self.keep_button.setToolTip(_("Not a name: never listed here again."))
        self.keep_button.clicked.connect(self.keep_selected)
        self.add_button = QPushButton(_("Put on the name list"))
        self.add_button.setToolTip(_("Replace the selected words from now on."))
        self.add_button.clicked.connect(self.add_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def check(self) -> None:
        project = self.workbench.project
        if project is None or self.checking:
            return
        self.checking = True
        self.status.setText(_("Checking every text of the project…"))
        self.counted.emit(-1)
        self._update_buttons()

        def work(_report):
            with project.reader() as session:
                return uncovered(session)

        run_task(work, self._checked, self._failed)

    def selected(self) -> list[Uncovered]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.items[row] for row in rows]

    def add_selected(self) -> None:
        names = [NewName(item.text, "", item.kind) for item in self.selected()]
        if names and self.workbench.execute(lambda s: add_names(s, names)):
            self._drop(names)

    def keep_selected(self) -> None:
        texts = [item.text for item in self.selected()]
        if texts and self.workbench.execute(lambda s: reject_names(s, texts)):
            self._drop(texts)

    def _drop(self, decided: list) -> None:
        texts = {getattr(d, "original", d) for d in decided}
        self.model.set_items([i for i in self.model.items if i.text not in texts])
        self._show_count()

    def _checked(self, items: list[Uncovered]) -> None:
        self.checking = False
        self.model.set_items(items)
        self._show_count()

    def _failed(self, error: BaseException) -> None:
        self.checking = False
        self.status.setText(_("The check failed: {reason}").format(reason=error))
        self._update_buttons()

    def _show_count(self) -> None:
        count = len(self.model.items)
        if count:
            text = ngettext(
                "{count} word, number or address may identify someone and is not on the name "
                "list. Decide each once: on the list, or may stay.",
                "{count} words, numbers or addresses may identify someone and are not on the "
                "name list. Decide each once: on the list, or may stay.",
                count,
            ).format(count=count)
        else:
            text = _("Everything that could identify someone is on the name list or decided.")
        self.status.setText(text)
        self.counted.emit(count)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        writable = not self.workbench.read_only and not self.checking
        chosen = writable and bool(self.table.selectionModel().selectedRows())
        self.add_button.setEnabled(chosen)
        self.keep_button.setEnabled(chosen)
        self.check_button.setEnabled(not self.checking)
