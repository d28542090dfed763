"""The recording of the shown transcript: loads it, follows along, plays from a place or a
passage, pins times, and finds a moved file again.

It sits beside the transcript panel and reaches it only through a few public points (its
editor, layout, the shown document and a context-menu hook), so that the panel itself knows
nothing of recordings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from reiscoder.i18n import _
from reiscoder.model.errors import OperationError
from reiscoder.model.recordings import MEDIA_EXTENSIONS
from reiscoder.ops.bus import NO_TOPICS
from reiscoder.ops.changes import Topic
from reiscoder.ops.recordings import (
    inspect_media,
    record_duration,
    relink_recording,
    set_sync_point,
)
from reiscoder.read.layout import Style, header_spans
from reiscoder.read.recordings import FileState, RecordingInfo, recording_of
from reiscoder.read.timing import Timing, TimingSource, clock, timed_units, timing_source
from reiscoder.ui.media.controls import PlayerBar
from reiscoder.ui.media.follow import FollowAlong
from reiscoder.ui.media.player import SPEEDS, Player
from reiscoder.ui.media.video import VideoDock
from reiscoder.ui.workbench import Workbench

REWIND_MS = 2000  # f4transkript's automatic rewind when playing again after a pause


def media_filter() -> str:
    patterns = " ".join(f"*{extension}" for extension in sorted(MEDIA_EXTENSIONS))
    return ";;".join((_("Recordings ({patterns})").format(patterns=patterns), _("All files (*)")))


class MediaController(QObject):
    def __init__(self, workbench: Workbench, panel: QWidget) -> None:
        super().__init__(panel)
        self.workbench = workbench
        self.panel = panel
        self.editor = panel.editor  # type: ignore[attr-defined]
        self.player = Player(self)
        self.bar = PlayerBar(self.player)
        self.follow = FollowAlong(self.editor)
        self.video: VideoDock | None = None
        self.document_id: int | None = None
        self.recording: RecordingInfo | None = None
        self.timing: Timing | None = None
        self.source: TimingSource | None = None
        self.rewind_ms = REWIND_MS
        panel.layout().insertWidget(1, self.bar)  # under the title, above the text
        self.bar.hide()
        self.bar.pin_requested.connect(self.pin_time)
        self.bar.find_requested.connect(self.find_recording)
        self.bar.follow.toggled.connect(self._follow_toggled)
        self.player.loaded.connect(self._loaded)
        self.player.failed.connect(self._failed)
        self.player.warned.connect(self.bar.message.setText)
        self.player.position_changed.connect(self._position)
        self.player.video_available.connect(self._video)
        workbench.document_requested.connect(lambda d, _s, _e: self.show_document(d))
        workbench.changed.connect(self._on_changed)
        workbench.project_closed.connect(self.unload)
        workbench.play_requested.connect(self.play_passage)
        self.editor.viewport().installEventFilter(self)
        panel.context_hooks.append(self._context_actions)  # type: ignore[attr-defined]
        self.actions = self._make_actions()
        panel.addActions(self.actions)

    def _make_actions(self) -> list[QAction]:
        specs = (
            (_("Play / pause"), "F4", self.toggle),
            (_("Back 5 seconds"), "F2", lambda: self.player.jump(-5000)),
            (_("Slower"), "F3", lambda: self.change_speed(-1)),
            (_("Faster"), "F5", lambda: self.change_speed(1)),
            (_("Pin time"), "Ctrl+T", self.pin_time),
        )
        actions = []
        for text, key, slot in specs:
            action = QAction(text, self.panel)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            actions.append(action)
        return actions

    # -- the shown document ----------------------------------------------------------------

    def show_document(self, document_id: int) -> None:
        if self.workbench.project is None:
            return
        if document_id == self.document_id and self.recording is not None:
            self._refresh_timing()
            return
        self.player.pause()
        self.document_id = document_id
        with self.workbench.reader() as session:
            self.recording = recording_of(session, self.workbench.project.path, document_id)
        self.follow.clear()
        if self.recording is None:
            self.player.load(None)
            self.bar.hide()
            self._hide_video()
            return
        self.bar.show()
        self.bar.show_recording(self.recording.name)
        self._refresh_timing()
        state = self.recording.state()
        if state is FileState.MISSING:
            self.player.load(None)
            self.bar.show_problem(
                _(
                    "The recording “{name}” is not at {path}. The transcript stays usable as "
                    "text; find the recording to listen."
                ).format(name=self.recording.name, path=self.recording.file.parent),
                can_find=not self.workbench.read_only,
            )
            return
        self.player.load(self.recording.file)
        if state is FileState.CHANGED:
            self.bar.message.setText(
                _("The recording changed since it was linked; its times may not fit.")
            )

    def unload(self) -> None:
        self.player.load(None)
        self.document_id = self.recording = self.timing = self.source = None
        self.follow.clear()
        self.bar.hide()
        self._hide_video()

    def _refresh_timing(self) -> None:
        """Read what the times are made of (after a change), then work them out."""
        if self.document_id is None:
            return
        with self.workbench.reader() as session:
            self.source = timing_source(session, self.document_id)
        self._retime()

    def _retime(self) -> None:
        if self.source is None:
            return
        timing = self.source.timing(self.player.duration or None)
        self.timing = timing
        view = self.panel.view  # type: ignore[attr-defined]
        turns = [(t.start, t.end) for t in view.turns] if view is not None else []
        self.follow.set_units(
            self._shown(timed_units(timing, turns)),
            self._shown(timed_units(timing, self.source.sentences)),
        )

    def _shown(self, units):
        positions = self.panel.positions  # type: ignore[attr-defined]
        if positions is None:
            return units
        return [u._replace(start=positions.range(u.start, u.end)[0],
                           end=positions.range(u.start, u.end)[1]) for u in units]  # fmt: skip

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if Topic.DOCUMENTS in topics and self.document_id is not None:
            self.recording = None  # read again: it may have been linked, moved or unlinked
            document_id, self.document_id = self.document_id, None
            self.show_document(document_id)

    # -- the player's news -----------------------------------------------------------------

    def _loaded(self, duration: int) -> None:
        if self.workbench.project is None:
            return
        if self.recording is not None and self.recording.duration_ms != duration:
            recording = self.recording.id  # derived data: no panel needs to show it again
            self.workbench.write(
                _("Recording length"), lambda s: record_duration(s, recording, duration), NO_TOPICS
            )
        self._retime()
        last = max((a.time_ms for a in self.timing.anchors), default=0) if self.timing else 0
        if last > duration + 1000:
            self.bar.message.setText(
                _(
                    "The recording lasts {duration}, but the transcript has times up to {last}: "
                    "is it the right recording? Later turns play from its end."
                ).format(duration=clock(duration), last=clock(last))
            )

    def _failed(self, message: str) -> None:
        self.bar.show_problem(message)
        self._hide_video()

    def _position(self, position: int) -> None:
        if self.timing is not None:
            self.follow.follow(position)

    def _follow_toggled(self, on: bool) -> None:
        self.follow.keep_in_view = on

    # -- playing -------------------------------------------------------------------------

    def toggle(self) -> None:
        """Play or pause; playing again after a pause starts a little earlier (rewind)."""
        if self.player.playing:
            self.player.pause()
        else:
            self.player.play_from(max(0, self.player.position - self.rewind_ms))

    def change_speed(self, step: int) -> None:
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.player.speed))
        index = min(max(index + step, 0), len(SPEEDS) - 1)
        self.bar.speed.setCurrentIndex(index)

    def play_at(self, position: int) -> None:
        """Play from the moment ``position`` (of the document's text) is spoken."""
        if self.timing is not None and self.player.ready:
            self.player.play_from(self.timing.time_at(position))

    def play_passage(self, document_id: int, start: int, end: int) -> None:
        """Play just the passage ``start``..``end`` of a document (a coded fragment)."""
        if document_id != self.workbench.current_document_id:
            self.workbench.show_document(document_id, start, end)
        elif document_id != self.document_id:
            self.show_document(document_id)
        if self.timing is None or self.recording is None:
            self.workbench.failed.emit(_("This document has no recording to play."))
            return
        begin, finish = self.timing.time_at(start), self.timing.time_at(end)
        if self.player.ready:
            self.player.play_passage(begin, finish)
        else:
            self.player.loaded.connect(
                lambda _d, b=begin, f=finish: self.player.play_passage(b, f),
                Qt.ConnectionType.SingleShotConnection,
            )

    def pin_time(self) -> None:
        """ "Tijd vastzetten": the place at the cursor is spoken at the player's time now."""
        if self.document_id is None or not self.player.ready or self.workbench.read_only:
            return
        cursor = self.editor.cursor_position()
        position = self.panel._source_range(cursor, cursor)[0]  # type: ignore[attr-defined]
        document_id, moment = self.document_id, self.player.position
        self.workbench.execute(lambda s: set_sync_point(s, document_id, position, moment))

    # -- finding a moved recording ---------------------------------------------------------

    def find_recording(self, path: Path | None = None) -> bool:
        """ "Opname zoeken...": ask once where the file is now; every document using it follows."""
        if self.recording is None or self.workbench.project is None:
            return False
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.panel, _("Find recording “{name}”").format(name=self.recording.name),
                str(self.recording.file.parent), media_filter(),
            )  # fmt: skip
            if not chosen:
                return False
            path = Path(chosen)
        project_path, recording_id = self.workbench.project.path, self.recording.id
        try:
            media = inspect_media(path)
        except OperationError as error:
            self.workbench.failed.emit(error.message)
            return False
        outcome = self.workbench.execute(
            lambda s: relink_recording(s, project_path, recording_id, media)
        )
        return outcome is not None

    # -- the text ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
            and not self.editor.textCursor().hasSelection()
        ):
            spot = self.editor.cursorForPosition(event.position().toPoint())  # type: ignore[attr-defined]
            self.click_at(self.editor.map.from_qt(spot.position()))
        return False

    def click_at(self, shown: int) -> bool:
        """A click on a turn's timestamp plays from that turn; True when it did."""
        view = self.panel.view  # type: ignore[attr-defined]
        if view is None or self.timing is None or not self.player.ready:
            return False
        turns = {turn.start: turn for turn in view.turns}
        for span in header_spans(view.text, view.turns):
            if span.style is Style.STAMP and span.start <= shown < span.end:
                turn = next(
                    t for start, t in turns.items() if start <= span.start < t.content_start
                )
                self.play_at(self.panel._source_range(turn.start, turn.start)[0])  # type: ignore[attr-defined]
                return True
        return False

    def _context_actions(self, menu: QMenu, shown: int) -> None:
        if self.recording is None:
            return
        menu.addSeparator()
        position = self.panel._source_range(shown, shown)[0]  # type: ignore[attr-defined]
        here = menu.addAction(_("Play from here"), lambda: self.play_at(position))
        here.setEnabled(self.player.ready and self.timing is not None)
        if self.timing is not None:
            approximate = "" if self.timing.is_exact(position) else "≈ "
            here.setText(
                _("Play from here ({time})").format(
                    time=approximate + clock(self.timing.time_at(position))
                )
            )
        pin = menu.addAction(_("Pin time here ({time})").format(time=clock(self.player.position)))
        pin.setEnabled(self.player.ready and not self.workbench.read_only)
        pin.triggered.connect(lambda: self._pin_at(position))

    def _pin_at(self, position: int) -> None:
        document_id, moment = self.document_id, self.player.position
        if document_id is not None:
            self.workbench.execute(lambda s: set_sync_point(s, document_id, position, moment))

    # -- video ---------------------------------------------------------------------------

    def _video(self, available: bool) -> None:
        if not available:
            self._hide_video()
            return
        if self.video is None:
            self.video = VideoDock(self.panel)
        self.player.media.setVideoOutput(self.video.view)
        self.video.appear()

    def _hide_video(self) -> None:
        if self.video is not None:
            self.video.hide()
