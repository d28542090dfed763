"""Importing many files: each its own transaction, bad files reported, sentences and search."""

from __future__ import annotations

import docx
import pytest
from sqlalchemy import func, select

from reiscoder.cli import main
from reiscoder.ingest.batch import FileStatus, ImportListener, ImportOptions, import_files
from reiscoder.ingest.segmentation import segment_pending
from reiscoder.model import (
    Attribute,
    AttributeValue,
    Document,
    SegmentationState,
    Sentence,
    Speaker,
    Turn,
)
from reiscoder.model.project import Project
from reiscoder.read.search import search_sentences
from tests.factories import dump, new_project

INTERVIEW = (
    "Interviewer: Hoe gaat het met de bewoners in de straat?\n"
    "Fatima: Goed. De huizen zijn opgeknapt, o.a. aan het plein. Maar we gingen vroeger "
    "vaker bij elkaar langs... Nu minder.\n"
    "Interviewer: Waarom?\n"
    "Fatima: Iedereen werkt. [lacht] Mevr. De Boer zegt het ook.\n"
)


@pytest.fixture
def project(tmp_path):
    with new_project(tmp_path / "p.reis") as project:
        yield project


def _files(tmp_path):
    good = tmp_path / "fatima.txt"
    good.write_text(INTERVIEW, encoding="utf-8")
    word = tmp_path / "henk.docx"
    document = docx.Document()
    for speaker, line in (
        ("Interviewer", "Wat doet u hier?"),
        ("Henk", "Ik werk in de moestuin. Samen met kinderen."),
        ("Interviewer", "Elke week?"),
        ("Henk", "Ja, op zaterdag."),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{speaker}:").bold = True
        paragraph.add_run(f" {line}")
    document.save(word)
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"PK\x03\x04 dit is geen echt docx-bestand")
    empty = tmp_path / "leeg.txt"
    empty.write_bytes(b"")
    return good, word, broken, empty


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_good_files_import_and_bad_ones_are_reported_without_a_trace(project, tmp_path):
    good, word, broken, empty = _files(tmp_path)
    reports = import_files(project, [broken, good, empty, word], ImportOptions(coder="Anna"))
    assert [r.status for r in reports] == [
        FileStatus.FAILED,
        FileStatus.IMPORTED,
        FileStatus.FAILED,
        FileStatus.IMPORTED,
    ]
    assert "beschadigd" in reports[0].message or "geen" in reports[0].message
    assert reports[2].message
    with project.reader() as session:
        assert _count(session, Document) == 2
        fatima = session.scalar(select(Document).where(Document.name == "fatima"))
        assert fatima.text == INTERVIEW
        assert fatima.segmentation == SegmentationState.READY
        assert fatima.pipeline.startswith("reiscoder-nl") or "nl_core" in fatima.pipeline
        labels = set(session.scalars(select(Speaker.label).where(Speaker.document_id == fatima.id)))
        assert labels == {"Interviewer", "Fatima"}
        sentences = [
            fatima.text[s:e]
            for s, e in session.execute(
                select(Sentence.start, Sentence.end)
                .where(Sentence.document_id == fatima.id)
                .order_by(Sentence.start)
            )
        ]
    assert "Goed." in sentences
    assert "De huizen zijn opgeknapt, o.a. aan het plein." in sentences
    assert "Mevr. De Boer zegt het ook." in sentences
    assert not any(s.startswith("Fatima:") for s in sentences)


def test_search_finds_inflected_forms_by_lemma(project, tmp_path):
    good, word, _broken, _empty = _files(tmp_path)
    import_files(project, [good, word], ImportOptions(coder="Anna"))
    with project.reader() as session:
        assert [h.speaker for h in search_sentences(session, "bewoner")] == ["Interviewer"]
        hits = search_sentences(session, "gaan")
        texts = [h.text for h in hits]
        assert any("gingen" in t for t in texts)
        assert any("gaat" in t for t in texts)
        assert [h.text for h in search_sentences(session, "huis")] == [
            "De huizen zijn opgeknapt, o.a. aan het plein."
        ]
        assert search_sentences(session, "moestuin werken")[0].document_name == "henk"
        assert search_sentences(session, "") == []


def test_a_failed_file_leaves_the_project_exactly_as_it_was(project, tmp_path):
    _good, _word, broken, empty = _files(tmp_path)
    with project.reader() as session:
        before = dump(session)
    import_files(
        project,
        [broken, empty, tmp_path / "bestaat-niet.txt"],
        ImportOptions(coder="Anna de Vries"),
    )
    with project.reader() as session:
        assert dump(session) == before


def test_the_same_file_twice_is_reported_as_duplicate_unless_allowed(project, tmp_path):
    good, *_rest = _files(tmp_path)
    import_files(project, [good], ImportOptions(coder="Anna"))
    again = import_files(project, [good], ImportOptions(coder="Anna"))
    assert again[0].status is FileStatus.DUPLICATE
    assert "fatima" in again[0].message
    forced = import_files(project, [good], ImportOptions(coder="Anna", allow_duplicates=True))
    assert forced[0].status is FileStatus.IMPORTED
    with project.reader() as session:
        assert sorted(session.scalars(select(Document.name))) == ["fatima", "fatima (2)"]


