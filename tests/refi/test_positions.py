"""Positions between our code points and other tools' conventions, both ways."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.i18n import set_language
from reiscoder.refi.descriptions import CodeText, fold, unfold
from reiscoder.refi.positions import (
    ATLAS,
    NVIVO,
    STANDARD,
    Convention,
    FilePositions,
    ForeignRange,
    PositionConvention,
    SourceText,
    detect,
)


def foreign_position(raw: str, index: int, convention: Convention) -> int:
    """Independently of the code under test: how a tool counts ``raw[:index]``."""
    counted = raw[:index]
    if not convention.crlf_as_two:
        counted = counted.replace("\r\n", "\n")
    if convention.utf16:
        return len(counted.encode("utf-16-le")) // 2
    return len(counted)


def test_file_positions_for_crlf_files():
    text = "a\nbc\n\nd"
    positions = FilePositions(text, PositionConvention.CRLF)
    assert positions.file_text == "a\r\nbc\r\n\r\nd"
    for index in range(len(text) + 1):
        assert positions.file_text[: positions(index)].replace("\r\n", "\n") == text[:index]
    same = FilePositions(text, PositionConvention.CODEPOINTS)
    assert same.file_text == text and same(5) == 5


def test_locate_under_every_convention():
    raw = "\ufeffHé 😊\r\nnieuw 𝒩 regel\r\neind"
    source = SourceText(raw)
    body = raw[1:]
    assert source.text == "Hé 😊\nnieuw 𝒩 regel\neind"
    for convention in source.candidates():
        for index in range(len(body) + 1):
            if body[index - 1 : index + 1] == "\r\n":
                continue  # between CR and LF: no position of ours
            expected = len(body[:index].replace("\r\n", "\n"))
            position = foreign_position(body, index, convention) + (
                1 if convention.bom_counted and index > 0 else 0
            )
            located = source.locate(position, convention, is_end=False)
            assert located.position == expected and not located.split_character


def test_a_position_inside_a_surrogate_pair_is_flagged():
    source = SourceText("a😊b")
    assert source.locate(2, NVIVO, is_end=False).split_character
    assert not source.locate(3, NVIVO, is_end=False).split_character


def test_decomposed_text_maps_onto_composed_text():
    raw = unicodedata.normalize("NFD", "één café")
    source = SourceText(raw)
    assert source.text == "één café" and source.nfc_changed
    cafe = raw.index(unicodedata.normalize("NFD", "café"))
    assert source.locate(cafe, STANDARD, is_end=False).position == 4
    assert source.locate(len(raw), STANDARD, is_end=True).position == len(source.text)
    inside = source.locate(2, STANDARD, is_end=True).position  # between e and its accent
    assert inside == 1  # rounded up to after "é"


def test_names_that_quote_the_text_decide():
    raw = "Vraag?\r\nAntwoord een.\r\nAntwoord twee.\r\n"
    start = raw.index("Antwoord twee") - 2  # ATLAS.ti: CR LF is one
    ranges = [ForeignRange(start, start + 13, "Antwoord twee")]
    detection = detect(SourceText(raw), ranges, STANDARD)
    assert detection.convention.crlf_as_two is False and detection.confirmed_by_name == 1


LINE = st.text(
    alphabet=st.sampled_from(list("abcdeéë ,.?") + ["😊", "𝒩", "„", "”", "…"]),
    min_size=3,
    max_size=30,
).filter(lambda line: line.strip() and line[0] not in " ,." and line[-1] != " ")


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    lines=st.lists(LINE, min_size=4, max_size=12),
    picks=st.lists(st.integers(min_value=0, max_value=11), min_size=3, max_size=6, unique=True),
    convention=st.sampled_from([STANDARD, NVIVO, ATLAS, Convention(True, False)]),
    bom=st.booleans(),
)
def test_detection_recovers_whole_line_selections(lines, picks, convention, bom):
    """Whole-line selections are found back under any convention, as long as the text gives
    evidence: lines whose lengths (in any unit) differ, so no shift lands on another line."""
    lines = [line + (f" {'z' * 100 * n}" if n else "") for n, line in enumerate(lines)]
    raw = ("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n"
    body = raw.removeprefix("\ufeff")
    source = SourceText(raw)
    wanted, ranges, offset = [], [], 0
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 2
    for pick in sorted(p for p in picks if p < len(lines)):
        start, end = starts[pick], starts[pick] + len(lines[pick])
        ranges.append(
            ForeignRange(
                foreign_position(body, start, convention), foreign_position(body, end, convention)
            )
        )
        ours = len(body[:start].replace("\r\n", "\n"))
        wanted.append((ours, ours + len(lines[pick])))
    if len(ranges) < 2:
        return
    detection = detect(source, ranges, STANDARD)
    assert detection.ranges == wanted


def test_code_descriptions_fold_and_unfold_in_both_languages():
    parts = CodeText("Zorg door naasten.", "boodschappen", "betaalde zorg", "„Ik kook voor haar.”")
    for language in ("nl", "en"):
        set_language(language)
        folded = fold(parts)
        assert unfold(folded) == parts
    set_language("nl")
    english = "Definition: a\n\nInclude when: b\n\nExclude when: c\n\nExample: d"
    assert unfold(english) == CodeText("a", "b", "c", "d")
    assert fold(CodeText("alleen een definitie")) == "alleen een definitie"
    assert unfold("Vrije beschrijving\n\nmet alinea's") == CodeText(
        "Vrije beschrijving\n\nmet alinea's"
    )
