"""Which words of a found sentence are shown bold: those the lemma search matched."""

from __future__ import annotations

from reiscoder.nlp import lemmatize_words
from reiscoder.ui.lists.emphasis import cached, emphasis, query_terms
from reiscoder.ui.lists.wrapping import one_paragraph, utf16_offset

LEMMATIZE = cached(lemmatize_words)


def _bold(query: str, text: str) -> list[str]:
    terms = query_terms(query, LEMMATIZE)
    return [text[s:e] for s, e in emphasis(text, terms, LEMMATIZE)]


def test_inflected_forms_are_emphasised():
    assert _bold("bewoner", "De bewoners gingen naar de bewonersavond.") == ["bewoners"]
    assert _bold("gaan", "Ik ging eerst niet, nu ga ik wel.") == ["ging", "ga"]
    assert _bold("Bewoner gaan", "De BEWONERS gingen samen.") == ["BEWONERS", "gingen"]


def test_quotes_prefixes_and_accents():
    assert _bold('"ging"', "Ik ging, zij gaan.") == ["ging"]
    assert _bold("buurt*", "Het buurthuis in de buurt.") == ["buurthuis", "buurt"]
    assert _bold("cafe", "Het café op de hoek.") == ["café"]


def test_nothing_to_emphasise_for_an_empty_query():
    assert _bold("", "Een zin.") == []
    assert _bold("***", "Een zin.") == []


def test_positions_for_qt_count_utf16_units():
    text = "😊 bewoners"
    assert utf16_offset(text, 2) == 3
    assert one_paragraph("Fatima: ja.\n\nInterviewer: en?") == "Fatima: ja. / Interviewer: en?"
