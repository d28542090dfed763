"""Transcription mode, in the conventions Dutch students know from f4transkript.

F4 plays and pauses; playing again after a pause starts a few seconds earlier (the rewind, a
setting). F3 is slower, F5 faster, F2 jumps back. Enter starts a new turn with the player's
time and the next speaker. What is typed is saved as it is typed; "Klaar" reads the turns and
segments the document, after which it is coded like any other.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.errors import UserError
from reiscoder.i18n import _
from reiscoder.model import Document
from reiscoder.ops.bus import NO_TOPICS
from reiscoder.ops.transcription import finish_transcription, save_typed_text, turn_head
from reiscoder.ui.media.controls import PlayerBar
from reiscoder.ui.media.player import SPEEDS, Player
from reiscoder.ui.workbench import Workbench

SAVE_AFTER_MS = 600
REWIND_KEY = "transcription/rewind_seconds"
DEFAULT_SPEAKERS = ("I", "R")


class TypingEdit(QPlainTextEdit):
    new_turn = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.new_turn.emit()
            return
        super().keyPressEvent(event)


class TranscriptionWindow(QWidget):
    finished = Signal(int)  # the document, now ready to be segmented

    def __init__(
        self,
        workbench: Workbench,
        document_id: int,
        media: Path,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.workbench = workbench
        self.document_id = document_id
        self.settings = settings or QSettings()
        self.player = Player(self)
        self.bar = PlayerBar(self.player)
        self.bar.follow.hide()
        self.bar.pin.hide()
        self.bar.play_button.clicked.disconnect()
        self.bar.play_button.clicked.connect(self.toggle)
        self.editor = TypingEdit()
        font = self.editor.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.editor.setFont(font)
        self.speakers = QLineEdit(", ".join(DEFAULT_SPEAKERS))
        self.speakers.setToolTip(_("The speakers in turn, separated by commas"))
        self.rewind = QDoubleSpinBox()
        self.rewind.setRange(0.0, 10.0)
        self.rewind.setSingleStep(0.5)
        self.rewind.setDecimals(1)
        self.rewind.setSuffix(" s")
        self.rewind.setValue(float(self.settings.value(REWIND_KEY, 2.0)))
        self.rewind.valueChanged.connect(lambda v: self.settings.setValue(REWIND_KEY, v))
        self.done_button = QPushButton(_("Done: split into sentences"))
        self.done_button.clicked.connect(self.finish)
        self.saved = QLabel()
        self.saved.setStyleSheet("color: #7b8794;")
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._speaker = -1
        self._layout()
        self.addActions(self._actions())
        self.editor.textChanged.connect(self._typed)
        self.editor.new_turn.connect(self.start_turn)
        self._load(media)

    def _layout(self) -> None:
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Speakers:")))
        options.addWidget(self.speakers, 1)
        options.addWidget(QLabel(_("Rewind on play:")))
        options.addWidget(self.rewind)
        keys = QLabel(
            _(
                "F4 play/pause · F2 back 5 s · F3 slower · F5 faster · Enter: new turn with the "
                "time and the next speaker · F8: insert the time"
            )
        )
        keys.setStyleSheet("color: #7b8794;")
        keys.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved, 1)
        bottom.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(options)
        layout.addWidget(keys)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        self.resize(900, 640)

    def _actions(self) -> list[QAction]:
        actions = []
        for key, slot in (
            ("F4", self.toggle),
            ("F2", lambda: self.player.jump(-5000)),
            ("F3", lambda: self.change_speed(-1)),
            ("F5", lambda: self.change_speed(1)),
            ("F8", self.insert_time),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            actions.append(action)
        return actions

    def _load(self, media: Path) -> None:
        with self.workbench.reader() as session:
            document = session.get(Document, self.document_id)
            name, text = document.name, document.text
        self.setWindowTitle(_("Transcribing “{name}”").format(name=name))
        self.bar.show_recording(media.name)
        self.player.failed.connect(lambda message: self.bar.show_problem(message))
        self.player.load(media)
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        if not text:
            self.start_turn()

    # -- keys ------------------------------------------------------------------------------

    def toggle(self) -> None:
        if self.player.playing:
            self.player.pause()
        else:
            back = round(self.rewind.value() * 1000)
            self.player.play_from(max(0, self.player.position - back))

    def change_speed(self, step: int) -> None:
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.player.speed))
        self.bar.speed.setCurrentIndex(min(max(index + step, 0), len(SPEEDS) - 1))

    def speaker_list(self) -> tuple[str, ...]:
        return tuple(s.strip() for s in self.speakers.text().split(",") if s.strip())

    def start_turn(self) -> None:
        """A new line with the time now and the next speaker."""
        speakers = self.speaker_list()
        self._speaker = (self._speaker + 1) % len(speakers) if speakers else -1
        speaker = speakers[self._speaker] if speakers else ""
        cursor = self.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        prefix = "\n" if self.editor.toPlainText() else ""
        cursor.insertText(prefix + turn_head(self.player.position, speaker))
        self.editor.setTextCursor(cursor)

    def insert_time(self) -> None:
        self.editor.textCursor().insertText(turn_head(self.player.position, "").strip() + " ")

    # -- saving ----------------------------------------------------------------------------

    def _typed(self) -> None:
        self.saved.setText(_("Saving…"))
        self._save_timer.start()

    def save_now(self) -> None:
        self._save_timer.stop()
        if self.workbench.project is None:
            return
        text, document_id = self.editor.toPlainText(), self.document_id
        gateway = self.workbench.gateway
        assert gateway is not None
        try:  # saved as typed, through the gateway; the editor itself undoes typing
            gateway.write(_("Typing"), lambda s: save_typed_text(s, document_id, text), NO_TOPICS)
        except UserError as error:
            self.saved.setText(error.message)
            return
        self.saved.setText(_("Saved."))

    def finish(self) -> bool:
        self.save_now()
        self.player.pause()
        speakers, document_id = self.speaker_list(), self.document_id
        outcome = self.workbench.execute(lambda s: finish_transcription(s, document_id, speakers))
        if outcome is None:
            return False
        self.finished.emit(document_id)
        self.close()
        return True

    def closeEvent(self, event) -> None:
        if self._save_timer.isActive():
            self.save_now()
        self.player.load(None)
        super().closeEvent(event)
