"""Lemmas, the pipeline's name, and the fallback when the trained Dutch model is absent."""

from __future__ import annotations

import pytest
import spacy

from reiscoder.nlp import (
    has_entity_model,
    lemmatize_words,
    named_entities,
    pipeline_name,
    search_lemmas,
    segment_turns,
)
from reiscoder.nlp import pipeline as pipeline_module

IRREGULAR = {
    "huizen": "huis",
    "kinderen": "kind",
    "werd": "worden",
    "werden": "worden",
    "was": "zijn",
    "waren": "zijn",
    "is": "zijn",
    "ben": "zijn",
    "gingen": "gaan",
    "ging": "gaan",
    "had": "hebben",
    "heeft": "hebben",
    "kon": "kunnen",
    "kwam": "komen",
    "vonden": "vinden",
    "gezegd": "zeggen",
    "straten": "straat",
    "gemeenten": "gemeente",
    "mooiste": "mooi",
    "bewoners": "bewoner",
    "buurtbewoners": "buurtbewoner",
    "woningen": "woning",
    "mensen": "mens",
    "maanden": "maand",
    "beter": "goed",
}


@pytest.mark.parametrize(("form", "lemma"), sorted(IRREGULAR.items()))
def test_irregular_forms(form: str, lemma: str) -> None:
    assert lemmatize_words(form) == [lemma]


def test_function_words_and_nouns_keep_their_form() -> None:
    assert lemmatize_words("het hem haar buurt huis werk in uit") == [
        "het",
        "hem",
        "haar",
        "buurt",
        "huis",
        "werk",
        "in",
        "uit",
    ]


def test_query_lemmas_are_lower_case_words_only() -> None:
    assert lemmatize_words("De Bewoners gingen, zeiden ze, naar 't Buurthuis!") == [
        "de",
        "bewoner",
        "gaan",
        "zeggen",
        "ze",
        "naar",
        "het",
        "buurthuis",
    ]
    assert lemmatize_words("  ... ?! ") == []


def test_sentence_lemmas_for_the_index() -> None:
    text = "R: De kinderen gingen naar huis. [lacht] Mijn buurvrouwen waren er ook, m.b.t. 3,5 uur!"
    spans = segment_turns(text, [(3, len(text))])
    assert [span.lemmas for span in spans] == [
        "de kind gaan naar huis lachen",
        "mijn buurvrouw zijn er ook m.b.t. 3,5 uur",
    ]


def test_pipeline_name_names_the_rules() -> None:
    assert pipeline_name() == "reiscoder-nl-regels 2 (spacy.blank nl)"


def test_works_without_the_trained_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    pipeline_module.reset_pipeline()
    try:
        assert "spacy.blank nl" in pipeline_name()
        assert pipeline_module._pipeline().nlp.pipe_names == [
            "sentencizer",
            "reiscoder_nl_zinsgrenzen",
        ]
        text = "Ja. Nee."
        assert [(s.start, s.end) for s in segment_turns(text, [(0, 8)])] == [(0, 3), (4, 8)]
        assert lemmatize_words("gingen") == ["gaan"]
    finally:
        pipeline_module.reset_pipeline()


def test_without_the_model_there_are_no_entities() -> None:
    assert "spacy.blank" in pipeline_name()
    assert not has_entity_model()
    assert named_entities(["Fatima woont in Rotterdam."]) is None


def test_public_api() -> None:
    import reiscoder.nlp

    assert reiscoder.nlp.__all__ == [
        "EntityKind",
        "NamedEntity",
        "SentenceSpan",
        "has_entity_model",
        "lemmatize_words",
        "named_entities",
        "pipeline_name",
        "search_lemmas",
        "segment_turns",
    ]


NOT_PLURALS = {
    # A singular is never mapped to its plural or to a verb made from it.
    "boot": "boot",
    "taal": "taal",
    "parlement": "parlement",
    "doel": "doel",
    "deel": "deel",
    "ontwerp": "ontwerp",
    "ridder": "ridder",
    "kaart": "kaart",
    # Adverbs stay themselves, nouns stay nouns, verb forms get their infinitive.
    "slechts": "slechts",
    "echter": "echter",
    "onderwijs": "onderwijs",
    "groei": "groei",
    "wil": "willen",
    "kan": "kunnen",
    "boten": "boot",
    "talen": "taal",
    "landen": "land",
    "woordvoerster": "woordvoerster",
    "meer": "veel",
    "alle": "al",
    "derde": "drie",
}


@pytest.mark.parametrize(("form", "lemma"), sorted(NOT_PLURALS.items()))
def test_nouns_keep_their_singular_and_verbs_their_infinitive(form: str, lemma: str) -> None:
    assert lemmatize_words(form) == [lemma]


UNKNOWN_WORDS = {
    "gravelbijters": "gravelbijter",  # a compound: the lemma of its last part
    "vormklachten": "vormklacht",
    "meegesprongen": "meespringen",  # particle + participle
    "farc-rebellen": "farc-rebel",
    "oostendse": "oostends",
    "49ste": "49",
    "dáár": "daar",
    "groenteteelt": "groenteteelt",  # teelt is no form of telen here
    "vervolgens": "vervolgens",  # frequent, so not taken apart
}


@pytest.mark.parametrize(("form", "lemma"), sorted(UNKNOWN_WORDS.items()))
def test_words_the_table_does_not_know(form: str, lemma: str) -> None:
    assert lemmatize_words(form) == [lemma]
    assert lemmatize_words(form.capitalize()) == [lemma]  # capitals change nothing


def test_separable_verbs_are_one_lemma() -> None:
    text = (
        "Hij keerde gisteren terug. Om terug te komen, belde ze haar moeder op. "
        "Zij kwam vorige week terug uit Marokko."
    )
    spans = segment_turns(text, [(0, len(text))])
    assert [span.lemmas for span in spans] == [
        "hij terugkeren gisteren terug",
        "om terug te terugkomen opbellen ze haar moeder op",
        "zij terugkomen vorig week terug uit marokko",
    ]
    assert lemmatize_words("keerde terug") == ["terugkeren", "terug"]
    # A preposition before its noun is no particle.
    text = "Hij stapte op de fiets."
    assert segment_turns(text, [(0, len(text))])[0].lemmas == "hij stappen op de fiets"


def test_a_search_word_also_looks_for_its_other_reading() -> None:
    assert search_lemmas("werken") == ["werken", "werk"]  # "ik werk" has the noun's lemma
    assert search_lemmas("bewoners") == ["bewoner"]
    assert search_lemmas("gingen") == ["gaan"]
