"""Stopping a player and changing its source are made without holding Python's GIL (Qt's
decoding threads may need it while they end: a window closed during playback hung once in a
full test run). Checked here: the C++ functions are found on Linux, and calling them does what
the PySide calls do (a wrong call would crash the process)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer

from reiscoder.ui.media import unblocked
from reiscoder.ui.media.player import Player


def test_the_functions_are_found_on_linux():
    if sys.platform.startswith("linux"):
        assert unblocked._function(unblocked._STOP) is not None
        assert unblocked._function(unblocked._SET_SOURCE) is not None


def test_playing_stopping_and_letting_go_through_them(qtbot, talk):
    player = Player()
    with qtbot.waitSignal(player.loaded, timeout=10_000):
        player.load(talk.wav)
    assert player.media.source() == QUrl.fromLocalFile(str(talk.wav))
    player.play()
    qtbot.waitUntil(lambda: player.media.position() > 100, timeout=10_000)
    unblocked.stop(player.media)
    assert player.media.playbackState() == QMediaPlayer.PlaybackState.StoppedState
    player.release()
    assert player.media.source() == QUrl()
    player.load(talk.wav)
    qtbot.waitUntil(lambda: player.ready, timeout=10_000)
    player.release()
