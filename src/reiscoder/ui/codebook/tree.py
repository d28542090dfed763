"""The code tree view: keys, drag and drop of codes, and transcript text dropped on a code."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reiscoder.ui.codebook.model import Column
from reiscoder.ui.codebook.proxy import CodeFilterProxy
from reiscoder.ui.workbench import SELECTION_MIME


def parse_selection(data: bytes) -> tuple[int, int, int] | None:
    """``"document_id start end"`` from a drag of transcript text."""
    parts = data.decode(errors="replace").split()
    if len(parts) != 3 or not all(p.lstrip("-").isdigit() for p in parts):
        return None
    document_id, start, end = (int(p) for p in parts)
    return (document_id, start, end) if 0 <= start < end else None


class KeyDelegate(QStyledItemDelegate):
    """Draws the digit of a recently used code as a small key cap."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        key, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if not key:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        height = max(13, opt.rect.height() - 4)
        cap = QRectF(0, 0, max(height, opt.fontMetrics.horizontalAdvance(key) + 8), height)
        cap.moveCenter(QRectF(opt.rect).center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(text_color if selected else QColor("#b8c0ca"))
        painter.setBrush(Qt.BrushStyle.NoBrush if selected else QColor("#f3f5f7"))
        painter.drawRoundedRect(cap.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setPen(text_color if selected else QColor("#3e4852"))
        painter.drawText(cap, Qt.AlignmentFlag.AlignCenter, key)
        painter.restore()


class CodeTreeView(QTreeView):
    code_activated = Signal(int)  # double-click or Enter on a code
    selection_dropped = Signal(int, int, int, int)  # code id, document id, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAutoExpandDelay(600)
        self.setIndentation(16)
        self.setItemDelegateForColumn(Column.KEY, KeyDelegate(self))
        self.doubleClicked.connect(self._on_double_click)
        self.placeholder = ""  # shown when there are no rows

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.placeholder and self.model() is not None and self.model().rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#7b8794"))
            area = self.viewport().rect().adjusted(16, 16, -16, -16)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | int(Qt.TextFlag.TextWordWrap), self.placeholder)
            painter.end()

    def setModel(self, model: CodeFilterProxy) -> None:  # type: ignore[override]
        super().setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(24)
        digits = self.fontMetrics().horizontalAdvance("0000") + 14
        for column, width in (
            (Column.KEY, 26),
            (Column.CODINGS, digits),
            (Column.DOCUMENTS, digits),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)

    def proxy(self) -> CodeFilterProxy:
        model = self.model()
        assert isinstance(model, CodeFilterProxy)
        return model

    def current_code(self) -> int | None:
        index = self.currentIndex()
        return self.proxy().code_id(index) if index.isValid() else None

    def selected_codes(self) -> list[int]:
        rows = self.selectionModel().selectedRows(Column.NAME) if self.selectionModel() else []
        ids = [self.proxy().code_id(index) for index in rows]
        return [i for i in ids if i is not None]

    # -- expansion, kept by code id across refreshes ----------------------------------------

    def expanded_codes(self) -> set[int]:
        proxy = self.proxy()
        return {
            node.id
            for node in proxy.tree().codebook.walk()
            if node.children and self.isExpanded(proxy.index_of(node.id))
        }

    def restore_expanded(self, code_ids: set[int]) -> None:
        proxy = self.proxy()
        for node in proxy.tree().codebook.walk():
            if node.children:
                self.setExpanded(proxy.index_of(node.id), node.id in code_ids)

    # -- keys and mouse ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code_id = self.current_code()
            if code_id is not None:
                self.code_activated.emit(code_id)
                return
        super().keyPressEvent(event)

    def _on_double_click(self, index: QModelIndex) -> None:
        code_id = self.proxy().code_id(index)
        if code_id is not None:
            self.code_activated.emit(code_id)

    # -- text from the transcript dropped on a code -----------------------------------------

    def _selection_target(self, event: QDropEvent | QDragMoveEvent) -> int | None:
        if not event.mimeData().hasFormat(SELECTION_MIME):
            return None
        return self.proxy().code_id(self.indexAt(event.position().toPoint()))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(SELECTION_MIME):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)  # auto-scroll and auto-expand
        if not event.mimeData().hasFormat(SELECTION_MIME):
            return
        target = self._selection_target(event)
        self.proxy().tree().set_drop_target(target)
        if target is None:
            event.ignore()
        else:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.proxy().tree().set_drop_target(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(SELECTION_MIME):
            super().dropEvent(event)
            return
        self.proxy().tree().set_drop_target(None)
        target = self._selection_target(event)
        selection = parse_selection(bytes(event.mimeData().data(SELECTION_MIME).data()))
        if target is None or selection is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.selection_dropped.emit(target, *selection)
