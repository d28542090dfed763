"""The code tree as an item model: colour, name, shortcut key, counts; ids in Qt.UserRole.

The model holds a :class:`Codebook` read by :func:`reiscoder.read.codebook.load_codebook`.
An index carries its code id as ``internalId``, so no index ever points at a Python object
that a refresh has thrown away. Edits and drops do not change data here: the model asks for
them through signals and the panel runs the operations; the refresh that follows shows them.
"""

from __future__ import annotations

import html
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from reiscoder.i18n import _
from reiscoder.read.code_tree import set_counts
from reiscoder.read.codebook import Codebook, CodebookNode

CODE_ID_ROLE = Qt.ItemDataRole.UserRole
COLOR_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_ROLE = Qt.ItemDataRole.UserRole + 2
CODES_MIME = "application/x-reiscoder-codes"
MUTED = QColor("#8a94a0")

Index = QModelIndex | QPersistentModelIndex
# Transcript text can be dropped on any code; codes move and get renamed unless read-only.
_FIXED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
_MOVABLE = _FIXED | Qt.ItemFlag.ItemIsDragEnabled
_RENAMABLE = _MOVABLE | Qt.ItemFlag.ItemIsEditable


class Column(IntEnum):
    NAME = 0
    KEY = 1
    CODINGS = 2
    DOCUMENTS = 3


COLUMNS = len(Column)


