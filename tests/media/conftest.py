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
