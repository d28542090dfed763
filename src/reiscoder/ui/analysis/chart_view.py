"""The analysis charts painted by Qt: frequency bars and heat maps, as one picture.

Painting is a few milliseconds where matplotlib takes seconds for a large matrix (thousands
of cells, each a text to lay out); matplotlib draws the same chart only when it is saved.
The picture follows the look of the saved chart: the same colours, labels cut the same way,
numbers in the cells when they fit.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen, QPixmap

from reiscoder.analysis.charts import GRID, INK, BarChart, HeatMap, heat_colors, short
from reiscoder.i18n import decimal

MARGIN = 12
BAR_ROW = 22  # pixels per label of a bar chart
SERIES_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b")


def chart_image(chart: BarChart | HeatMap, width: int) -> QPixmap:
    """The chart painted ``width`` pixels wide (a heat map may need more), as tall as needed.

    Painted on the GUI thread (a pixmap), in a few milliseconds."""
    if isinstance(chart, HeatMap):
        return _Heat(chart, width).image()
    return _Bars(chart, width).image()


def _fonts() -> tuple[QFont, QFont]:
    font = QFont()
    font.setPointSizeF(9)
    title = QFont(font)
    title.setPointSizeF(11)
    return font, title


def _canvas(width: int, height: int) -> tuple[QPixmap, QPainter]:
    """A white picture to paint on (a pixmap: shown without a conversion)."""
    image = QPixmap(max(1, width), max(1, height))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return image, painter


def nice_step(highest: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) for about ``ticks`` grid lines."""
    rough = max(highest, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(rough))
    return next(f * power for f in (1, 2, 5, 10) if f * power >= rough)


def _shades(values: object, highest: float) -> QImage:
    """The cells' colours as an image of one pixel per cell."""
    table = np.asarray(heat_colors(), dtype=np.uint32)
    packed = 0xFF000000 | (table[:, 0] << 16) | (table[:, 1] << 8) | table[:, 2]
    shares = np.clip(np.asarray(values, dtype=np.float64) / highest, 0.0, 1.0)
    pixels = np.ascontiguousarray(packed[(shares * 255).astype(np.int64)], dtype=np.uint32)
    rows, columns = pixels.shape
    image = QImage(pixels.tobytes(), columns, rows, columns * 4, QImage.Format.Format_RGB32)
    return image.copy()  # owns its pixels


