"""Small dialogs of the list panels, built so that tests can fill and accept them directly.

Callers show them with ``open()`` (window-modal, not blocking) and act on ``accepted``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.read.code_tree import CodeNode
from reiscoder.ui.lists.table import ID_ROLE
from reiscoder.ui.lists.widgets import muted, swatch


class MemoTextDialog(QDialog):
    """Write or change the memo of one coded fragment."""

    def __init__(self, context: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Memo on fragment"))
        self.resize(480, 300)
        about = muted(QLabel(context))
        about.setWordWrap(True)
        self.editor = QPlainTextEdit(text)
        self.editor.setPlaceholderText(_("What strikes you in this fragment?"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()


class CodePickerDialog(QDialog):
    """Choose one code from the tree; typing narrows the tree."""

    def __init__(
        self,
        roots: list[CodeNode],
        message: str,
        selected: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Choose a code"))
        self.resize(440, 480)
        self.model = _code_model(roots)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter codes…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.tree = self._make_tree()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = QPushButton(_("Apply code"))
        self.ok.setDefault(True)
        self.buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        label = QLabel(message)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (label, self.filter, self.tree, self.buttons):
            layout.addWidget(widget, 1 if widget is self.tree else 0)
        self.tree.selectionModel().currentChanged.connect(lambda *_a: self._update_ok())
        if selected is not None:
            self.select_code(selected)
        self._update_ok()
        self.filter.setFocus()

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(self.proxy)
        tree.setHeaderHidden(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.expandAll()
        tree.doubleClicked.connect(lambda _index: self.ok.isEnabled() and self.accept())
        return tree

    def code_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_code(self, code_id: int) -> None:
        found = self.model.match(
            self.model.index(0, 0), ID_ROLE, code_id, 1, Qt.MatchFlag.MatchRecursive
        )
        if found:
            index = self.proxy.mapFromSource(found[0])
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()
        if not self.tree.currentIndex().isValid():
            first = self._first_leaf(QModelIndex())
            if first is not None:
                self.tree.setCurrentIndex(first)
        self._update_ok()

    def _first_leaf(self, parent: QModelIndex) -> QModelIndex | None:
        if self.proxy.rowCount(parent) == 0:
            return parent if parent.isValid() else None
        return self._first_leaf(self.proxy.index(0, 0, parent))

    def _update_ok(self) -> None:
        self.ok.setEnabled(self.code_id() is not None)


def _code_model(roots: list[CodeNode]) -> QStandardItemModel:
    model = QStandardItemModel()

    def add(parent: QStandardItem, node: CodeNode) -> None:
        item = QStandardItem(swatch(node.color), node.name)
        item.setData(node.id, ID_ROLE)
        item.setEditable(False)
        parent.appendRow(item)
        for child in node.children:
            add(item, child)

    for root in roots:
        add(model.invisibleRootItem(), root)
    return model
