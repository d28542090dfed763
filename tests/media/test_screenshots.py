"""The player and transcription mode as a user sees them: saved as PNGs to look at
(out/screenshots/), with every visible text in Dutch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel

from reiscoder.catalogue import translated_messages
from tests.media.makers import TURNS
from tests.media.projects import timed_project

OUT = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def _texts(widget) -> set[str]:
    texts = {label.text() for label in widget.findChildren(QLabel)}
    for button in widget.findChildren(QAbstractButton):
        texts.update({button.text(), button.toolTip()})
    return {text for text in texts if text}


def _no_english(widget) -> None:
    english = set(translated_messages("nl"))
    assert not (_texts(widget) & english)


def test_the_player_following_a_video(tmp_path, talk, encoded, open_window, qtbot):
    OUT.mkdir(parents=True, exist_ok=True)
    path, document = timed_project(tmp_path, talk, encoded[".mp4"])
    window = open_window(path)
    media = window.transcript.media
    with qtbot.waitSignal(media.player.loaded, timeout=10_000):
        window.workbench.show_document(document)
    media.player.position_changed.emit(talk.starts_ms[3] + 500)
    qtbot.wait(50)
    shot = window.grab()
    assert shot.width() > 1000
    shot.save(str(OUT / "player.png"))
    _no_english(window)
    assert media.video is not None and not media.video.isHidden()


def test_transcription_mode(tmp_path, talk, encoded, open_window, qtbot):
    OUT.mkdir(parents=True, exist_ok=True)
    from reiscoder.model.project import Project
    from tests.factories import new_project
    from tests.media.projects import CODER

    path = tmp_path / "t.reis"
    new_project(path, coder=CODER).close()
    window = open_window(path)
    typing = window.documents.recordings.new_transcript(encoded[".mp3"], name="Gesprek")
    qtbot.waitUntil(lambda: typing.player.ready, timeout=10_000)
    typing.editor.insertPlainText(TURNS[0][1])
    typing.player.seek(talk.starts_ms[1])
    qtbot.waitUntil(lambda: typing.player.position == talk.starts_ms[1])
    typing.start_turn()
    typing.editor.insertPlainText(TURNS[1][1][:20])
    typing.grab().save(str(OUT / "transcription.png"))
    _no_english(typing)
    typing.close()
    assert Project  # the project stays usable after closing the window
