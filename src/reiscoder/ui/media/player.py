"""One recording played with Qt Multimedia (its FFmpeg back end): load, play, seek, speed.

Files are streamed by FFmpeg, never read into memory. Whatever goes wrong (no file, a codec
FFmpeg does not know, a damaged or truncated file) becomes one Dutch sentence in
:attr:`Player.failed`; the transcript stays usable as text. Without a sound card the player
plays silently: the position still runs, so following along works everywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

from reiscoder.i18n import _

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
JUMP_MS = 5000

_Status = QMediaPlayer.MediaStatus
_State = QMediaPlayer.PlaybackState


class Player(QObject):
    loaded = Signal(int)  # duration in ms
    failed = Signal(str)  # a message for the user
    position_changed = Signal(int)  # ms
    playing_changed = Signal(bool)
    video_available = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.media = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.media.setAudioOutput(self.audio)
        self.path: Path | None = None
        self.stop_at: int | None = None  # a passage ends here
        self._reported = False
        self.media.mediaStatusChanged.connect(self._status)
        self.media.errorOccurred.connect(self._error)
        self.media.positionChanged.connect(self._position)
        self.media.playbackStateChanged.connect(
            lambda state: self.playing_changed.emit(state == _State.PlayingState)
        )
        self.media.hasVideoChanged.connect(self.video_available.emit)

    # -- loading ---------------------------------------------------------------------------

    def load(self, path: Path | None) -> None:
        """Open ``path`` (None: nothing); :attr:`loaded` or :attr:`failed` follows."""
        self.stop_at = None
        self._reported = False
        self.path = Path(path) if path is not None else None
        if path is None:
            self.media.setSource(QUrl())
            return
        if not self.path.is_file():
            self.media.setSource(QUrl())
            self._fail(_("The recording “{name}” is not at {path}.").format(
                name=self.path.name, path=self.path.parent))  # fmt: skip
            return
        self.media.setSource(QUrl.fromLocalFile(str(self.path)))

    @property
    def ready(self) -> bool:
        return self.media.mediaStatus() in (
            _Status.LoadedMedia,
            _Status.BufferedMedia,
            _Status.BufferingMedia,
            _Status.EndOfMedia,
        )

    @property
    def duration(self) -> int:
        return max(0, self.media.duration())

    @property
    def has_video(self) -> bool:
        return self.media.hasVideo()

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == _Status.LoadedMedia and not self._reported:
            self._reported = True
            if self.duration <= 0 or not (self.media.hasAudio() or self.media.hasVideo()):
                self._fail(_("The recording “{name}” holds no sound or picture.").format(
                    name=self.path.name if self.path else ""))  # fmt: skip
                return
            self.loaded.emit(self.duration)
        elif status == _Status.InvalidMedia and not self._reported:
            self._fail(self._invalid_message())
        elif status == _Status.EndOfMedia:
            self.stop_at = None

    def _invalid_message(self) -> str:
        name = self.path.name if self.path else ""
        if self.media.error() == QMediaPlayer.Error.FormatError:
            return _(
                "The recording “{name}” uses a format or codec that cannot be played here. "
                "Convert it to mp3 or mp4 (for example with ffmpeg or Audacity)."
            ).format(name=name)
        return _(
            "The recording “{name}” cannot be opened: the file is damaged, incomplete or not a "
            "recording. The transcript stays usable as text."
        ).format(name=name)

    def _error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error != QMediaPlayer.Error.NoError and not self._reported:
            self._fail(self._invalid_message())

    def _fail(self, message: str) -> None:
        self._reported = True
        self.failed.emit(message)

    # -- playing ---------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.media.playbackState() == _State.PlayingState

    @property
    def position(self) -> int:
        return self.media.position()

    def play(self) -> None:
        if self.ready:
            self.media.play()

    def pause(self) -> None:
        self.media.pause()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def seek(self, position_ms: int) -> None:
        limit = self.duration or position_ms
        self.media.setPosition(max(0, min(position_ms, limit)))

    def jump(self, delta_ms: int) -> None:
        self.seek(self.position + delta_ms)

    def play_from(self, position_ms: int) -> None:
        self.stop_at = None
        self.seek(position_ms)
        self.play()

    def play_passage(self, start_ms: int, end_ms: int) -> None:
        """Play ``start_ms``..``end_ms`` and pause at its end."""
        self.seek(start_ms)
        self.stop_at = max(end_ms, start_ms + 300)
        self.play()

    def set_speed(self, rate: float) -> None:
        self.media.setPlaybackRate(min(max(rate, SPEEDS[0]), SPEEDS[-1]))

    @property
    def speed(self) -> float:
        return self.media.playbackRate()

    def set_volume(self, volume: float) -> None:
        self.audio.setVolume(min(max(volume, 0.0), 1.0))

    def _position(self, position: int) -> None:
        if self.stop_at is not None and position >= self.stop_at:
            self.stop_at = None
            self.pause()
        self.position_changed.emit(position)
