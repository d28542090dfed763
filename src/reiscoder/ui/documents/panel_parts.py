"""Small parts of the Documents panel: the empty state, the status line, the delete question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.read.documents import DocumentLoss
from reiscoder.ui.documents.table_model import format_count

MUTED_STYLE = "color: #7b8794;"
LINK_STYLE = "QPushButton { border: none; color: #1f5f8b; padding: 0 2px; }"


class EmptyState(QWidget):
    """Shown instead of the table when there is nothing to list."""

    def __init__(self, import_files: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 11pt; font-weight: 600; color: #3e4c59;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setStyleSheet(MUTED_STYLE)
        self.button = QPushButton(_("Import transcripts…"))
        self.button.clicked.connect(lambda _checked=False: import_files())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 24, 16, 24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_no_project(self) -> None:
        self.title.setText(_("No project open"))
        self.text.setText(_("Open a project, or the demo project, from the File menu."))
        self.button.hide()

    def show_no_documents(self, *, can_import: bool) -> None:
        self.title.setText(_("No documents yet"))
        self.text.setText(
            _("Drop transcripts here (.docx, .txt, .odt, .rtf, .pdf, .srt, .vtt) or import them.")
            if can_import
            else _("This project has no documents.")
        )
        self.button.setVisible(can_import)


class StatusStrip(QWidget):
    """How many documents (and words) are shown, and sentence work going on."""

    clear_filters = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = QLabel()
        self.counts.setStyleSheet(MUTED_STYLE)
        self.clear_button = QPushButton(_("Clear filter"))
        self.clear_button.setStyleSheet(LINK_STYLE)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(lambda _checked=False: self.clear_filters.emit())
        self.clear_button.hide()
        self.work = QLabel()
        self.work.setStyleSheet(MUTED_STYLE)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(60, 6)
        self.bar.hide()
        self.segmenting = 0
        self.run = (0, 0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(6)
        layout.addWidget(self.counts)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        layout.addWidget(self.work)
        layout.addWidget(self.bar)

    def show_counts(self, shown: int, total: int, words: int) -> None:
        if shown == total:
            text = ngettext("{count} document", "{count} documents", total).format(
                count=format_count(total)
            )
            text += " · " + ngettext("{count} word", "{count} words", words).format(
                count=format_count(words)
            )
        else:
            text = _("{shown} of {total} documents").format(shown=shown, total=total)
        self.counts.setText(text)

    def show_filtered(self, active: bool) -> None:
        self.clear_button.setVisible(active)

    def show_segmenting(self, count: int) -> None:
        self.segmenting = count
        self._update_work()

    def show_run(self, done: int, total: int) -> None:
        self.run = (done, total)
        self._update_work()

    def _update_work(self) -> None:
        done, total = self.run
        if total and done < total:
            self.work.setText(_("Sentences: {done} of {total}").format(done=done, total=total))
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.bar.show()
        elif self.segmenting:
            self.work.setText(
                ngettext(
                    "Sentences being determined for {count} document…",
                    "Sentences being determined for {count} documents…",
                    self.segmenting,
                ).format(count=self.segmenting)
            )
            self.bar.hide()
        else:
            self.work.setText("")
            self.bar.hide()
        self.work.setToolTip(
            _("Documents can be opened and coded while their sentences are determined.")
        )


def deletion_question(parent: QWidget, names: list[str], loss: DocumentLoss) -> QMessageBox:
    """A question that says what deleting these documents takes with it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Delete documents"))
    if len(names) == 1:
        box.setText(_("Delete the document “{name}”?").format(name=names[0]))
    else:
        box.setText(
            ngettext("Delete {count} document?", "Delete {count} documents?", len(names)).format(
                count=len(names)
            )
        )
    box.setInformativeText(_loss_text(loss))
    delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.delete_button = delete  # type: ignore[attr-defined] - for tests and keyboard users
    return box


def _loss_text(loss: DocumentLoss) -> str:
    if loss.codings == 0:
        lines = [_("No codings are lost.")]
    else:
        lines = [
            ngettext(
                "{count} coding will be lost.", "{count} codings will be lost.", loss.codings
            ).format(count=format_count(loss.codings))
        ]
        if loss.coders > 1:
            lines.append(_("They were made by {count} coders.").format(count=loss.coders))
    if loss.memos:
        lines.append(
            ngettext("{count} memo goes too.", "{count} memos go too.", loss.memos).format(
                count=loss.memos
            )
        )
    lines.append(_("You can undo this with Ctrl+Z."))
    return " ".join(lines)
