"""The Codebook panel: quick-code box, the code tree with counts, and the code editor.

The panel reads the codebook through :func:`reiscoder.read.codebook.load_codebook`, reloads
it when codes or codings change (keeping expansion, selection and scroll position), and tells
the workbench which codes are selected. What the codebook can do lives in
:class:`CodebookActions`; the box in :class:`QuickCoder`; the editor in :class:`CodeEditor`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.bus import Change
from reiscoder.ops.changes import Topic
from reiscoder.read.code_tree import code_counts
from reiscoder.read.codebook import Codebook, load_codebook
from reiscoder.ui.codebook.actions import CodebookActions
from reiscoder.ui.codebook.editor import CodeEditor
from reiscoder.ui.codebook.model import CodeTreeModel
from reiscoder.ui.codebook.proxy import CodeFilterProxy
from reiscoder.ui.codebook.quick import QuickCodeBox, QuickCoder
from reiscoder.ui.codebook.tree import CodeTreeView
from reiscoder.ui.workbench import Workbench
from reiscoder.ui.workbench_delta import coding_delta

RELOAD_TOPICS = {Topic.CODES, Topic.CODINGS}
HINT_MS = 5000


@dataclass
class _ViewState:
    expanded: set[int] = field(default_factory=set)
    selected: list[int] = field(default_factory=list)
    current: int | None = None
    scroll: int = 0


class CodebookPanel(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.model = CodeTreeModel(self)
        self.proxy = CodeFilterProxy(self.model, self)
        self.tree = CodeTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.actions = CodebookActions(workbench, self.tree, self.model, self)
        self.quick_box = QuickCodeBox()
        self.quick_box.setPlaceholderText(_("Find or code… (Ctrl+K)"))
        self.quick_box.setToolTip(
            _("Type to filter the codes; Enter codes the selected text with the bold code")
        )
        self.quick = QuickCoder(self.quick_box, self.tree, self.proxy, self.actions)
        self.editor = CodeEditor(workbench)
        self.status = QLabel()
        self.status.setStyleSheet("color: #7b8794;")
        self._hint_timer = QTimer(self, singleShot=True, interval=HINT_MS)
        self._hint_timer.timeout.connect(self._update_status)
        self._current: int | None = None  # the code in the editor, the user's last choice
        self._filtering = False
        self._build()
        self._connect()
        self.clear()

    def _build(self) -> None:
        add = QToolButton()
        add.setText("+")
        add.setToolTip(_("New code (Ins)"))
        add.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        add.clicked.connect(self.actions.ask_new_code)
        menu = QMenu(add)
        menu.addActions([self.actions.actions["new"], self.actions.actions["subcode"]])
        menu.addAction(self.actions.invivo)
        add.setMenu(menu)
        self.add_button = add
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.quick_box, 1)
        top.addWidget(add)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([500, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        self.addAction(self.actions.invivo)
        shortcut = QShortcut(QKeySequence("Ctrl+K"), self)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lambda: self.actions.when_free(self.focus_quick_box))

    def _connect(self) -> None:
        wb = self.workbench
        wb.project_opened.connect(self._on_project_opened)
        wb.project_closed.connect(self.clear)
        wb.change_made.connect(self._on_change)
        wb.coder_filter_changed.connect(self.reload)
        wb.pseudonyms.toggled.connect(lambda _shown: self.reload())
        wb.recent_codes_changed.connect(lambda: self.model.set_recent(wb.recent_keys))
        self.model.rename_requested.connect(self.actions.rename)
        self.model.move_requested.connect(self.actions.move)
        self.tree.code_activated.connect(self.actions.apply)
        self.tree.selection_dropped.connect(self.actions.apply_dropped)
        self.tree.customContextMenuRequested.connect(self.actions.context_menu)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.tree.selectionModel().currentChanged.connect(self._on_selection_changed)
        self.actions.hint.connect(self.show_hint)
        self.actions.code_created.connect(self.select_code)
        self.editor.recolour_requested.connect(self.actions.ask_recolour)
        self.quick.filtering.connect(self._set_filtering)
        self.quick.filtered.connect(self._update_status)

    def coding_actions(self) -> list[QAction]:
        """Actions for the window's Coding menu (they work from anywhere in the window)."""
        return [self.actions.invivo]

    def sizeHint(self) -> QSize:
        return QSize(380, 700)

    # -- loading -----------------------------------------------------------------------------

    def clear(self) -> None:
        self.quick_box.clear()
        self.model.set_codebook(Codebook())
        self._current = None
        self.editor.show_code(None)
        self.tree.placeholder = _("Open a project to see its codebook.")
        self._set_selected([])
        self.actions.update_enabled()
        self._update_status()

    def _on_project_opened(self) -> None:
        self.quick_box.clear()
        writable = not self.workbench.read_only
        self.model.editable = writable
        self.add_button.setEnabled(writable)
        self.tree.setDragDropMode(
            QAbstractItemView.DragDropMode.DragDrop
            if writable
            else QAbstractItemView.DragDropMode.DropOnly
        )
        self.tree.placeholder = _("No codes yet. Press Ins or + to add the first code.")
        self.reload()
        self.tree.collapseAll()
        self.tree.expandToDepth(0)
        self.model.set_recent(self.workbench.recent_keys)

    def _on_change(self, change: Change) -> None:
        """A coding written here: count only its codes again; anything else reloads."""
        delta = coding_delta(change)
        if delta is None:
            self._on_changed(change.topics)
        elif delta.coding_ids and self.workbench.project is not None:
            known = [i for i in delta.code_ids if i in self.model.codebook.by_id]
            with self.workbench.reader() as session:
                counts = code_counts(session, known, self.workbench.hidden_coder_ids)
            self.model.set_counts(counts)
            current = self.model.codebook.by_id.get(self._current or 0)
            if current is not None:
                self.editor.show_counts(current)

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if topics & RELOAD_TOPICS:
            self.reload()

    def reload(self) -> None:
        """Read the codebook again; expansion, selection and scrolling stay as they were."""
        if self.workbench.project is None:
            return
        state = self._view_state()
        with self.workbench.reader() as session:
            codebook = load_codebook(session, self.workbench.hidden_coder_ids)
        codebook = self.workbench.pseudonyms.shown_value(codebook)
        # with pseudonyms shown nothing is renamed: a pseudonym would replace an original
        self.model.editable = not self.workbench.read_only and not self.workbench.pseudonyms.shown
        known = set(self.model.codebook.by_id)
        if self.model.set_codebook(codebook):
            self.tree.restore_expanded(state.expanded | (set(codebook.by_id) - known))
            self.quick.refresh()
            self._restore_selection(state)
            self.tree.verticalScrollBar().setValue(state.scroll)
            self._set_selected([i for i in state.selected if i in codebook.by_id])
            self._update_status()
        self._show_in_editor()

    def _view_state(self) -> _ViewState:
        """What the user chose, which a filter that hides some of it does not change."""
        return _ViewState(
            expanded=self.tree.expanded_codes(),
            selected=list(self.workbench.selected_code_ids),
            current=self._current,
            scroll=self.tree.verticalScrollBar().value(),
        )

    def _restore_selection(self, state: _ViewState) -> None:
        """Select the chosen codes the tree shows, without announcing it as a new choice."""
        selection_model = self.tree.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        blocked = selection_model.blockSignals(True)
        try:
            selection_model.clearSelection()
            selection_model.setCurrentIndex(
                self.proxy.index_of(state.current) if state.current else QModelIndex(),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
            for code_id in state.selected:
                index = self.proxy.index_of(code_id)
                if index.isValid():
                    selection_model.select(index, flags)
        finally:
            selection_model.blockSignals(blocked)
        self._current = state.current if state.current in self.model.codebook.by_id else None
        self.tree.viewport().update()
        self.actions.update_enabled()

    # -- selection -----------------------------------------------------------------------------

    def select_code(self, code_id: int) -> None:
        """Make ``code_id`` the current and only selected code, visible in the tree."""
        index = self.proxy.index_of(code_id)
        if not index.isValid() and self.quick_box.text():
            self.quick_box.clear()
            index = self.proxy.index_of(code_id)
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _on_selection_changed(self, *_args: object) -> None:
        if self._filtering:  # rows hidden by the filter are not un-chosen
            return
        self._current = self.tree.current_code()
        self._set_selected(self.tree.selected_codes())
        self._show_in_editor()
        self.actions.update_enabled()

    def _set_filtering(self, filtering: bool) -> None:
        self._filtering = filtering
        if not filtering:
            self._restore_selection(self._view_state())

    def _set_selected(self, code_ids: list[int]) -> None:
        if code_ids != self.workbench.selected_code_ids:
            self.workbench.selected_code_ids = list(code_ids)
            self.workbench.codes_selected.emit(list(code_ids))

    def _show_in_editor(self) -> None:
        self.editor.show_code(self.model.codebook.by_id.get(self._current or 0))

    # -- the quick-code box and the status line ------------------------------------------------

    def focus_quick_box(self) -> None:
        """Ctrl+K: bring the codebook forward if it is hidden behind a tab, then type."""
        dock = self.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not None and not self.isVisible():
            dock.show()
            dock.raise_()
        if self.isVisible():
            self.quick.focus()

    def show_hint(self, text: str) -> None:
        self.status.setText(text)
        self._hint_timer.start()

    def _update_status(self) -> None:
        self._hint_timer.stop()
        total = len(self.model.codebook.by_id)
        if self.workbench.project is None:
            self.status.setText("")
        elif self.proxy.query.strip():
            self.status.setText(
                _("{matches} of {total} codes match").format(
                    matches=len(self.quick.matches), total=total
                )
            )
        else:
            self.status.setText(
                _("1 code") if total == 1 else _("{count} codes").format(count=total)
            )
