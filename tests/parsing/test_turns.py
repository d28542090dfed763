"""Speaker labels and timestamps in plain text, and the invariants every result keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.parsing import ParsedTranscript, TurnPatterns, parse_text


def _turns(result: ParsedTranscript) -> list[tuple[str | None, int | None, str, str]]:
    """(speaker, ms, label part, spoken part) per turn."""
    text = result.text
    return [
        (t.speaker, t.timestamp_ms, text[t.start : t.content_start], text[t.content_start : t.end])
        for t in result.turns
    ]


def assert_invariants(result: ParsedTranscript) -> None:
    text = result.text
    previous_end = 0
    covered = [False] * len(text)
    for turn in result.turns:
        assert previous_end <= turn.start <= turn.content_start <= turn.end <= len(text)
        previous_end = turn.end
        for index in range(turn.start, turn.end):
            covered[index] = True
    for index, char in enumerate(text):
        assert covered[index] or char.isspace(), f"{char!r} at {index} is in no turn"


@pytest.mark.parametrize(
    "label",
    [
        "Interviewer",
        "I",
        "R",
        "Respondent 2",
        "Spreker 1",
        "Geïnterviewde",
        "Deelnemer 3",
        "Gespreksleider",
        "Moderator",
        "Mevr. El Amrani",
        "Dhr. de Vries",
        "Sociaal werker",
        "Respondent (bewoner)",
    ],
)
def test_certain_labels_count_even_once(label):
    result = parse_text(f"Inleiding van het gesprek.\n{label}: Ja, dat klopt.\n")
    assert _turns(result) == [
        (None, None, "", "Inleiding van het gesprek."),
        (label, None, f"{label}: ", "Ja, dat klopt."),
    ]


def test_first_names_count_when_repeated():
    text = "Fatima: Hallo.\nJan-Willem: Dag Fatima.\nFatima: Hoe gaat het?\nJan-Willem: Goed.\n"
    assert [t.speaker for t in parse_text(text).turns] == [
        "Fatima",
        "Jan-Willem",
        "Fatima",
        "Jan-Willem",
    ]


def test_a_single_name_counts_in_an_established_conversation():
    text = "Interviewer: Wie wil beginnen?\nR: Ik.\nMohammed: Of ik.\nInterviewer: Goed.\n"
    assert [t.speaker for t in parse_text(text).turns] == [
        "Interviewer",
        "R",
        "Mohammed",
        "Interviewer",
    ]


def test_sentences_with_a_colon_are_not_speakers():
    text = (
        "Interviewer: Wat is belangrijk?\n"
        "Respondent: Let op: ik zeg het maar één keer.\n"
        "Dat is het punt: niemand luistert.\n"
        "Let op: dit is een nieuwe regel in dezelfde beurt.\n"
        "Kortom: het moet anders.\n"
        "Zij zei: dat kan niet. En zij had gelijk.\n"
        "Het probleem is: geld.\n"
        "Om 10:30 begon de bijeenkomst.\n"
        "Interviewer: Dank je.\n"
    )
    result = parse_text(text)
    assert [t.speaker for t in result.turns] == ["Interviewer", "Respondent", "Interviewer"]
    respondent = result.turns[1]
    assert result.text[respondent.content_start : respondent.end] == (
        "Let op: ik zeg het maar één keer.\n"
        "Dat is het punt: niemand luistert.\n"
        "Let op: dit is een nieuwe regel in dezelfde beurt.\n"
        "Kortom: het moet anders.\n"
        "Zij zei: dat kan niet. En zij had gelijk.\n"
        "Het probleem is: geld.\n"
        "Om 10:30 begon de bijeenkomst."
    )


def test_a_common_word_is_not_a_name_even_in_a_conversation():
    text = "I: Hoe was het?\nR: Goed.\nVroeger: toen was alles anders, vroeger ging het beter.\n"
    assert [t.speaker for t in parse_text(text).turns] == ["I", "R"]


@pytest.mark.parametrize(
    "text",
    [
        "Abstract: Deze studie gaat over de buurt.\n\nCovid: de pandemie raakte iedereen.\n"
        "In de wijk wonen veel mensen.",
        # A repeated name alone is no conversation either.
        "Inleiding.\nCovid: de pandemie raakte iedereen.\nCovid: een tweede golf.\n"
        "Covid: en nog een.\nGezondheid: ook dat.\n",
        "Samenvatting: kort.\n**Covid:** een vet kopje in Markdown.\nDe tekst gaat verder.\n",
    ],
)
def test_an_article_with_a_word_and_a_colon_has_no_speakers(text):
    result = parse_text(text)
    assert [t.speaker for t in result.turns] == [None]
    assert result.turns[0].content_start == result.turns[0].start == 0


def test_names_that_go_back_and_forth_are_a_conversation():
    text = "Covid: Hallo.\nAnna: Dag.\nCovid: Hoe gaat het?\n"
    assert [t.speaker for t in parse_text(text).turns] == ["Covid", "Anna", "Covid"]


def test_header_lines_stay_in_the_opening_turn():
    text = "Interview 3, Afrikaanderwijk\nDatum: 12 maart 2024\nLocatie: buurthuis\n\nI: Welkom.\n"
    assert _turns(parse_text(text)) == [
        (None, None, "", "Interview 3, Afrikaanderwijk\nDatum: 12 maart 2024\nLocatie: buurthuis"),
        ("I", None, "I: ", "Welkom."),
    ]


@pytest.mark.parametrize(
    ("line", "label", "ms"),
    [
        ("[00:12:31] Interviewer: Ja.", "[00:12:31] Interviewer: ", 751_000),
        ("(12:31) Interviewer: Ja.", "(12:31) Interviewer: ", 751_000),
        ("00:12:31 - Interviewer: Ja.", "00:12:31 - Interviewer: ", 751_000),
        ("[12:31] Interviewer: Ja.", "[12:31] Interviewer: ", 751_000),
        ("00:12:31.250 Interviewer: Ja.", "00:12:31.250 Interviewer: ", 751_250),
        ("01:02:03 Interviewer: Ja.", "01:02:03 Interviewer: ", 3_723_000),
        ("Interviewer [00:12:31]: Ja.", "Interviewer [00:12:31]: ", 751_000),
        ("Interviewer (12:31): Ja.", "Interviewer (12:31): ", 751_000),
        ("Interviewer: [00:12:31] Ja.", "Interviewer: [00:12:31] ", 751_000),
        ("Interviewer 00:12:31: Ja.", "Interviewer 00:12:31: ", 751_000),
        ("Interviewer: 00:12:31.5 - Ja.", "Interviewer: 00:12:31.5 - ", 751_500),
    ],
)
def test_timestamps_before_or_after_the_label(line, label, ms):
    result = parse_text(f"{line}\nR: Nee.")
    assert _turns(result)[0] == ("Interviewer", ms, label, "Ja.")


def test_timestamps_without_labels_make_turns():
    text = "[00:00:01] Welkom allemaal.\nWe beginnen.\n[00:00:09] Eerste vraag.\n"
    assert _turns(parse_text(text)) == [
        (None, 1000, "[00:00:01] ", "Welkom allemaal.\nWe beginnen."),
        (None, 9000, "[00:00:09] ", "Eerste vraag."),
    ]


def test_a_timestamp_inside_a_speakers_turn_does_not_end_it():
    text = "R: Ik begin.\n[00:05:00] En ik ga door.\nI: Dank je.\n"
    assert _turns(parse_text(text)) == [
        ("R", None, "R: ", "Ik begin.\n[00:05:00] En ik ga door."),
        ("I", None, "I: ", "Dank je."),
    ]


def test_a_timestamp_line_before_a_label_belongs_to_its_turn():
    text = "00:00:10\nInterviewer: Hallo.\n00:00:15\nRespondent: Hoi.\n"
    assert _turns(parse_text(text)) == [
        ("Interviewer", 10_000, "00:00:10\nInterviewer: ", "Hallo."),
        ("Respondent", 15_000, "00:00:15\nRespondent: ", "Hoi."),
    ]


def test_label_alone_on_its_line_and_name_with_timestamp_lines():
    text = "Interviewer:\nWat vindt u?\n\nFatima  0:03\nGoed.\nHeel goed.\nFatima  1:10\nJa.\n"
    assert _turns(parse_text(text)) == [
        ("Interviewer", None, "Interviewer:\n", "Wat vindt u?"),
        ("Fatima", 3000, "Fatima  0:03\n", "Goed.\nHeel goed."),
        ("Fatima", 70_000, "Fatima  1:10\n", "Ja."),
    ]


def test_lines_without_label_continue_the_turn_and_blank_lines_are_not_covered():
    text = "  \nI: Een\n\n   twee\n\nR: drie  \n\n"
    result = parse_text(text)
    assert _turns(result) == [("I", None, "I: ", "Een\n\n   twee"), ("R", None, "R: ", "drie")]
    assert_invariants(result)


def test_patterns_are_configurable():
    text = "Kees: Hallo.\nBuurvrouw: Hoi.\nKees: Ja.\nP1 zegt: hm.\n"
    default = parse_text(text)
    assert [t.speaker for t in default.turns] == ["Kees", "Buurvrouw", "Kees"]
    strict = parse_text(text, TurnPatterns(accept_names=False))
    assert [t.speaker for t in strict.turns] == [None]
    custom = parse_text(
        text,
        TurnPatterns(
            accept_names=False,
            speakers=("Buurvrouw",),
            extra_label_patterns=(r"P\d zegt",),
            role_words=frozenset({"kees"}),
        ),
    )
    assert [t.speaker for t in custom.turns] == ["Kees", "Buurvrouw", "Kees", "P1 zegt"]


def test_custom_timestamp_shape():
    patterns = TurnPatterns(timestamp_patterns=(r"<(?P<m>\d+)m(?P<s>\d\d)s>",))
    result = parse_text("<3m07s> I: Hallo.\n", patterns)
    assert _turns(result) == [("I", 187_000, "<3m07s> I: ", "Hallo.")]


LINE_PIECES = st.sampled_from(
    [
        "Interviewer: ",
        "R: ",
        "Fatima: ",
        "[00:12:31] ",
        "(12:31) ",
        "00:01:02 - ",
        "Let op: ",
        "Kortom: ",
        "**Jan:** ",
        "Ja, dat klopt.",
        "café „ja”… 😀",
        " ",
        "\t",
        "",
        "e\u0301",
        "\r\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(LINE_PIECES, max_size=4).map("".join), max_size=12).map("\n".join))
def test_invariants_hold_for_any_text(text):
    result = parse_text(text)
    assert_invariants(result)
    for turn in result.turns:
        assert not result.text[turn.start].isspace()
        assert not result.text[turn.end - 1].isspace()
