"""Analyse > Word cloud: the lemmas of a code, a document or a speaker role, as a picture
that can be saved as PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reiscoder.analysis.common import attribute_values
from reiscoder.analysis.wordcloud import Cloud, word_cloud
from reiscoder.analysis.words import WordSource
from reiscoder.i18n import _
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.documents import role_attribute
from reiscoder.ui.messages import warn
from reiscoder.ui.workbench import Workbench


class WordCloudDialog(QDialog):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle(_("Word cloud"))
        self.resize(820, 620)
        self.of = QComboBox()
        self.of.addItem(_("The whole project"), ("all", None, None))
        with workbench.reader() as session:
            for code in load_code_tree(session).walk():
                self.of.addItem(
                    _("Code: {name}").format(name=code.name), ("code", code.id, code.color)
                )
            from reiscoder.analysis.common import document_names

            for document_id, name in document_names(session).items():
                self.of.addItem(
                    _("Document: {name}").format(name=name), ("document", document_id, None)
                )
            role = role_attribute(session)
            if role is not None:
                for value in attribute_values(session, role.id):
                    self.of.addItem(
                        _("Role: {value}").format(value=value), ("role", role.id, value)
                    )
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(420)
        self.cloud: Cloud | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save = buttons.addButton(_("Save…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save.clicked.connect(self.ask_save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Words of"), self.of)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.picture, 1)
        layout.addWidget(buttons)
        self.of.currentIndexChanged.connect(self.redraw)
        self.redraw()

    def source(self) -> tuple[WordSource, str | None]:
        kind, key, extra = self.of.currentData()
        if kind == "code":
            return WordSource(code_ids=frozenset({key})), extra
        if kind == "document":
            return WordSource(document_ids=frozenset({key})), None
        if kind == "role":
            return WordSource(case_attribute_id=key, case_value=extra), None
        return WordSource(), None

    def redraw(self) -> None:
        source, color = self.source()
        with self.workbench.reader() as session:
            self.cloud = word_cloud(session, source, color=color)
        self.save.setEnabled(self.cloud is not None)
        if self.cloud is None:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(_("There are no words to make a cloud of."))
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self.cloud.png)
        self.picture.setPixmap(
            pixmap.scaled(
                760,
                480,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def ask_save(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save word cloud"), _("word cloud") + ".png", "PNG (*.png);;SVG (*.svg)"
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if self.cloud is None:
            return
        try:
            if path.suffix.lower() == ".svg":
                path.write_text(self.cloud.svg, encoding="utf-8")
            else:
                path.write_bytes(self.cloud.png)
        except OSError as error:
            warn(self, _("Export failed"), str(error))


def open_word_cloud(parent: QWidget, workbench: Workbench) -> WordCloudDialog | None:
    if workbench.project is None:
        return None
    dialog = WordCloudDialog(workbench, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
