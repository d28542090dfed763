"""The pseudonymiser finds names as a researcher writes them, and positions map both ways."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reiscoder.model import NameKind
from reiscoder.privacy import NameRule, PositionMap, Pseudonymiser

RULES = [
    NameRule("Fatima", "Respondent 3"),
    NameRule("El Amrani", "Respondent 3"),
    NameRule("mevrouw El Amrani", "mevrouw X"),
    NameRule("J. de Vries", "Persoon 2"),
    NameRule("Jansen", "Persoon 4"),
    NameRule("Klaas", "Persoon 6"),
    NameRule("Jan", "Persoon 7"),
    NameRule("Roos", "Persoon 5"),
    NameRule("De Wit", "Persoon 8"),
    NameRule("Afrikaanderwijk", "[wijk A]", NameKind.PLACE),
    NameRule("Rotterdam", "[stad]", NameKind.PLACE),
    NameRule("Peter", "Persoon 9"),
]


@pytest.fixture(scope="module")
def pseudonymiser() -> Pseudonymiser:
    return Pseudonymiser(RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # several words, any white space between them, none needed after a full stop
        ("J. de Vries belde", "Persoon 2 belde"),
        ("J.de Vries belde", "Persoon 2 belde"),
        ("J. de\nVries", "Persoon 2"),
        # ...but the surname of J. de Vries is a part of that name
        ("Jan de Vries", "Persoon 7 Persoon 2"),
        # the longest name wins at a place
        ("Kent u mevrouw El Amrani?", "Kent u mevrouw X?"),
        ("El Amrani zei", "Respondent 3 zei"),
        # case is ignored...
        ("FATIMA en fatima", "Respondent 3 en Respondent 3"),
        # ...except for names made of common words, which must be capitalised
        ("een roos voor Roos", "een roos voor Persoon 5"),
        (
            "de wit geverfde muur van De Wit en de Wit",
            "de wit geverfde muur van Persoon 8 en Persoon 8",
        ),
        # word boundaries: a name never inside another word
        ("Marjan, Janssen, januari, Jan", "Marjan, Janssen, januari, Persoon 7"),
        ("Peterselie van Peter", "Peterselie van Persoon 9"),
        # the possessive stays on the pseudonym
        ("Fatima's moeder", "Respondent 3's moeder"),
        ("Fatima’s moeder", "Respondent 3’s moeder"),
        ("Klaas' fiets", "Persoon 6's fiets"),
        ("Jansens dochter", "Persoon 4's dochter"),
        ("'Ik zag Fatima' zei ze", "'Ik zag Respondent 3' zei ze"),
        # derived forms become the plain pseudonym
        ("Fatimaatje", "Respondent 3"),
        ("Jantje en Roosje", "Persoon 7 en Persoon 5"),
        ("de Afrikaanderwijkse markt", "de [wijk A] markt"),
        ("Rotterdammers", "[stad]"),
        # places also at the start of a compound, which keeps its rest
        ("de Afrikaanderwijkmarkt", "de [wijk A]-markt"),
        ("Afrikaanderwijk-bewoners", "[wijk A]-bewoners"),
        ("Fatimaverhaal", "Fatimaverhaal"),  # people do not (Peterselie)
        ("FatimaJansen", "Respondent 3-Persoon 4"),  # names glued together
    ],
)
def test_names_are_found_as_people_write_them(pseudonymiser, text, expected):
    assert pseudonymiser.apply(text) == expected


def test_an_empty_list_changes_nothing():
    empty = Pseudonymiser([])
    assert not empty
    assert empty.apply("Fatima") == "Fatima"
    text, positions = empty.apply_mapped("Fatima")
    assert text == "Fatima" and positions.identity


def test_find_reports_which_rule_matched(pseudonymiser):
    found = pseudonymiser.find("dhr. Jansen en Fatima's zoon")
    assert [(f.start, f.end, RULES[f.rule].original, f.new) for f in found] == [
        (5, 11, "Jansen", "Persoon 4"),
        (15, 23, "Fatima", "Respondent 3's"),
    ]


def test_codings_keep_their_words_through_the_position_map(pseudonymiser):
    text = "Al twintig jaar woont Fatima in de Afrikaanderwijk, zei ze."
    new, positions = pseudonymiser.apply_mapped(text)
    assert new == "Al twintig jaar woont Respondent 3 in de [wijk A], zei ze."
    for words in ("Al twintig jaar", "woont Fatima in", "de Afrikaanderwijk, zei ze."):
        start = text.index(words)
        mapped = positions.range(start, start + len(words))
        assert new[slice(*mapped)] == pseudonymiser.apply(words)


def test_a_range_cutting_into_a_name_covers_the_whole_pseudonym(pseudonymiser):
    text = "woont Fatima in de Afrikaanderwijk"
    new, positions = pseudonymiser.apply_mapped(text)
    start, end = text.index("ima in de Afrik"), text.index("aanderwijk")
    assert new[slice(*positions.range(start, end))] == "Respondent 3 in de [wijk A]"
    # and back: part of a pseudonym selected codes the whole original name
    shown = new.index("dent 3 in")
    back = positions.source_range(shown, shown + len("dent 3 in"))
    assert text[slice(*back)] == "Fatima in"


def test_positions_outside_names_shift_by_what_came_before():
    positions = PositionMap([(5, 11, 5, 17)])  # six characters became twelve
    assert positions.range(0, 5) == (0, 5)
    assert positions.range(11, 20) == (17, 26)
    assert positions.range(5, 11) == (5, 17)
    assert positions.source_range(17, 26) == (11, 20)


# -- properties on random texts ------------------------------------------------------------

WORDS = st.sampled_from(
    ["Fatima", "Fatima's", "de", "J.", "Vries", "Jansen", "woont", "in", "Afrikaanderwijk",
     "Afrikaanderwijkse", "en", "Jan", "roos", "Roos", "zei", "mevrouw", "El", "Amrani"]
)  # fmt: skip
SEPARATORS = [" ", " ", "\n", ", ", ". "]


@st.composite
def texts(draw, glued: bool = True) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=25))
    separators = st.sampled_from(SEPARATORS + ([""] if glued else []))
    return "".join(word + draw(separators) for word in words)


@settings(deadline=None, max_examples=200)
@given(text=texts(), data=st.data())
def test_every_range_maps_to_a_non_empty_range_and_back_around_it(text, data):
    pseudonymiser = Pseudonymiser(RULES)
    new, positions = pseudonymiser.apply_mapped(text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    mapped = positions.range(start, end)
    assert 0 <= mapped[0] < mapped[1] <= len(new)
    back = positions.source_range(*mapped)
    assert back[0] <= start and end <= back[1]
    # the unchanged text between replacements is the same on both sides
    blocks = positions.blocks
    previous_old = previous_new = 0
    for i1, i2, j1, j2 in blocks:
        assert text[previous_old:i1] == new[previous_new:j1]
        previous_old, previous_new = i2, j2
    assert text[previous_old:] == new[previous_new:]


@settings(deadline=None, max_examples=200)
@given(text=texts(glued=False))
def test_no_original_is_left_in_a_pseudonymised_text(text):
    new = Pseudonymiser(RULES).apply(text)
    for name in ("fatima", "afrikaanderwijk", "jansen"):
        assert name not in new.casefold()


@settings(deadline=None, max_examples=200)
@given(text=texts())
def test_the_fast_search_finds_what_a_word_by_word_search_finds(text):
    pseudonymiser = Pseudonymiser(RULES)
    assert pseudonymiser.find(text) == pseudonymiser._find_in_tokens(text, None)


def test_text_whose_folding_changes_its_length_is_searched_word_by_word(pseudonymiser):
    assert pseudonymiser.apply("Die Straße von Fatima's Oma") == "Die Straße von Respondent 3's Oma"


# -- one person, one pseudonym; spellings that do not matter -------------------------------

PEOPLE = [
    NameRule("Fatima El Amrani", "Respondent 1"),
    NameRule("Ingrid Verbeek", "Samira de Boer"),
    NameRule("Zoë", "Persoon 2"),
    NameRule("Çelik", "Persoon 3"),
    NameRule("Ahmed", "Persoon 4"),
    NameRule("Yıldız", "Persoon 5"),
    NameRule("Bospolder-Tussendijken", "[wijk A]", NameKind.PLACE),
    NameRule("Stichting Wijkpaleis", "[organisatie A]", NameKind.ORGANISATION),
    NameRule("Sevda Kaya", "Persoon 6", forms=("Sevdaatje", "Sef=Dora")),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # parts of a full name, and the pseudonym's matching parts when it is a name
        ("Fatima zei het", "Respondent 1 zei het"),
        ("mevrouw El Amrani en Amrani", "mevrouw Respondent 1 en Respondent 1"),
        ("F. El Amrani", "Respondent 1"),
        ("Ingrid en Ingrid Verbeek", "Samira en Samira de Boer"),
        ("Verbeek zei: Ingrid's fiets", "De Boer zei: Samira's fiets"),
        ("I. Verbeek", "S. de Boer"),
        # hyphens, underscores, accents, decomposed text
        ("El-Amrani", "Respondent 1"),
        ("Bospolder Tussendijken en Tussendijken", "[wijk A] en [wijk A]"),
        ("Zoe, ZOË", "Persoon 2, Persoon 2"),
        ("Zoe\u0308 zei", "Persoon 2 zei"),
        ("Celik en Yildiz", "Persoon 3 en Persoon 5"),
        ("Fati\u00adma", "Respondent 1"),
        # inside file names, e-mail addresses, glued to numbers
        ("interview_Fatima_El_Amrani.docx", "interview_Respondent 1.docx"),
        ("Ahmed2024.txt", "Persoon 4-2024.txt"),
        ("interviewFatimaElAmrani", "interview-Respondent 1"),
        ("fatimaelamrani@hotmail.com", "Respondent 1@hotmail.com"),
        # plurals and possessives, an organisation without its heading word
        ("de Ahmeds", "de Persoon 4's"),
        ("het Wijkpaleis", "het [organisatie A]"),
        # forms of an entry, one with its own replacement
        ("Sevdaatje en Sef en Kaya", "Persoon 6 en Dora en Persoon 6"),
    ],
)
def test_every_form_of_an_entry_is_replaced_consistently(text, expected):
    assert Pseudonymiser(PEOPLE).apply(text) == expected


def test_decomposed_text_maps_positions_around_the_marks():
    text = "Zoe\u0308 woont hier"
    new, positions = Pseudonymiser(PEOPLE).apply_mapped(text)
    assert new == "Persoon 2 woont hier"
    assert positions.range(0, 4) == (0, 9)
    assert new[slice(*positions.range(5, 10))] == "woont"


def test_an_explicit_entry_wins_over_a_part_of_another():
    rules = [NameRule("Ingrid Verbeek", "Persoon 1"), NameRule("Ingrid", "Persoon 2")]
    assert Pseudonymiser(rules).apply("Ingrid Verbeek en Ingrid") == "Persoon 1 en Persoon 2"
