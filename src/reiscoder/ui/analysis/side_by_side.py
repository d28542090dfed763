"""Two coders' codings of one document side by side, the disputed passage marked."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QTextEdit, QVBoxLayout, QWidget

from reiscoder.analysis.agreement import AgreementResult, Disagreement
from reiscoder.i18n import _
from reiscoder.read.transcript import document_text, load_codings
from reiscoder.ui.transcript.positions import Utf16Map
from reiscoder.ui.workbench import Workbench


class SideBySide(QWidget):
    """The document around a disagreement, once per coder, each with their own codings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.views: list[tuple[QLabel, QTextEdit]] = []
        self.code_names: dict[int, str] = {}
        self.passage = (0, 0)
        self.hint = QLabel(
            _("Choose a disagreement to see the coders' codings side by side."), self
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(mid);")
        self.layout_.addWidget(self.hint)

    def clear(self) -> None:
        for label, _view in self.views:
            label.parentWidget().deleteLater()
        self.views = []
        self.hint.show()

    def show(self, workbench: Workbench, d: Disagreement, result: AgreementResult) -> None:
        """One pane per coder, each scrolled to the disputed passage."""
        self.clear()
        self.hint.hide()
        with workbench.pseudonyms.reader() as session:
            text = document_text(session, d.document_id)
            codings = load_codings(session, d.document_id)
        utf16 = Utf16Map(text)
        for index, coder_id in enumerate(result.spec.coder_ids):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            codes = ", ".join(self.code_names.get(c, "?") for c in d.codes_of(index)) or "—"
            label = QLabel(f"<b>{escape(result.coder_names[index])}</b>: {escape(codes)}", box)
            label.setWordWrap(True)
            view = QTextEdit(box)
            view.setReadOnly(True)
            view.setPlainText(text)
            mine = [c for c in codings if c.coder_id == coder_id]
            view.setExtraSelections(self._marks(view, utf16, mine, d))
            cursor = view.textCursor()
            cursor.setPosition(utf16.to_qt(d.start))
            view.setTextCursor(cursor)
            column.addWidget(label)
            column.addWidget(view)
            self.layout_.addWidget(box)
            self.views.append((label, view))
        self.passage = (utf16.to_qt(d.start), utf16.to_qt(d.end))
        QApplication.processEvents()  # lay the panes out, so that they can scroll
        self.reveal()

    def reveal(self) -> None:
        """Scroll every pane so that the disputed passage is in the middle of it."""
        for _label, view in self.views:
            cursor = view.textCursor()
            cursor.setPosition(self.passage[1])
            view.setTextCursor(cursor)
            view.ensureCursorVisible()
            cursor.setPosition(self.passage[0])
            view.setTextCursor(cursor)
            view.ensureCursorVisible()
            bar = view.verticalScrollBar()
            top = view.cursorRect(cursor).top()
            bar.setValue(bar.value() + top - view.viewport().height() // 3)

    def passage_visible(self) -> list[bool]:
        """For each pane, whether the start of the disputed passage is in view."""
        found = []
        for _label, view in self.views:
            cursor = QTextCursor(view.document())
            cursor.setPosition(self.passage[0])
            found.append(view.viewport().rect().contains(view.cursorRect(cursor).center()))
        return found

    @staticmethod
    def _marks(view: QTextEdit, utf16: Utf16Map, codings: list, d: Disagreement) -> list:
        selections = []
        for coding in codings:
            selection = QTextEdit.ExtraSelection()
            color = QColor(coding.color)
            color.setAlpha(70)
            selection.format.setBackground(color)
            selection.format.setToolTip(coding.code_path)
            selection.cursor = _cursor(view, utf16, coding.start, coding.end)
            selections.append(selection)
        mark = QTextEdit.ExtraSelection()
        mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        mark.format.setUnderlineColor(QColor("#c0392b"))
        mark.format.setFontWeight(600)
        mark.cursor = _cursor(view, utf16, d.start, d.end)
        selections.append(mark)
        return selections


def _cursor(view: QTextEdit, utf16: Utf16Map, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16.to_qt(start))
    cursor.setPosition(utf16.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor
