"""Word frequencies on lemmas with the Dutch stop list, and keyword in context."""

from __future__ import annotations

from sqlalchemy import select

from reiscoder.analysis.words import WordSource, keyword_in_context, word_frequencies
from reiscoder.model import Attribute, Document
from reiscoder.model.project import Project


def _counts(result):
    return {row.lemma: row.count for row in result.rows}


def test_lemmas_without_stop_words_fillers_or_annotations(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        result = word_frequencies(s, WordSource(document_ids=frozenset({ids["a"]})))
    counts = _counts(result)
    assert counts["bewoner"] == 1  # "Bewoners" counted as its lemma
    assert counts["buurvrouw"] == 1
    for dropped in ("eh", "nou", "lacht", "lachen", "de", "het", "en", "interviewer", "fatima"):
        assert dropped not in counts
    assert result.words == 34  # every word said, labels and annotations left out


def test_without_the_stop_list_the_fillers_count(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        counts = _counts(
            word_frequencies(s, WordSource(document_ids=frozenset({ids["a"]})), use_stop_list=False)
        )
    assert counts["eh"] == 1 and counts["nou"] == 1 and "lachen" not in counts


def test_per_code_and_per_role(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        coded_words = _counts(word_frequencies(s, WordSource(code_ids=frozenset({ids["thuis"]}))))
        assert set(coded_words) == {"buurvrouw", "kookt", "vrijdag", "fijn", "ken", "bewoner"} or (
            "buurvrouw" in coded_words and "regel" not in coded_words
        )
        role = s.scalar(select(Attribute.id).where(Attribute.name == "Rol"))
        worker = _counts(
            word_frequencies(s, WordSource(case_attribute_id=role, case_value="sociaal werker"))
        )
        assert "sociaal" in worker and "buurvrouw" not in worker
        resident = _counts(
            word_frequencies(s, WordSource(case_attribute_id=role, case_value="bewoner"))
        )
        assert "buurvrouw" in resident and "sociaal" not in resident


def test_keyword_in_context_finds_every_form(coded):
    path, ids = coded
    with Project.open(path, read_only=True) as project, project.reader() as s:
        lines = keyword_in_context(s, WordSource(), "bewoner", width=15)
        texts = dict(s.execute(select(Document.id, Document.text)).all())
    assert [line.match for line in lines] == ["Bewoners", "bewoners"]
    for line in lines:
        assert texts[line.document_id][line.start : line.end] == line.match
    assert lines[1].left.endswith("Ik ken de ")
    assert keyword_in_context(s, WordSource(), "  ") == []
