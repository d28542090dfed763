"""A table of cells for the analyses: text to show, a value to sort and export, a key to
look up what is behind the cell, and an optional heat colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHeaderView, QTableView, QWidget

from reiscoder.i18n import _, decimal, percent
from reiscoder.reports.analysis_tables import write_table_xlsx

ROW_ROLE = Qt.ItemDataRole.UserRole  # the id of what the row is about
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the key of what the cell is about
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the number (or text) behind the cell
Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)  # not frozen: a frozen one takes three times as long to make, and a
class Cell:  # 150 × 150 table makes 22,500 (treat it as read-only all the same)
    text: str
    value: Any = None  # for sorting and export; None: the text
    key: Any = None
    tooltip: str = ""
    heat: float | None = None  # 0..1 colours the cell
    color: str | None = None  # a code colour, shown as a swatch

    @property
    def sort_value(self) -> Any:
        return self.text.casefold() if self.value is None else self.value


def number(value: float | int | None, digits: int = 0, suffix: str = "") -> Cell:
    if value is None:
        return Cell("—", -1e18, tooltip=_("Not defined for these data"))
    if digits:
        text = decimal(value, digits)
    elif isinstance(value, float):
        text = decimal(value, 0) if value.is_integer() else decimal(value, 2)
    else:
        text = str(value)
    return Cell(text + suffix, value)


def percent_cell(value: float | None) -> Cell:
    """A percentage with one decimal; 100,0% only when every unit agrees."""
    if value is None:
        return number(None)
    return Cell(percent(value, 1), value)


class GridModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header: list[str] = []
        self.rows: list[list[Cell]] = []
        self.row_ids: list[Any] = []

    def set_table(
        self, header: Sequence[str], rows: Sequence[Sequence[Cell]], ids: Sequence[Any]
    ) -> None:
        self.beginResetModel()
        self.header, self.rows, self.row_ids = list(header), [list(r) for r in rows], list(ids)
        self.endResetModel()

    def cell(self, index: Index) -> Cell | None:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else None

    def export_rows(self) -> list[list[Any]]:
        return [[c.text if c.value is None else c.value for c in row] for row in self.rows]

    # -- Qt API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if orientation == Qt.Orientation.Horizontal and role in shown:
            return self.header[section] if section < len(self.header) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or (cell.text if len(cell.text) > 40 else None)
        if role == ROW_ROLE:
            return self.row_ids[index.row()]
        if role == KEY_ROLE:
            return cell.key
        if role == VALUE_ROLE:
            return cell.value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(cell.value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and cell.heat:
            color = QColor("#2f6db3")
            color.setAlphaF(0.08 + 0.55 * min(1.0, cell.heat))
            return color
        if role == Qt.ItemDataRole.DecorationRole and cell.color:
            return QColor(cell.color)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.rows or column >= len(self.header):
            return
        self.layoutAboutToBeChanged.emit()
        paired = list(zip(self.rows, self.row_ids, strict=True))
        paired.sort(
            key=lambda pair: _sortable(pair[0][column].sort_value if column < len(pair[0]) else ""),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.rows = [p[0] for p in paired]
        self.row_ids = [p[1] for p in paired]
        self.layoutChanged.emit()


def _sortable(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int | float) else (1, str(value))


def make_table(
    model: GridModel, parent: QWidget | None = None, *, sortable: bool = True
) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    # No sort arrow until the user clicks a header: tables come in their natural order.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # long names: "…"
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def fit_columns(view: QTableView, first: int = 320, other: int = 96) -> None:
    """The first column ``first`` wide, the others as wide as their header or longest text.

    Measured from the longest text (not by asking the view for every cell's size, which
    takes a second for a 150 × 150 table)."""
    model, header = view.model(), view.horizontalHeader()
    if not isinstance(model, GridModel):
        return
    cells, heading = view.fontMetrics(), header.fontMetrics()
    for column in range(model.columnCount()):
        if column == 0:
            header.resizeSection(column, first)
            continue
        texts = [row[column].text for row in model.rows if column < len(row)]
        longest = max(texts, key=len, default="")
        title = model.header[column] if column < len(model.header) else ""
        width = max(heading.horizontalAdvance(title) + 20, cells.horizontalAdvance(longest) + 12)
        header.resizeSection(column, min(260, max(other, width + 8)))


def export_xlsx(
    parent: QWidget, model: GridModel, title: str, ask: Callable[..., tuple] | None = None
) -> Path | None:
    """Ask for a file name and write the table; returns the file written."""
    ask = ask or QFileDialog.getSaveFileName
    name, _filter = ask(parent, _("Export table"), f"{title}.xlsx", _("Excel workbook (*.xlsx)"))
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
    write_table_xlsx(path, title, model.header, model.export_rows())
    return path
