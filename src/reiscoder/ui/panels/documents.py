"""The Documents panel: every document with its attributes, roles and coding progress.

Filter and sort by any column, open a document with a click or Enter, import by dropping
files (or File › Import), rename (F2), delete (Delete), edit attributes and speakers from
the context menu. Reads come from :mod:`reiscoder.read.documents`; every change goes
through the workbench, so it can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ingest.workers import warm_up
from reiscoder.model.project import Project
from reiscoder.ops.attributes import set_value
from reiscoder.ops.batches import delete_documents
from reiscoder.ops.bus import Change
from reiscoder.ops.changes import Topic
from reiscoder.ops.documents import rename_document
from reiscoder.read.documents import (
    DocumentTable,
    deletion_loss,
    document_counts,
    load_document_table,
    project_words,
    segmenting_documents,
)
from reiscoder.read.progress import ProgressCache
from reiscoder.ui.documents.attributes_dialog import DocumentAttributesDialog
from reiscoder.ui.documents.filter_bar import FilterBar
from reiscoder.ui.documents.import_dialog import file_filter
from reiscoder.ui.documents.importer import Importer
from reiscoder.ui.documents.panel_parts import (
    EmptyState,
    StatusStrip,
    deletion_question,
)
from reiscoder.ui.documents.runs import CountRun, SegmentRun
from reiscoder.ui.documents.speakers_dialog import SpeakersDialog
from reiscoder.ui.documents.table_model import (
    ATTRIBUTE_ROLE,
    ID_ROLE,
    VALUE_ROLE,
    DocumentFilter,
    DocumentTableModel,
)
from reiscoder.ui.documents.table_view import DocumentsTable
from reiscoder.ui.workbench import Workbench
from reiscoder.ui.workbench_delta import coding_delta, coding_writes

TOPICS = {
    Topic.DOCUMENTS,
    Topic.CODINGS,
    Topic.ATTRIBUTES,
    Topic.CASES,
    Topic.SPEAKERS,
    Topic.CODERS,
}
CODING_TOPICS = frozenset({Topic.CODINGS, Topic.MEMOS})
CODING_REFRESH_MS = 120
LAZY_WORDS = 200_000  # a project this big counts its sentences off the GUI thread
COUNT_AFTER_MS = 400  # ... once the window has shown the opened project
WARM_UP_AFTER_MS = 3000  # the import workers start when the window is showing the project


class DocumentsPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.cache = ProgressCache()
        self.model = DocumentTableModel(self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self._edit_triggers = self.table.editTriggers()
        self.filter_bar = FilterBar()
        self.empty = EmptyState(self.choose_files_to_import)
        self.status = StatusStrip()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.importer = Importer(workbench, self)
        self.segment_run: SegmentRun | None = None
        self.count_run: CountRun | None = None
        self.question: QMessageBox | None = None
        self.dialogs: list[QWidget] = []
        self.menu_hooks: list[Callable[[QMenu, int | None], None]] = []  # hook(menu, document)
        self.actions_ = self._make_actions()
        self._layout()
        self._connect()
        self.setAcceptDrops(True)
        self._stale = False
        self._lazy = False  # True while a big project's sentences are counted in the background
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(CODING_REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_AFTER_MS)
        self._count_timer.timeout.connect(self._count_in_background)
        self._warm_up_timer = QTimer(self, singleShot=True, interval=WARM_UP_AFTER_MS)
        self._warm_up_timer.timeout.connect(self._warm_up)
        self.refresh()
        from reiscoder.ui.media.documents import RecordingActions

        self.recordings = RecordingActions(workbench, self)

    def sizeHint(self) -> QSize:
        return QSize(360, 480)

    # -- building ----------------------------------------------------------------------------

    def _make_table(self) -> DocumentsTable:
        table = DocumentsTable(self.proxy)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        table.contextMenuEvent = self._context_menu  # type: ignore[method-assign]
        return table

    def _make_actions(self) -> dict[str, QAction]:
        specs = {
            "open": (_("Open"), None, self.open_current),
            "rename": (_("Rename"), QKeySequence(Qt.Key.Key_F2), self.rename_current),
            "attributes": (_("Attributes…"), None, self.edit_attributes),
            "speakers": (_("Speakers and cases…"), None, self.edit_speakers),
            "delete": (_("Delete…"), QKeySequence(QKeySequence.StandardKey.Delete), self.delete),
            "import": (_("Import transcripts…"), None, self.choose_files_to_import),
        }
        actions = {}
        for key, (text, shortcut, slot) in specs.items():
            action = QAction(text, self.table)
            if shortcut is not None:
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.table.addAction(action)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            actions[key] = action
        return actions

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        wb = self.workbench
        wb.change_made.connect(self._on_change)
        wb.coder_filter_changed.connect(self.refresh)
        wb.pseudonyms.toggled.connect(lambda _shown: self.refresh())
        wb.project_opened.connect(self._project_opened)
        wb.project_closing.connect(self._stop_runs)
        wb.project_closed.connect(self._project_closed)
        wb.document_requested.connect(lambda document_id, *_: self._follow(document_id))
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self.open_index)
        self.model.rename_requested.connect(self.rename)
        self.model.value_requested.connect(self.set_value)
        self.filter_bar.query_changed.connect(self._set_query)
        self.filter_bar.value_changed.connect(self._set_value_filter)
        self.status.clear_filters.connect(self.clear_filters)

    # -- showing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the table, keeping selection, current row and scroll position."""
        self._stale = False
        self._refresh_timer.stop()
        self.filter_bar.setVisible(self.workbench.project is not None)
        if self.workbench.project is None:
            self.model.set_table(DocumentTable())
            self.filter_bar.set_attributes([])
            self._show_state()
            return
        with self.workbench.reader() as session:
            table = load_document_table(
                session, self.workbench.hidden_coder_ids, self.cache, lazy=self._lazy
            )
        table = self.workbench.pseudonyms.shown_value(table)
        # values shown as pseudonyms are not edited: the pseudonym would be saved
        shown = self.workbench.pseudonyms.shown
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if shown else self._edit_triggers
        )
        selected, current = self.selected_ids(), self.current_id()
        scroll = self.table.verticalScrollBar().value()
        columns_before = list(self.model.columns)
        self.model.editable = not self.workbench.read_only
        self.model.set_table(table)
        self.filter_bar.set_attributes(table.attributes)
        if self.model.columns != columns_before:
            self.table.size_columns()
        self.table.restore(selected, current, scroll)
        self._show_state()

    def _show_state(self) -> None:
        rows = self.model.table.rows
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if self.workbench.project is None:
            self.empty.show_no_project()
        elif not rows:
            self.empty.show_no_documents(can_import=not self.workbench.read_only)
        self.status.show_counts(self.proxy.rowCount(), len(rows), sum(r.words for r in rows))
        self.status.show_filtered(self.proxy.active)
        self.status.show_segmenting(sum(r.segmenting for r in rows))

    def _on_change(self, change: Change) -> None:
        """A coding written here: recount only its documents, at once; else refresh."""
        delta = coding_delta(change)
        if delta is None or self._stale or self._refresh_timer.isActive():
            self._on_changed(change.topics)
        elif delta.coding_ids and self.workbench.project is not None:
            if not self.isVisible():
                self._stale = True
                return
            with self.workbench.reader() as session:
                counts = document_counts(
                    session,
                    delta.document_ids,
                    self.workbench.hidden_coder_ids,
                    self.cache,
                    lazy=self._lazy,
                    written=coding_writes(change),
                )
            self.model.set_counts(counts)

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        """Codings change while someone codes: counts follow a moment later, once per burst,
        so that applying a code stays instant. Everything else shows at once."""
        if not topics & TOPICS:
            return
        if not self.isVisible():
            self._stale = True
        elif topics <= CODING_TOPICS:
            self._refresh_timer.start()
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _follow(self, document_id: int) -> None:
        """The transcript shows ``document_id``: mark it, and make it the current row."""
        self.model.set_current(document_id)
        self.table.make_current(document_id)

    # -- ids ---------------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def current_id(self) -> int | None:
        return self.table.current_id()

    def visible_names(self) -> list[str]:
        """The names in the order shown (for tests and screen readers)."""
        return self.table.visible_names()

    # -- opening -----------------------------------------------------------------------------

    def _clicked(self, index: QModelIndex) -> None:
        if QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
            self.open_index(index)

    def open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            document_id = int(index.data(ID_ROLE))
            if document_id != self.workbench.current_document_id:
                self.workbench.show_document(document_id)

    def open_current(self) -> None:
        self.open_index(self.table.currentIndex())

    # -- filtering ---------------------------------------------------------------------------

    def _set_query(self, query: str) -> None:
        self.proxy.set_query(query)
        self._show_state()

    def _set_value_filter(self, attribute_id: int, value: str | None) -> None:
        self.proxy.set_value_filter(attribute_id, value)
        self._show_state()

    def filter_on(self, attribute_id: int, value: str | None) -> None:
        """Show only documents with ``value`` for the attribute (None: stop filtering on it)."""
        attribute = next((a for a in self.model.table.attributes if a.id == attribute_id), None)
        if attribute is None:
            return
        self.filter_bar.show_value(attribute, value)
        self._set_value_filter(attribute_id, value)

    def clear_filters(self) -> None:
        self.filter_bar.clear()
        self.proxy.clear_filters()
        self._show_state()

    # -- changing ----------------------------------------------------------------------------

    def rename(self, document_id: int, name: str) -> None:
        self.workbench.execute(lambda s: rename_document(s, document_id, name))

    def set_value(self, document_id: int, attribute_id: int, value: str) -> None:
        self.workbench.execute(lambda s: set_value(s, attribute_id, value, document_id=document_id))

    def rename_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self.workbench.read_only:
            return
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            index = index.siblingAtColumn(0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def delete(self) -> QMessageBox | None:
        """Ask (naming what is lost) before deleting the selected documents."""
        ids = self.selected_ids() or ([self.current_id()] if self.current_id() else [])
        if not ids or self.workbench.read_only:
            return None
        with self.workbench.reader() as session:
            loss = deletion_loss(session, ids)
        names = [self.model.row_at(self.model.row_of(i)).name for i in ids]
        self.question = deletion_question(self, names, loss)
        self.question.delete_button.clicked.connect(  # type: ignore[attr-defined]
            lambda _checked=False: self.workbench.execute(lambda s: delete_documents(s, ids))
        )
        self.question.open()
        return self.question

    def edit_attributes(self, document_id: int | None = None) -> DocumentAttributesDialog | None:
        document_id = document_id or self.current_id()
        if document_id is None:
            return None
        dialog = DocumentAttributesDialog(self.workbench, document_id, self)
        self._keep(dialog)
        dialog.open()
        return dialog

    def edit_speakers(self, document_id: int | None = None) -> SpeakersDialog | None:
        document_id = document_id or self.current_id()
        if document_id is None:
            return None
        dialog = SpeakersDialog(self.workbench, document_id, self)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, dialog: QWidget) -> None:
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]

    # -- context menu ------------------------------------------------------------------------

    def _context_menu(self, event: QContextMenuEvent) -> None:
        index = self.table.indexAt(self.table.viewport().mapFromGlobal(event.globalPos()))
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row()):
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        elif index.isValid():  # keep the selection; act on the row that was clicked
            flags = QItemSelectionModel.SelectionFlag
            self.table.selectionModel().setCurrentIndex(index, flags.NoUpdate)
        self.context_menu(index).exec(event.globalPos())

    def context_menu(self, index: QModelIndex) -> QMenu:
        menu = QMenu(self)
        writable = not self.workbench.read_only
        if index.isValid():
            for key in ("open", "attributes", "speakers", "rename"):
                menu.addAction(self.actions_[key])
            self.actions_["rename"].setEnabled(writable)
            self._add_filter_actions(menu, index)
            menu.addSeparator()
            menu.addAction(self.actions_["delete"])
            self.actions_["delete"].setEnabled(writable)
            menu.addSeparator()
        menu.addAction(self.actions_["import"])
        self.actions_["import"].setEnabled(writable and self.workbench.project is not None)
        for hook in self.menu_hooks:
            hook(menu, self.current_id() if index.isValid() else None)
        return menu

    def _add_filter_actions(self, menu: QMenu, index: QModelIndex) -> None:
        attribute = index.data(ATTRIBUTE_ROLE)
        value = index.data(VALUE_ROLE)
        if attribute is None:
            return
        menu.addSeparator()
        if attribute.id in self.proxy.values:
            action = menu.addAction(
                _("Stop filtering on {attribute}").format(attribute=attribute.name)
            )
            action.triggered.connect(lambda: self.filter_on(attribute.id, None))
        elif value:
            shown = str(index.data(Qt.ItemDataRole.DisplayRole))
            action = menu.addAction(_("Show only “{value}”").format(value=shown))
            action.triggered.connect(lambda: self.filter_on(attribute.id, value))

    # -- importing ---------------------------------------------------------------------------

    def choose_files_to_import(self) -> None:
        if self.workbench.project is None or self.workbench.read_only:
            return
        paths, _filter = QFileDialog.getOpenFileNames(
            self, _("Import transcripts"), "", file_filter()
        )
        if paths:
            self.import_paths([Path(path) for path in paths])

    def import_paths(self, paths: list[Path]):
        """Ask for the batch's attributes, then import ``paths`` in the background."""
        return self.importer.ask(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(url.isLocalFile() for url in urls) and not self.workbench.read_only:
            event.acceptProposedAction()
            return
        event.ignore()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths or self.workbench.project is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    # -- project -----------------------------------------------------------------------------

    def _project_opened(self) -> None:
        self.cache = ProgressCache()
        self.clear_filters()
        with self.workbench.reader() as session:
            self._lazy = project_words(session) > LAZY_WORDS
        self.refresh()
        self.finish_segmentation()
        # What can wait starts once the window shows the project: the count of a big
        # project's sentences, and the Dutch pipeline (ready by the first import).
        if self._lazy:
            self._count_timer.start()
        if not self.workbench.read_only:
            self._warm_up_timer.start()

    def _warm_up(self) -> None:
        if self.workbench.project is not None and not self.workbench.read_only:
            warm_up(self.importer.workers)

    def _count_in_background(self) -> None:
        """A big project: the sentences are counted off the GUI thread; rows show "…" until
        then, and everything else at once."""
        project = self.workbench.project
        if project is None:
            return
        run = CountRun(project, self.workbench.hidden_coder_ids, self)
        run.finished.connect(lambda cache: self._counted(project, cache))
        self.count_run = run
        run.start()

    def _counted(self, project: Project, cache: ProgressCache) -> None:
        if self.workbench.project is project:
            self.cache, self._lazy = cache, False
            self.refresh()

    def finish_segmentation(self) -> SegmentRun | None:
        """Compute the sentences of documents whose segmentation was interrupted."""
        project = self.workbench.project
        if project is None or project.read_only or self.importer.busy:
            return None
        with self.workbench.reader() as session:
            pending = segmenting_documents(session)
        if not pending:
            return None
        run = SegmentRun(project, pending, self)
        run.segmented.connect(self._segmented)
        run.finished.connect(lambda _done: self.status.show_run(0, 0))
        self.segment_run = run
        self.status.show_run(0, len(pending))
        run.start()
        return run

    def _segmented(self, _document_id: int, done: int, total: int) -> None:
        self.status.show_run(done, total)
        self.workbench.announce(_("Sentences"), frozenset({Topic.DOCUMENTS}))

    def _stop_runs(self) -> None:
        """Before the project closes: background work stops while the project is still open."""
        self._count_timer.stop()
        self._warm_up_timer.stop()
        for run in (self.count_run, self.segment_run, self.importer.run):
            if run is not None and run.running:
                run.cancel()
                run.wait(30)

    def _project_closed(self) -> None:
        self._stop_runs()
        for dialog in self.dialogs:
            dialog.close()
        self.dialogs = []
        self.cache = ProgressCache()
        self.status.show_run(0, 0)
        self.clear_filters()
        self.refresh()
