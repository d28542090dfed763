"""Recordings in the Documents panel: link, unlink, find again, and transcribe a recording."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QWidget

from reiscoder.i18n import _
from reiscoder.model import Document, SegmentationState
from reiscoder.model.errors import OperationError
from reiscoder.ops.recordings import (
    MediaFile,
    inspect_media,
    link_recording,
    relink_recording,
    unlink_recording,
)
from reiscoder.ops.transcription import start_transcription
from reiscoder.read.recordings import FileState, RecordingInfo, recording_of
from reiscoder.ui.media.controller import media_filter
from reiscoder.ui.media.transcription import TranscriptionWindow
from reiscoder.ui.workbench import Workbench


class RecordingActions(QObject):
    def __init__(self, workbench: Workbench, panel: QWidget) -> None:
        super().__init__(panel)
        self.workbench = workbench
        self.panel = panel
        self.windows: list[TranscriptionWindow] = []
        panel.menu_hooks.append(self.add_to_menu)  # type: ignore[attr-defined]

    # -- the menu --------------------------------------------------------------------------

    def add_to_menu(self, menu: QMenu, document_id: int | None) -> None:
        if self.workbench.project is None or self.workbench.read_only:
            return
        menu.addSeparator()
        if document_id is not None:
            with self.workbench.reader() as session:
                recording = recording_of(session, self.workbench.project.path, document_id)
                state = session.get(Document, document_id).segmentation
            if state == SegmentationState.TRANSCRIBING and recording is not None:
                menu.addAction(_("Continue transcribing…"),
                               lambda: self.transcribe(document_id, recording.file))  # fmt: skip
            menu.addAction(_("Link a recording…"), lambda: self.link(document_id))
            if recording is not None:
                if recording.state() is FileState.MISSING:
                    menu.addAction(_("Find recording…"), lambda: self.find(recording))
                menu.addAction(_("Unlink the recording"), lambda: self.unlink(document_id))
        menu.addAction(_("New transcript of a recording…"), self.new_transcript)

    # -- what the entries do ---------------------------------------------------------------

    def _ask_media(self, title: str, folder: str = "") -> MediaFile | None:
        chosen, _filter = QFileDialog.getOpenFileName(self.panel, title, folder, media_filter())
        if not chosen:
            return None
        return self._inspect(Path(chosen))

    def _inspect(self, path: Path) -> MediaFile | None:
        try:
            return inspect_media(path)
        except OperationError as error:
            self.workbench.failed.emit(error.message)
            return None

    def link(self, document_id: int, path: Path | None = None) -> bool:
        media = self._inspect(path) if path else self._ask_media(_("Link a recording"))
        if media is None or self.workbench.project is None:
            return False
        project = self.workbench.project.path
        done = self.workbench.execute(lambda s: link_recording(s, project, document_id, media))
        return done is not None

    def unlink(self, document_id: int) -> bool:
        return self.workbench.execute(lambda s: unlink_recording(s, document_id)) is not None

    def find(self, recording: RecordingInfo, path: Path | None = None) -> bool:
        """ "Opname zoeken...": one question; every document that uses it is relinked."""
        title = _("Find recording “{name}”").format(name=recording.name)
        media = self._inspect(path) if path else self._ask_media(title, str(recording.file.parent))
        if media is None or self.workbench.project is None:
            return False
        project, recording_id = self.workbench.project.path, recording.id
        done = self.workbench.execute(lambda s: relink_recording(s, project, recording_id, media))
        return done is not None

    def new_transcript(self, path: Path | None = None, name: str | None = None):
        """Transcription mode: a new empty document for a recording; returns its window."""
        media = self._inspect(path) if path else self._ask_media(_("Transcribe a recording"))
        if media is None or self.workbench.project is None:
            return None
        if name is None:
            name, accepted = QInputDialog.getText(
                self.panel, _("New transcript"), _("Name of the document:"), text=media.path.stem
            )
            if not accepted:
                return None
        project, coder = self.workbench.project.path, self.workbench.coder_id
        outcome = self.workbench.execute(
            lambda s: start_transcription(s, project, name or media.path.stem, media, coder)
        )
        if outcome is None or outcome.created_id is None:
            return None
        return self.transcribe(outcome.created_id, media.path)

    def transcribe(self, document_id: int, media: Path) -> TranscriptionWindow:
        window = TranscriptionWindow(self.workbench, document_id, media)
        window.finished.connect(self._finished)
        self.windows.append(window)
        window.show()
        return window

    def _finished(self, document_id: int) -> None:
        self.panel.finish_segmentation()  # type: ignore[attr-defined]
        self.workbench.show_document(document_id)
