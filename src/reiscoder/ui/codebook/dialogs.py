"""Dialogs of the codebook: a new code, deleting a code, merging codes.

Each dialog is built, filled and accepted by its caller (or a test) without a blocking
``exec()``: the caller connects ``accepted`` and calls ``open()``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.ops.codes import CodingFate
from reiscoder.read.codebook import Codebook, DeletionSummary
from reiscoder.ui.codebook.model import CodeTreeModel, Column
from reiscoder.ui.codebook.proxy import CodeFilterProxy
from reiscoder.ui.codebook.tree import CodeTreeView


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class NewCodeDialog(QDialog):
    """Asks the name of a new code; says where it will go."""

    def __init__(self, parent_name: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New subcode") if parent_name else _("New code"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name of the code"))
        where = (
            _("Under “{name}”").format(name=parent_name) if parent_name else _("At the top level")
        )
        box, self.ok = _buttons(self, _("Create"))
        self.ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(where))
        layout.addWidget(self.name)
        layout.addWidget(box)
        self.setMinimumWidth(380)

    def code_name(self) -> str:
        return " ".join(self.name.text().split())


class DeleteCodeDialog(QDialog):
    """Says how many codings a delete touches and asks what happens to them.

    With codings, neither choice is made in advance: Delete stays disabled until the user
    picks one.
    """

    def __init__(self, summary: DeletionSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setWindowTitle(_("Delete code"))
        self.choices = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.message = _wrapped(self._message())
        layout.addWidget(self.message)
        layout.addSpacing(6)
        box, self.ok = _buttons(self, _("Delete"))
        if summary.codings:
            self._add_choices(layout)
            self.ok.setEnabled(False)
            self.choices.buttonToggled.connect(lambda *_args: self.ok.setEnabled(True))
        layout.addWidget(box)
        self.setMinimumWidth(440)

    def _message(self) -> str:
        s = self.summary
        lines = [_("Delete the code “{name}”?").format(name=s.name)]
        if s.subcodes:
            lines.append(
                _("It has 1 subcode.")
                if s.subcodes == 1
                else _("It has {count} subcodes.").format(count=s.subcodes)
            )
        if s.codings == 0:
            lines.append(_("Nobody has coded anything with it."))
        elif s.codings == 1:
            lines.append(_("There is 1 coding with it. What happens to it?"))
        elif s.coders > 1:
            lines.append(
                _(
                    "There are {count} codings with it, by {coders} coders. What happens to them?"
                ).format(count=s.codings, coders=s.coders)
            )
        else:
            lines.append(
                _("There are {count} codings with it. What happens to them?").format(
                    count=s.codings
                )
            )
        return "\n".join(lines)

    def _add_choices(self, layout: QVBoxLayout) -> None:
        delete = QRadioButton(_("Delete the codings too"))
        give = QRadioButton(
            _("Give the codings to “{parent}”").format(parent=self.summary.parent_name)
            if self.summary.parent_name
            else _("Give the codings to the parent code")
        )
        if self.summary.parent_id is None:
            give.setEnabled(False)
            give.setToolTip(_("A top-level code has no parent code."))
        elif self.summary.subcodes:
            give.setText(give.text() + " " + _("(with the subcodes)"))
        for button, fate in ((delete, CodingFate.DELETE), (give, CodingFate.TO_PARENT)):
            button.setProperty("fate", fate.value)
            self.choices.addButton(button)
            layout.addWidget(button)

    def choose(self, fate: CodingFate) -> None:
        for button in self.choices.buttons():
            if button.property("fate") == fate.value and button.isEnabled():
                button.setChecked(True)

    def fate(self) -> CodingFate | None:
        """The choice; :attr:`CodingFate.DELETE` when there is nothing to choose."""
        if not self.summary.codings:
            return CodingFate.DELETE
        button = self.choices.checkedButton()
        return CodingFate(button.property("fate")) if button is not None else None

    def accept(self) -> None:
        if self.fate() is not None:
            super().accept()


class MergeCodeDialog(QDialog):
    """Choose the code that takes over the codings, subcodes and memos of another code."""

    def __init__(self, codebook: Codebook, source_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_id = source_id
        source = codebook.by_id[source_id]
        self.setWindowTitle(_("Merge code"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Search codes…"))
        self.filter.setClearButtonEnabled(True)
        tree_model = CodeTreeModel(self)
        tree_model.set_codebook(codebook)
        self.proxy = CodeFilterProxy(tree_model, self)
        self.proxy.set_excluded({source_id})
        self.tree = CodeTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setDragDropMode(CodeTreeView.DragDropMode.NoDragDrop)
        self.tree.setSelectionMode(CodeTreeView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(CodeTreeView.EditTrigger.NoEditTriggers)
        self.tree.hideColumn(Column.KEY)
        self.tree.expandAll()
        box, self.ok = _buttons(self, _("Merge"))
        self.ok.setEnabled(False)
        self.tree.selectionModel().currentChanged.connect(self._update_ok)
        self.tree.code_activated.connect(lambda _code: self.accept())
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        text = _(
            "Merge “{name}” into which code? Its codings, subcodes and memos go to that code, "
            "and “{name}” is removed."
        ).format(name=source.name)
        layout.addWidget(_wrapped(text))
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(box)
        self.resize(480, 520)

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self.tree.expandAll()

    def _update_ok(self, *_args: object) -> None:
        self.ok.setEnabled(self.target() is not None)

    def choose(self, code_id: int) -> None:
        self.tree.setCurrentIndex(self.proxy.index_of(code_id))

    def target(self) -> int | None:
        return self.tree.current_code()

    def accept(self) -> None:
        if self.target() is not None:
            super().accept()
