"""Project > Name list (pseudonyms)…: the names and their pseudonyms, and suggestions to add.

Every change runs through the workbench as an operation, so it is saved at once and Ctrl+Z
undoes it (also while this dialog is open). Suggestions are looked for in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.model import NameKind
from reiscoder.ops.changes import Topic
from reiscoder.ops.names import (
    NewName,
    add_names,
    confirm_names,
    delete_names,
    reject_names,
    update_name,
)
from reiscoder.privacy.names import load_names, taken_pseudonyms
from reiscoder.privacy.suggest import suggest_names
from reiscoder.ui.privacy.checklist import ChecklistTab
from reiscoder.ui.privacy.models import (
    ID_ROLE,
    KindDelegate,
    NamesModel,
    SuggestionsModel,
    kind_label,
)
from reiscoder.ui.tasks import run_task
from reiscoder.ui.workbench import Workbench

LIST_TAB, SUGGESTIONS_TAB, CHECKLIST_TAB = 0, 1, 2


class PseudonymsDialog(QDialog):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle(_("Name list (pseudonyms)"))
        self.resize(860, 560)
        self.names = NamesModel(self._edit)
        self.suggestions = SuggestionsModel()
        self.searching = False
        self.tabs = QTabWidget()
        self.tabs.addTab(self._list_tab(), "")
        self.tabs.addTab(self._suggestions_tab(), "")
        self.checklist = ChecklistTab(workbench)
        self.checklist.counted.connect(self._checklist_counted)
        self.tabs.addTab(self.checklist, _("Not covered yet"))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        intro = QLabel(
            _(
                "Names in this list are replaced by their pseudonyms where you ask for it: in "
                "the transcript (Pseudonyms), in exports and in a pseudonymised copy of the "
                "project. The originals stay in the project."
            )
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._undo_actions()
        workbench.changed.connect(self._on_changed)
        workbench.failed.connect(self._show_failure)
        workbench.project_closed.connect(self.close)
        self.reload()

    # -- building --------------------------------------------------------------------------

    def _list_tab(self) -> QWidget:
        self.empty = QLabel(_("No names yet. Look at the suggestions, or add a name below."))
        self.empty.setStyleSheet("color: #7b8794; padding: 12px;")
        self.table = _table(self.names)
        self.table.setItemDelegateForColumn(NamesModel.KIND, KindDelegate(self.table))
        self.table.setColumnWidth(NamesModel.ORIGINAL, 240)
        self.table.setColumnWidth(NamesModel.PSEUDONYM, 220)
        self.table.setColumnWidth(NamesModel.KIND, 130)
        self.table.setColumnWidth(NamesModel.FORMS, 200)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._list_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_original = QLineEdit()
        self.new_original.setPlaceholderText(_("Name as it is written, e.g. J. de Vries"))
        self.new_pseudonym = QLineEdit()
        self.new_pseudonym.setPlaceholderText(_("Pseudonym (empty: automatic)"))
        self.new_kind = QComboBox()
        for kind in NameKind:
            self.new_kind.addItem(kind_label(kind), kind)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add_typed_name)
        self.new_original.returnPressed.connect(self.add_typed_name)
        self.new_pseudonym.returnPressed.connect(self.add_typed_name)
        self.confirm_button = QPushButton(_("Confirm"))
        self.confirm_button.setToolTip(_("Mark the selected names as checked."))
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Take the selected names off the list (Delete)."))
        self.remove_button.clicked.connect(self.remove_selected)
        adding = QHBoxLayout()
        adding.addWidget(self.new_original, 3)
        adding.addWidget(self.new_pseudonym, 2)
        adding.addWidget(self.new_kind)
        adding.addWidget(self.add_button)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.confirm_button)
        actions.addWidget(self.remove_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addLayout(actions)
        return page

    def _suggestions_tab(self) -> QWidget:
        self.suggestion_status = QLabel()
        self.suggestion_status.setWordWrap(True)
        self.suggestion_table = _table(self.suggestions)
        self.suggestion_table.setItemDelegateForColumn(
            SuggestionsModel.KIND, KindDelegate(self.suggestion_table)
        )
        header = self.suggestion_table.horizontalHeader()
        header.setSectionResizeMode(SuggestionsModel.EXAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SuggestionsModel.NAME, QHeaderView.ResizeMode.Interactive)
        for column, width in ((SuggestionsModel.NAME, 190), (SuggestionsModel.KIND, 110)):
            self.suggestion_table.setColumnWidth(column, width)
        self.suggestion_table.setColumnWidth(SuggestionsModel.PSEUDONYM, 160)
        self.search_button = QPushButton(_("Look again"))
        self.search_button.clicked.connect(self.find_suggestions)
        self.reject_button = QPushButton(_("Not a name"))
        self.reject_button.setToolTip(_("Never suggest the ticked or selected names again."))
        self.reject_button.clicked.connect(self.reject_chosen)
        self.add_all_button = QPushButton(_("Add all, to check later"))
        self.add_all_button.setToolTip(
            _("Every suggestion goes on the list as it is, marked “to check”.")
        )
        self.add_all_button.clicked.connect(self.add_all_suggestions)
        self.accept_button = QPushButton(_("Add ticked to the list"))
        self.accept_button.setDefault(True)
        self.accept_button.clicked.connect(self.add_ticked)
        self.suggestion_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.suggestions.dataChanged.connect(self._update_buttons)
        self.suggestions.modelReset.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.add_all_button)
        buttons.addWidget(self.accept_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.suggestion_status)
        layout.addWidget(self.suggestion_table, 1)
        layout.addLayout(buttons)
        return page

    def _undo_actions(self) -> None:
        stack = self.workbench.undo_stack
        for action, key in (
            (stack.createUndoAction(self, _("&Undo")), QKeySequence.StandardKey.Undo),
            (stack.createRedoAction(self, _("&Redo")), QKeySequence.StandardKey.Redo),
        ):
            action.setShortcut(QKeySequence(key))
            self.addAction(action)
        delete = QAction(_("Remove"), self)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.triggered.connect(self.remove_selected)
        self.table.addAction(delete)

    # -- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again, keeping the selection."""
        if self.workbench.project is None:
            return
        selected = self.selected_ids()
        with self.workbench.reader() as session:
            self.names.set_entries(load_names(session))
        for name_id in selected:
            row = self.names.row_of(name_id)
            if row is not None:
                self.table.selectionModel().select(
                    self.names.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        self.empty.setVisible(not self.names.entries)
        self.tabs.setTabText(LIST_TAB, _("Name list ({count})").format(count=self.names.applied()))
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(ID_ROLE) for index in rows]

    def add_typed_name(self) -> bool:
        original = self.new_original.text()
        if not original.strip():
            self.new_original.setFocus()
            return False
        name = NewName(original, self.new_pseudonym.text(), self.new_kind.currentData())
        if self.workbench.execute(lambda s: add_names(s, [name])) is None:
            return False
        self.new_original.clear()
        self.new_pseudonym.clear()
        self.new_original.setFocus()
        self.suggestions.remove([original])
        return True

    def confirm_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.workbench.execute(lambda s: confirm_names(s, ids))

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.workbench.execute(lambda s: delete_names(s, ids))

    def _edit(self, name_id: int, field: str, value: object) -> bool:
        values = {field: value}
        return self.workbench.execute(lambda s: update_name(s, name_id, **values)) is not None

    def _list_menu(self, position) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self.table)
        menu.addAction(_("Confirm"), self.confirm_selected)
        menu.addAction(_("Remove"), self.remove_selected)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # -- suggestions -----------------------------------------------------------------------

    def find_suggestions(self) -> None:
        """Look for names in the background; the suggestions tab fills when done."""
        project = self.workbench.project
        if project is None or self.searching:
            return
        self.searching = True
        self.suggestion_status.setText(_("Looking for names in the transcripts…"))
        self._update_buttons()

        def work(_report):
            with project.reader() as session:
                return suggest_names(session), taken_pseudonyms(session)

        run_task(work, self._found, self._search_failed)

    def _found(self, result) -> None:
        self.searching = False
        suggestions, taken = result
        self.suggestions.set_suggestions(suggestions, taken)
        self.suggestion_table.resizeColumnToContents(SuggestionsModel.COUNT)

    def _search_failed(self, error: BaseException) -> None:
        self.searching = False
        self.suggestion_status.setText(_("Looking for names failed: {reason}").format(reason=error))
        self._update_buttons()

    def add_ticked(self) -> None:
        self._add(self.suggestions.chosen(), confirmed=True)

    def add_all_suggestions(self) -> None:
        self._add(self.suggestions.chosen(range(len(self.suggestions.rows))), confirmed=False)

    def _add(self, names: list[NewName], *, confirmed: bool) -> None:
        if names and self.workbench.execute(lambda s: add_names(s, names, confirmed=confirmed)):
            self.suggestions.remove([name.original for name in names])

    def reject_chosen(self) -> None:
        rows = [r.row() for r in self.suggestion_table.selectionModel().selectedRows()]
        names = self.suggestions.chosen() or self.suggestions.chosen(rows)
        originals = [name.original for name in names]
        if originals and self.workbench.execute(lambda s: reject_names(s, originals)):
            self.suggestions.remove(originals)

    # -- keeping up ------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.PSEUDONYMS in topics:
            self.message.hide()
            self.reload()
            if self.tabs.currentIndex() == CHECKLIST_TAB:
                self.checklist.check()

    def _tab_shown(self, index: int) -> None:
        if index == CHECKLIST_TAB and not self.checklist.checking and not self.searching:
            self.checklist.check()

    def _checklist_counted(self, count: int) -> None:
        text = _("Not covered yet") if count < 0 else _("Not covered yet ({count})")
        self.tabs.setTabText(CHECKLIST_TAB, text.format(count=count))

    def _show_failure(self, message: str) -> None:
        if self.isVisible():
            self.message.setText(message)
            self.message.show()

    def _update_buttons(self) -> None:
        writable = not self.workbench.read_only
        has_selection = writable and bool(self.selected_ids())
        self.confirm_button.setEnabled(has_selection)
        self.remove_button.setEnabled(has_selection)
        self.add_button.setEnabled(writable)
        ticked = len(self.suggestions.ticked())
        rows = len(self.suggestions.rows)
        self.accept_button.setEnabled(writable and bool(ticked))
        self.add_all_button.setEnabled(writable and bool(rows))
        selected = bool(self.suggestion_table.selectionModel().selectedRows())
        self.reject_button.setEnabled(writable and (bool(ticked) or selected))
        self.search_button.setEnabled(not self.searching)
        self.tabs.setTabText(SUGGESTIONS_TAB, _("Suggestions ({count})").format(count=rows))
        if not self.searching:
            self.suggestion_status.setText(_suggestions_note(rows))


def _suggestions_note(count: int) -> str:
    if not count:
        return _("No new names found. Names already in the list are not suggested again.")
    return ngettext(
        "{count} possible name. Tick the ones to replace; change the kind or pseudonym first "
        "if you like. The examples show where each was found.",
        "{count} possible names. Tick the ones to replace; change the kind or pseudonym first "
        "if you like. The examples show where each was found.",
        count,
    ).format(count=count)


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(200)
    return table


def open_pseudonyms_dialog(parent: QWidget | None, workbench: Workbench) -> PseudonymsDialog | None:
    """Project > Name list (pseudonyms)…: shown beside the window (not modal) and looking for
    suggestions at once; returns the dialog, or None without an open project."""
    if workbench.project is None:
        return None
    dialog = PseudonymsDialog(workbench, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.find_suggestions()
    if not dialog.names.entries:
        dialog.tabs.setCurrentIndex(SUGGESTIONS_TAB)
    return dialog
