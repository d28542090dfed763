"""The Memos panel: every memo of the project in one searchable list, with an editor beside it.

An edit is saved as one undoable change when the user leaves the editor, presses Save, or
picks another memo; never per keystroke. Double-click on a memo of a document or fragment
shows it in the transcript.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.bus import Change
from reiscoder.ops.changes import Topic
from reiscoder.ops.memos import MemoTarget, add_memo, delete_memo, edit_memo
from reiscoder.read.memos import MemoKind, MemoRow, filter_memos, load_memos
from reiscoder.ui.lists import memo_columns as columns
from reiscoder.ui.lists.memo_editor import MemoEditor
from reiscoder.ui.lists.table import RowTableModel, ViewState, make_table, restore_state, save_state
from reiscoder.ui.lists.widgets import FocusWatcher, ListOrHint
from reiscoder.ui.lists.wrapping import WrappedTextDelegate
from reiscoder.ui.workbench import Workbench
from reiscoder.ui.workbench_delta import coding_delta

RELOAD_TOPICS = {Topic.MEMOS, Topic.DOCUMENTS, Topic.CODES, Topic.CODINGS, Topic.CODERS}


class MemosPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.rows: list[MemoRow] = []
        self.confirm_box: QMessageBox | None = None
        self._dirty = False
        self._watched_window: QWidget | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search memos…"))
        self.search.setClearButtonEnabled(True)
        self.kinds = QComboBox()
        self.kinds.addItem(_("All memos"), None)
        for kind in MemoKind:
            self.kinds.addItem(columns.kind_filter_label(kind), kind.value)
        self.new_button = QToolButton()
        self.new_button.setText(_("New memo"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.model: RowTableModel[MemoRow] = RowTableModel(columns.memo_columns(), lambda r: r.id)
        self.table = make_table(self.model)
        self.body = ListOrHint(self.table)
        self.editor = MemoEditor()
        self._reload_timer = QTimer(self, singleShot=True, interval=0)
        self._reload_timer.timeout.connect(self.reload)
        self._setup_table()
        self._make_actions()
        self._layout()
        self._connect()
        self._focus_watcher = FocusWatcher(self.editor, self.save_editor)
        self.reload()

    # -- building --------------------------------------------------------------------------

    def _setup_table(self) -> None:
        self.table.setItemDelegate(WrappedTextDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 10)
        for column, width in columns.WIDTHS.items():
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(columns.FIRST_LINE, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(columns.MODIFIED, Qt.SortOrder.DescendingOrder)

    def _make_actions(self) -> None:
        self.new_project_action = self._action(_("New project memo"), self.new_project_memo)
        self.new_document_action = self._action(
            _("New memo on the current document"), self.new_document_memo
        )
        self.new_code_action = self._action(_("New memo on the selected code"), self.new_code_memo)
        self.delete_action = self._action(_("Delete memo…"), self.confirm_delete)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        self.open_action = self._action(_("Show in transcript"), self.open_current)
        self.edit_title_action = self._action(_("Edit title"), self.editor.title.setFocus)
        self.edit_title_action.setShortcut(QKeySequence("F2"))
        self.edit_title_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.edit_title_action)
        menu = QMenu(self.new_button)
        menu.addActions([self.new_project_action, self.new_document_action, self.new_code_action])
        menu.aboutToShow.connect(self._update_actions)
        self.new_button.setMenu(menu)
        self.new_button.clicked.connect(self.new_project_memo)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 2)
        bar.setSpacing(8)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.kinds)
        bar.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(2)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.body, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        bench = self.workbench
        bench.change_made.connect(self._on_change)
        bench.project_opened.connect(self._project_opened)
        bench.project_closing.connect(self.save_editor)
        bench.pseudonyms.toggled.connect(self._pseudonyms_toggled)
        bench.project_closed.connect(self._project_closed)
        self.search.textChanged.connect(lambda _text: self._apply_filter())
        self.kinds.currentIndexChanged.connect(lambda _index: self._apply_filter())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._open)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.editor.save_requested.connect(self.save_editor)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._dirty = False
        if self.workbench.project is None:
            self.rows = []
        else:
            with self.workbench.reader() as session:
                self.rows = load_memos(session)
            self.rows = self.workbench.pseudonyms.shown_value(self.rows)
        self._apply_filter()

    def _apply_filter(self, state: ViewState | None = None) -> None:
        state = state or save_state(self.table)
        kind = self.kinds.currentData()
        kinds = None if kind is None else frozenset({MemoKind(kind)})
        self.model.set_rows(filter_memos(self.rows, self.search.text(), kinds))
        restore_state(self.table, state)
        self._show_hint()
        self._sync_editor()
        self._update_actions()

    def _sync_editor(self) -> None:
        """Show the current memo; keep unsaved typing when the same memo is reloaded."""
        row = self.model.row_of(self.table.currentIndex())
        if row is not None and row.id == self.editor.memo_id and self.editor.is_dirty():
            return
        if row is None and self.editor.is_dirty() and self._row(self.editor.memo_id):
            return  # filtered out of view while being written: keep it in the editor
        self.editor.load(row, read_only=self._read_only())

    def _read_only(self) -> bool:
        """Pseudonymised memos are read, not edited (a pseudonym must not replace a name)."""
        return self.workbench.read_only or self.workbench.pseudonyms.shown

    def _pseudonyms_toggled(self, _shown: bool) -> None:
        self.save_editor()
        self.editor.load(None)
        self.reload()

    def _row(self, memo_id: int | None) -> MemoRow | None:
        return next((r for r in self.rows if r.id == memo_id), None)

    def _show_hint(self) -> None:
        if self.model.rowCount():
            self.body.show_list()
        elif self.workbench.project is None:
            self.body.show_hint("")
        elif not self.rows:
            self.body.show_hint(_("No memos yet. Write one with “New memo”."))
        else:
            self.body.show_hint(_("No memos match the search."))

    def _on_change(self, change: Change) -> None:
        """Codings written that no memo here is about (applying a code) change nothing."""
        delta = coding_delta(change)
        about = {r.coding_id for r in self.rows}
        if delta is not None and not delta.memo_ids and not delta.coding_ids & about:
            return
        self._on_changed(change.topics)

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if topics & RELOAD_TOPICS:
            if self.isVisible():
                self._reload_timer.start()
            else:
                self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._reload_timer.start()
        window = self.window()
        if window is not self and window is not self._watched_window:
            window.installEventFilter(self)  # to save a memo being written when it closes
            self._watched_window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched_window and event.type() == QEvent.Type.Close:
            self.save_editor()
        return False

    def _project_opened(self) -> None:
        self.search.clear()
        self.editor.load(None)
        self.reload()

    def _project_closed(self) -> None:
        self.editor.load(None)
        self.rows = []
        self._apply_filter()

    # -- editing ---------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_of(current)
        if row is not None and row.id == self.editor.memo_id:
            return
        self.save_editor()
        self.editor.load(row, read_only=self._read_only())
        self._update_actions()

    def save_editor(self) -> None:
        """Store the editor's title and text as one undoable change, if they changed."""
        memo_id = self.editor.memo_id
        if memo_id is None or not self.editor.is_dirty() or self._read_only():
            return
        title, text = self.editor.values()
        self.editor.mark_saved()
        self.workbench.execute(lambda s: edit_memo(s, memo_id, text=text, title=title))

    def select_memo(self, memo_id: int) -> None:
        position = self.model.positions().get(memo_id)
        if position is None:
            self.search.clear()
            self.kinds.setCurrentIndex(0)
            position = self.model.positions().get(memo_id)
        if position is not None:
            self.table.selectRow(position)
            self.table.scrollTo(self.model.index(position, 0))

    def _new(self, target: MemoTarget) -> int | None:
        coder = self.workbench.coder_id
        if coder is None or self.workbench.read_only:
            return None
        self.save_editor()
        outcome = self.workbench.execute(lambda s: add_memo(s, coder, "", target=target))
        if outcome is None or outcome.created_id is None:
            return None
        self.reload()
        self.select_memo(outcome.created_id)
        self.editor.title.setFocus()
        return outcome.created_id

    def new_project_memo(self) -> int | None:
        return self._new(MemoTarget())

    def new_document_memo(self) -> int | None:
        document = self.workbench.current_document_id
        return None if document is None else self._new(MemoTarget(document_id=document))

    def new_code_memo(self) -> int | None:
        codes = self.workbench.selected_code_ids
        return self._new(MemoTarget(code_id=codes[0])) if codes else None

    def confirm_delete(self) -> QMessageBox | None:
        row = self.model.row_of(self.table.currentIndex())
        if row is None or self.workbench.read_only:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Delete memo"),
            _("Delete the memo “{title}”? You can undo this with Ctrl+Z.").format(
                title=columns.title(row)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.accepted.connect(lambda: self._delete(row.id))
        box.open()
        self.confirm_box = box
        return box

    def _delete(self, memo_id: int) -> None:
        if self.editor.memo_id == memo_id:
            self.editor.load(None)
        self.workbench.execute(lambda s: delete_memo(s, memo_id))

    # -- going there -----------------------------------------------------------------------

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_of(index)
        if row is None:
            return
        if row.kind is MemoKind.CODING and row.document_id is not None:
            self.workbench.show_document(row.document_id, row.start or 0, row.end or 0)
        elif row.kind is MemoKind.DOCUMENT and row.document_id is not None:
            self.workbench.show_document(row.document_id)
        else:
            self.editor.body.setFocus()

    def open_current(self) -> None:
        self._open(self.table.currentIndex())

    def _update_actions(self) -> None:
        writable = self.workbench.project is not None and not self.workbench.read_only
        row = self.model.row_of(self.table.currentIndex())
        self.new_button.setEnabled(writable)
        self.new_project_action.setEnabled(writable)
        self.new_document_action.setEnabled(
            writable and self.workbench.current_document_id is not None
        )
        self.new_code_action.setEnabled(writable and bool(self.workbench.selected_code_ids))
        self.delete_action.setEnabled(writable and row is not None)
        self.open_action.setEnabled(
            row is not None and row.kind in (MemoKind.CODING, MemoKind.DOCUMENT)
        )

    def _context_menu(self, position: QPoint) -> None:
        self._update_actions()
        menu = QMenu(self)
        if self.model.row_of(self.table.indexAt(position)) is not None:
            menu.addAction(self.open_action)
            menu.addSeparator()
        menu.addActions([self.new_project_action, self.new_document_action, self.new_code_action])
        if self.model.row_of(self.table.indexAt(position)) is not None:
            menu.addSeparator()
            menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(position))
