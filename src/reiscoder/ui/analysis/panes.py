"""Parts every analysis tab uses: the segments behind a cell, a chart, a tool bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from matplotlib.figure import Figure
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from reiscoder.analysis.charts import BarChart, HeatMap, save
from reiscoder.analysis.common import Segment
from reiscoder.i18n import _
from reiscoder.ui.analysis.background import Reads
from reiscoder.ui.analysis.busy import BusyOverlay
from reiscoder.ui.analysis.chart_view import chart_image
from reiscoder.ui.analysis.grid import ROW_ROLE, Cell, GridModel, make_table
from reiscoder.ui.workbench import Workbench

T = TypeVar("T")


class Place(tuple):
    """(document id, start, end): where a double-click goes."""


class SegmentsPane(QWidget):
    """The coded text behind a number; double-click (or Enter) shows it in the transcript.

    What is behind a number is read on the pool thread too (:meth:`load`): a whole row of
    a large project, or a word in context across all text, takes a few hundred ms."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.title = QLabel(_("Click a number to see the text behind it."))
        self.title.setWordWrap(True)
        self.model = GridModel(self)
        self.view = make_table(self.model, self)
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectRows)
        self.view.doubleClicked.connect(self.open_index)
        self.view.activated.connect(self.open_index)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        self.reads = Reads(workbench, self)
        self.overlay = BusyOverlay(self.view)
        self.reads.busy_changed.connect(self.overlay.set_busy)
        self.reads.failed.connect(self.overlay.show_error)

    @property
    def busy(self) -> bool:
        return self.reads.busy

    def load(self, work: Callable[[Session], T], show: Callable[[T], None]) -> None:
        """Read ``work(session)`` off the GUI thread, then ``show`` its result here."""
        self.reads.start(work, show)

    def show_segments(self, title: str, segments: Sequence[Segment]) -> None:
        rows = [
            [
                Cell(s.document_name),
                Cell(s.coder_name),
                Cell(s.code_name),
                Cell(" ".join(s.quote.split())),
            ]
            for s in segments
        ]
        ids = [Place((s.document_id, s.start, s.end)) for s in segments]
        self._show(title, [_("Document"), _("Coder"), _("Code"), _("Text")], rows, ids)

    def show_places(
        self,
        title: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        places: Sequence[tuple],
    ) -> None:
        self._show(
            title, header, [[Cell(t) for t in row] for row in rows], [Place(p) for p in places]
        )

    def _show(self, title: str, header: Sequence[str], rows: list, ids: list) -> None:
        self.title.setText(title + "  " + _("(double-click to open)") if rows else title)
        self.model.set_table(header, rows, ids)
        widths = [220, 130, 200]
        for column, width in enumerate(widths[: len(header) - 1]):
            self.view.horizontalHeader().resizeSection(column, width)

    def clear(self) -> None:
        self._show(_("Click a number to see the text behind it."), [], [], [])

    def open_index(self, index: QModelIndex) -> None:
        place = self.model.data(index, ROW_ROLE)
        if place:
            self.workbench.show_document(*place)


class ChartPane(QWidget):
    """A chart painted as a picture (:mod:`chart_view`), saved as PNG or SVG by matplotlib."""

    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: BarChart | HeatMap | None = None
        self._figure: Figure | None = None
        self.picture = QLabel(alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.picture.setStyleSheet("background: white;")
        self.pixmap: QPixmap | None = None
        self._painted_width = 0
        self.scroll = scroll = QScrollArea(self)
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(False)
        scroll.setStyleSheet("QScrollArea { background: white; }")
        self.save_button = QPushButton(_("Save chart…"))
        self.save_button.setToolTip(_("Save the chart as a PNG or SVG file"))
        self.save_button.clicked.connect(lambda: self.save_as())
        self.save_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        layout.addLayout(bar)

    @property
    def figure(self) -> Figure | None:
        """The chart drawn by matplotlib (for saving), drawn when first asked for."""
        if self._figure is None and self.chart is not None:
            self._figure = self.chart.figure()
        return self._figure

    def set_chart(self, chart: BarChart | HeatMap | None) -> None:
        self.chart, self._figure, self.pixmap = chart, None, None
        self.save_button.setEnabled(chart is not None)
        if chart is None:
            self.picture.clear()
            self.picture.resize(0, 0)
            return
        self._fit()

    def _fit(self) -> None:
        """Painted as wide as the pane (wider only where a matrix needs it), scrolling down."""
        if self.chart is None:
            return
        width = max(200, self.scroll.viewport().width() - 2)
        if self.pixmap is not None and self._painted_width == width:
            return
        self._painted_width = width
        self.pixmap = chart_image(self.chart, width)
        self.picture.setPixmap(self.pixmap)
        self.picture.resize(self.pixmap.size())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._fit()

    def save_as(self, ask: Callable[..., tuple] | None = None) -> Path | None:
        if self.figure is None:
            return None
        ask = ask or QFileDialog.getSaveFileName
        name, chosen = ask(
            self, _("Save chart"), "grafiek.png", _("PNG image (*.png);;SVG drawing (*.svg)")
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".svg" if "svg" in (chosen or "") else ".png")
        save(self.figure, path)
        self.saved.emit(str(path))
        return path


def tool_row(*widgets: QWidget, stretch_at: int | None = None) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    for position, widget in enumerate(widgets):
        if stretch_at == position:
            row.addStretch(1)
        row.addWidget(widget)
    if stretch_at is None:
        row.addStretch(1)
    return row
