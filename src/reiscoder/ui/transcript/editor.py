"""The read-only text of a transcript: selection snaps to words and can be dragged onto a code."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from reiscoder.read.layers import snap_to_words
from reiscoder.ui.transcript.positions import Utf16Map
from reiscoder.ui.workbench import SELECTION_MIME


class TranscriptEdit(QTextEdit):
    selection_settled = Signal()  # the user finished selecting (mouse released, keys moved)
    clicked = Signal(int)  # a plain click (no text selected) at this code point position
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setViewportMargins(0, 0, 0, 0)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self.document().setDocumentMargin(28)
        self.text = ""
        self.map = Utf16Map("")
        self.document_id: int | None = None
        # The shown text may differ from the document's (pseudonyms): its ranges to the
        # document's own, for what is dragged onto a code.
        self.source_range: Callable[[int, int], tuple[int, int]] = lambda start, end: (start, end)

    def show_text(self, document_id: int, text: str) -> None:
        self.document_id = document_id
        self.text = text
        self.map = Utf16Map(text)
        self.setPlainText(text)

    # -- positions in code points ----------------------------------------------------------

    def selection_range(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.map.from_qt(cursor.selectionStart())
        end = self.map.from_qt(cursor.selectionEnd())
        return (start, end) if start < end else None

    def cursor_position(self) -> int:
        return self.map.from_qt(self.textCursor().position())

    def character_at(self, point: QPoint) -> int:
        """The character under ``point`` (viewport coordinates): the one left of the nearest
        cursor position when the point lies left of it."""
        cursor = self.cursorForPosition(point)
        if cursor.position() > 0 and self.cursorRect(cursor).left() > point.x():
            cursor.setPosition(cursor.position() - 1)
        return self.map.from_qt(cursor.position())

    def select_range(self, start: int, end: int, *, scroll: bool = True) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.map.to_qt(start))
        cursor.setPosition(self.map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.ensureCursorVisible()

    def snap_selection(self) -> None:
        """Widen the selection to whole words (and trim its white space)."""
        selected = self.selection_range()
        if selected is None:
            return
        start, end = snap_to_words(self.text, *selected)
        if (start, end) != selected and start < end:
            self.select_range(start, end, scroll=False)

    # -- Qt API ------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.snap_selection()
            self.selection_settled.emit()
            if not self.textCursor().hasSelection():
                self.clicked.emit(self.character_at(event.position().toPoint()))

    def keyReleaseEvent(self, event) -> None:
        super().keyReleaseEvent(event)
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.selection_settled.emit()

    def createMimeDataFromSelection(self) -> QMimeData:
        """A drag of selected text carries its document and range, for dropping on a code."""
        # Qt's own mime data lists a fixed set of formats, so a format added to it would not be
        # seen by the drop target: copy its text into a plain QMimeData instead.
        mime = QMimeData()
        mime.setText(self.textCursor().selectedText().replace("\u2029", "\n"))
        selected = self.selection_range()
        if selected is not None and self.document_id is not None:
            start, end = self.source_range(*snap_to_words(self.text, *selected))
            payload = f"{self.document_id} {start} {end}".encode("ascii")
            mime.setData(SELECTION_MIME, payload)
        return mime
