"""The documents table as a view: its look, its columns (which are shown, how wide), and the
ids of the rows that are selected, current or shown."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from reiscoder.ui.documents.delegates import AttributeDelegate, NameDelegate, ProgressDelegate
from reiscoder.ui.documents.table_model import (
    ID_ROLE,
    Column,
    DocumentFilter,
    DocumentTableModel,
    column_key,
)

NAME_WIDTH = (140, 220)  # the name column's width after a fresh fill: at least, at most


class DocumentsTable(QTableView):
    def __init__(self, proxy: DocumentFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = proxy
        self.hidden_columns: set[tuple[str, int | None]] = set()
        self.setModel(proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        # Widths fit the rows in view and the next 30, not every row: measuring each cell of a
        # long list is most of the time the list takes to appear.
        header.setResizeContentsPrecision(30)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # project order at first
        self.setSortingEnabled(True)
        self.setItemDelegate(AttributeDelegate(self))
        self._delegates = {"progress": ProgressDelegate(self), "name": NameDelegate(self)}
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().exec(header.mapToGlobal(pos))
        )

    @property
    def documents(self) -> DocumentTableModel:
        return self.proxy.source()

    # -- columns -----------------------------------------------------------------------------

    def size_columns(self) -> None:
        """After the columns changed: delegates, hidden columns, widths."""
        for number, column in enumerate(self.documents.columns):
            self.setItemDelegateForColumn(number, self._delegates.get(column.key))
            self.setColumnHidden(number, column_key(column) in self.hidden_columns)
        self.resizeColumnsToContents()
        self.fit_name_column()

    def column_menu(self) -> QMenu:
        """Which columns to show (right-click on the header)."""
        menu = QMenu(self)
        for column in self.documents.columns[1:]:
            action = menu.addAction(column.title())
            action.setCheckable(True)
            action.setChecked(column_key(column) not in self.hidden_columns)
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        return menu

    def show_column(self, column: Column, shown: bool) -> None:
        key = column_key(column)
        if shown:
            self.hidden_columns.discard(key)
        else:
            self.hidden_columns.add(key)
        self.setColumnHidden(self.documents.columns.index(column), not shown)

    def fit_name_column(self) -> None:
        """Name and progress fit side by side in a narrow panel; the name at most 220 px."""
        if self.documents.columnCount() < 2:
            return
        room = self.viewport().width() - self.columnWidth(1) - 2
        self.setColumnWidth(0, max(NAME_WIDTH[0], min(NAME_WIDTH[1], room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_name_column()

    # -- rows --------------------------------------------------------------------------------

    def index_of(self, document_id: int, column: int = 0) -> QModelIndex:
        row = self.documents.row_of(document_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.documents.index(row, column))

    def selected_ids(self) -> list[int]:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        return [int(index.data(ID_ROLE)) for index in sorted(rows, key=lambda i: i.row())]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def visible_names(self) -> list[str]:
        return [str(self.proxy.index(row, 0).data()) for row in range(self.proxy.rowCount())]

    def restore(self, selected: list[int], current: int | None, scroll: int) -> None:
        """Select ``selected`` again, make ``current`` current, scroll back (after a reset)."""
        selection = self.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        for document_id in selected:
            index = self.index_of(document_id)
            if index.isValid():
                selection.select(index, flags.Select | flags.Rows)
        if current is not None and current != self.current_id():  # a cell being edited stays
            index = self.index_of(current)
            if index.isValid():
                selection.setCurrentIndex(index, flags.NoUpdate)
        self.verticalScrollBar().setValue(scroll)

    def make_current(self, document_id: int) -> None:
        index = self.index_of(document_id)
        if index.isValid() and self.current_id() != document_id:
            flags = QItemSelectionModel.SelectionFlag
            self.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
            self.scrollTo(index)
