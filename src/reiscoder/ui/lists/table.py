"""A table model over a list of typed rows, sorted in Python, and a calm table view.

Each column says how to show a row (text, tooltip, icon) and how to sort it. Sorting is done
on the row list with a key function, not by Qt comparing cells one call at a time, so tens of
thousands of rows sort at once. A row's id is in ``ID_ROLE``; selections survive sorting.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

R = TypeVar("R")
ID_ROLE = Qt.ItemDataRole.UserRole
# The row object itself, for delegates that draw more than one string (same process only).
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# Looked up once: a view asks a cell for a dozen roles every time it paints it, and reading
# an enum member of Qt costs more than comparing it.
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole
DECORATION_ROLE = Qt.ItemDataRole.DecorationRole
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: Callable[[], str]  # called at display time, so it follows the language
    text: Callable[[R], str]
    sort_key: Callable[[R], Any]
    tooltip: Callable[[R], str] | None = None
    icon: Callable[[R], QIcon | None] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    roles: Mapping[int, Callable[[R], Any]] = field(default_factory=dict)  # more data roles


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], row_id: Callable[[R], int]) -> None:
        super().__init__()
        self.columns = list(columns)
        self.rows: list[R] = []
        self._row_id = row_id
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- helpers ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def update_rows(self, removed: Collection[int], added: Sequence[R]) -> list[int]:
        """Take out the rows with ids in ``removed`` and put ``added`` in their sorted places,
        one row at a time (no reset: the view keeps its selection and repaints only what
        moved); returns the row numbers the added rows got."""
        for row_id in removed:
            position = self.position_of(row_id)
            if position is not None:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self.rows[position]
                self.endRemoveRows()
        placed = []
        for row in added:
            position = self._place_of(row)
            self.beginInsertRows(QModelIndex(), position, position)
            self.rows.insert(position, row)
            self.endInsertRows()
            placed = [p + 1 if p >= position else p for p in placed] + [position]
        return placed

    def _place_of(self, row: R) -> int:
        """Where ``row`` goes in the sorted rows (after its equals, as a stable sort has it)."""
        if self._sort is None:
            return len(self.rows)
        column, order = self._sort
        key = self.columns[column].sort_key
        keys = [key(r) for r in self.rows]
        if order == Qt.SortOrder.DescendingOrder:
            return next((n for n, k in enumerate(keys) if k < key(row)), len(keys))
        return bisect.bisect_right(keys, key(row))

    def row_of(self, index: Index) -> R | None:
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def position_of(self, row_id: int) -> int | None:
        for position, row in enumerate(self.rows):
            if self._row_id(row) == row_id:
                return position
        return None

    def positions(self) -> dict[int, int]:
        """Row id -> row number."""
        return {self._row_id(row): position for position, row in enumerate(self.rows)}

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        key = self.columns[column].sort_key
        reverse = order == Qt.SortOrder.DescendingOrder
        self.rows.sort(key=key, reverse=reverse)

    # -- Qt API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        row = self.row_of(index)
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == DISPLAY_ROLE:
            return column.text(row)
        if role == TOOLTIP_ROLE and column.tooltip is not None:
            return column.tooltip(row) or None
        if role == DECORATION_ROLE and column.icon is not None:
            return column.icon(row)
        if role == ALIGNMENT_ROLE:
            return column.align
        if role == ID_ROLE:
            return self._row_id(row)
        if role in column.roles:
            return column.roles[role](row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._row_id(self.rows[i.row()]) for i in before]
        self._sort_rows(column, order)
        positions = {self._row_id(row): n for n, row in enumerate(self.rows)}
        after = [self.index(positions[i], old.column()) for i, old in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


class ListTable(QTableView):
    """A table that repaints, after rows were inserted or removed one at a time (a coding
    added to a list), only from the first of those rows down: the rows above it did not move.
    Qt repaints every visible row after any change in the number of rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_moved: int | None = None  # the first row that moved since the last layout
        self._whole = False  # something else changed too: the whole table repaints

    def setModel(self, model: QAbstractItemModel | None) -> None:  # type: ignore[override]
        previous = self.model()
        if previous is not None:
            for signal, slot in self._model_signals(previous):
                signal.disconnect(slot)
        super().setModel(model)
        self._whole = True
        if model is not None:
            for signal, slot in self._model_signals(model):
                signal.connect(slot)

    def _model_signals(self, model: QAbstractItemModel) -> list[tuple[Any, Any]]:
        return [
            (model.rowsInserted, self._rows_moved),
            (model.rowsRemoved, self._rows_moved),
            (model.modelReset, self._everything_moved),
            (model.layoutChanged, self._everything_moved),
            (model.rowsMoved, self._everything_moved),
            (model.columnsInserted, self._everything_moved),
            (model.columnsRemoved, self._everything_moved),
            (model.columnsMoved, self._everything_moved),
        ]

    def _rows_moved(self, parent: Index, first: int, _last: int) -> None:
        if parent.isValid():
            self._whole = True
        elif self._first_moved is None or first < self._first_moved:
            self._first_moved = first

    def _everything_moved(self, *_args: object) -> None:
        self._whole = True

    def doItemsLayout(self) -> None:
        first, whole = self._first_moved, self._whole
        self._first_moved, self._whole = None, False
        if first is None or whole:
            super().doItemsLayout()
            return
        # what QTableView.doItemsLayout does, but for the region that moved
        self.updateGeometries()
        header = self.verticalHeader()
        if not header.updatesEnabled():  # Qt turns it off while rows are removed
            header.setUpdatesEnabled(True)
        viewport = self.viewport()
        count = self.model().rowCount()
        if first == 0 or count == 0:
            top = 0
        elif first < count:
            top = self.rowViewportPosition(first)
        else:  # the last rows went: from where they began
            top = self.rowViewportPosition(count - 1) + self.rowHeight(count - 1)
        top = max(0, top)
        if top < viewport.height():
            viewport.update(0, top, viewport.width(), viewport.height() - top)


def make_table(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A table as the panels use it: whole rows, no grid, sortable, quiet."""
    table = ListTable(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setSortingEnabled(True)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    return table


def selected_ids(table: QTableView) -> list[int]:
    """Ids of the selected rows, in the order shown."""
    rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
    model = table.model()
    return [model.index(row, 0).data(ID_ROLE) for row in rows]


def current_id(table: QTableView) -> int | None:
    index = table.currentIndex()
    return index.sibling(index.row(), 0).data(ID_ROLE) if index.isValid() else None


@dataclass(frozen=True)
class ViewState:
    """What a user sees of a table: which rows are selected and how far it is scrolled."""

    selected: tuple[int, ...]
    current: int | None
    scroll: int


def save_state(table: QTableView) -> ViewState:
    return ViewState(
        tuple(selected_ids(table)), current_id(table), table.verticalScrollBar().value()
    )


def restore_state(table: QTableView, state: ViewState) -> None:
    """Select the same rows again (by id) after the model was reset, and scroll back."""
    model = table.model()
    assert isinstance(model, RowTableModel)
    positions = model.positions()
    selection = QItemSelection()
    for row_id in state.selected:
        row = positions.get(row_id)
        if row is not None:
            selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    flags = QItemSelectionModel.SelectionFlag
    current = positions.get(state.current) if state.current is not None else None
    if current is not None:
        table.selectionModel().setCurrentIndex(model.index(current, 0), flags.NoUpdate)
    table.selectionModel().select(selection, flags.ClearAndSelect)
    table.verticalScrollBar().setValue(state.scroll)
