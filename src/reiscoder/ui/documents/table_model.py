"""The documents as a table: one row per document, one column per attribute; and its filter.

Ids travel in :data:`ID_ROLE`. Sorting compares Python keys (numbers as numbers, dates as
dates, choices in choice order, empty values last), not the text shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from reiscoder.i18n import _, current_language
from reiscoder.model import AttributeKind
from reiscoder.read.documents import AttributeColumn, DocumentRow, DocumentTable, row_matches
from reiscoder.ui.documents.fields import display_value

ID_ROLE = Qt.ItemDataRole.UserRole
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1  # float 0..1, or None
SEGMENTING_ROLE = Qt.ItemDataRole.UserRole + 2  # bool
ATTRIBUTE_ROLE = Qt.ItemDataRole.UserRole + 3  # the column's AttributeColumn, or None
VALUE_ROLE = Qt.ItemDataRole.UserRole + 4  # the canonical attribute value ("" when none)

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_count(number: int) -> str:
    """12345 -> "12.345" in Dutch, "12,345" in English."""
    text = f"{number:,}"
    return text.replace(",", ".") if current_language() == "nl" else text


@dataclass(frozen=True)
class Column:
    key: str  # "name", "attribute", "roles", "words", "codings", "progress"
    attribute: AttributeColumn | None = None

    def title(self) -> str:
        if self.attribute is not None:
            return self.attribute.name
        return {
            "name": _("Document"),
            "roles": _("Roles"),
            "words": _("Words"),
            "codings": _("Codings"),
            "progress": _("Coded"),
        }[self.key]


def column_key(column: Column) -> tuple[str, int | None]:
    """What identifies a column across refreshes (attributes by id)."""
    return column.key, column.attribute.id if column.attribute is not None else None


def columns_for(table: DocumentTable) -> list[Column]:
    attributes = [Column("attribute", a) for a in table.attributes]
    roles = [Column("roles")] if table.role_attribute is not None else []
    # progress next to the name: what a narrow panel still shows while coding
    tail = [Column("words"), Column("codings")]
    return [Column("name"), Column("progress"), *attributes, *roles, *tail]


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Ascending numbers as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


class DocumentTableModel(QAbstractTableModel):
    rename_requested = Signal(int, str)  # document id, new name
    value_requested = Signal(int, int, str)  # document id, attribute id, canonical value

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = DocumentTable()
        self.columns: list[Column] = columns_for(self.table)
        self.current_id: int | None = None  # the document open in the transcript
        self.editable = True

    # -- filling ---------------------------------------------------------------------------

    def set_table(self, table: DocumentTable) -> None:
        """Show ``table``. Rows that stay are updated in place and new rows at the end (an
        import) are inserted, so a cell being edited keeps its editor; otherwise: a reset."""
        columns = columns_for(table)
        old_ids, new_ids = [r.id for r in self.table.rows], [r.id for r in table.rows]
        if columns == self.columns and new_ids[: len(old_ids)] == old_ids:
            old_rows = self.table.rows
            if len(new_ids) > len(old_ids):
                self.beginInsertRows(QModelIndex(), len(old_ids), len(new_ids) - 1)
                self.table = table
                self.endInsertRows()
            self.table = table
            # only rows that changed: Qt reloads the open editors of the cells it is told of
            pairs = enumerate(zip(old_rows, table.rows, strict=False))  # new rows come after
            changed = [number for number, (old, new) in pairs if old != new]
            for first, last in _runs(changed):
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(columns) - 1))
            return
        self.beginResetModel()
        self.table, self.columns = table, columns
        self.endResetModel()

    def set_counts(self, counts: dict[int, tuple[int, int | None, int | None]]) -> None:
        """New codings, units and coded units of some documents; only their rows repaint."""
        for number, row in enumerate(self.table.rows):
            if row.id in counts:
                codings, units, coded = counts[row.id]
                self.table.rows[number] = replace(
                    row, codings=codings, units=units, coded_units=coded
                )
                last = self.index(number, len(self.columns) - 1)
                self.dataChanged.emit(self.index(number, 0), last)

    def set_current(self, document_id: int | None) -> None:
        self.current_id = document_id
        if self.table.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.table.rows) - 1, 0))

    def row_at(self, row: int) -> DocumentRow:
        return self.table.rows[row]

    def row_of(self, document_id: int) -> int | None:
        for number, row in enumerate(self.table.rows):
            if row.id == document_id:
                return number
        return None

    def column_of(self, key: str, attribute_id: int | None = None) -> int:
        for number, column in enumerate(self.columns):
            if column.key == key and (
                attribute_id is None or (column.attribute and column.attribute.id == attribute_id)
            ):
                return number
        raise KeyError(key)

    # -- Qt API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title()
        if role == Qt.ItemDataRole.ToolTipRole:
            return _header_tip(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.key in NUMERIC:
            return RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        column = self.columns[index.column()]
        if self.editable and column.key in ("name", "attribute"):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.table.rows[index.row()], self.columns[index.column()]
        handler = ROLE_HANDLERS.get(role)
        return handler(self, row, column) if handler else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = self.table.rows[index.row()], self.columns[index.column()]
        text = "" if value is None else str(value)
        if column.key == "name" and text.strip() and text.strip() != row.name:
            self.rename_requested.emit(row.id, text)
            return True
        if column.attribute is not None and text != row.values.get(column.attribute.id, ""):
            self.value_requested.emit(row.id, column.attribute.id, text)
            return True
        return False

    # -- what cells show ---------------------------------------------------------------------

    def display(self, row: DocumentRow, column: Column) -> str:
        if column.attribute is not None:
            return display_value(column.attribute, row.values.get(column.attribute.id, ""))
        if column.key == "name":
            return row.name
        if column.key == "roles":
            return ", ".join(row.roles)
        if column.key == "words":
            return format_count(row.words)
        if column.key == "codings":
            return format_count(row.codings)
        progress = row.progress
        if progress is None:
            return "…" if row.units is None else "–"
        return f"{round(progress * 100)}%"

    def sort_key(self, row_number: int, column_number: int) -> tuple:
        """Empty values last; then numbers, dates and choice order as such."""
        row, column = self.table.rows[row_number], self.columns[column_number]
        if column.attribute is not None:
            return _value_key(column.attribute, row.values.get(column.attribute.id, ""))
        if column.key == "name":
            return (0, row.name.casefold())
        if column.key == "roles":
            return (not row.roles, ", ".join(row.roles).casefold())
        if column.key == "progress":
            return (row.progress is None, row.progress or 0.0)
        return (0, row.words if column.key == "words" else row.codings)

    def _edit(self, row: DocumentRow, column: Column) -> str:
        if column.attribute is not None:
            return row.values.get(column.attribute.id, "")
        return row.name if column.key == "name" else ""

    def _tooltip(self, row: DocumentRow, column: Column) -> str | None:
        if column.key == "name":
            tip = "\n".join([row.name, *self._summary(row)])
            if row.source_filename:
                tip += "\n" + _("Imported from {file}").format(file=row.source_filename)
            if row.segmenting:
                tip += "\n" + _("Sentences are being determined; you can already code it.")
            return tip
        if column.key == "progress":
            return _progress_tip(row)
        return None

    def _summary(self, row: DocumentRow) -> list[str]:
        """The row's other columns as "Etappe: 1 Sociale samenhang" lines, for a narrow panel."""
        lines = []
        for column in self.columns[1:]:
            text = self.display(row, column)
            if text:
                lines.append(f"{column.title()}: {text}")
        return lines

    def _font(self, row: DocumentRow, column: Column) -> QFont | None:
        if column.key == "name" and row.id == self.current_id:
            font = QFont()
            font.setBold(True)
            return font
        return None


