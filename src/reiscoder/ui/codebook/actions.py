"""What the codebook can do, as actions with shortcuts, a context menu and their handlers.

Every change runs through :meth:`Workbench.execute`, so each is one undoable step. Dialogs are
opened without blocking and returned, so that a test can fill and accept them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QColorDialog, QDialog, QMenu, QWidget

from reiscoder.i18n import _
from reiscoder.ops.code_moves import move_codes
from reiscoder.ops.codes import create_code, delete_code, merge_codes, update_code
from reiscoder.ops.invivo import code_in_vivo
from reiscoder.read.codebook import codebook_locked, deletion_summary
from reiscoder.ui.codebook.dialogs import DeleteCodeDialog, MergeCodeDialog, NewCodeDialog
from reiscoder.ui.codebook.model import CodeTreeModel
from reiscoder.ui.codebook.tree import CodeTreeView
from reiscoder.ui.workbench import Workbench

D = TypeVar("D", bound=QDialog)


class CodebookActions(QObject):
    hint = Signal(str)  # a short message for the panel's status line
    code_created = Signal(int)  # select it

    def __init__(
        self, workbench: Workbench, tree: CodeTreeView, model: CodeTreeModel, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.tree = tree
        self.model = model
        self.widget = parent
        self.dialog: QDialog | None = None  # the last dialog opened (tests drive it)
        specs: list[tuple[str, str, Callable[[], object], QKeySequence | str | None]] = [
            ("apply", _("Code the selection with this code"), self.apply_current, "Return"),
            ("new", _("New code…"), self.ask_new_code, "Ins"),
            ("subcode", _("New subcode…"), self.ask_new_subcode, "Shift+Ins"),
            ("rename", _("Rename"), self.rename_current, "F2"),
            ("recolour", _("Change colour…"), self.ask_recolour_current, None),
            ("merge", _("Merge into…"), self.ask_merge_current, None),
            ("delete", _("Delete…"), self.ask_delete_current, QKeySequence.StandardKey.Delete),
            ("expand", _("Expand all"), tree.expandAll, None),
            ("collapse", _("Collapse all"), tree.collapseAll, None),
        ]
        self.actions = {key: self._action(text, slot, keys) for key, text, slot, keys in specs}
        self.invivo = QAction(_("In-vivo code from the selected words"), self)
        self.invivo.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.invivo.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.invivo.setToolTip(
            _("Create a code named after the selected words and code them with it")
        )
        self.invivo.triggered.connect(lambda _checked=False: self.when_free(self.code_in_vivo))

    def _action(
        self, text: str, slot: Callable[[], object], keys: QKeySequence | str | None
    ) -> QAction:
        action = QAction(text, self.tree)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.tree.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def when_free(self, slot: Callable[[], object]) -> None:
        """Application-wide shortcuts do nothing while a dialog is open."""
        if QApplication.activeModalWidget() is None:
            slot()

    def update_enabled(self) -> None:
        has_code = self.tree.current_code() is not None
        writable = not self.workbench.read_only
        editable = writable and not self.codebook_locked()
        for key in ("rename", "recolour", "merge", "delete", "subcode"):
            self.actions[key].setEnabled(has_code and editable)
        self.actions["new"].setEnabled(editable)
        self.actions["apply"].setEnabled(has_code and writable)
        self.invivo.setEnabled(editable)
        tip = "" if editable or not writable else _("The codebook of this assignment is locked.")
        for action in (*self.actions.values(), self.invivo):
            if action is not self.actions["apply"]:
                action.setToolTip(tip or action.text())

    def codebook_locked(self) -> bool:
        if self.workbench.project is None:
            return False
        with self.workbench.reader() as session:
            return codebook_locked(session)

    def context_menu(self, position: QPoint) -> QMenu:
        menu = QMenu(self.tree)
        if self.tree.current_code() is not None:
            menu.addAction(self.actions["apply"])
            menu.addAction(self.invivo)
            menu.addSeparator()
        for key in ("new", "subcode", None, "rename", "recolour", "merge", "delete", None):
            if key is None:
                menu.addSeparator()
            elif key in ("new",) or self.tree.current_code() is not None:
                menu.addAction(self.actions[key])
        menu.addAction(self.actions["expand"])
        menu.addAction(self.actions["collapse"])
        self.update_enabled()
        menu.popup(self.tree.viewport().mapToGlobal(position))
        return menu

    # -- coding ------------------------------------------------------------------------------

    def apply(self, code_id: int) -> int | None:
        """Code the transcript's selected text with ``code_id``."""
        if self.workbench.read_only:
            self.hint.emit(_("This project is open read-only."))
            return None
        if self.workbench.selection is None:
            self.hint.emit(_("Select text in the transcript first."))
            return None
        return self.workbench.code_current_selection(code_id)

    def apply_current(self) -> int | None:
        code_id = self.tree.current_code()
        return self.apply(code_id) if code_id is not None else None

    def apply_dropped(self, code_id: int, document_id: int, start: int, end: int) -> None:
        QTimer.singleShot(
            0, lambda: self.workbench.code_selection(document_id, code_id, start, end)
        )

    def code_in_vivo(self) -> int | None:
        """A new code named after the selected words, under the current code, applied."""
        selection, coder = self.workbench.selection, self.workbench.coder_id
        if selection is None or coder is None:
            self.hint.emit(_("Select the words in the transcript first."))
            return None
        document_id, start, end = selection
        parent = self.tree.current_code()
        outcome = self.workbench.execute(
            lambda s: code_in_vivo(s, document_id, coder, start, end, parent)
        )
        if outcome is None or outcome.created_id is None:
            return None
        self.workbench.remember_code(outcome.created_id)
        self.code_created.emit(outcome.created_id)
        return outcome.created_id

    # -- changing the tree -------------------------------------------------------------------

    def ask_new_code(self) -> NewCodeDialog:
        current = self.tree.current_code()
        parent = self.model.codebook.by_id[current].parent_id if current is not None else None
        return self.ask_new(parent)

    def ask_new_subcode(self) -> NewCodeDialog:
        return self.ask_new(self.tree.current_code())

    def ask_new(self, parent_id: int | None) -> NewCodeDialog:
        parent = self.model.codebook.by_id.get(parent_id) if parent_id is not None else None
        dialog = NewCodeDialog(parent.name if parent else None, self.widget)
        dialog.accepted.connect(lambda: self.create(dialog.code_name(), parent_id))
        return self._open(dialog)

    def create(self, name: str, parent_id: int | None) -> int | None:
        outcome = self.workbench.execute(lambda s: create_code(s, name, parent_id=parent_id))
        if outcome is None or outcome.created_id is None:
            return None
        self.code_created.emit(outcome.created_id)
        return outcome.created_id

    def rename_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid():
            self.tree.edit(index.siblingAtColumn(0))

    def rename(self, code_id: int, name: str) -> None:
        """Called from the inline editor's commit: run once the editor has closed."""

        def run() -> None:
            self.workbench.execute(lambda s: update_code(s, code_id, name=name))

        QTimer.singleShot(0, run)

    def ask_recolour_current(self) -> QColorDialog | None:
        code_id = self.tree.current_code()
        return self.ask_recolour(code_id) if code_id is not None else None

    def ask_recolour(self, code_id: int) -> QColorDialog:
        node = self.model.codebook.by_id[code_id]
        dialog = QColorDialog(QColor(node.color), self.widget)
        dialog.setWindowTitle(_("Colour of “{name}”").format(name=node.name))
        dialog.colorSelected.connect(lambda color: self.recolour(code_id, color.name()))
        return self._open(dialog)

    def recolour(self, code_id: int, color: str) -> None:
        self.workbench.execute(lambda s: update_code(s, code_id, color=color))

    def move(self, code_ids: list[int], parent_id: int | None, before_id: int | None) -> None:
        """Called from a drop: run after the drag has finished, not inside it."""

        def run() -> None:
            self.workbench.execute(lambda s: move_codes(s, code_ids, parent_id, before_id))

        QTimer.singleShot(0, run)

    def ask_merge_current(self) -> MergeCodeDialog | None:
        code_id = self.tree.current_code()
        if code_id is None:
            return None
        dialog = MergeCodeDialog(self.model.codebook, code_id, self.widget)
        dialog.accepted.connect(lambda: self.merge(code_id, dialog.target()))
        return self._open(dialog)

    def merge(self, source_id: int, target_id: int | None) -> None:
        if target_id is not None:
            self.workbench.execute(lambda s: merge_codes(s, source_id, target_id))

    def ask_delete_current(self) -> DeleteCodeDialog | None:
        code_id = self.tree.current_code()
        if code_id is None or self.workbench.read_only:
            return None
        with self.workbench.reader() as session:
            summary = deletion_summary(session, code_id)
        if summary is None:
            return None
        dialog = DeleteCodeDialog(summary, self.widget)
        dialog.accepted.connect(lambda: self.delete(code_id, dialog))
        return self._open(dialog)

    def delete(self, code_id: int, dialog: DeleteCodeDialog) -> None:
        fate = dialog.fate()
        if fate is not None:
            self.workbench.execute(lambda s: delete_code(s, code_id, fate))

    def _open(self, dialog: D) -> D:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
