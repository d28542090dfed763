"""The analysis window: one tab per way of looking at the coding, kept up to date.

The tab in view reads on the pool thread (:mod:`background`) with "Computing…" over it and
Refresh disabled until its result is painted. A change to the project refreshes the tab in
view; the others are marked stale and read again when they are next shown.
"""

from __future__ import annotations

import contextlib
import gc

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.changes import Topic
from reiscoder.ui.analysis.agreement import AgreementTab
from reiscoder.ui.analysis.background import Reads, wait_for_reads
from reiscoder.ui.analysis.tables import CooccurrenceTab, FrequencyTab, MatrixTab
from reiscoder.ui.analysis.words_tab import WordsTab
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
        self.refresh_button = QPushButton(_("Refresh"), self.tabs)
        self.refresh_button.setToolTip(_("Compute every tab again"))
        self.refresh_button.clicked.connect(self.refresh_all)
        corner = QWidget(self.tabs)
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 6, 0)
        row.addWidget(self.pseudonyms)
        row.addWidget(self.refresh_button)
        self.tabs.setCornerWidget(corner)
        self.setCentralWidget(self.tabs)
        self._stale: set[QWidget] = set()
        for tab in self._tabs():
            tab.reads.busy_changed.connect(lambda _b: self._show_busy())
        self.tabs.currentChanged.connect(lambda _i: self._tab_shown())
        workbench.changed.connect(self._changed)
        self._listening = True
        self._warmed = False
        workbench.project_closing.connect(self._project_closing)
        workbench.project_closed.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh_all)
        self.refresh_all()

    def refresh_all(self) -> None:
        self.invalidate()
        self.refresh_current()

    def invalidate(self) -> None:
        """Every tab is read again when it is next shown."""
        self._stale = set(self._tabs())

    def refresh_current(self) -> None:
        """Read the tab in view again if it is stale (its result comes later)."""
        tab = self.tabs.currentWidget()
        if tab not in self._stale or self.workbench.project is None or not self._listening:
            return
        self._stale.discard(tab)
        tab.refresh()

    def _tabs(self) -> list:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    @property
    def busy(self) -> bool:
        """The tab in view is reading: what it shows is about to change."""
        return bool(getattr(self.tabs.currentWidget(), "busy", False))

    def _tab_shown(self) -> None:
        self.refresh_current()
        self._show_busy()

    def _show_busy(self) -> None:
        busy = self.busy
        self.refresh_button.setEnabled(not busy)
        if not busy and not self._warmed and self._listening:
            self._warmed = True
            _warm_words()

    def _pseudonyms_toggled(self, shown: bool) -> None:
        self.pseudonyms.setChecked(shown)
        self.refresh_all()

    def _changed(self, topics: frozenset[Topic]) -> None:
        if topics & SHOWN_TOPICS:
            self.refresh_all()

    def _project_closing(self) -> None:
        """Let the read that runs finish before the project closes under it."""
        for reads in self.findChildren(Reads):
            reads.cancel()
        wait_for_reads()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._listening:  # closeEvent may come twice (close, then the parent's end)
            self._listening = False
            for reads in self.findChildren(Reads):
                reads.cancel()  # a result that comes later is dropped
            with contextlib.suppress(RuntimeError, TypeError):
                self.workbench.project_closing.disconnect(self._project_closing)
            with contextlib.suppress(RuntimeError, TypeError):
                self.workbench.changed.disconnect(self._changed)
            with contextlib.suppress(RuntimeError, TypeError):
                self.workbench.pseudonyms.toggled.disconnect(self._pseudonyms_toggled)
        super().closeEvent(event)


def _warm_words() -> None:
    """Load the Dutch word list (a few seconds, once) before the words tab is first shown."""
    QThreadPool.globalInstance().start(_lemma_once)


def _lemma_once() -> None:
    """Load the word list; then leave what is loaded out of the garbage collector's full
    sweeps (it lives as long as the app): with the Dutch pipeline in memory, each sweep took
    a few hundred milliseconds, now and then in the middle of an analysis."""
    from reiscoder.analysis.words import lemma_of

    lemma_of("huizen")
    gc.freeze()


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