NUMERIC = ("words", "codings", "progress")


def _value_key(attribute: AttributeColumn, value: str) -> tuple:
    if not value:
        return (1, 0)
    if attribute.kind == AttributeKind.NUMBER:
        try:
            return (0, float(value))
        except ValueError:
            return (0, float("inf"))
    if attribute.kind == AttributeKind.CHOICE and value in attribute.choices:
        return (0, attribute.choices.index(value))
    if attribute.kind == AttributeKind.CHOICE:
        return (0, len(attribute.choices))
    return (0, value.casefold())  # dates are stored as YYYY-MM-DD, so they sort as text


def _progress_tip(row: DocumentRow) -> str:
    if row.units is None:
        return _("Being counted…")
    if row.segmenting:
        return _("{coded} of {total} turns coded (sentences are being determined)").format(
            coded=row.coded_units, total=row.units
        )
    return _("{coded} of {total} sentences contain a coding").format(
        coded=row.coded_units, total=row.units
    )


def _header_tip(column: Column) -> str | None:
    if column.key == "roles":
        return _("The roles of the people (cases) who speak in the document")
    if column.key == "codings":
        return _("Codings by the coders that are shown")
    if column.key == "progress":
        return _("Share of the sentences that contain at least one coding")
    return None


ROLE_HANDLERS: dict[int, Callable[[DocumentTableModel, DocumentRow, Column], Any]] = {
    Qt.ItemDataRole.DisplayRole: DocumentTableModel.display,
    Qt.ItemDataRole.EditRole: DocumentTableModel._edit,
    Qt.ItemDataRole.ToolTipRole: DocumentTableModel._tooltip,
    Qt.ItemDataRole.FontRole: DocumentTableModel._font,
    Qt.ItemDataRole.TextAlignmentRole: lambda m, r, c: RIGHT if c.key in NUMERIC else None,
    ID_ROLE: lambda m, r, c: r.id,
    PROGRESS_ROLE: lambda m, r, c: r.progress,
    SEGMENTING_ROLE: lambda m, r, c: r.segmenting,
    ATTRIBUTE_ROLE: lambda m, r, c: c.attribute,
    VALUE_ROLE: lambda m, r, c: r.values.get(c.attribute.id, "") if c.attribute else "",
}


class DocumentFilter(QSortFilterProxyModel):
    """Filters on words (name, values, roles) and on attribute values; sorts by value."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.values: dict[int, str] = {}  # attribute id -> required value ("" = empty)

    def source(self) -> DocumentTableModel:
        model = self.sourceModel()
        assert isinstance(model, DocumentTableModel)
        return model

    def set_query(self, query: str) -> None:
        with self._changing_filter():
            self.query = query

    def set_value_filter(self, attribute_id: int, value: str | None) -> None:
        """Show only documents with ``value`` for the attribute; None removes the filter."""
        with self._changing_filter():
            if value is None:
                self.values.pop(attribute_id, None)
            else:
                self.values[attribute_id] = value

    def clear_filters(self) -> None:
        with self._changing_filter():
            self.query, self.values = "", {}

    @contextmanager
    def _changing_filter(self) -> Iterator[None]:
        self.beginFilterChange()
        try:
            yield
        finally:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def active(self) -> bool:
        return bool(self.query.strip() or self.values)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.source().row_at(source_row)
        if any(row.values.get(a, "") != v for a, v in self.values.items()):
            return False
        return row_matches(row, self.query)

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.source()
        left_key = model.sort_key(left.row(), left.column())
        right_key = model.sort_key(right.row(), right.column())
        if left_key == right_key:
            return model.row_at(left.row()).position < model.row_at(right.row()).position
        return left_key < right_key
