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


def test_capitalised_words_deduce_and_what_the_project_knows(tmp_path):
    found = _suggested(tmp_path)
    assert {"Fatima El Amrani", "J. de Vries", "Jansen", "Stichting Buurtkracht"} <= set(found)
    assert {"Afrikaanderwijk", "Tarwewijk", "Zuidplein", "Roos"} <= set(found)
    # sentence openers, role labels, a bracketed aside and a common word are left out, and
    # a surname is counted with the full name it belongs to
    for not_a_name in ("Nou", "Interviewer", "Respondent 2", "Bakker", "Ja", "Dhr"):
        assert not_a_name not in found
    assert "El Amrani" not in found and "Fatima" not in found
    # a first name that is also a word, opening a sentence: deduce knows it, and it acts
    assert "deduce" in found["Mark"].sources


def test_counts_kinds_and_examples(tmp_path):
    found = _suggested(tmp_path)
    person = found["Fatima El Amrani"]
    assert person.kind is NameKind.PERSON and person.documents == 2
    assert person.count >= 4  # two speaker labels, "El Amrani" twice
    example = next(e for e in person.examples if e.text == "El Amrani")
    assert example.before.endswith("Kent u mevrouw ")
    assert example.document_name == "Interview 2"
    assert example.before + example.text + example.after in " ".join(TEXT.split())
    jansen = found["Jansen"]
    assert (jansen.count, jansen.documents) == (2, 2)
    assert found["Tarwewijk"].kind is NameKind.PLACE
    assert found["Stichting Buurtkracht"].kind is NameKind.ORGANISATION


DUTCH = (
    "Interviewer: Graag. Youssef, stel je jezelf voor?\n\n"
    "Youssef: Ik ben Youssef El Amrani en ik woon in Bospolder-Tussendijken. Mijn moeder komt "
    "uit Polen, mijn vader is Turkse. Ik werk bij Stichting Wijkpaleis op Katendrecht, met "
    "Ingrid Verbeek. Ingrid is er elke dag.\n\n"
    "Interviewer: Sevda, wat zie je hier?\n"
)


def _dutch(tmp_path, **kwargs) -> dict[str, object]:
    with new_project(tmp_path / "d.reis") as project, project.transaction() as session:
        add_document(session, "Gesprek Bospolder", DUTCH)
        return {s.original: s for s in suggest_names(session, **kwargs)}


def test_names_that_open_a_sentence_are_found(tmp_path):
    found = _dutch(tmp_path)
    assert "Sevda" in found  # a vocative opening a subtitle cue
    assert "Youssef El Amrani" in found and "Youssef" not in found  # one person
    assert found["Youssef El Amrani"].count == 4  # twice as Youssef, the label, the full name
    assert "Graag" not in found


def test_places_nationalities_and_organisations_are_not_people(tmp_path):
    found = _dutch(tmp_path)
    assert found["Polen"].kind is NameKind.PLACE
    assert found["Katendrecht"].kind is NameKind.PLACE
    assert found["Bospolder-Tussendijken"].kind is NameKind.PLACE
    assert found["Stichting Wijkpaleis"].kind is NameKind.ORGANISATION
    assert found["Turkse"].kind is NameKind.OTHER


def test_a_first_name_is_counted_with_the_full_name(tmp_path):
    found = _dutch(tmp_path)
    assert "Ingrid" not in found and found["Ingrid Verbeek"].count == 2


def test_deduce_finds_names_the_capitals_rule_cannot(tmp_path):
    """Without deduce a name at a sentence start that is also a word is lost; deduce knows it."""
    with new_project(tmp_path / "d.reis") as project, project.transaction() as session:
        add_document(session, "Gesprek", "Interviewer: Waar werkt u?\n\nR: Met Kees Brouwer.\n")
        with_deduce = {s.original: s for s in suggest_names(session)}
        without = {s.original for s in suggest_names(session, detector=False)}
    assert "deduce" in with_deduce["Kees Brouwer"].sources
    assert "Kees Brouwer" in without  # the capitals rule finds this one too


def test_names_in_memos_file_names_and_code_names_are_suggested(tmp_path):
    from reiscoder.ops.codes import create_code
    from reiscoder.ops.memos import add_memo
    from tests.factories import first_coder_id

    with new_project(tmp_path / "m.reis") as project, project.transaction() as session:
        add_document(session, "interview_Samira_Bouzid", "Interviewer: Dag.\n")
        add_memo(session, first_coder_id(session), "Terugbellen: Kees Brouwer.", title="Bellen")
        create_code(session, "Verhaal van Winston Pinas")
        found = {s.original: s for s in suggest_names(session)}
    assert {"Samira Bouzid", "Kees Brouwer", "Winston Pinas"} <= set(found)
    assert found["Samira Bouzid"].examples[0].document_name == "Documentnaam"


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
    assert {"Tarwewijk", "Jansen", "Stichting Buurtkracht"} <= set(found)
    assert not {"Tarwewijkse", "Tarwewijkmarkt", "Jansens", "Buurtkracht"} & set(found)
    assert found["Tarwewijk"].count == 3 and found["Jansen"].count == 2
    assert found["Stichting Buurtkracht"].count == 2  # Buurtkracht-vrijwilligers too
    # with the plain forms in the list, their other forms are not suggested either
    with project.transaction() as session:
        add_names(session, [NewName("Tarwewijk", kind=NameKind.PLACE), NewName("Jansen")])
        found = {s.original for s in suggest_names(session)}
    project.close()
    assert not {name for name in found if name.startswith(("Tarwewijk", "Jansen"))}


def test_speakers_and_cases_are_respondents(tmp_path):
    found = _suggested(tmp_path)
    fatima = found["Fatima El Amrani"]  # the case; the speaker Fatima is its first name
    assert fatima.respondent and "person" in fatima.sources


def test_listed_and_rejected_names_are_not_suggested_again(tmp_path):
    def setup(session) -> None:
        add_names(session, [NewName("Jansen"), NewName("Tarwewijk", kind=NameKind.PLACE)])
        reject_names(session, ["Zuidplein"])

    found = _suggested(tmp_path, setup=setup)
    assert "Jansen" not in found and "Tarwewijk" not in found and "Zuidplein" not in found
    assert "Jansens" not in found  # a form of a listed name is replaced already
    assert "Fatima El Amrani" in found


def test_entities_of_a_spacy_pipeline_add_to_the_other_sources(tmp_path):
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
    assert "Fatima El Amrani" in found


def test_the_lemma_table_knows_common_dutch_words():
    assert is_common_word("Bakker") and is_common_word("roos")
    assert not is_common_word("Afrikaanderwijk") and not is_common_word("Fatima")
