"""Recordings that go wrong: a codec that cannot be decoded, a damaged or truncated file, a
missing file, a recording shorter than the transcript's times. Each gives a clear Dutch
message; the transcript stays readable and codable, and nothing in the project changes."""

from __future__ import annotations

import subprocess

from sqlalchemy import select

from reiscoder.model import Coding, Recording
from tests.factories import code_id
from tests.media.makers import encode, long_mp3
from tests.media.projects import timed_project


def _show(window, document, qtbot, signal_name: str, timeout: int = 10_000):
    media = window.transcript.media
    with qtbot.waitSignal(getattr(media.player, signal_name), timeout=timeout) as signal:
        window.workbench.show_document(document)
    return media, signal.args[0] if signal.args else None


def _still_codable(window, qtbot) -> None:
    panel = window.transcript
    assert panel.view is not None and "Afrikaanderwijk" in panel.view.text
    with window.workbench.reader() as session:
        window.workbench.selected_code_ids = [code_id(session, "1.1")]
    start = panel.view.text.index("Afrikaanderwijk")
    panel.editor.select_range(start, start + 15)
    assert panel.code_selection() is not None
    with window.workbench.reader() as session:
        assert session.scalars(select(Coding.quote)).all() == ["Afrikaanderwijk"]


def test_a_codec_that_cannot_be_decoded(tmp_path, talk, open_window, qtbot):
    odd = tmp_path / "portofoon.wav"  # Codec 2 speech from a radio: the player has no decoder
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", str(talk.wav), "-ar", "8000",
                    "-c:a", "libcodec2", "-mode", "3200", "-f", "codec2", str(odd)],
                   check=True)  # fmt: skip
    path, document = timed_project(tmp_path / "p", talk, odd)
    window = open_window(path)
    media, _duration = _show(window, document, qtbot, "loaded")
    with qtbot.waitSignal(media.player.failed, timeout=10_000) as failed:
        media.toggle()
    assert "codec wordt hier niet ondersteund" in failed.args[0]
    assert "mp3 of mp4" in failed.args[0]
    qtbot.waitUntil(lambda: not media.player.playing)
    assert not media.bar.play_button.isEnabled()
    assert "codec" in media.bar.message.text()
    _still_codable(window, qtbot)


def test_a_damaged_file(tmp_path, talk, encoded, open_window, qtbot):
    broken = tmp_path / "kapot.mp4"
    broken.write_bytes(encoded[".mp4"].read_bytes()[:40_000])  # the index at the end is gone
    path, document = timed_project(tmp_path / "p", talk, broken)
    window = open_window(path)
    media, message = _show(window, document, qtbot, "failed")
    assert "beschadigd of onvolledig" in message and "als tekst bruikbaar" in message
    assert media.bar.message.text() == message and not media.bar.play_button.isEnabled()
    _still_codable(window, qtbot)


def test_a_truncated_file_plays_what_is_there_and_says_so(tmp_path, talk, encoded, open_window,
                                                          qtbot):  # fmt: skip
    cut = tmp_path / "afgebroken.mp3"
    cut.write_bytes(encoded[".mp3"].read_bytes()[:30_000])  # about seven of twenty seconds
    path, document = timed_project(tmp_path / "p", talk, cut)
    window = open_window(path)
    media, message = _show(window, document, qtbot, "warned")
    assert "onvolledig" in message and "stopt bij 00:00:07" in message
    assert media.bar.play_button.isEnabled()  # what is there still plays
    _still_codable(window, qtbot)


def test_a_missing_file_offers_to_find_it(tmp_path, talk, encoded, open_window, qtbot):
    moved = tmp_path / "opname.ogg"
    moved.write_bytes(encoded[".ogg"].read_bytes())
    path, document = timed_project(tmp_path / "p", talk, moved)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    moved.rename(elsewhere / "opname.ogg")
    window = open_window(path)
    window.workbench.show_document(document)
    media = window.transcript.media
    assert "staat niet in" in media.bar.message.text()
    assert not media.bar.find.isHidden() and not media.bar.play_button.isEnabled()
    _still_codable(window, qtbot)
    with qtbot.waitSignal(media.player.loaded, timeout=10_000):
        assert media.find_recording(elsewhere / "opname.ogg")  # "Opname zoeken..."
    assert media.bar.find.isHidden() and media.bar.play_button.isEnabled()
    with window.workbench.reader() as session:
        assert session.scalars(select(Recording.path)).one().endswith("elders/opname.ogg")


def test_a_recording_shorter_than_the_transcript(tmp_path, talk, open_window, qtbot):
    short = tmp_path / "kort.ogg"
    subprocess.run(["sox", str(talk.wav), str(tmp_path / "kort.wav"), "trim", "0", "9"],
                   check=True)  # fmt: skip
    encode(tmp_path / "kort.wav", short)
    path, document = timed_project(tmp_path / "p", talk, short)
    window = open_window(path)
    media, duration = _show(window, document, qtbot, "loaded")
    assert abs(duration - 9_000) < 100
    message = media.bar.message.text()
    assert "duurt 00:00:09" in message and "tijden tot 00:00:17" in message
    last = window.transcript.view.turns[-1]
    assert media.timing.time_at(last.start) == duration  # later turns play from its end
    _still_codable(window, qtbot)


def test_a_three_hour_recording_opens_at_once(tmp_path, talk, open_window, qtbot):
    long = long_mp3(tmp_path / "drie uur.mp3", 3 * 3600)
    path, document = timed_project(tmp_path / "p", talk, long)
    window = open_window(path)
    media, duration = _show(window, document, qtbot, "loaded")
    assert abs(duration - 10_800_000) < 15_000  # each repeated minute keeps its frame padding
    media.player.seek(9_000_000)
    qtbot.waitUntil(lambda: abs(media.player.position - 9_000_000) < 50, timeout=5_000)
    assert media.bar.time_label.text().startswith("02:30:00 / 03:00:")
