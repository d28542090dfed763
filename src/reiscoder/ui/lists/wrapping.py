"""Cells with wrapped text: as many lines as the row is tall, the last one elided.

Rows get their height from a cheap estimate (characters times the font's average width), so
that a list of thousands of quotes lays out at once; the delegate then wraps for real and
elides whatever still does not fit. Words to emphasise (search hits) come from
``EMPHASIS_ROLE`` as code point ranges and are drawn bold.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QIcon,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

EMPHASIS_ROLE = Qt.ItemDataRole.UserRole + 2
CELL_PADDING = 4  # pixels above and below the text in a cell
ELLIPSIS = "…"
_LINE_BREAKS = re.compile(r"\s*\n\s*")


def one_paragraph(text: str) -> str:
    """A quote on one line for a list: line breaks (turn changes) become " / "."""
    return _LINE_BREAKS.sub(" / ", text.strip())


def utf16_offset(text: str, position: int) -> int:
    """Qt counts UTF-16 units; our positions are code points."""
    return position + sum(1 for char in text[:position] if ord(char) > 0xFFFF)


def row_height(lines: int, metrics: QFontMetricsF) -> int:
    return math.ceil(lines * metrics.lineSpacing()) + 2 * CELL_PADDING


def estimated_lines(text: str, width: float, metrics: QFontMetricsF, limit: int) -> int:
    """Roughly how many lines ``text`` needs at ``width`` pixels, between 1 and ``limit``."""
    if width <= 0 or not text:
        return 1
    # Word wrapping leaves ragged line ends: count a little more than the bare width.
    needed = len(text) * metrics.averageCharWidth() * 1.12 / width
    return max(1, min(limit, math.ceil(needed)))


def fit_row_heights(
    table: QTableView, rows: Sequence[Sequence[str]], columns: Sequence[int], limit: int
) -> None:
    """Set every row's height from its texts in ``columns`` (one text per column, in order)."""
    metrics = QFontMetricsF(table.font())
    widths = [max(1, table.columnWidth(column) - 2 * CELL_PADDING) for column in columns]
    header = table.verticalHeader()
    one_line = row_height(1, metrics)
    heights = [row_height(n, metrics) for n in range(limit + 1)]
    header.setDefaultSectionSize(one_line)
    header.setMinimumSectionSize(one_line)
    header.blockSignals(True)
    try:
        for number, texts in enumerate(rows):
            lines = max(
                estimated_lines(t, w, metrics, limit) for t, w in zip(texts, widths, strict=True)
            )
            if header.sectionSize(number) != heights[lines]:
                header.resizeSection(number, heights[lines])
    finally:
        header.blockSignals(False)
    table.doItemsLayout()


def fit_some_rows(
    table: QTableView, rows: Mapping[int, Sequence[str]], columns: Sequence[int], limit: int
) -> None:
    """Set the heights of some rows only (by row number): rows just added to a list."""
    metrics = QFontMetricsF(table.font())
    widths = [max(1, table.columnWidth(column) - 2 * CELL_PADDING) for column in columns]
    header = table.verticalHeader()
    for number, texts in rows.items():
        lines = max(
            estimated_lines(t, w, metrics, limit) for t, w in zip(texts, widths, strict=True)
        )
        if header.sectionSize(number) != row_height(lines, metrics):
            header.resizeSection(number, row_height(lines, metrics))


class WrappedTextDelegate(QStyledItemDelegate):
    """Draws any cell's text word-wrapped to the row height, its icon beside the first line.

    Used for every column of a list, so that all cells of a row start on the same line.
    Emphasised words (``EMPHASIS_ROLE``) are bold.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        text, view_option.text = view_option.text, ""
        icon = QIcon(view_option.icon)
        view_option.icon = QIcon()
        view_option.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        rect = view_option.rect.adjusted(CELL_PADDING + 2, CELL_PADDING, -CELL_PADDING, 0)
        metrics = QFontMetricsF(view_option.font)
        if not icon.isNull():
            size = int(metrics.height() * 0.75)
            top = rect.top() + int((metrics.height() - size) / 2)
            icon.paint(painter, QRect(rect.left(), top, size, size))
            rect.setLeft(rect.left() + size + 6)
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        emphasis = index.data(EMPHASIS_ROLE) or ()
        layout = wrapped_layout(text, view_option.font, rect.width(), rect.height(), emphasis)
        painter.save()
        painter.setClipRect(view_option.rect)
        painter.setPen(view_option.palette.color(role))
        layout.draw(painter, QPointF(rect.topLeft()))
        painter.restore()


LAYOUTS_KEPT = 600  # laid-out cells kept for repaints (a list repaints every visible cell)
_layouts: OrderedDict[tuple, QTextLayout] = OrderedDict()


def wrapped_layout(
    text: str,
    font: QFont,
    width: float,
    height: float,
    emphasis: Sequence[tuple[int, int]] = (),
) -> QTextLayout:
    """Lay ``text`` out in lines of ``width`` that fit in ``height``; elide the last one.
    Layouts are kept: a row added to a list repaints the cells around it unchanged."""
    key = (text, font.key(), width, height, tuple(emphasis))
    layout = _layouts.get(key)
    if layout is None:
        layout = _layouts[key] = _wrapped_layout(text, font, width, height, emphasis)
        if len(_layouts) > LAYOUTS_KEPT:
            _layouts.popitem(last=False)
    else:
        _layouts.move_to_end(key)
    return layout


def _wrapped_layout(
    text: str, font: QFont, width: float, height: float, emphasis: Sequence[tuple[int, int]]
) -> QTextLayout:
    metrics = QFontMetricsF(font)
    max_lines = max(1, int(height // metrics.lineSpacing()))
    layout = _layout(text, font, width, emphasis)
    if layout.lineCount() <= max_lines:
        return layout
    last = layout.lineAt(max_lines - 1).textStart()
    bold = QFont(font)
    bold.setBold(bool(emphasis))
    rest = text[_code_points(text, last) :]
    shown = text[: _code_points(text, last)] + QFontMetricsF(bold).elidedText(
        rest, Qt.TextElideMode.ElideRight, width
    )
    return _layout(shown, font, width, emphasis)


def _layout(
    text: str, font: QFont, width: float, emphasis: Sequence[tuple[int, int]]
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.setFormats(_bold_ranges(text, emphasis))
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def _bold_ranges(text: str, emphasis: Sequence[tuple[int, int]]) -> list[QTextLayout.FormatRange]:
    ranges = []
    for start, end in emphasis:
        if start >= len(text):
            continue
        bold = QTextLayout.FormatRange()
        bold.start = utf16_offset(text, start)
        bold.length = utf16_offset(text, min(end, len(text))) - bold.start
        char_format = QTextCharFormat()
        char_format.setFontWeight(QFont.Weight.Bold)
        bold.format = char_format
        ranges.append(bold)
    return ranges


def _code_points(text: str, utf16: int) -> int:
    """The code point offset of a UTF-16 offset into ``text``."""
    units = 0
    for position, char in enumerate(text):
        if units >= utf16:
            return position
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)