def test_cancel_stops_before_the_remaining_files(project, tmp_path):
    paths = []
    for i in range(4):
        path = tmp_path / f"gesprek{i}.txt"
        path.write_text(INTERVIEW + f"Fatima: Nummer {i}.\n", encoding="utf-8")
        paths.append(path)
    seen = []
    listener = ImportListener(
        stored=lambda report, done, total: seen.append(done), cancelled=lambda: len(seen) >= 2
    )
    reports = import_files(project, paths, ImportOptions(coder="Anna"), listener)
    assert [r.status for r in reports] == [
        FileStatus.IMPORTED,
        FileStatus.IMPORTED,
        FileStatus.CANCELLED,
        FileStatus.CANCELLED,
    ]
    with project.reader() as session:
        assert _count(session, Document) == 2
        assert set(session.scalars(select(Document.segmentation))) == {SegmentationState.READY}


def test_attributes_given_at_import_are_set_and_bad_values_warned(project, tmp_path):
    good, word, *_rest = _files(tmp_path)
    options = ImportOptions(
        coder="Anna",
        attributes={"Etappe": "1 Sociale samenhang", "Wijk": "Afrikaanderwijk"},
        attributes_per_file={"henk.docx": {"Datum": "31-02-2026", "Wijk": "Feijenoord"}},
    )
    reports = import_files(project, [good, word], options)
    assert reports[1].status is FileStatus.IMPORTED
    assert any("geen datum" in w for w in reports[1].warnings)
    with project.reader() as session:
        values = dict(
            session.execute(
                select(Attribute.name, AttributeValue.value)
                .join(AttributeValue.attribute)
                .join(Document, Document.id == AttributeValue.document_id)
                .where(Document.name == "henk")
            ).all()
        )
    assert values == {"Etappe": "1 Sociale samenhang", "Wijk": "Feijenoord"}


def test_documents_left_segmenting_are_finished_later(project, tmp_path):
    from reiscoder.ingest.store import store_transcript
    from reiscoder.parsing import read_transcript

    good, *_rest = _files(tmp_path)
    with project.transaction() as session:
        store_transcript(session, read_transcript(good), name="onderbroken")
    with project.reader() as session:
        assert session.scalar(select(Document.segmentation)) == SegmentationState.SEGMENTING
        assert _count(session, Turn) == 4
    assert segment_pending(project) == 1
    with project.reader() as session:
        assert session.scalar(select(Document.segmentation)) == SegmentationState.READY
        assert _count(session, Sentence) >= 6


def test_command_line_import_and_search(tmp_path, capsys):
    good, word, broken, _empty = _files(tmp_path)
    path = tmp_path / "cli.reis"
    assert main(["new", str(path)]) == 0
    assert (
        main(["import", str(path), str(good), str(word), str(broken), "--attr", "Wijk=Delfshaven"])
        == 1
    )
    out = capsys.readouterr().out
    assert "✓ fatima.txt" in out and "✗ kapot.docx" in out
    assert "2 van 3 bestanden geïmporteerd." in out
    assert main(["search", str(path), "kinderen"]) == 0
    assert "henk [60-79] Henk: Samen met kinderen." in capsys.readouterr().out
    with Project.open(path) as project, project.reader() as session:
        assert _count(session, Document) == 2


def test_a_killed_worker_process_loses_no_document(project, tmp_path):
    import os
    import signal

    import psutil

    paths = []
    for i in range(3):
        path = tmp_path / f"gesprek{i}.txt"
        path.write_text(INTERVIEW + f"Fatima: Nummer {i}.\n", encoding="utf-8")
        paths.append(path)

    def kill_workers(report, done, total):
        if done == 2:
            for child in psutil.Process().children(recursive=True):
                os.kill(child.pid, signal.SIGKILL)

    reports = import_files(
        project, paths, ImportOptions(coder="Anna"), ImportListener(stored=kill_workers)
    )
    assert [r.status for r in reports] == [FileStatus.IMPORTED] * 3
    with project.reader() as session:
        assert set(session.scalars(select(Document.segmentation))) == {SegmentationState.READY}
        assert _count(session, Sentence) >= 3 * 6


def test_undoing_a_document_delete_restores_its_search_index(project, tmp_path):
    from reiscoder.ops import revert
    from reiscoder.ops.documents import delete_document

    good, *_rest = _files(tmp_path)
    [report] = import_files(project, [good], ImportOptions(coder="Anna"))
    with project.transaction() as session:
        outcome = delete_document(session, report.document_id)
        assert search_sentences(session, "huis") == []
        revert(session, outcome.changes)
        assert [h.document_name for h in search_sentences(session, "huis")] == ["fatima"]
    with project.engine.connect() as connection:
        indexed = connection.exec_driver_sql("SELECT count(*) FROM sentence_index").scalar()
        stored = connection.exec_driver_sql("SELECT count(*) FROM sentences").scalar()
    assert indexed == stored


def test_speakers_given_on_the_command_line_start_turns(tmp_path, capsys):
    path = tmp_path / "s.reis"
    source = tmp_path / "kort.txt"
    source.write_text("Interviewer: Hoe heet u?\nBram: Ik heet Bram.\n", encoding="utf-8")
    assert main(["new", str(path)]) == 0
    assert main(["import", str(path), str(source), "--speaker", "Bram"]) == 0
    with Project.open(path) as project, project.reader() as session:
        assert set(session.scalars(select(Speaker.label))) == {"Interviewer", "Bram"}
