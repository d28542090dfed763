"""Recordings made once per test run (speaking and encoding take a few seconds)."""

from __future__ import annotations

import pytest

from tests.media.makers import Conversation, conversation, encode


@pytest.fixture(scope="session")
def talk(tmp_path_factory) -> Conversation:
    return conversation(tmp_path_factory.mktemp("gesprek"))


@pytest.fixture(scope="session")
def encoded(talk, tmp_path_factory):
    """The conversation in every format the tests play."""
    folder = tmp_path_factory.mktemp("formats")
    return {
        suffix: encode(talk.wav, folder / f"gesprek{suffix}") for suffix in (".mp3", ".ogg", ".mp4")
    }


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    from reiscoder.ui.settings import Settings
    from tests.media.projects import CODER

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.coder_name = CODER
    return settings


@pytest.fixture
def open_window(qtbot, settings):
    """A main window on a given project; closed after the test."""
    from reiscoder.ui.main_window import MainWindow

    windows = []

    def opening(path):
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.resize(1300, 850)
        assert window.open_path(path)
        windows.append(window)
        return window

    yield opening
    for window in windows:
        window.transcript.media.unload()
        window.workbench.close_project()
