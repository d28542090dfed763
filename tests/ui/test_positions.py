from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.ui.transcript.positions import Utf16Map


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from("aé\n😀👩‍👩‍👧𝄞"), max_size=40))
def test_round_trip_matches_utf16_lengths(text):
    mapping = Utf16Map(text)
    for position in range(len(text) + 1):
        qt = mapping.to_qt(position)
        assert qt == len(text[:position].encode("utf-16-le")) // 2
        assert mapping.from_qt(qt) == position
