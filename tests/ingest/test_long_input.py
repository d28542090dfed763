"""Inputs that used to cost more than their size: a transcript of one enormous line is
segmented in pieces (every word still in a sentence, sentences as for short lines), and a
file of many short lines becomes a turn and a sentence per line."""

from __future__ import annotations

from sqlalchemy import func, select

from reiscoder.ingest.batch import FileStatus, ImportOptions, import_files
from reiscoder.ingest.compute import PIECE_CHARS, SegmentationJob, compute_sentences
from reiscoder.ingest.store import word_count
from reiscoder.model import Document, Sentence, Turn
from tests.factories import new_project

SENTENCE = "De buurvrouw kookt op vrijdag een pan extra voor dhr. Jansen. "


def test_one_enormous_line_is_segmented_whole_and_as_short_lines_are():
    text = SENTENCE * (3 * PIECE_CHARS // len(SENTENCE))
    result = compute_sentences(SegmentationJob(1, text, [(7, 0, len(text))]))
    short = compute_sentences(SegmentationJob(1, SENTENCE, [(7, 0, len(SENTENCE))]))
    assert len(short.sentences) == 1
    assert len(result.sentences) == text.count(SENTENCE)
    assert {text[start:end] for _turn, start, end, _lemmas in result.sentences} == {
        SENTENCE.strip()
    }
    assert {lemmas for *_rest, lemmas in result.sentences} == {short.sentences[0][3]}
    assert {turn for turn, *_rest in result.sentences} == {7}


def test_a_line_without_any_sentence_end_or_space_is_cut_but_kept(tmp_path):
    text = "a" * (PIECE_CHARS * 2 + 17)
    result = compute_sentences(SegmentationJob(1, text, [(3, 0, len(text))]))
    covered = "".join(text[start:end] for _turn, start, end, _lemmas in result.sentences)
    assert covered == text


def test_many_short_lines_become_turns_and_sentences(tmp_path):
    transcript = tmp_path / "regels.txt"
    lines = [f"R: zin {n} over de buurt." for n in range(5_000)]
    transcript.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with new_project(tmp_path / "p.reis") as project:
        options = ImportOptions(coder="Anna", backup=False)
        (report,) = import_files(project, [transcript], options)
        assert report.status == FileStatus.IMPORTED
        with project.reader() as session:
            assert session.scalar(select(func.count()).select_from(Turn)) == len(lines)
            assert session.scalar(select(func.count()).select_from(Sentence)) == len(lines)
            words = session.scalar(select(Document.word_count))
            assert words == word_count("\n".join(lines)) == 6 * len(lines)
