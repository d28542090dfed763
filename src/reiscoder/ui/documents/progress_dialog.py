"""While an import runs: how far it is, what happened to each file, and a Cancel button.

The same dialog is the per-file report at the end. It is not modal: imported documents can be
opened (and coded) while the rest is still coming in.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.ingest.batch import FileReport, FileStatus

PATH_ROLE = Qt.ItemDataRole.UserRole
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {
    FileStatus.IMPORTED: QColor("#2b7a4b"),
    FileStatus.FAILED: QColor("#b3261e"),
    FileStatus.DUPLICATE: QColor("#8a5a00"),
    FileStatus.CANCELLED: QColor("#7b8794"),
}


def status_text(report: FileReport) -> str:
    if report.status is FileStatus.IMPORTED:
        if report.warnings:
            return _("Imported — note: {warning}").format(warning=report.warnings[0])
        return _("Imported")
    if report.status is FileStatus.CANCELLED:
        return _("Cancelled: not imported")
    return report.message


def count_phrase(status: FileStatus, count: int) -> str:
    phrase = {
        FileStatus.IMPORTED: lambda: ngettext("{count} imported", "{count} imported", count),
        FileStatus.FAILED: lambda: ngettext("{count} failed", "{count} failed", count),
        FileStatus.DUPLICATE: lambda: ngettext(
            "{count} imported before", "{count} imported before", count
        ),
        FileStatus.CANCELLED: lambda: ngettext("{count} cancelled", "{count} cancelled", count),
    }[status]()
    return phrase.format(count=count)


class ImportProgressDialog(QDialog):
    cancel_requested = Signal()
    open_requested = Signal(int)  # document id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import transcripts"))
        self.setModal(False)
        self.resize(640, 380)
        self.headline = QLabel()
        self.headline.setStyleSheet("font-weight: 600;")
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.sentences = QLabel()
        self.sentences.setStyleSheet("color: #7b8794;")
        self.files = QTreeWidget()
        self.files.setHeaderLabels([_("File"), _("Result")])
        self.files.setRootIsDecorated(False)
        self.files.setUniformRowHeights(True)
        self.files.setAlternatingRowColors(True)
        self.files.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        self.files.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.files.header().setStretchLastSection(True)
        self.files.itemActivated.connect(self._open)
        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(_("Cancel"))
        self.close_button = QPushButton(_("Close"))
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.setFocus()
        self.close_button.clicked.connect(self.accept)
        self.done_count = self.total = self.segmented = self.to_segment = 0
        self.finished_all = False
        self.statuses: dict[str, FileStatus] = {}  # path -> what happened to it
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        for widget in (self.headline, self.bar, self.sentences, self.files, self.buttons):
            layout.addWidget(widget)

    # -- a run -------------------------------------------------------------------------------

    def begin(self, paths: list[Path]) -> None:
        """Show ``paths`` as waiting (files shown before keep their row)."""
        self.finished_all = False
        self.done_count, self.total = 0, len(paths)
        for path in paths:
            self.statuses.pop(str(path), None)
            item = self._item(path) or self._new_item(path)
            item.setText(1, _("Waiting…"))
            item.setForeground(1, QBrush(STATUS_COLORS[FileStatus.CANCELLED]))
        self.bar.setRange(0, max(1, self.total))
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.close_button.hide()
        self._update_text()

    def on_stored(self, report: FileReport, done: int, total: int) -> None:
        self.done_count, self.total = done, total
        self.bar.setValue(done)
        self.show_report(report)
        if report.status is FileStatus.IMPORTED:
            self.to_segment += 1
        if done == total:  # only sentences are left: closing no longer cancels anything
            self.cancel_button.hide()
            self.close_button.show()
        self._update_text()

    def on_segmented(self, _document_id: int) -> None:
        self.segmented += 1
        self._update_text()

    def finish(self, reports: list[FileReport]) -> None:
        for report in reports:
            self.show_report(report)
        self.finished_all = True
        self.bar.setValue(self.bar.maximum())
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self._update_text()

    def show_report(self, report: FileReport) -> None:
        item = self._item(report.path) or self._new_item(report.path)
        self.statuses[str(report.path)] = report.status
        item.setText(1, status_text(report))
        item.setToolTip(1, "\n".join([status_text(report), *report.warnings[1:]]))
        item.setForeground(1, QBrush(STATUS_COLORS[report.status]))
        item.setData(0, DOCUMENT_ROLE, report.document_id)

    def result_of(self, path: Path) -> str:
        item = self._item(path)
        return item.text(1) if item is not None else ""

    # -- helpers -----------------------------------------------------------------------------

    def _update_text(self) -> None:
        if self.finished_all:
            self.headline.setText(self._summary())
        else:
            self.headline.setText(
                _("Importing: {done} of {total} files").format(
                    done=self.done_count, total=self.total
                )
            )
        if self.to_segment and self.segmented < self.to_segment:
            self.sentences.setText(
                ngettext(
                    "Sentences determined for {done} of {total} document. "
                    "Imported documents can be opened already.",
                    "Sentences determined for {done} of {total} documents. "
                    "Imported documents can be opened already.",
                    self.to_segment,
                ).format(done=self.segmented, total=self.to_segment)
            )
        elif self.to_segment:
            self.sentences.setText(_("Sentences determined for every document."))
        else:
            self.sentences.setText("")

    def _summary(self) -> str:
        counts = Counter(self.statuses.values())
        parts = [
            count_phrase(status, counts[status])
            for status in FileStatus
            if counts[status] or status is FileStatus.IMPORTED
        ]
        return _("Done: {parts}").format(parts=", ".join(parts))

    def _item(self, path: Path) -> QTreeWidgetItem | None:
        for row in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(row)
            if item.data(0, PATH_ROLE) == str(path):
                return item
        return None

    def _new_item(self, path: Path) -> QTreeWidgetItem:
        item = QTreeWidgetItem([path.name, ""])
        item.setData(0, PATH_ROLE, str(path))
        item.setToolTip(0, str(path))
        self.files.addTopLevelItem(item)
        return item

    def _open(self, item: QTreeWidgetItem) -> None:
        document_id = item.data(0, DOCUMENT_ROLE)
        if document_id is not None:
            self.open_requested.emit(int(document_id))

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.headline.setText(_("Cancelling after the current file…"))
        self.cancel_requested.emit()

    def reject(self) -> None:
        """Escape or the window's close button: cancel a running import, else close."""
        if not self.finished_all and self.done_count < self.total:
            self._cancel()
            return
        super().reject()
