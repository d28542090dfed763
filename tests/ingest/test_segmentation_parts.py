"""A document is segmented a part at a time (in worker processes or here), and written as the
parts come: the sentences are the same as when the whole text is done at once, and a document
deleted meanwhile is simply left out."""

from __future__ import annotations

from sqlalchemy import delete, select

from reiscoder.ingest.batch import FileStatus, ImportOptions, import_files
from reiscoder.ingest.compute import (
    GROUP_CHARS,
    PIECE_CHARS,
    SegmentationJob,
    compute_sentences,
    part_jobs,
    sentence_parts,
)
from reiscoder.ingest.segmentation import SentenceWriter, load_job
from reiscoder.model import Document, SegmentationState, Sentence, Turn
from tests.factories import new_project

LINE = "R: Op woensdag drinken we koffie in het buurthuis. Dat helpt echt."
LONG = "De buurvrouw kookt op vrijdag een pan extra voor dhr. Jansen. " * 2_000


def _turns(text: str, lines: list[str]) -> list[tuple[int, int, int]]:
    turns, position = [], 0
    for number, line in enumerate(lines, start=1):
        turns.append((number, position, position + len(line)))
        position += len(line) + 1
    assert position - 1 == len(text)
    return turns


def _job() -> SegmentationJob:
    lines = [LINE] * 1_500 + [LONG] + [LINE] * 1_500
    text = "\n".join(lines)
    return SegmentationJob(9, text, _turns(text, lines))


def test_parts_together_give_the_sentences_of_the_whole_text():
    job = _job()
    assert len(job.text) > 4 * GROUP_CHARS and len(LONG) > PIECE_CHARS
    parts = list(part_jobs(job))
    assert len(parts) >= 4
    assert any(part.long for part in parts)
    assert sum(len(part.text) for part in parts) < len(job.text)  # only its own text
    pieces = [row for part in parts for row in compute_sentences(part).sentences]
    whole = compute_sentences(job).sentences
    assert pieces == whole
    assert [row for result in sentence_parts(job) for row in result.sentences] == whole
    assert {job.text[start:end] for _turn, start, end, _lemmas in whole} >= {
        "Op woensdag drinken we koffie in het buurthuis.",
        "De buurvrouw kookt op vrijdag een pan extra voor dhr. Jansen.",
    }


def test_an_empty_document_is_one_empty_part():
    (part,) = part_jobs(SegmentationJob(3, "", []))
    assert compute_sentences(part).sentences == []


def _sentences(project) -> dict[str, list[tuple[int, int, str]]]:
    with project.reader() as session:
        rows = session.execute(
            select(Document.name, Sentence.start, Sentence.end, Sentence.lemmas)
            .join(Document, Document.id == Sentence.document_id)
            .order_by(Document.name, Sentence.start)
        ).all()
        states = set(session.scalars(select(Document.segmentation)))
    assert states == {SegmentationState.READY}
    found: dict[str, list[tuple[int, int, str]]] = {}
    for name, start, end, lemmas in rows:
        found.setdefault(name, []).append((start, end, lemmas))
    return found


def test_workers_write_the_same_sentences_as_segmenting_here(tmp_path):
    paths = []
    for name, lines in (("lang", [LINE] * 3_000), ("boek", [LINE, LONG, LINE])):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    found = []
    for workers in (0, 2):
        with new_project(tmp_path / f"p{workers}.reis") as project:
            options = ImportOptions(coder="Anna", backup=False, workers=workers)
            reports = import_files(project, paths, options)
            assert {report.status for report in reports} == {FileStatus.IMPORTED}
            found.append(_sentences(project))
    assert found[0] == found[1]
    assert len(found[0]["lang"]) == 6_000


def test_a_document_deleted_while_its_parts_are_written_is_left_out(tmp_path):
    transcript = tmp_path / "weg.txt"
    transcript.write_text(_job().text + "\n", encoding="utf-8")
    with new_project(tmp_path / "p.reis") as project:
        (report,) = import_files(project, [transcript], ImportOptions(coder="A", backup=False))
        document_id = report.document_id
        with project.reader() as session:
            parts = sentence_parts(load_job(session, document_id))
        writer = SentenceWriter(project, document_id)
        writer.add(next(parts))
        writer.add(next(parts))
        with project.transaction() as session:
            session.execute(delete(Sentence).where(Sentence.document_id == document_id))
            session.execute(delete(Turn).where(Turn.document_id == document_id))
            session.execute(delete(Document).where(Document.id == document_id))
        for part in parts:
            writer.add(part)
        assert writer.finish("regels") is False
        with project.reader() as session:
            assert session.scalars(select(Sentence.id)).all() == []
