"""segment_turns: invariants on random text, and the boundary conventions one by one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.nlp import SentenceSpan, segment_turns
from reiscoder.nlp.pipeline import _pipeline

from .gold import gold_files, read_gold

ALPHABET = st.sampled_from(
    list("abcJKéëÏIJ ..?!,;:…'\"„”“‘’«»()[]-–0123456789\n\t\u00a0\u0301\u200b")
    + ["😀", "👍🏽", "👨‍👩‍👧", "🇳🇱", "e\u0301", "...", " [lacht] ", "nr. ", "o.a. ", "enz. ", "'s "]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


@st.composite
def text_and_turns(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(TEXTS)
    bound = st.integers(min_value=-2, max_value=len(text) + 2)
    turns = draw(st.lists(st.tuples(bound, bound), max_size=5))
    return text, turns


def _covered(turns: list[tuple[int, int]], length: int) -> set[int]:
    return {i for start, end in turns for i in range(max(start, 0), min(end, length))}


@settings(deadline=None, max_examples=300)
@given(text_and_turns())
def test_sentences_stay_in_turns_and_cover_them(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, turns = case
    spans = segment_turns(text, turns)
    inside = _covered(turns, len(text))
    previous_end = 0
    for span in spans:
        assert isinstance(span, SentenceSpan)
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        assert "\n" not in piece
        # Inside one turn range: every character of the span lies in the same range.
        assert any(
            max(start, 0) <= span.start and span.end <= min(end, len(text)) for start, end in turns
        )
    in_spans = {i for span in spans for i in range(span.start, span.end)}
    assert {i for i in inside if not text[i].isspace()} <= in_spans
    assert in_spans <= inside


def test_offsets_are_code_points() -> None:
    text = "R: Ik 👨‍👩‍👧 woon hier. Het is e\u0301cht 🇳🇱! Nou… 😀 Ja."
    spans = segment_turns(text, [(3, len(text))])
    assert [text[s.start : s.end] for s in spans] == [
        "Ik 👨‍👩‍👧 woon hier.",
        "Het is e\u0301cht 🇳🇱!",
        "Nou… 😀",
        "Ja.",
    ]


def test_turn_boundaries_and_line_breaks_end_sentences() -> None:
    text = "I: Hoe gaat het met u\nR: Goed hoor, dank u\nen met u\n\nEn verder"
    first = (3, text.index("\n"))
    second = (text.index("R: ") + 3, len(text))
    spans = segment_turns(text, [second, first])
    assert [text[s.start : s.end] for s in spans] == [
        "Hoe gaat het met u",
        "Goed hoor, dank u",
        "en met u",
        "En verder",
    ]


def test_label_and_timestamp_left_in_a_range_are_split_off() -> None:
    text = "Interviewer: [00:12:31] Wat vindt u? Goed.\nR: Ja."
    spans = segment_turns(text, [(0, text.index("\n")), (text.index("R:"), len(text))])
    pieces = [text[s.start : s.end] for s in spans]
    assert pieces == ["Interviewer:", "[00:12:31]", "Wat vindt u?", "Goed.", "R:", "Ja."]
    assert spans[0].lemmas == ""


CONVENTIONS = [
    # Annotations stay in their sentence; after end punctuation they close it.
    ("Ik weet het niet [lacht]. Maar goed.", ["Ik weet het niet [lacht].", "Maar goed."]),
    ("Ik weet het niet. [lacht] Maar goed.", ["Ik weet het niet. [lacht]", "Maar goed."]),
    ("Ja. (lacht) Nee.", ["Ja. (lacht)", "Nee."]),
    ("Ja. [00:12:31] Nee.", ["Ja.", "[00:12:31] Nee."]),
    # Ellipsis: a capitalised word ends the sentence, lower case goes on.
    ("Nou... ik weet het niet.", ["Nou... ik weet het niet."]),
    ("Tja... Dat is lastig.", ["Tja...", "Dat is lastig."]),
    ("Tja… Dat is lastig.", ["Tja…", "Dat is lastig."]),
    ("We gingen naar... Rotterdam-Zuid.", ["We gingen naar... Rotterdam-Zuid."]),
    ("We gingen naar... Nee, wacht.", ["We gingen naar...", "Nee, wacht."]),
    # Quotes: opening quotes open, closing quotes close.
    ("Hij zei: „Ik kom.” En toen niet.", ["Hij zei: „Ik kom.”", "En toen niet."]),
    ("Wat nu? „Niemand helpt,” zei hij.", ["Wat nu?", "„Niemand helpt,” zei hij."]),
    ("Ze vroeg: „Kom je?” en ik zei ja.", ["Ze vroeg: „Kom je?” en ik zei ja."]),
    ('Hij zei: "Nee." "Ja," zei zij.', ['Hij zei: "Nee."', '"Ja," zei zij.']),
    ("„Waar is hij?”, vroeg ik.", ["„Waar is hij?”, vroeg ik."]),
    # Newspaper quotes: two commas open, two apostrophes close.
    (
        "Dat zou zijn. ,,Ik schuif dat voor me uit.'' Hij lacht.",
        ["Dat zou zijn.", ",,Ik schuif dat voor me uit.''", "Hij lacht."],
    ),
    ("Klaar. ,, Mijn hoofd was leeg.", ["Klaar.", ",, Mijn hoofd was leeg."]),
    (",,Wanneer komt u?'' riep een man.", [",,Wanneer komt u?'' riep een man."]),
    (",,Het is klaar'', zei ze. ,,Echt.''", [",,Het is klaar'', zei ze.", ",,Echt.''"]),
    # A straight quote set apart by spaces: the count of quotes before it decides.
    (
        'Hij zei: "Ik ben kunstenaar. " Wetende dat niemand luisterde, ging hij.',
        ['Hij zei: "Ik ben kunstenaar. "', "Wetende dat niemand luisterde, ging hij."],
    ),
    (
        'Hij werd kunstenaar. " Wetende dat niemand luisterde, ging hij door. "',
        ["Hij werd kunstenaar.", '" Wetende dat niemand luisterde, ging hij door. "'],
    ),
    ('Dat was mijn geluk. " " Het succes kwam.', ['Dat was mijn geluk. "', '" Het succes kwam.']),
    # Punctuation glued to a colon or bracket is no sentence end; "v. Chr." is one phrase.
    ("In het Grieks:??? heet de stad anders.", ["In het Grieks:??? heet de stad anders."]),
    (
        "Rond 330 v. Chr. werd de stad gesticht. Na 40 n. Chr. groeide ze.",
        ["Rond 330 v. Chr. werd de stad gesticht.", "Na 40 n. Chr. groeide ze."],
    ),
    ("Echt?! Ja hoor.", ["Echt?!", "Ja hoor."]),
    # Abbreviations, initials, numbers.
    ("Dhr. J. de Vries en mevr. De Jong.", ["Dhr. J. de Vries en mevr. De Jong."]),
    (
        "Er was o.a. koffie, thee enz. Het duurde lang.",
        ["Er was o.a. koffie, thee enz.", "Het duurde lang."],
    ),
    ("Ik woon op nr. 14. Dat is hier.", ["Ik woon op nr. 14.", "Dat is hier."]),
    (
        "Het kost 3,5 mln. euro, z.g.a.n., ca. 3 jaar.",
        ["Het kost 3,5 mln. euro, z.g.a.n., ca. 3 jaar."],
    ),
    ("Ik werk overdag. 's Avonds ben ik thuis.", ["Ik werk overdag.", "'s Avonds ben ik thuis."]),
    ("De zgn. buurtvaders lopen rond.", ["De zgn. buurtvaders lopen rond."]),
    ("Ik weet dat. Maar ja.", ["Ik weet dat.", "Maar ja."]),
    ("Het rapport komt in okt. 2024 uit.", ["Het rapport komt in okt. 2024 uit."]),
    ("Super!! 🎉🎉 Tot morgen.", ["Super!! 🎉🎉", "Tot morgen."]),
    (
        "Ik vroeg het. (Maar ik kreeg geen antwoord.) Dus.",
        ["Ik vroeg het.", "(Maar ik kreeg geen antwoord.)", "Dus."],
    ),
]


@pytest.mark.parametrize(("turn", "expected"), CONVENTIONS)
def test_boundary_conventions(turn: str, expected: list[str]) -> None:
    spans = segment_turns(turn, [(0, len(turn))])
    assert [turn[s.start : s.end] for s in spans] == expected


def test_spacy_component_agrees_with_segment_turns() -> None:
    """nlp(text).sents, through the registered component, splits as segment_turns does."""
    nlp = _pipeline().nlp
    for path in gold_files():
        gold = read_gold(path)
        for start, end in gold.turns:
            block = gold.text[start:end]
            if "\n" in block:
                continue
            expected = [(s.start, s.end) for s in segment_turns(block, [(0, len(block))])]
            doc = nlp(block)
            got = [(sent.start_char, sent.end_char) for sent in doc.sents]
            got = [
                (a + len(block[a:b]) - len(block[a:b].lstrip()), a + len(block[a:b].rstrip()))
                for a, b in got
            ]
            assert got == expected, block
