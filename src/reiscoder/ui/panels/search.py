"""The Search panel: Dutch lemma search over all sentences, and coding the results at once.

"bewoner" also finds "bewoners", "gaan" also "gingen". The search (and the loading of the
language model the first time) runs off the GUI thread. Enter or double-click shows a
sentence in the transcript; "Code all results…" codes every found sentence as one undoable
action.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.bulk import BulkOutcome, apply_codings
from reiscoder.ops.changes import Topic
from reiscoder.read.code_tree import load_code_tree
from reiscoder.ui.lists import search_results as results
from reiscoder.ui.lists.dialogs import CodePickerDialog
from reiscoder.ui.lists.search_results import ResultRow, SearchResult
from reiscoder.ui.lists.table import RowTableModel, make_table, selected_ids
from reiscoder.ui.lists.widgets import ListOrHint, muted
from reiscoder.ui.lists.wrapping import WrappedTextDelegate, fit_row_heights
from reiscoder.ui.media.passages import play_button
from reiscoder.ui.tasks import run_task
from reiscoder.ui.workbench import Workbench

PENDING_RECHECK_MS = 3000  # while documents are still being segmented, search again after this
MAX_LINES = 3


class SearchPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.result: SearchResult | None = None
        self.code_dialog: CodePickerDialog | None = None
        self.searching = False
        self._generation = 0  # results of an older search (or project) are dropped
        self._coded_note = ""
        self._stale = False  # documents changed while the panel was hidden
        self.query = QLineEdit()
        self.query.setPlaceholderText(_("Search all transcripts, e.g. bewoner gaan"))
        self.query.setClearButtonEnabled(True)
        self.query.setToolTip(_("Other forms of a word are found too"))
        self.search_button = QPushButton(_("Search"))
        self.code_button = QPushButton(_("Code all results…"))
        self.status = muted(QLabel())
        self.status.setWordWrap(True)
        self.model: RowTableModel[ResultRow] = RowTableModel(
            results.result_columns(), lambda r: r.hit.sentence_id
        )
        self.table = make_table(self.model)
        self.body = ListOrHint(self.table)
        self._recheck = QTimer(self, singleShot=True)
        self._fit_timer = QTimer(self, singleShot=True, interval=60)
        self._fit_timer.timeout.connect(self._fit_rows)
        self._recheck.timeout.connect(self._search_again)
        self._setup_table()
        self._make_actions()
        self._layout()
        self._connect()
        self._show_state()

    # -- building --------------------------------------------------------------------------

    def _setup_table(self) -> None:
        self.table.setItemDelegate(WrappedTextDelegate(self.table))
        for column, width in results.WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(results.SENTENCE, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(results.DOCUMENT, Qt.SortOrder.AscendingOrder)

    def _make_actions(self) -> None:
        self.open_action = QAction(_("Show in transcript"), self)
        self.open_action.triggered.connect(lambda: self._open(self.table.currentIndex()))
        self.code_selected_action = QAction(_("Code selected sentences…"), self)
        self.code_selected_action.triggered.connect(lambda: self.code_results(selected=True))
        self.code_all_action = QAction(_("Code all results…"), self)
        self.code_all_action.triggered.connect(lambda: self.code_results())

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 2)
        bar.setSpacing(8)
        bar.addWidget(self.query, 1)
        bar.addWidget(self.search_button)
        self.play_button = play_button(self.workbench, self.current_passage, self)
        bar.addWidget(self.play_button)
        bar.addWidget(self.code_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        self.status.setContentsMargins(10, 0, 10, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.body, 1)

    def _connect(self) -> None:
        bench = self.workbench
        bench.changed.connect(self._on_changed)
        bench.project_opened.connect(self.clear)
        bench.project_closed.connect(self.clear)
        bench.pseudonyms.toggled.connect(lambda _shown: self._show_rows())
        self.query.returnPressed.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.code_button.clicked.connect(lambda: self.code_results())
        self.table.activated.connect(self._open)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, _new: column == results.SENTENCE and self._fit_timer.start()
        )

    # -- searching -------------------------------------------------------------------------

    def search(self, query: str | None = None) -> None:
        """Search for ``query`` (default: what is in the field) in the background."""
        if query is not None:
            self.query.setText(query)
        text = self.query.text().strip()
        project = self.workbench.project
        self._generation += 1
        self._stale = False
        self._recheck.stop()
        self._coded_note = ""
        if project is None or not text:
            self.result = None
            self.searching = False
            self.model.set_rows([])
            self._show_state()
            return
        generation = self._generation
        self.searching = True
        self._show_state()
        run_task(
            lambda _report: results.find(project, text),
            on_done=lambda result: self._found(generation, result),
            on_error=lambda error: self._failed(generation, error),
        )

    def _found(self, generation: int, result: SearchResult) -> None:
        if generation != self._generation:
            return
        self.searching = False
        self.result = result
        self._show_rows()
        self.table.scrollToTop()
        self._show_state()
        if result.pending and self.isVisible():
            self._recheck.start(PENDING_RECHECK_MS)

    def _show_rows(self) -> None:
        """The results, with pseudonyms when they are shown (found on the original text)."""
        rows = self.result.rows if self.result is not None else []
        pseudonymiser = self.workbench.pseudonyms.pseudonymiser()
        if pseudonymiser is not None:
            rows = [results.pseudonymised_row(row, pseudonymiser) for row in rows]
        self.model.set_rows(rows)
        self._fit_rows()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.searching = False
        self.result = None
        self.model.set_rows([])
        self._show_state(_("The search could not be done: {reason}").format(reason=error))

    def _search_again(self) -> None:
        if self.result is not None and not self.searching:
            note = self._coded_note
            self.search(self.result.query)
            self._coded_note = note

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.DOCUMENTS in topics and self.result is not None:
            self._stale = True
            if self.isVisible():
                self._recheck.start(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.result is not None and (self.result.pending or self._stale):
            self._recheck.start(0)
        self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def clear(self) -> None:
        self.query.clear()
        self.search()

    # -- showing ---------------------------------------------------------------------------

    def _show_state(self, error: str = "") -> None:
        self.status.setText(error or self._status_text())
        self.status.setVisible(bool(self.status.text()))
        rows = self.model.rowCount()
        self.code_button.setEnabled(bool(rows) and not self.workbench.read_only)
        if rows:
            self.body.show_list()
        elif self.workbench.project is None:
            self.body.show_hint("")
        elif self.searching:
            self.body.show_hint(_("Searching…"))
        elif self.result is None:
            self.body.show_hint(
                _(
                    "Search all transcripts for words. Other forms of a word are found too: "
                    "“bewoner” also finds “bewoners”, “gaan” also finds “gingen”. "
                    "Put words in double quotes to find them exactly as written, or end a "
                    "word with * to find everything that begins with it."
                )
            )
        else:
            self.body.show_hint(
                _("No sentences found with “{query}”.").format(query=self.result.query)
            )

    def _status_text(self) -> str:
        if self.searching:
            return _("Searching…")
        parts = []
        result = self.result
        if result is not None and result.rows:
            parts.append(_sentence_count(len(result.rows), result.documents, result.limited))
        if result is not None and result.pending:
            parts.append(_pending_note(result.pending))
        if self._coded_note:
            parts.append(self._coded_note)
        return "  ·  ".join(parts)

    def _fit_rows(self) -> None:
        texts = [(row.text,) for row in self.model.rows]
        fit_row_heights(self.table, texts, (results.SENTENCE,), MAX_LINES)

    # -- acting ----------------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_of(index)
        if row is not None:
            self.workbench.show_document(row.hit.document_id, row.hit.start, row.hit.end)

    def current_passage(self) -> tuple[int, int, int] | None:
        row = self.model.row_of(self.table.currentIndex())
        return None if row is None else (row.hit.document_id, row.hit.start, row.hit.end)

    def code_results(self, *, selected: bool = False) -> CodePickerDialog | None:
        """Ask for a code, then code every result (or the selected ones) with it."""
        rows = self._chosen_rows() if selected else list(self.model.rows)
        if not rows or self.workbench.read_only or self.workbench.project is None:
            return None
        with self.workbench.reader() as session:
            roots = load_code_tree(session).roots
        bench = self.workbench
        default = (bench.selected_code_ids or bench.recent_code_ids or [None])[0]
        message = _("Code {count} sentences with:").format(count=len(rows))
        dialog = CodePickerDialog(roots, message, default, self)
        ranges = [(r.hit.document_id, r.hit.start, r.hit.end) for r in rows]
        dialog.accepted.connect(lambda: self._apply(dialog.code_id(), ranges))
        dialog.open()
        self.code_dialog = dialog
        return dialog

    def _chosen_rows(self) -> list[ResultRow]:
        positions = self.model.positions()
        return [self.model.rows[positions[i]] for i in selected_ids(self.table)]

    def _apply(self, code_id: int | None, ranges: list[tuple[int, int, int]]) -> None:
        coder = self.workbench.coder_id
        if code_id is None or coder is None:
            return
        outcome = self.workbench.execute(lambda s: apply_codings(s, code_id, coder, ranges))
        if isinstance(outcome, BulkOutcome):
            self.workbench.remember_code(code_id)
            self._coded_note = _coded_note(outcome)
            self._show_state()

    def _context_menu(self, position: QPoint) -> None:
        if self.model.row_of(self.table.indexAt(position)) is None:
            return
        writable = not self.workbench.read_only
        self.code_selected_action.setEnabled(writable)
        self.code_all_action.setEnabled(writable)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(_("Play"), self.play_button.click)
        menu.addSeparator()
        menu.addAction(self.code_selected_action)
        menu.addAction(self.code_all_action)
        menu.popup(self.table.viewport().mapToGlobal(position))


def _sentence_count(sentences: int, documents: int, limited: bool) -> str:
    if sentences == 1:
        text = _("1 sentence in 1 document")
    elif documents == 1:
        text = _("{count} sentences in 1 document").format(count=sentences)
    else:
        text = _("{count} sentences in {documents} documents").format(
            count=sentences, documents=documents
        )
    if limited:
        text += " " + _("(only the first {count} are shown)").format(count=sentences)
    return text


def _pending_note(documents: int) -> str:
    if documents == 1:
        return _(
            "Not searchable yet: the sentences of 1 document are still being determined. "
            "Its results follow by themselves."
        )
    return _(
        "Not searchable yet: the sentences of {count} documents are still being determined. "
        "Their results follow by themselves."
    ).format(count=documents)


def _coded_note(outcome: BulkOutcome) -> str:
    if outcome.applied == 1:
        text = _("Coded 1 sentence.")
    else:
        text = _("Coded {count} sentences.").format(count=outcome.applied)
    if outcome.skipped == 1:
        text += " " + _("1 already had this code.")
    elif outcome.skipped:
        text += " " + _("{count} already had this code.").format(count=outcome.skipped)
    return text
