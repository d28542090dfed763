"""A relation between two codes: which two, what kind (four of reiscoder's or an own kind),
whether it reads one way, and a memo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.relations import directed_by_default, kind_from_text, relation_kinds
from reiscoder.ui.workbench import Workbench


class RelationDialog(QDialog):
    def __init__(
        self,
        workbench: Workbench,
        source_id: int | None = None,
        target_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Relation between codes"))
        self.source = QComboBox()
        self.target = QComboBox()
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.setToolTip(_("Choose a kind, or type a kind of your own"))
        self.directed = QCheckBox(_("Reads one way (an arrow from the first to the second)"))
        self.memo = QPlainTextEdit()
        self.memo.setPlaceholderText(_("Memo: why these codes are related"))
        with workbench.reader() as session:
            for code in load_code_tree(session).walk():
                for combo in (self.source, self.target):
                    combo.addItem("    " * code.depth + code.name, code.id)
            for kind, label in relation_kinds(session):
                self.kind.addItem(label, kind)
        for combo, wanted in ((self.source, source_id), (self.target, target_id)):
            if wanted is not None:
                combo.setCurrentIndex(combo.findData(wanted))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._kind_chosen()
        form = QFormLayout(self)
        form.addRow(_("Code"), self.source)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Code"), self.target)
        form.addRow("", self.directed)
        form.addRow(_("Memo"), self.memo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _kind_chosen(self) -> None:
        self.directed.setChecked(directed_by_default(self.kind_value()))

    def kind_value(self) -> str:
        text = self.kind.currentText()
        index = self.kind.findText(text)
        if index >= 0 and self.kind.itemData(index):
            return str(self.kind.itemData(index))
        return kind_from_text(text)

    def values(self) -> tuple[int, int, str, bool, str]:
        return (
            int(self.source.currentData()),
            int(self.target.currentData()),
            self.kind_value(),
            self.directed.isChecked(),
            self.memo.toPlainText().strip(),
        )
