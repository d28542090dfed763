"""What every table tab shares: options on top, a table and a chart, the text behind a cell
below, and a read on the pool thread with "Computing…" over the tab while it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QSplitter, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.ui.analysis.background import Reads
from reiscoder.ui.analysis.busy import BusyOverlay
from reiscoder.ui.analysis.grid import GridModel, export_xlsx, make_table
from reiscoder.ui.analysis.panes import ChartPane, SegmentsPane
from reiscoder.ui.workbench import Workbench

Work = Callable[[Session], Any]


class AnalysisTab(QWidget):
    """A tab: ``request()`` (GUI thread) says what to read, ``present()`` shows what was read."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.model = GridModel(self)
        self.table = make_table(self.model, self)
        self.table.clicked.connect(self.cell_clicked)
        self.table.activated.connect(self.cell_clicked)
        self.segments = SegmentsPane(workbench, self)
        self.chart = ChartPane(self)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.setToolTip(_("Save this table as an .xlsx workbook"))
        self.export_button.clicked.connect(lambda: export_xlsx(self, self.model, self.title()))
        self.options = QWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        upper.addWidget(self.table)
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.segments)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.options)
        layout.addWidget(self.splitter, 1)
        self.reads = Reads(workbench, self)
        self.overlay = BusyOverlay(self.splitter)  # the options stay usable: a newer request
        self.reads.busy_changed.connect(self.overlay.set_busy)
        self.reads.failed.connect(self.overlay.show_error)

    @property
    def busy(self) -> bool:
        """A read runs (or waits) for this tab: its figures are about to change."""
        return self.reads.busy

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Read again (on the pool thread) and show the result when it comes."""
        self.reads.start(self.request(), self.present)

    def request(self) -> Work:
        raise NotImplementedError

    def present(self, result: Any) -> None:
        raise NotImplementedError

    def cell_clicked(self, index: QModelIndex) -> None:
        """Show what is behind a cell."""

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def _check(self, text: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setChecked(checked)
        box.toggled.connect(lambda _c: self.refresh())
        return box
