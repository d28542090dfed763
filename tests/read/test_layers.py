"""Pure geometry of codings: blended pieces, bracket columns, word snapping, units."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.read.layers import assign_columns, coverage, snap_to_words, unit_at


@dataclass(frozen=True)
class S:
    id: int
    start: int
    end: int


def test_coverage_cuts_at_every_boundary():
    pieces = coverage([S(1, 0, 10), S(2, 5, 15)])
    assert pieces == [(0, 5, (1,)), (5, 10, (1, 2)), (10, 15, (2,))]


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=25,
)


@settings(deadline=None, max_examples=200)
@given(spans)
def test_coverage_and_columns_agree_with_brute_force(ranges):
    items = [S(i, s, e) for i, (s, e) in enumerate(ranges)]
    for start, end, ids in coverage(items):
        for position in range(start, end):
            assert set(ids) == {s.id for s in items if s.start <= position < s.end}
    columns = assign_columns(items)
    for a in items:
        for b in items:
            if a.id < b.id and a.start < b.end and b.start < a.end:
                assert columns[a.id] != columns[b.id]
    depth = max((len(ids) for _s, _e, ids in coverage(items)), default=0)
    assert len(set(columns.values())) == depth  # interval colouring is optimal


def test_snap_widens_to_whole_words_and_trims_space():
    text = "Ik doe de boodschappen voor mevr. De Boer."
    start = text.index("oodsch")
    assert text[slice(*snap_to_words(text, start, start + 4))] == "boodschappen"
    assert text[slice(*snap_to_words(text, 2, 12))] == "doe de boodschappen"
    assert snap_to_words(text, 2, 3) == (3, 3)


def test_unit_at_includes_trailing_space():
    units = [(0, 10), (11, 20), (25, 30)]
    assert unit_at(units, 5) == (0, 10)
    assert unit_at(units, 10) == (0, 10)
    assert unit_at(units, 22) == (11, 20)
    assert unit_at(units, 40) == (25, 30)
