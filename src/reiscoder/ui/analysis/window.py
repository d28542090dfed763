"""The analysis window: one tab per way of looking at the coding, kept up to date."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QCheckBox, QMainWindow, QTabWidget, QWidget

from reiscoder.i18n import _
from reiscoder.ops.changes import Topic
from reiscoder.ui.analysis.agreement import AgreementTab
from reiscoder.ui.analysis.tables import CooccurrenceTab, FrequencyTab, MatrixTab, WordsTab
from reiscoder.ui.workbench import Workbench

SHOWN_TOPICS = frozenset(
    {
        Topic.CODINGS,
        Topic.CODES,
        Topic.DOCUMENTS,
        Topic.CODERS,
        Topic.CASES,
        Topic.ATTRIBUTES,
        Topic.SPEAKERS,
    }
)


class AnalysisWindow(QMainWindow):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.workbench = workbench
        self.setWindowTitle(_("Analysis"))
        self.resize(1200, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.frequencies = FrequencyTab(workbench, self)
        self.matrix = MatrixTab(workbench, self)
        self.cooccurrence = CooccurrenceTab(workbench, self)
        self.words = WordsTab(workbench, self)
        self.agreement = AgreementTab(workbench, self)
        for tab, label in (
            (self.frequencies, _("Frequencies")),
            (self.matrix, _("Matrix")),
            (self.cooccurrence, _("Co-occurrence")),
            (self.words, _("Words")),
            (self.agreement, _("Agreement")),
        ):
            self.tabs.addTab(tab, label)
        self.pseudonyms = QCheckBox(_("Pseudonyms"), self.tabs)
        self.pseudonyms.setToolTip(
            _(
                "Show names by their pseudonyms in every table and chart; exported tables and "
                "saved charts then hold pseudonyms only."
            )
        )
        self.pseudonyms.setChecked(workbench.pseudonyms.shown)
        self.pseudonyms.toggled.connect(workbench.pseudonyms.set_shown)
        workbench.pseudonyms.toggled.connect(self._pseudonyms_toggled)
        self.tabs.setCornerWidget(self.pseudonyms)
        self.setCentralWidget(self.tabs)
        self._stale: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _i: self.refresh_current())
        workbench.changed.connect(self._changed)
        self._listening = True
        workbench.project_closed.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh_all)
        self.refresh_all()

    def refresh_all(self) -> None:
        self._stale = {self.tabs.widget(i) for i in range(self.tabs.count())}
        self.refresh_current()

    def refresh_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab not in self._stale or self.workbench.project is None:
            return
        self._stale.discard(tab)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            tab.refresh()
        finally:
            QApplication.restoreOverrideCursor()

    def _pseudonyms_toggled(self, shown: bool) -> None:
        self.pseudonyms.setChecked(shown)
        self.refresh_all()

    def _changed(self, topics: frozenset[Topic]) -> None:
        if topics & SHOWN_TOPICS:
            self.refresh_all()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._listening:  # closeEvent may come twice (close, then the parent's end)
            self._listening = False
            with contextlib.suppress(RuntimeError, TypeError):
                self.workbench.changed.disconnect(self._changed)
            with contextlib.suppress(RuntimeError, TypeError):
                self.workbench.pseudonyms.toggled.disconnect(self._pseudonyms_toggled)
        super().closeEvent(event)


def open_analysis_window(parent: QWidget | None, workbench: Workbench) -> AnalysisWindow | None:
    """Show the analysis window of this project (one per main window), raised and in front."""
    if workbench.project is None:
        return None
    window = getattr(parent, "_analysis_window", None) if parent is not None else None
    if window is None or not window.isVisible():
        window = AnalysisWindow(workbench, parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if parent is not None:
            parent._analysis_window = window  # type: ignore[attr-defined]
            window.destroyed.connect(lambda: setattr(parent, "_analysis_window", None))
    window.show()
    window.raise_()
    window.activateWindow()
    return window
