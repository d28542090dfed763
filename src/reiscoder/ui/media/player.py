"""One recording played with Qt Multimedia (its FFmpeg back end): load, play, seek, speed.

Files are streamed by FFmpeg, never read into memory. Whatever goes wrong (no file, a codec
FFmpeg does not know, a damaged or truncated file) becomes one Dutch sentence in
:attr:`Player.failed`; the transcript stays usable as text. Without a sound card the player
plays silently: the position still runs, so following along works everywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtMultimedia import QAudioBufferOutput, QAudioOutput, QMediaMetaData, QMediaPlayer

from reiscoder.i18n import _
from reiscoder.ui.media.unblocked import set_source, stop

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
JUMP_MS = 5000
# Qt plays a stream it cannot decode as silence: without decoded sound by this much playing,
# the codec is not supported. A stream that ends this far before its length is incomplete.
NO_SOUND_MS = 1500
EARLY_END_MS = 2000

_Status = QMediaPlayer.MediaStatus
_State = QMediaPlayer.PlaybackState


class Player(QObject):
    loaded = Signal(int)  # duration in ms
    failed = Signal(str)  # a message for the user: the recording cannot be played
    warned = Signal(str)  # a message for the user: it plays, but not all of it
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
        self._probe: QAudioBufferOutput | None = None  # until the first sound is decoded
        self._probe_from: int | None = None
        self.decodes = False
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
        self._stop_probe()
        self.decodes = False
        self.path = Path(path) if path is not None else None
        if path is None:
            set_source(self.media, QUrl())
            return
        if not self.path.is_file():
            set_source(self.media, QUrl())
            self._fail(_("The recording “{name}” is not at {path}.").format(
                name=self.path.name, path=self.path.parent))  # fmt: skip
            return
        set_source(self.media, QUrl.fromLocalFile(str(self.path)))

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
            if self.media.hasAudio():
                self._start_probe()
            self.loaded.emit(self.duration)
            self._check_length()
        elif status == _Status.InvalidMedia and not self._reported:
            self._fail(self._invalid_message())
        elif status == _Status.EndOfMedia:
            self.stop_at = None
            self._ended_early()

    def _invalid_message(self) -> str:
        return _(
            "The recording “{name}” cannot be opened: the file is damaged or incomplete, or its "
            "format or codec cannot be played here (convert it to mp3 or mp4, for example with "
            "Audacity or ffmpeg). The transcript stays usable as text."
        ).format(name=self.path.name if self.path else "")

    # -- checks while playing --------------------------------------------------------------

    def _start_probe(self) -> None:
        self._probe = QAudioBufferOutput(self)
        self._probe.audioBufferReceived.connect(self._sound_decoded)
        self.media.setAudioBufferOutput(self._probe)

    def _stop_probe(self) -> None:
        if self._probe is not None:
            self.media.setAudioBufferOutput(None)
            self._probe.deleteLater()
            self._probe = None
        self._probe_from = None

    def _sound_decoded(self, *_buffer: object) -> None:
        self.decodes = True
        self._stop_probe()

    def _check_sound(self, position: int) -> None:
        if self._probe is None or not self.playing:
            return
        if self._probe_from is None:
            self._probe_from = position
        elif position - self._probe_from >= NO_SOUND_MS:
            self._no_sound()

    def _no_sound(self) -> None:
        if self._probe is None and self.decodes:
            return
        self._stop_probe()
        self.decodes = True  # said once
        self.pause()
        QTimer.singleShot(0, self.media.pause)  # also when it came while starting to play
        self.failed.emit(
            _(
                "The sound of “{name}” cannot be decoded here: its codec is not supported. "
                "Convert the recording to mp3 or mp4 (for example with Audacity or ffmpeg); "
                "the transcript stays usable as text."
            ).format(name=self.path.name if self.path else "")
        )

    def _check_length(self) -> None:
        """An mp3 cut off while copying still announces its full length: its size tells."""
        if self.path is None or self.path.suffix.lower() != ".mp3":
            return
        bitrate = self.media.metaData().value(QMediaMetaData.Key.AudioBitRate)
        if not bitrate:
            return
        there = round(self.path.stat().st_size * 8 * 1000 / int(bitrate))
        if there < self.duration * 0.75:
            self._ended_early(there)

    def _ended_early(self, position: int | None = None) -> None:
        position = self.media.position() if position is None else position
        duration = self.duration
        if duration and position < duration - EARLY_END_MS:
            self.warned.emit(
                _(
                    "The recording “{name}” stops at {end}, before its length of {length}: the "
                    "file is incomplete (cut off while copying or recording). What is there can "
                    "be played; the transcript stays usable as text."
                ).format(
                    name=self.path.name if self.path else "",
                    end=_clock(position),
                    length=_clock(duration),
                )
            )

    def _error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        if not self._reported:
            self._fail(self._invalid_message())
        elif self._probe is not None or not self.decodes:
            self._no_sound()  # it opened, but its sound cannot be decoded

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
            self._probe_from = None
            self.media.play()

    def pause(self) -> None:
        self.media.pause()

    def release(self) -> None:
        """Stop and let go of the recording: its decoding threads end before the window does."""
        stop(self.media)
        self.load(None)

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
        self._check_sound(position)
        if self.stop_at is not None and position >= self.stop_at:
            self.stop_at = None
            self.pause()
        self.position_changed.emit(position)


def _clock(time_ms: int) -> str:
    seconds = time_ms // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
