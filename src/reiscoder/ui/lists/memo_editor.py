"""The editor beside the memo list: title and text of one memo.

It only holds text; the panel decides when to save (Save, or leaving the editor), so that
one editing session becomes one undoable change, never one per keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.read.memos import MemoKind, MemoRow
from reiscoder.ui.lists import memo_columns as columns
from reiscoder.ui.lists.widgets import muted


class MemoEditor(QWidget):
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.memo_id: int | None = None
        self._saved = ("", "")
        self.about = muted(QLabel())
        self.about.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("Title"))
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(_("Write your memo here…"))
        self.body.setTabChangesFocus(True)
        self.status = muted(QLabel())
        self.save_button = QPushButton(_("Save"))
        self.save_button.setToolTip(_("Save the memo (Ctrl+S); leaving the editor saves it too"))
        self.save_button.clicked.connect(self.save_requested)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_requested)
        self.title.textEdited.connect(lambda _text: self._update_status())
        self.body.textChanged.connect(self._update_status)
        self._layout()
        self.load(None)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.about)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)

    def load(self, row: MemoRow | None, *, read_only: bool = False) -> None:
        """Show ``row`` (None: nothing chosen); unsaved edits are the caller's business."""
        self.memo_id = None if row is None else row.id
        title, text = ("", "") if row is None else (row.title, row.text)
        self._saved = (title, text)
        self.title.setText(title)
        self.body.blockSignals(True)
        self.body.setPlainText(text)
        self.body.blockSignals(False)
        self.about.setText(_about(row))
        editable = row is not None and not read_only
        for widget in (self.title, self.body):
            widget.setReadOnly(not editable)
            widget.setEnabled(row is not None)
        self.save_button.setEnabled(editable)
        self._update_status()

    def values(self) -> tuple[str, str]:
        return self.title.text().strip(), self.body.toPlainText()

    def is_dirty(self) -> bool:
        return self.memo_id is not None and self.values() != self._saved

    def mark_saved(self) -> None:
        self._saved = self.values()
        self._update_status()

    def _update_status(self) -> None:
        if self.memo_id is None:
            self.status.setText("")
        elif self.is_dirty():
            self.status.setText(_("Changed; saved when you leave the editor"))
        else:
            self.status.setText(_("Saved"))


def _about(row: MemoRow | None) -> str:
    if row is None:
        return _("Choose a memo in the list, or make a new one.")
    if row.kind is MemoKind.PROJECT:
        text = _("Memo on the project")
    elif row.kind is MemoKind.DOCUMENT:
        text = _("Memo on document “{name}”").format(name=row.document_name)
    elif row.kind is MemoKind.CODE:
        text = _("Memo on code “{name}”").format(name=row.code_path)
    else:
        text = _("Memo on fragment {fragment} in “{document}”").format(
            fragment=columns.owner(row), document=row.document_name
        )
    return text + " · " + _("by {coder}").format(coder=row.coder_name)
