"""The path that uses an installed trained model, run with a real (tiny) trained pipeline.

The pipeline is trained on the treebank sample and installed as the package
``nl_core_news_sm`` in a folder on ``sys.path`` (see ``tiny_model.py``): the app finds it
there with the same lookup it uses for spaCy's real model.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.ingest.batch import ImportOptions, import_files
from reiscoder.model import Document, Sentence
from reiscoder.nlp import (
    EntityKind,
    has_entity_model,
    lemmatize_words,
    named_entities,
    pipeline_name,
    segment_turns,
)
from reiscoder.nlp import pipeline as pipeline_module
from reiscoder.read.search import search_sentences
from tests.factories import new_project

from . import tiny_model

RULE_CASES = [
    # The Dutch rules decide these boundaries; the parser must keep them.
    "Dat zou zijn. ,,Ik schuif dat voor me uit.'' Hij lacht.",
    "Ik weet het niet. [lacht] Maar goed.",
    "Dhr. J. de Vries kwam om 10.30 uur. Hij zei: „Ik kom.” En toen niet.",
    "Tja... Dat is lastig. Nou... ik weet het niet.",
    "Er was o.a. koffie, thee enz. Het duurde lang.",
]


@pytest.fixture(scope="module")
def rule_sentences() -> dict[str, list[str]]:
    """How the default pipeline (the rules alone) splits the cases, before the model."""
    pipeline_module.reset_pipeline()
    assert "spacy.blank" in pipeline_name()
    return {text: _pieces(text) for text in RULE_CASES}


@pytest.fixture(scope="module")
def trained(
    tmp_path_factory: pytest.TempPathFactory, rule_sentences: dict[str, list[str]]
) -> Iterator[Path]:
    site = tiny_model.install(tiny_model.train(), tmp_path_factory.mktemp("site-packages"))
    sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    pipeline_module.reset_pipeline()
    try:
        yield site
    finally:
        sys.path.remove(str(site))
        sys.modules.pop(tiny_model.PACKAGE, None)
        importlib.invalidate_caches()
        pipeline_module.reset_pipeline()


def _pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment_turns(text, [(0, len(text))])]


def test_the_installed_model_is_found_and_named(trained: Path) -> None:
    assert pipeline_name() == "nl_core_news_sm 0.0.1 (reiscoder-nl-regels 2)"
    nlp = pipeline_module.trained_pipeline()
    assert nlp is not None
    assert Path(nlp.path).is_relative_to(trained)  # loaded from the installed package
    assert {"parser", "lemmatizer", "entity_ruler"} <= set(nlp.pipe_names)


def test_a_document_records_the_trained_pipeline(trained: Path, tmp_path: Path) -> None:
    source = tmp_path / "fatima.txt"
    source.write_text(
        "Interviewer: Waar woont u?\nFatima: In de Afrikaanderwijk. Al twintig jaar.\n"
        "Interviewer: Bevalt het?\nFatima: Ja hoor.\n",
        encoding="utf-8",
    )
    with new_project(tmp_path / "p.reis") as project:
        reports = import_files(project, [source], ImportOptions(coder="Anna", workers=0))
        assert reports[0].document_id is not None
        with project.reader() as session:
            document = session.get(Document, reports[0].document_id)
            assert document.pipeline == "nl_core_news_sm 0.0.1 (reiscoder-nl-regels 2)"
            count = len(session.scalars(select(Sentence.id)).all())
            assert count >= 5
            hits = search_sentences(session, "Afrikaanderwijk")
            assert [hit.text for hit in hits] == ["In de Afrikaanderwijk."]


def test_the_dutch_rules_boundaries_are_kept(
    trained: Path, rule_sentences: dict[str, list[str]]
) -> None:
    for text, by_rules in rule_sentences.items():
        with_model = _pieces(text)
        starts = {text.index(piece) for piece in with_model}
        rule_starts = {text.index(piece) for piece in by_rules}
        assert rule_starts <= starts, (text, with_model)
    # Where the rules say "no boundary", the parser cannot put one.
    text = RULE_CASES[2]
    for inside in ("J. de Vries", "de Vries", "10.30 uur"):
        assert text.index(inside) not in {text.index(p) for p in _pieces(text)}


def test_lemmas_are_the_models(trained: Path) -> None:
    nlp = pipeline_module.trained_pipeline()
    text = "De bewoners gingen gisteren naar de nieuwe huizen in de wijk."
    (sentence,) = segment_turns(text, [(0, len(text))])
    model_lemmas = [
        token.lemma_.lower().replace("_", "") for token in nlp(text) if token.text.isalnum()
    ]
    assert sentence.lemmas.split() == model_lemmas
    # The same words through the table alone, to see that the model's lemmas differ.
    table = pipeline_module._pipeline().lemmatizer
    assert model_lemmas != [table.lemma(word) for word in text.rstrip(".").split()]
    # A search query is lemmatised by the model too.
    assert lemmatize_words("Afrikaanderwijk") == [
        token.lemma_.lower() for token in nlp("Afrikaanderwijk")
    ]


def test_entities_for_name_suggestions(trained: Path) -> None:
    assert has_entity_model()
    texts = [
        "Fatima woont in de Afrikaanderwijk in Rotterdam.",
        "Henk de Vries werkt voor Stichting Buurtkracht, ook tijdens de Ramadan.",
        "Geen namen hier.",
    ]
    found = named_entities(texts)
    assert found is not None
    assert [(e.text, e.kind) for e in found[0]] == [
        ("Fatima", EntityKind.PERSON),
        ("Afrikaanderwijk", EntityKind.PLACE),
        ("Rotterdam", EntityKind.PLACE),
    ]
    assert [(e.text, e.kind) for e in found[1]] == [
        ("Henk de Vries", EntityKind.PERSON),
        ("Stichting Buurtkracht", EntityKind.ORGANISATION),
    ]  # a MISC entity (Ramadan) is no name to pseudonymise
    assert found[2] == []
    first = found[0][1]
    assert texts[0][first.start : first.end] == "Afrikaanderwijk"