class _Bars:
    def __init__(self, chart: BarChart, width: int) -> None:
        self.chart, self.width = chart, max(240, width)
        self.font, self.title_font = _fonts()
        self.metrics = QFontMetrics(self.font)

    def image(self) -> QPixmap:
        chart, metrics = self.chart, self.metrics
        labels = [short(label) for label in chart.labels]
        count = max(1, len(chart.series))
        title_height = QFontMetrics(self.title_font).height() + 8 if chart.title else 0
        legend = metrics.height() + 6 if count > 1 else 0
        row = BAR_ROW * max(1.0, count**0.5)
        top = MARGIN + title_height
        axis = metrics.height() + 6
        height = int(top + row * len(labels) + axis + legend + MARGIN)
        image, painter = _canvas(self.width, height)
        label_width = min(
            int(self.width * 0.45), max((metrics.horizontalAdvance(t) for t in labels), default=0)
        )
        left = MARGIN + label_width + 8
        highest = max((max(v, default=0) for _n, v in chart.series), default=0) or 1
        plot = self.width - left - MARGIN - metrics.horizontalAdvance(" 0000")
        room = metrics.horizontalAdvance(f"{highest:g}") + 12  # each tick's label fits
        step = nice_step(highest, max(1, min(5, int(plot // room))))
        span = step * math.ceil(highest / step)
        scale = plot / span
        bottom = top + row * len(labels)
        painter.setFont(self.title_font)
        painter.setPen(QColor(INK))
        if chart.title:
            painter.drawText(MARGIN, MARGIN + metrics.ascent() + 2, chart.title)
        painter.setFont(self.font)
        tick = 0.0
        while tick <= span + 1e-9:
            x = left + tick * scale
            painter.setPen(QPen(QColor(GRID), 1))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.setPen(QColor(INK))
            text = f"{tick:g}"
            painter.drawText(
                QPointF(x - metrics.horizontalAdvance(text) / 2, bottom + metrics.ascent() + 3),
                text,
            )
            tick += step
        thickness = row * 0.8 / count
        for index, (_name, values) in enumerate(chart.series):
            for position, value in enumerate(values):
                color = (
                    chart.colors[position]
                    if chart.colors and count == 1 and position < len(chart.colors)
                    else SERIES_COLORS[index % len(SERIES_COLORS)]
                )
                y = top + row * position + row * 0.1 + thickness * index
                painter.fillRect(
                    QRectF(left, y + thickness * 0.04, value * scale, thickness * 0.92),
                    QColor(color or SERIES_COLORS[0]),
                )
        painter.setPen(QColor(INK))
        for position, text in enumerate(labels):
            box = QRectF(MARGIN, top + row * position, label_width, row)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown
            )
        if count > 1:
            self._legend(painter, bottom + axis)
        painter.end()
        return image

    def _legend(self, painter: QPainter, y: float) -> None:
        x = float(MARGIN)
        for index, (name, _values) in enumerate(self.chart.series):
            painter.fillRect(
                QRectF(x, y + 3, 10, 10), QColor(SERIES_COLORS[index % len(SERIES_COLORS)])
            )
            painter.drawText(QPointF(x + 14, y + self.metrics.ascent() + 1), name)
            x += 24 + self.metrics.horizontalAdvance(name)


class _Heat:
    def __init__(self, chart: HeatMap, width: int) -> None:
        self.chart, self.width = chart, max(240, width)
        self.font, self.title_font = _fonts()
        self.metrics = QFontMetrics(self.font)

    def image(self) -> QPixmap:
        chart, metrics = self.chart, self.metrics
        rows = [short(r) for r in chart.rows]
        columns = [short(c, 24) for c in chart.columns]
        label_width = min(
            int(self.width * 0.4), max((metrics.horizontalAdvance(t) for t in rows), default=0)
        )
        header = max((metrics.horizontalAdvance(c) for c in columns), default=0)
        header = int(min(header, 160) * 0.75) + metrics.height()  # labels at 45 degrees
        title_height = QFontMetrics(self.title_font).height() + 8 if chart.title else 0
        scale_width = 46
        left = MARGIN + label_width + 6
        room = self.width - left - MARGIN - scale_width
        cell_w = max(6.0, min(64.0, room / max(1, len(columns))))
        cell_h = float(metrics.height() + (6 if len(rows) <= 60 else 0))
        top = MARGIN + title_height + header
        width = int(left + cell_w * len(columns) + scale_width + MARGIN)
        height = int(top + cell_h * len(rows) + MARGIN)
        image, painter = _canvas(max(self.width, width), height)
        if chart.title:
            painter.setFont(self.title_font)
            painter.setPen(QColor(INK))
            painter.drawText(MARGIN, MARGIN + metrics.ascent() + 2, chart.title)
        painter.setFont(self.font)
        self._cells(painter, left, top, cell_w, cell_h)
        self._labels(painter, rows, columns, label_width, left, top, cell_w, cell_h)
        self._scale(painter, left + cell_w * len(columns) + 10, top, cell_h * len(rows))
        painter.end()
        return image

    def _cells(self, painter: QPainter, left: float, top: float, w: float, h: float) -> None:
        chart = self.chart
        highest = chart.highest
        numbered = w >= self.metrics.horizontalAdvance("000") + 4 and h >= self.metrics.height()
        if chart.values and chart.columns:
            shades = _shades(chart.values, highest)  # one pixel per cell, then stretched
            target = QRectF(left, top, w * len(chart.columns), h * len(chart.values))
            painter.drawImage(target, shades)
        if not numbered:
            return
        white, ink = QColor("white"), QColor(INK)
        for r, row in enumerate(chart.values):
            for c, value in enumerate(row):
                if value:
                    painter.setPen(white if value > highest * 0.6 else ink)
                    painter.drawText(
                        QRectF(left + c * w, top + r * h, w, h),
                        Qt.AlignmentFlag.AlignCenter,
                        chart.label(value),
                    )

    def _labels(
        self,
        painter: QPainter,
        rows: list[str],
        columns: list[str],
        label_width: int,
        left: float,
        top: float,
        w: float,
        h: float,
    ) -> None:
        metrics = self.metrics
        painter.setPen(QColor(INK))
        step = max(1, math.ceil(metrics.height() / h))  # every label that has room
        for r in range(0, len(rows), step):
            shown = metrics.elidedText(rows[r], Qt.TextElideMode.ElideRight, label_width)
            box = QRectF(MARGIN, top + r * h, label_width, h)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown
            )
        step = max(1, math.ceil(metrics.height() / w))
        for c in range(0, len(columns), step):
            painter.save()
            painter.translate(left + c * w + w / 2 + metrics.ascent() / 3, top - 4)
            painter.rotate(-45)
            painter.drawText(
                QPointF(0, 0), metrics.elidedText(columns[c], Qt.TextElideMode.ElideRight, 160)
            )
            painter.restore()

    def _scale(self, painter: QPainter, x: float, top: float, height: float) -> None:
        """The colour bar: none at the bottom, the highest value on top."""
        colors = heat_colors()
        height = min(height, 240.0)
        for i in range(64):
            rgb = colors[int((63 - i) / 63 * 255)]
            painter.fillRect(QRectF(x, top + i * height / 64, 10, height / 64 + 1), QColor(*rgb))
        painter.setPen(QColor(INK))
        highest = self.chart.highest
        top_text = decimal(highest, 0) + "%" if self.chart.percent else f"{highest:g}"
        painter.drawText(QPointF(x + 14, top + self.metrics.ascent()), top_text)
        painter.drawText(QPointF(x + 14, top + height), "0")
