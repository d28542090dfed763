"""How document cells are drawn and edited: a small progress bar, a "still segmenting" note
after the name, and typed editors for attribute values."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ui.documents.fields import make_field
from reiscoder.ui.documents.table_model import ATTRIBUTE_ROLE, PROGRESS_ROLE, SEGMENTING_ROLE

Index = QModelIndex | QPersistentModelIndex
BAR_COLOR = QColor("#3d8b7d")  # a calm teal: progress, not a code colour
TRACK_COLOR = QColor("#e3e8ec")
MUTED = QColor("#7b8794")
BAR_WIDTH = 44
BAR_HEIGHT = 6


def _background(option: QStyleOptionViewItem, index: Index, delegate: QStyledItemDelegate) -> None:
    """Prepare ``option`` and draw the cell's background, selection and focus, without text."""
    delegate.initStyleOption(option, index)
    option.text = ""
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, option.painter, widget)


def _text_color(option: QStyleOptionViewItem) -> QColor:
    selected = option.state & QStyle.StateFlag.State_Selected
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return option.palette.color(role)


class ProgressDelegate(QStyledItemDelegate):
    """A thin bar and a percentage: how much of the document carries a coding."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        option = QStyleOptionViewItem(option)
        option.painter = painter  # type: ignore[attr-defined]
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _background(option, index, self)
        progress = index.data(PROGRESS_ROLE)
        rect = option.rect.adjusted(8, 0, -8, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if progress is not None:
            bar = QRect(rect.left(), rect.center().y() - BAR_HEIGHT // 2 + 1, BAR_WIDTH, BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK_COLOR)
            painter.drawRoundedRect(bar, 3, 3)
            if progress > 0:
                filled = QRect(bar)
                filled.setWidth(max(BAR_HEIGHT, round(BAR_WIDTH * progress)))
                painter.setBrush(BAR_COLOR)
                painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(_text_color(option) if progress is not None else MUTED)
        painter.setFont(option.font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index):
        hint = super().sizeHint(option, index)
        hint.setWidth(BAR_WIDTH + option.fontMetrics.horizontalAdvance("100%") + 28)
        return hint


class NameDelegate(QStyledItemDelegate):
    """The document's name; while its sentences are computed, a muted note follows it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if not index.data(SEGMENTING_ROLE):
            super().paint(painter, option, index)
            return
        option = QStyleOptionViewItem(option)
        option.painter = painter  # type: ignore[attr-defined]
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _background(option, index, self)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        rect = rect.adjusted(3, 0, -3, 0)
        metrics = option.fontMetrics
        note_font = QFont(option.font)
        note_font.setItalic(True)
        note = _fitting_note(
            QFontMetrics(note_font), rect.width() - metrics.horizontalAdvance(name)
        )
        note_width = QFontMetrics(note_font).horizontalAdvance(note)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(option.font)
        painter.setPen(_text_color(option))
        shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - note_width)
        painter.drawText(rect, align, shown)
        painter.setFont(note_font)
        painter.setPen(MUTED)
        painter.drawText(rect.adjusted(metrics.horizontalAdvance(shown), 0, 0, 0), align, note)
        painter.restore()


def _fitting_note(metrics: QFontMetrics, room: int) -> str:
    """The long note when it fits beside the whole name, else the short one."""
    note = "  " + segmenting_note()
    return note if metrics.horizontalAdvance(note) <= room else "  " + _("sentences…")


def segmenting_note() -> str:
    return _("sentences being determined…")


class AttributeDelegate(QStyledItemDelegate):
    """Edits an attribute cell with the field that suits its kind."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        attribute = index.data(ATTRIBUTE_ROLE)
        if attribute is None:
            return super().createEditor(parent, option, index)
        suggestions = _column_values(index)
        field = make_field(attribute, suggestions, parent)
        field.setAutoFillBackground(True)
        return field

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if index.data(ATTRIBUTE_ROLE) is None:
            super().setEditorData(editor, index)
            return
        editor.set_value(str(index.data(Qt.ItemDataRole.EditRole) or ""))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if index.data(ATTRIBUTE_ROLE) is None:
            super().setModelData(editor, model, index)
            return
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


def _column_values(index: Index) -> list[str]:
    model = index.model()
    values = (
        model.index(row, index.column()).data(Qt.ItemDataRole.EditRole)
        for row in range(model.rowCount())
    )
    return [str(value) for value in values if value]
