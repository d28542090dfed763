"""Times for every position: anchors from turns and sync points, interpolation between them,
and never a time that runs backwards, whatever the anchors say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.read.timing import (
    DEFAULT_MS_PER_CHAR,
    TurnSpan,
    make_timing,
    timed_units,
    unit_at_time,
)


def test_between_two_known_turns_the_time_is_interpolated_and_marked_approximate():
    turns = [TurnSpan(0, 12, 0), TurnSpan(100, 112, None), TurnSpan(200, 212, 20_000)]
    timing = make_timing(300, turns, [])
    assert timing.time_at(0) == 0 and timing.is_exact(0)
    assert timing.time_at(12) == 0  # the label is not spoken: the first word is at 0
    assert timing.time_at(200) == 20_000 and timing.is_exact(200)
    middle = timing.time_at(100)
    assert 9_000 < middle < 11_000 and not timing.is_exact(100)


def test_a_sync_point_in_a_label_wins_over_the_written_timestamp():
    turns = [TurnSpan(0, 12, 0), TurnSpan(50, 70, 9_000)]
    timing = make_timing(100, turns, [(60, 7_500)])
    assert timing.time_at(50) == 7_500 and timing.is_exact(50)


def test_a_wrong_timestamp_is_left_out_instead_of_running_backwards():
    turns = [TurnSpan(0, 5, 0), TurnSpan(10, 15, 99_000), TurnSpan(20, 25, 2_000),
             TurnSpan(30, 35, 3_000)]  # fmt: skip
    timing = make_timing(40, turns, [])
    assert [a.time_ms for a in timing.anchors] == [0, 0, 2_000, 2_000, 3_000, 3_000]


def test_without_anchors_the_recording_is_spread_over_the_text():
    timing = make_timing(1000, [], [], duration_ms=50_000)
    assert timing.time_at(500) == 25_000
    assert make_timing(1000, [], []).time_at(10) == 10 * DEFAULT_MS_PER_CHAR


def test_times_after_the_recording_stop_at_its_end():
    timing = make_timing(1000, [TurnSpan(0, 3, 0), TurnSpan(500, 503, 60_000)], [], 30_000)
    assert timing.time_at(900) == 30_000


def test_the_unit_spoken_at_a_moment_is_the_last_one_begun():
    timing = make_timing(30, [TurnSpan(0, 2, 1_000), TurnSpan(10, 12, 5_000)], [])
    units = timed_units(timing, [(0, 9), (10, 29)])
    assert unit_at_time(units, 0) == 0  # before the first: the first
    assert unit_at_time(units, 4_999) == 0
    assert unit_at_time(units, 5_000) == 1


anchor_lists = st.lists(
    st.tuples(st.integers(0, 2_000), st.integers(0, 600_000)), min_size=0, max_size=30
)


@settings(deadline=None, max_examples=300)
@given(
    points=anchor_lists,
    stamps=st.lists(st.one_of(st.none(), st.integers(0, 600_000)), max_size=20),
    duration=st.one_of(st.none(), st.integers(1, 700_000)),
)
def test_times_never_go_backwards(points, stamps, duration):
    length = 2_000
    turns = [TurnSpan(k * 100, k * 100 + 7, stamp) for k, stamp in enumerate(stamps)]
    timing = make_timing(length, turns, points, duration)
    times = [timing.time_at(position) for position in range(0, length + 1, 7)]
    assert times == sorted(times)
    assert all(t >= 0 for t in times)
    if duration:
        assert max(times) <= duration
    kept = list(timing.anchors)
    assert [a.position for a in kept] == sorted({a.position for a in kept})
    for anchor in kept:  # every kept anchor is honoured exactly
        expected = anchor.time_ms if not duration else min(anchor.time_ms, duration)
        assert timing.time_at(anchor.position) == expected


@settings(deadline=None, max_examples=200)
@given(points=st.lists(st.integers(0, 10_000), min_size=2, max_size=15, unique=True))
def test_consistent_anchors_are_all_kept(points):
    """Anchors that already agree with each other are never dropped."""
    positions = sorted(points)
    timing = make_timing(10_000, [], [(p, p * 3) for p in positions])
    assert [a.position for a in timing.anchors] == positions
    for position in range(0, 10_000, 333):
        assert abs(timing.position_at(timing.time_at(position)) - position) <= 1 or (
            timing.time_at(position) == timing.time_at(timing.position_at(timing.time_at(position)))
        )
