"""The editor of one code: name, colour, definition, criteria and example, and its counts.

Typing changes nothing yet. Leaving a field, or pressing Save, stores every changed field as
one undoable edit of the code; Revert puts back what is stored.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.codes import update_code
from reiscoder.read.codebook import CodebookNode, codebook_locked
from reiscoder.ui.codebook.model import counts_text, swatch_icon
from reiscoder.ui.workbench import Workbench

TEXT_FIELDS = ("definition", "inclusion", "exclusion", "example")


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setContentsMargins(0, 4, 0, 0)
    return label


class _TextField(QPlainTextEdit):
    """A few lines of text that grows with what is written, up to a limit, then scrolls."""

    MAX_LINES = 8

    def __init__(self, placeholder: str, lines: int) -> None:
        super().__init__()
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.min_lines = lines
        self.textChanged.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        lines = self.document().documentLayout().documentSize().height()
        shown = max(self.min_lines, min(int(lines), self.MAX_LINES))
        margins = self.contentsMargins()
        frame = 2 * self.document().documentMargin() + margins.top() + margins.bottom()
        self.setFixedHeight(int(shown * self.fontMetrics().lineSpacing() + frame + 2))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class CodeEditor(QWidget):
    recolour_requested = Signal(int)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.node: CodebookNode | None = None
        self._saving = False
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name of the code"))
        self.color = QToolButton()
        self.color.setToolTip(_("Change colour…"))
        self.color.setAutoRaise(True)
        self.color.setIconSize(QSize(18, 18))
        self.counts = QLabel()
        self.counts.setStyleSheet("color: #7b8794;")
        self.counts.setWordWrap(True)
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.texts = {
            "definition": _TextField(_("What does this code mean?"), 3),
            "inclusion": _TextField(_("When do you use this code?"), 2),
            "exclusion": _TextField(_("When not (and which code then)?"), 2),
            "example": _TextField(_("A typical quote"), 2),
        }
        self.save_button = QPushButton(_("Save"))
        self.save_button.setToolTip(_("Saved by itself when you leave a field (Ctrl+S)"))
        self.revert_button = QPushButton(_("Revert"))
        self.empty = QLabel(_("Choose a code to see and edit its definition."))
        self._build()
        self._connect()
        self.show_code(None)

    def _build(self) -> None:
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #7b8794;")
        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        top = QHBoxLayout()
        top.addWidget(self.color)
        top.addWidget(self.name, 1)
        layout.addLayout(top)
        status = QHBoxLayout()
        status.addWidget(self.counts, 1)
        status.addWidget(self.revert_button)
        status.addWidget(self.save_button)
        layout.addLayout(status)
        captions = {
            "definition": _("Definition"),
            "inclusion": _("Inclusion criteria"),
            "exclusion": _("Exclusion criteria"),
            "example": _("Example"),
        }
        for field, widget in self.texts.items():
            layout.addWidget(_caption(captions[field]))
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _connect(self) -> None:
        self.name.editingFinished.connect(self.save)
        self.name.textEdited.connect(self._update_buttons)
        for widget in self.texts.values():
            widget.installEventFilter(self)
            widget.textChanged.connect(self._update_buttons)
        self.save_button.clicked.connect(self.save)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.color.clicked.connect(self._ask_colour)

    # -- showing -----------------------------------------------------------------------------

    def show_code(self, node: CodebookNode | None) -> None:
        """Show ``node`` (a fresh read); a field being edited keeps what the user typed."""
        if self.node is not None and (node is None or node.id != self.node.id):
            self.save()
        same = node is not None and self.node is not None and node.id == self.node.id
        keep = self.pending() if same else {}
        self.node = node
        self.stack.setCurrentIndex(0 if node is None else 1)
        if node is None:
            return
        if "name" not in keep:
            self.name.setText(node.name)
            self.name.setCursorPosition(0)
        for field, widget in self.texts.items():
            if field not in keep:
                widget.setPlainText(getattr(node, field))
        self.color.setIcon(swatch_icon(node.color, 18))
        self.counts.setText(counts_text(node))
        with self.workbench.reader() as session:
            locked = codebook_locked(session)
        self._set_read_only(self.workbench.read_only or locked or self.workbench.pseudonyms.shown)
        self._update_buttons()

    def show_counts(self, node: CodebookNode) -> None:
        """New counts of the code shown (after a coding); the fields stay as they are."""
        if self.node is not None and node.id == self.node.id:
            self.node = node
            self.counts.setText(counts_text(node))

    def _set_read_only(self, read_only: bool) -> None:
        self.name.setReadOnly(read_only)
        self.color.setEnabled(not read_only)
        for widget in self.texts.values():
            widget.setReadOnly(read_only)

    def _update_buttons(self, *_args: object) -> None:
        dirty = bool(self.pending())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    # -- saving ------------------------------------------------------------------------------

    def pending(self) -> dict[str, str]:
        """The fields whose text differs from what is stored."""
        if self.node is None:
            return {}
        changed = {}
        name = " ".join(self.name.text().split())
        if name != self.node.name:
            changed["name"] = name
        for field, widget in self.texts.items():
            text = widget.toPlainText()
            if text.strip() != getattr(self.node, field).strip():
                changed[field] = text.strip()
        return changed

    def save(self) -> None:
        """Store every changed field as one edit; on failure show what is stored again."""
        fields = self.pending()
        if self.node is None or not fields or self._saving or self.workbench.read_only:
            return
        code_id = self.node.id
        self._saving = True
        try:
            outcome = self.workbench.execute(lambda s: update_code(s, code_id, **fields))
        finally:
            self._saving = False
        if outcome is None and self.node is not None and self.node.id == code_id:
            self.revert()

    def revert(self) -> None:
        node, self.node = self.node, None
        self.show_code(node)

    def _ask_colour(self) -> None:
        if self.node is not None:
            self.recolour_requested.emit(self.node.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in self.texts.values():
            self.save()
        return super().eventFilter(watched, event)
