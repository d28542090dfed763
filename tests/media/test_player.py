"""The player with real recordings, offscreen and without a sound card: it loads each format,
reports the right duration, seeks to within 50 ms (checked on the decoded sound itself), and
following along highlights the turn being spoken at set positions."""

from __future__ import annotations

import math
import struct

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtMultimedia import QAudioBuffer, QAudioBufferOutput

from tests.media.makers import TURNS
from tests.media.projects import timed_project

FORMATS = (".mp3", ".ogg", ".mp4")


@pytest.fixture(params=FORMATS)
def playing(request, tmp_path, talk, encoded, open_window, qtbot):
    path, document = timed_project(tmp_path, talk, encoded[request.param])
    window = open_window(path)
    media = window.transcript.media
    with qtbot.waitSignal(media.player.loaded, timeout=10_000) as loaded:
        window.workbench.show_document(document)
    return window, media, loaded.args[0]


def test_each_format_loads_with_its_true_duration(playing, talk):
    window, media, duration = playing
    # within one mp3 frame (52 ms at 22 kHz) and its encoder delay
    assert abs(duration - talk.duration_ms) <= 80
    assert not media.bar.isHidden() and media.bar.play_button.isEnabled()
    assert media.bar.name.text().startswith("gesprek")
    assert media.bar.message.text() == ""
    assert media.player.has_video == (media.recording.file.suffix == ".mp4")


def _rms(buffer: QAudioBuffer) -> float:
    data = bytes(buffer.constData())
    fmt = buffer.format()
    if fmt.sampleFormat().name == "Float":
        values = struct.unpack(f"<{len(data) // 4}f", data[: len(data) // 4 * 4])
    else:
        values = [
            v / 32768 for v in struct.unpack(f"<{len(data) // 2}h", data[: len(data) // 2 * 2])
        ]
    return math.sqrt(sum(v * v for v in values) / max(1, len(values)))


def _sound_after_seek(media, qtbot, target: int, span_ms: int = 200) -> tuple[int, float]:
    """Seek, play, and listen: where the decoded sound starts (ms) and its loudest stretch."""
    output = QAudioBufferOutput(media.player)
    buffers: list[QAudioBuffer] = []
    output.audioBufferReceived.connect(buffers.append)
    media.player.media.setAudioBufferOutput(output)
    try:
        media.player.play_from(target)
        qtbot.waitUntil(lambda: sum(b.duration() for b in buffers) >= span_ms * 1000, timeout=5000)
    finally:
        media.player.pause()
        media.player.media.setAudioBufferOutput(None)
    return buffers[0].startTime() // 1000, max(_rms(b) for b in buffers)


def test_seeking_lands_within_50_ms_on_the_sound_that_is_there(playing, talk, qtbot):
    _window, media, _duration = playing
    checked = 0
    for index, start in enumerate(talk.starts_ms):
        at, loudest = _sound_after_seek(media, qtbot, start + 20)
        assert abs(at - (start + 20)) <= 50
        assert loudest > 0.02, f"no speech at the start of turn {index}"
        if index:  # every turn but the first follows a silence of at least 500 ms
            at, loudest = _sound_after_seek(media, qtbot, start - 450, span_ms=300)
            assert abs(at - (start - 450)) <= 50
            assert loudest < 0.01, f"sound in the silence before turn {index}"
        checked += 1
    assert checked == len(TURNS)


def test_following_along_highlights_the_turn_being_spoken(playing, talk):
    window, media, _duration = playing
    editor = window.transcript.editor
    turns = window.transcript.view.turns
    assert len(turns) == len(TURNS)
    ends = (*talk.starts_ms[1:], talk.duration_ms)
    for index, (start, end) in enumerate(zip(talk.starts_ms, ends, strict=True)):
        for moment in (start + 40, (start + end) // 2, end - 40):
            media.player.position_changed.emit(moment)  # the position, driven by the test
            selections = editor.extraSelections()
            highlighted = QTextCursor(selections[0].cursor)
            assert highlighted.selectionStart() == editor.map.to_qt(turns[index].start), moment
            assert highlighted.selectionEnd() == editor.map.to_qt(turns[index].end)
            assert TURNS[index][1] in highlighted.selectedText()


def test_clicking_a_timestamp_plays_from_its_turn(playing, talk, qtbot):
    window, media, _duration = playing
    turn = window.transcript.view.turns[3]
    with qtbot.waitSignal(media.player.playing_changed, timeout=5_000):
        assert media.click_at(turn.start + 2)  # inside "[00:00:11]"
    assert abs(media.player.position - talk.starts_ms[3]) <= 300
    media.player.pause()
    assert not media.click_at(turn.content_start + 3)  # on the words: nothing happens
