"""Suggested names: from the transcripts, speakers, cases and attributes, with counts and
examples, never what is already in the list or was rejected."""

from __future__ import annotations

import spacy

from reiscoder.model import Case, NameKind
from reiscoder.ops.names import NewName, add_names, reject_names
from reiscoder.privacy.suggest import entity_finder, suggest_names
from reiscoder.text.common_words import is_common_word
from tests.factories import add_document, new_project

TEXT = (
    "Interviewer: Kent u mevrouw El Amrani uit de Tarwewijk?\n\n"
    "Respondent 2: Ja, en J. de Vries van Stichting Buurtkracht. Dhr. Jansen ook. Mark zei "
    "dat. [lacht] Nou, El Amrani komt elke week.\n\n"
    "Interviewer: En Bakker? Ik kocht brood bij de bakker op het Zuidplein, zei Roos.\n"
)


def _suggested(tmp_path, **kwargs) -> dict[str, object]:
    with new_project(tmp_path / "p.reis") as project, project.transaction() as session:
        add_document(session, "Interview 1")  # Fatima, Afrikaanderwijk, dhr. Jansen
        add_document(session, "Interview 2", TEXT)
        session.add(Case(name="Fatima El Amrani"))
        session.add(Case(name="Respondent 2"))
        session.flush()
        setup = kwargs.pop("setup", None)
        if setup is not None:
            setup(session)
        return {s.original: s for s in suggest_names(session, **kwargs)}


def test_capitalised_words_that_do_not_open_a_sentence(tmp_path):
    found = _suggested(tmp_path)
    assert {"El Amrani", "J. de Vries", "Jansen", "Stichting Buurtkracht", "Afrikaanderwijk"} <= (
        set(found)
    )
    assert {"Tarwewijk", "Zuidplein", "Roos"} <= set(found)
    # sentence openers, role labels, a bracketed aside and a common word are left out
    for not_a_name in ("Mark", "Nou", "Interviewer", "Respondent 2", "Bakker", "Ja", "Dhr"):
        assert not_a_name not in found


def test_counts_kinds_and_examples(tmp_path):
    found = _suggested(tmp_path)
    amrani = found["El Amrani"]
    assert (amrani.count, amrani.documents, amrani.kind) == (2, 1, NameKind.PERSON)
    example = amrani.examples[0]
    assert example.text == "El Amrani" and example.before.endswith("Kent u mevrouw ")
    assert example.document_name == "Interview 2"
    jansen = found["Jansen"]
    assert (jansen.count, jansen.documents) == (2, 2)
    assert found["Tarwewijk"].kind is NameKind.PLACE
    assert found["Stichting Buurtkracht"].kind is NameKind.ORGANISATION
    assert example.before + example.text + example.after in " ".join(TEXT.split())


def test_inflected_forms_are_not_suggested_apart(tmp_path):
    project = new_project(tmp_path / "p.reis")
    with project.transaction() as session:
        add_document(
            session,
            "Interview",
            "Interviewer: En de Tarwewijk?\n\nRespondent 2: De Tarwewijkse markt, bij Jansen "
            "en Jansens dochter, en op de Tarwewijkmarkt bij Stichting Buurtkracht. Ook "
            "Buurtkracht-vrijwilligers.\n",
        )
        found = {s.original: s for s in suggest_names(session)}
    assert {"Tarwewijk", "Jansen", "Stichting Buurtkracht", "Buurtkracht"} <= set(found)
    assert not {"Tarwewijkse", "Tarwewijkmarkt", "Jansens"} & set(found)
    assert found["Tarwewijk"].count == 3 and found["Jansen"].count == 2
    assert found["Buurtkracht"].kind is NameKind.ORGANISATION
    # with the plain forms in the list, their other forms are not suggested either
    with project.transaction() as session:
        add_names(session, [NewName("Tarwewijk", kind=NameKind.PLACE), NewName("Jansen")])
        found = {s.original for s in suggest_names(session)}
    project.close()
    assert not {name for name in found if name.startswith(("Tarwewijk", "Jansen"))}


def test_speakers_and_cases_are_respondents(tmp_path):
    found = _suggested(tmp_path)
    fatima = found["Fatima"]
    assert fatima.respondent and "person" in fatima.sources
    assert fatima.count == 2  # the speaker labels in the text
    assert found["Fatima El Amrani"].respondent  # a case, even where it is not in the text


def test_listed_and_rejected_names_are_not_suggested_again(tmp_path):
    def setup(session) -> None:
        add_names(session, [NewName("Jansen"), NewName("Tarwewijk", kind=NameKind.PLACE)])
        reject_names(session, ["Zuidplein"])

    found = _suggested(tmp_path, setup=setup)
    assert "Jansen" not in found and "Tarwewijk" not in found and "Zuidplein" not in found
    assert "Jansens" not in found  # a form of a listed name is replaced already
    assert "El Amrani" in found


def test_entities_of_a_spacy_pipeline_replace_the_capitals_rule(tmp_path):
    """The trained model is not installed here; a rule-based entity ruler stands in for it."""
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": "Mark"},
            {"label": "LOC", "pattern": "Tarwewijk"},
            {"label": "ORG", "pattern": [{"LOWER": "stichting"}, {"LOWER": "buurtkracht"}]},
        ]
    )
    found = _suggested(tmp_path, entities=entity_finder(nlp))
    assert found["Mark"].kind is NameKind.PERSON and "entity" in found["Mark"].sources
    assert found["Tarwewijk"].kind is NameKind.PLACE
    assert found["Stichting Buurtkracht"].kind is NameKind.ORGANISATION
    assert "El Amrani" not in found  # only the entities (and speakers, cases) are suggested
    assert "Fatima" in found


def test_the_lemma_table_knows_common_dutch_words():
    assert is_common_word("Bakker") and is_common_word("roos")
    assert not is_common_word("Afrikaanderwijk") and not is_common_word("Fatima")