class CodeTreeModel(QAbstractItemModel):
    rename_requested = Signal(int, str)  # code id, new name
    move_requested = Signal(list, object, object)  # code ids, parent id, before id (or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.codebook = Codebook()
        self.keys: dict[int, int] = {}  # code id -> the digit key that applies it
        self.highlighted: int | None = None  # the code Enter in the quick-code box applies
        self.drop_target: int | None = None  # the code a dragged text selection is over
        self._icons: dict[str, QIcon] = {}
        self.editable = True  # False for a project opened read-only

    # -- filling ----------------------------------------------------------------------------

    def set_codebook(self, codebook: Codebook) -> bool:
        """Show ``codebook``; True when the tree was rebuilt, False when only counts changed.

        After a coding only counts change: then the rows stay (with their selection and
        expansion) and only the changed counts are repainted.
        """
        old = self.codebook
        if old.by_id and codebook.outline() == old.outline():
            self.codebook = codebook
            for node in codebook.walk():
                if node.counts != old.by_id[node.id].counts:
                    first = self.index_of(node.id, Column.NAME)
                    self.dataChanged.emit(first, first.siblingAtColumn(Column.DOCUMENTS))
            return False
        self.beginResetModel()
        self.codebook = codebook
        self.keys = {k: v for k, v in self.keys.items() if k in codebook.by_id}
        self.endResetModel()
        return True

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        """New counts (codings, documents) of some codes; they and the codes above them
        repaint, nothing else."""
        for code_id in set_counts(self.codebook, counts):
            first = self.index_of(code_id, Column.NAME)
            self.dataChanged.emit(first, first.siblingAtColumn(Column.DOCUMENTS))

    def set_recent(self, keys: dict[int, int]) -> None:
        """Show each recent code's digit key (code id -> digit)."""
        old = self.keys
        self.keys = dict(keys)
        for code_id in set(old) | set(self.keys):
            if old.get(code_id) != self.keys.get(code_id):
                self._changed(code_id, Column.KEY)

    def set_highlighted(self, code_id: int | None) -> None:
        old, self.highlighted = self.highlighted, code_id
        for changed in {old, code_id} - {None}:
            self._changed(changed, Column.NAME)  # type: ignore[arg-type]

    def set_drop_target(self, code_id: int | None) -> None:
        old, self.drop_target = self.drop_target, code_id
        for changed in {old, code_id} - {None}:
            for column in Column:
                self._changed(changed, column)  # type: ignore[arg-type]

    def _changed(self, code_id: int, column: Column) -> None:
        index = self.index_of(code_id, column)
        if index.isValid():
            self.dataChanged.emit(index, index)

    # -- lookups ----------------------------------------------------------------------------

    def index_of(self, code_id: int, column: int = 0) -> QModelIndex:
        if code_id not in self.codebook.by_id:
            return QModelIndex()
        return self.createIndex(self.codebook.row_of(code_id), column, code_id)

    def node(self, index: Index) -> CodebookNode | None:
        if not index.isValid():
            return None
        return self.codebook.by_id.get(index.internalId())

    def _code_id(self, index: Index) -> int | None:
        return index.internalId() if index.isValid() else None

    # -- Qt API: structure ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if parent.isValid():
            node = self.codebook.by_id.get(parent.internalId())
            children = node.children if node is not None and parent.column() == 0 else []
        else:
            children = self.codebook.roots
        if 0 <= row < len(children) and 0 <= column < COLUMNS:
            return self.createIndex(row, column, children[row].id)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or node.parent_id is None:
            return QModelIndex()
        return self.index_of(node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.codebook.children_of(self._code_id(parent)))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if not self.editable:
            return _FIXED
        return _RENAMABLE if index.column() == Column.NAME else _MOVABLE

    # -- Qt API: data -----------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == CODE_ID_ROLE:
            return node.id
        if role == COLOR_ROLE:
            return node.color
        if role == NODE_ROLE:
            return node
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole and node.id == self.drop_target:
            return QBrush(QColor(node.color).lighter(170))
        if column == Column.NAME:
            return self._name_data(node, role)
        if column == Column.KEY:
            return self._key_data(node, role)
        return self._count_data(node, column, role)

    def _name_data(self, node: CodebookNode, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return node.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._swatch(node.color)
        if role == Qt.ItemDataRole.ToolTipRole:
            return code_tooltip(node)
        if role == Qt.ItemDataRole.FontRole and node.id == self.highlighted:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _key_data(self, node: CodebookNode, role: int) -> Any:
        key = self.keys.get(node.id)
        if key is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Press {key} in the transcript to code the selection with this code").format(
                key=key
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _count_data(self, node: CodebookNode, column: int, role: int) -> Any:
        count = node.codings if column == Column.CODINGS else node.documents
        if role == Qt.ItemDataRole.DisplayRole:
            return str(count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole and count == 0:
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return counts_text(node)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.NAME: _("Code"),
                Column.KEY: "",
                Column.CODINGS: _("N"),
                Column.DOCUMENTS: _("Doc."),
            }[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                Column.NAME: None,
                Column.KEY: _("Number key that applies the code (recently used codes)"),
                Column.CODINGS: _("Codings by the coders shown"),
                Column.DOCUMENTS: _("Documents in which the code is used"),
            }[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= Column.CODINGS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or index.column() != Column.NAME:
            return False
        name = " ".join(str(value).split())
        if name and name != node.name:
            self.rename_requested.emit(node.id, name)
        return True

    def _swatch(self, color: str) -> QIcon:
        if color not in self._icons:
            self._icons[color] = swatch_icon(color)
        return self._icons[color]

    # -- Qt API: drag and drop --------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [CODES_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(i.internalId() for i in indexes if i.isValid()))
        # A code dragged together with its parent moves with the parent.
        ids = [i for i in ids if not set(self.codebook.ancestors(i)) & set(ids)]
        data = QMimeData()
        data.setData(CODES_MIME, QByteArray(" ".join(map(str, ids)).encode()))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = dropped_codes(data)
        if not self.editable or not ids or any(i not in self.codebook.by_id for i in ids):
            return False
        target = self._code_id(parent)
        return target is None or not ({target, *self.codebook.ancestors(target)} & set(ids))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = dropped_codes(data)
        parent_id = self._code_id(parent)
        siblings = [c.id for c in self.codebook.children_of(parent_id)]
        after_drop = siblings[row:] if row >= 0 else []
        before_id = next((i for i in after_drop if i not in ids), None)
        self.move_requested.emit(ids, parent_id, before_id)
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        return False  # a move is done by the operation; the refresh shows it


def dropped_codes(data: QMimeData) -> list[int]:
    if not data.hasFormat(CODES_MIME):
        return []
    text = bytes(data.data(CODES_MIME).data()).decode()
    return [int(part) for part in text.split() if part.isdigit()]


def _amount(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def usage_text(codings: int, documents: int) -> str:
    """ "3 codings in 2 documents", or that the code is not used yet."""
    if codings == 0:
        return _("Not used yet")
    return _("{codings} in {documents}").format(
        codings=_amount(codings, _("1 coding"), _("{count} codings")),
        documents=_amount(documents, _("1 document"), _("{count} documents")),
    )


def counts_text(node: CodebookNode) -> str:
    text = usage_text(node.codings, node.documents)
    if node.children:
        text += "\n" + _("With subcodes: {usage}").format(
            usage=_amount(node.total_codings, _("1 coding"), _("{count} codings"))
        )
    return text


def code_tooltip(node: CodebookNode) -> str:
    parts = [f"<b>{html.escape(node.name)}</b>"]
    if node.definition:
        parts.append(html.escape(node.definition))
    parts.append(html.escape(counts_text(node)).replace("\n", "<br>"))
    return "<p style='white-space: normal'>" + "</p><p>".join(parts) + "</p>"


def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A rounded square of ``color`` with a slightly darker edge, sharp on high-DPI screens."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(color)
        painter.setPen(fill.darker(130))
        painter.setBrush(fill)
        painter.drawRoundedRect(1.5, 1.5, size - 3, size - 3, 3, 3)
        painter.end()
        icon.addPixmap(pixmap)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)  # no highlight tint over the colour
    return icon
