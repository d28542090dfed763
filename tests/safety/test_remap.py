"""Positions through a correction: ranges outside the edited stretch keep exactly their text,
and every range gets a non-empty place in the new text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reiscoder.ops.remap import Fit, Remap, diff_blocks, nearest_word, place

# A small alphabet makes ambiguous diffs ("ja ja" -> "ja") likely.
ALPHABET = "ab \nXé"
TEXTS = st.text(alphabet=ALPHABET, min_size=1, max_size=60)
SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def edited(draw):
    old = draw(TEXTS)
    a = draw(st.integers(0, len(old)))
    b = draw(st.integers(a, min(len(old), a + 12)))
    insert = draw(st.text(alphabet=ALPHABET, max_size=10))
    new = old[:a] + insert + old[b:]
    ranges = draw(
        st.lists(
            st.tuples(st.integers(0, len(old) - 1), st.integers(1, 20)).map(
                lambda t: (t[0], min(len(old), t[0] + t[1]))
            ),
            max_size=8,
        )
    )
    return old, new, a, b, ranges


def _outside(start: int, end: int, a: int, b: int) -> bool:
    if a == b:
        return end <= a or start >= a
    return end <= a or start >= b


@SETTINGS
@given(edited())
def test_ranges_outside_the_edit_keep_their_text(case):
    old, new, a, b, ranges = case
    remap = Remap(diff_blocks(old, new))
    for start, end in ranges:
        placed = place(old, new, remap, start, end)
        if new:
            assert 0 <= placed.start < placed.end <= len(new)
        if _outside(start, end, a, b):
            assert placed.fit is Fit.EXACT, (old, new, start, end, placed)
        if placed.fit is Fit.EXACT:
            assert new[placed.start : placed.end] == old[start:end]


@st.composite
def several_edits(draw):
    """Up to three edits, each at least one character away from the next."""
    old = draw(st.text(alphabet=ALPHABET, min_size=8, max_size=80))
    cuts = sorted(draw(st.lists(st.integers(0, len(old)), min_size=2, max_size=6, unique=True)))
    edits = []
    last = -2
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a <= last + 1:
            continue
        b = min(b, a + 8)
        edits.append((a, b, draw(st.text(alphabet=ALPHABET, max_size=6))))
        last = b
    new, previous = "", 0
    for a, b, insert in edits:
        new += old[previous:a] + insert
        previous = b
    new += old[previous:]
    ranges = draw(
        st.lists(
            st.tuples(st.integers(0, len(old) - 1), st.integers(1, 12)).map(
                lambda t: (t[0], min(len(old), t[0] + t[1]))
            ),
            max_size=8,
        )
    )
    return old, new, edits, ranges


@SETTINGS
@given(several_edits())
def test_ranges_outside_the_edited_stretch_keep_their_text(case):
    """With several edits the stretch is from the first to the last; between two edits a
    diff may read the correction differently (XXXX -> XaX), so there "exact" is only
    claimed when it is true."""
    old, new, edits, ranges = case
    remap = Remap(diff_blocks(old, new))
    first = min((a for a, _b, _i in edits), default=len(old))
    last = max((b for _a, b, _i in edits), default=0)
    for start, end in ranges:
        placed = place(old, new, remap, start, end)
        assert 0 <= placed.start < placed.end <= len(new) or not new
        if _outside(start, end, first, last) or not edits:
            assert placed.fit is Fit.EXACT, (old, new, start, end)
        if placed.fit is Fit.EXACT:
            assert new[placed.start : placed.end] == old[start:end], (old, new, start, end)


def test_a_corrected_name_inside_a_coding_is_reported_as_changed():
    old, new = "Fatma zegt hallo", "Fatima zegt hallo"
    remap = Remap(diff_blocks(old, new))
    name = place(old, new, remap, 0, 5)
    assert (name.fit, new[name.start : name.end]) == (Fit.CHANGED, "Fatima")
    after = place(old, new, remap, 6, 10)
    assert (after.start, after.fit) == (7, Fit.EXACT)


def test_a_deleted_passage_is_placed_on_the_nearest_word():
    old, new = "Wij gingen naar de markt. Toen kwam de regen.", "Wij gingen. Toen kwam de regen."
    remap = Remap(diff_blocks(old, new))
    placed = place(old, new, remap, old.index("naar"), old.index("."))
    assert placed.fit is Fit.DELETED
    assert new[placed.start : placed.end] == "gingen"


def test_an_ambiguous_deletion_keeps_the_coded_word():
    old, new = "ja ja", "ja"
    remap = Remap(diff_blocks(old, new))
    assert place(old, new, remap, 3, 5) == place(old, new, remap, 0, 2)
    assert place(old, new, remap, 3, 5).fit is Fit.EXACT


def test_nearest_word_at_the_edges():
    assert nearest_word("ab cd", 5) == (3, 5)
    assert nearest_word("  ", 2) == (1, 2)
    assert nearest_word("ab  cd", 3) == (3, 4)


def test_a_long_text_with_many_corrections_is_diffed_quickly():
    import time

    old = "\n".join(f"Spreker {i % 3}: dit is zin nummer {i} over de buurt." for i in range(3000))
    new = old.replace("buurt", "wijk", 200).replace("nummer 15", "nr. 15")
    began = time.perf_counter()
    blocks = diff_blocks(old, new)
    assert time.perf_counter() - began < 5
    assert len(blocks) >= 200
