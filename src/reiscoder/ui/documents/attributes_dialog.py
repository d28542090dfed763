"""The attribute values of one document in a form; saving them is one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reiscoder.i18n import _
from reiscoder.ops.batches import set_document_values
from reiscoder.read.documents import document_name, document_values, load_attributes, used_values
from reiscoder.ui.documents.fields import AttributeForm
from reiscoder.ui.workbench import Workbench


class DocumentAttributesDialog(QDialog):
    def __init__(self, workbench: Workbench, document_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workbench = workbench
        self.document_id = document_id
        with workbench.reader() as session:
            name = document_name(session, document_id)
            attributes = load_attributes(session)
            self.original = document_values(session, document_id)
            suggestions = used_values(session)
        self.setWindowTitle(_("Attributes — {document}").format(document=name))
        self.setMinimumWidth(420)
        self.form = AttributeForm(attributes, suggestions, self)
        self.form.set_values(self.original)
        self.form.setEnabled(not workbench.read_only)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        if attributes:
            layout.addWidget(self.form)
        else:
            empty = QLabel(_("This project has no document attributes yet."))
            empty.setStyleSheet("color: #7b8794;")
            layout.addWidget(empty)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """Save what changed as one step; the dialog stays open when a value is not valid."""
        changed = self.form.changed_values(self.original)
        if changed and not self.workbench.read_only:
            document_id = self.document_id
            outcome = self.workbench.execute(lambda s: set_document_values(s, document_id, changed))
            if outcome is None:
                return
        super().accept()
