"""segment_turns keeps up with a bare spaCy sentencizer (the import benchmark's bar)."""

from __future__ import annotations

import pytest

from .speed import measure

MIN_SHARE_OF_BARE = 0.5
MIN_WORDS_PER_SECOND = 50_000


@pytest.mark.slow
def test_segment_turns_speed(capsys: pytest.CaptureFixture[str]) -> None:
    bare, ours, count = measure(60_000)
    with capsys.disabled():
        print(f"\n{count} words: bare {bare:,.0f} words/s, segment_turns {ours:,.0f} words/s")
    assert ours >= MIN_WORDS_PER_SECOND
    assert ours >= MIN_SHARE_OF_BARE * bare
