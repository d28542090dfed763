"""The quick-code box: type a few letters, the tree filters, Enter codes the selection.

The best match is shown in bold; Up and Down choose another match, Enter applies the bold
code to the transcript's selection (or, without a selection, selects it in the tree), Esc
clears the box. Focus returns to where it came from, so coding goes on without the mouse.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from reiscoder.i18n import _
from reiscoder.read.codebook import ranked_matches
from reiscoder.ui.codebook.actions import CodebookActions
from reiscoder.ui.codebook.model import CodeTreeModel
from reiscoder.ui.codebook.proxy import CodeFilterProxy
from reiscoder.ui.codebook.tree import CodeTreeView


class QuickCodeBox(QLineEdit):
    step = Signal(int)  # -1: previous match, +1: next match
    submitted = Signal()
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
        elif key == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)


class QuickCoder(QObject):
    """Filters the tree from the box and applies the highlighted match."""

    filtering = Signal(bool)  # True before the tree is filtered again, False after
    filtered = Signal()  # the query changed

    def __init__(
        self,
        box: QuickCodeBox,
        tree: CodeTreeView,
        proxy: CodeFilterProxy,
        actions: CodebookActions,
    ) -> None:
        super().__init__(box)
        self.box, self.tree, self.proxy, self.actions = box, tree, proxy, actions
        self.matches: list[int] = []
        self._return_to: QWidget | None = None
        self._expanded: set[int] | None = None  # expansion before filtering began
        box.textChanged.connect(self.filter)
        box.step.connect(self.step)
        box.submitted.connect(self.submit)
        box.escaped.connect(self.escape)

    @property
    def model(self) -> CodeTreeModel:
        return self.proxy.tree()

    def focus(self) -> None:
        """Ctrl+K: remember where the user was, then type in the box."""
        current = QApplication.focusWidget()
        if current is not None and current is not self.box:
            self._return_to = current
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def filter(self, text: str) -> None:
        if text.strip() and self._expanded is None:
            self._expanded = self.tree.expanded_codes()
        self.filtering.emit(True)
        self.proxy.set_query(text)
        self.filtering.emit(False)
        self.matches = ranked_matches(self.model.codebook, text)
        if text.strip():
            self.tree.expandAll()
        elif self._expanded is not None:
            self.tree.restore_expanded(self._expanded)
            self._expanded = None
        self._highlight(self.matches[0] if self.matches else None)
        self.filtered.emit()

    def refresh(self) -> None:
        """The codebook was reloaded: match again against the new codes."""
        text = self.box.text()
        self.matches = ranked_matches(self.model.codebook, text)
        highlighted = self.model.highlighted
        self._highlight(highlighted if highlighted in self.matches else None)
        if text.strip():
            self.tree.expandAll()

    def step(self, delta: int) -> None:
        """Up and Down go through the matches as the tree shows them, top to bottom."""
        matching = set(self.matches)
        shown = [node.id for node in self.model.codebook.walk() if node.id in matching]
        if not shown:
            return
        current = self.model.highlighted
        position = shown.index(current) if current in shown else -delta
        self._highlight(shown[(position + delta) % len(shown)])

    def submit(self) -> None:
        code_id = self.model.highlighted
        if code_id is None:
            self.actions.hint.emit(_("No code matches “{text}”.").format(text=self.box.text()))
            return
        if self.actions.workbench.selection is not None:
            self.box.clear()
            self.actions.apply(code_id)
            self._go_back()
            return
        self.box.clear()
        self.tree.setCurrentIndex(self.proxy.index_of(code_id))
        self.tree.scrollTo(self.tree.currentIndex())
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def escape(self) -> None:
        if self.box.text():
            self.box.clear()
        else:
            self._go_back()

    def _go_back(self) -> None:
        target, self._return_to = self._return_to, None
        if target is not None and shiboken6.isValid(target) and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _highlight(self, code_id: int | None) -> None:
        self.model.set_highlighted(code_id)
        if code_id is not None:
            self.tree.scrollTo(self.proxy.index_of(code_id))
