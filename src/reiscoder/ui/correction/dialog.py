"""Edit mode for a transcript: correct the text, review what the correction does, then save it
as one undoable step.

Coded passages are tinted while editing (the tint moves with the text as you type). "Review"
compares the text with the stored one and lists every coding that could not be placed
exactly; "Save correction" is possible once the current text has been reviewed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import Outcome
from reiscoder.ops.correct import (
    MERGED,
    CodingFate,
    CorrectionPlan,
    correct_transcript,
    plan_correction,
)
from reiscoder.ops.remap import Fit
from reiscoder.read.transcript import load_document_view
from reiscoder.ui.lists.table import Column, RowTableModel
from reiscoder.ui.transcript.positions import Utf16Map
from reiscoder.ui.workbench import Workbench

Index = QModelIndex | QPersistentModelIndex
CODE, BEFORE, NOW, WHY = range(4)


def fate_reason(fate: CodingFate) -> str:
    if fate.fit == Fit.DELETED:
        return _("its text was deleted; now on the nearest word")
    if fate.fit == MERGED:
        return _("now on the same words as another coding with this code; merged")
    return _("text inside it was corrected")


def unplaced_model() -> RowTableModel[CodingFate]:
    """The codings a correction could not place exactly; the coding id in ID_ROLE."""

    def column(header, text) -> Column[CodingFate]:
        return Column(header, text, text, tooltip=text)

    return RowTableModel(
        [
            column(lambda: _("Code"), lambda f: f.code),
            column(lambda: _("Coded text before"), lambda f: f.quote),
            column(lambda: _("Coded text now"), lambda f: f.text_now),
            column(lambda: _("Why"), fate_reason),
        ],
        row_id=lambda fate: fate.coding_id,
    )


class CorrectionDialog(QDialog):
    def __init__(self, workbench: Workbench, document_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workbench = workbench
        self.document_id = document_id
        self.plan: CorrectionPlan | None = None
        self.reviewed_text: str | None = None
        self.outcome: Outcome | None = None
        with workbench.reader() as session:
            view = load_document_view(session, document_id)
        if view is None:
            raise OperationError(_("This document no longer exists."))
        self.original = view.text
        self.setWindowTitle(_("Correct transcript “{name}”").format(name=view.name))
        self.resize(980, 680)  # fits a 1366x768 laptop screen with its title and task bar
        self._build()
        self.editor.setPlainText(view.text)
        self._tint_codings(view)
        self.editor.textChanged.connect(self._text_changed)
        self._text_changed()

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        intro = QLabel(
            _(
                "Correct typos, misheard words or speaker labels. Coded passages are tinted. "
                "To merge two turns, delete the second label; to split a turn, put a speaker "
                "label at the start of a new line."
            )
        )
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unplaced = unplaced_model()
        self.table = QTableView()
        self.table.setModel(self.unplaced)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (BEFORE, NOW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.ResizeToContents)
        review_box = QWidget()
        review_layout = QVBoxLayout(review_box)
        review_layout.setContentsMargins(0, 6, 0, 0)
        review_layout.addWidget(self.summary)
        review_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(review_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.buttons = QDialogButtonBox()
        self.review_button = QPushButton(_("&Review changes"))
        self.review_button.setToolTip(_("Show what the correction does before saving (F5)"))
        self.save_button = QPushButton(_("&Save correction"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.review_button.clicked.connect(self.review)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.review)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        row = QHBoxLayout()
        row.addWidget(self.review_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

    def _tint_codings(self, view: Any) -> None:
        positions = Utf16Map(view.text)
        selections = []
        for coding in view.codings:
            tint = QColor(coding.color)
            tint.setAlpha(60)
            chosen = QTextEdit.ExtraSelection()
            chosen.format = QTextCharFormat()
            chosen.format.setBackground(tint)
            chosen.format.setToolTip(coding.code_name)
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(positions.to_qt(coding.start))
            cursor.setPosition(positions.to_qt(coding.end), QTextCursor.MoveMode.KeepAnchor)
            chosen.cursor = cursor
            selections.append(chosen)
        self.editor.setExtraSelections(selections)

    # -- state -----------------------------------------------------------------------------

    def text(self) -> str:
        """The edited text, exactly (non-breaking spaces kept, paragraphs as line feeds)."""
        return self.editor.document().toRawText().replace("\u2029", "\n")

    def _text_changed(self) -> None:
        current = self.text()
        changed = current != self.original
        self.review_button.setEnabled(changed)
        self.save_button.setEnabled(changed and current == self.reviewed_text)
        if current != self.reviewed_text:
            self.summary.setText(
                _("Review the changes to see what happens to the codings before saving.")
                if changed
                else _("No changes yet.")
            )
            self.unplaced.set_rows([])

    def review(self) -> CorrectionPlan | None:
        current = self.text()
        try:
            with self.workbench.reader() as session:
                plan = plan_correction(session, self.document_id, current)
        except OperationError as error:
            self.summary.setText(error.message)
            return None
        self.plan, self.reviewed_text = plan, current
        self.unplaced.set_rows(plan.unplaced)
        self.summary.setText(self._describe(plan))
        self._text_changed()
        return plan

    def _describe(self, plan: CorrectionPlan) -> str:
        text = plan.summary() + "."
        if plan.unplaced:
            text += " " + _(
                "These codings could not be placed exactly. They are kept where shown; check "
                "them after saving:"
            )
        else:
            text += " " + _("Every coding keeps exactly its text.")
        return text

    def save(self) -> Outcome | None:
        current = self.text()
        if self.plan is None or current != self.reviewed_text:
            return None
        coder = self.workbench.coder_id
        document = self.document_id
        outcome = self.workbench.execute(
            lambda session: correct_transcript(session, document, current, coder)
        )
        if outcome is None:
            return None
        self.outcome = outcome
        self.accept()
        return outcome


def start_correction(
    parent: QWidget | None, workbench: Workbench, document_id: int
) -> Outcome | None:
    """Bewerken > Transcript corrigeren…: the edit mode for one document; the saved outcome."""
    if workbench.project is None:
        return None
    if workbench.read_only or workbench.coder_id is None:
        QMessageBox.information(
            parent, _("Correct transcript"), _("This project is open read-only.")
        )
        return None
    try:
        dialog = CorrectionDialog(workbench, document_id, parent)
    except OperationError as error:
        QMessageBox.warning(parent, _("Correct transcript"), error.message)
        return None
    dialog.exec()
    if dialog.outcome is not None:
        workbench.show_document(document_id)
    return dialog.outcome
