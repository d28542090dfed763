"""Automatic transcripts from common services come in with their speakers and times:
Whisper's JSON (segments, words, WhisperX speakers), and vtt, srt and docx as Amberscript,
Happy Scribe, Microsoft Teams and Zoom write them. Word times make sentence times exact."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from reiscoder.ingest.segmentation import segment_pending
from reiscoder.ingest.store import store_transcript
from reiscoder.model import Document, Sentence
from reiscoder.parsing import ImportFailure, read_transcript
from reiscoder.read.timing import document_timing
from tests.factories import new_project
from tests.parsing.filemakers import make_docx


def _turns(parsed):
    return [(t.speaker, t.timestamp_ms, parsed.text[t.content_start : t.end]) for t in parsed.turns]


WHISPERX = {
    "language": "nl",
    "segments": [
        {"start": 0.031, "end": 3.2, "text": " Goedemorgen, welkom in de bus. Waar woont u?",
         "speaker": "SPEAKER_00",
         "words": [{"word": "Goedemorgen,", "start": 0.031, "end": 0.6, "score": 0.9},
                   {"word": "welkom", "start": 0.7}, {"word": "in", "start": 1.0},
                   {"word": "de", "start": 1.1}, {"word": "bus.", "start": 1.3},
                   {"word": "Waar", "start": 2.2}, {"word": "woont", "start": 2.5},
                   {"word": "u?", "start": 2.9}]},
        {"start": 3.9, "end": 6.0, "text": " In de Afrikaanderwijk, al twintig jaar.",
         "speaker": "SPEAKER_01",
         "words": [{"word": "In", "start": 3.9}, {"word": "de", "start": 4.0},
                   {"word": "Afrikaanderwijk,", "start": 4.2}, {"word": "al", "start": 5.1},
                   {"word": "twintig", "start": 5.3}, {"word": "jaar.", "start": 5.7}]},
        {"start": 6.4, "end": 8.0, "text": " Mooi. Dank u.", "speaker": "SPEAKER_00"},
    ],
}  # fmt: skip


def test_whisperx_json_with_speakers_and_words(tmp_path):
    path = tmp_path / "busrit.json"
    path.write_text(json.dumps(WHISPERX), encoding="utf-8")
    parsed = read_transcript(path)
    assert _turns(parsed) == [
        ("Spreker 1", 31, "Goedemorgen, welkom in de bus. Waar woont u?"),
        ("Spreker 2", 3900, "In de Afrikaanderwijk, al twintig jaar."),
        ("Spreker 1", 6400, "Mooi. Dank u."),
    ]
    assert parsed.text.startswith("[00:00:00] Spreker 1: Goedemorgen")
    where = {parsed.text[p : p + 4]: ms for p, ms in parsed.sync_points}
    assert where["Waar"] == 2200 and where["twin"] == 5300


def test_word_times_make_sentence_times_exact(tmp_path):
    path = tmp_path / "busrit.json"
    path.write_text(json.dumps(WHISPERX), encoding="utf-8")
    with new_project(tmp_path / "p.reis") as project:
        with project.transaction() as session:
            document = store_transcript(session, read_transcript(path), name="Busrit")
        segment_pending(project)
        with project.reader() as session:
            timing = document_timing(session, document)
            text = session.get(Document, document).text
            starts = [s.start for s in session.scalars(select(Sentence).order_by(Sentence.start))]
    second = text.index("Waar woont")
    assert second in starts  # the sentence splitter found it
    assert timing.is_exact(second) and timing.time_at(second) == 2200


def test_openai_whisper_json_without_speakers_or_words(tmp_path):
    path = tmp_path / "whisper.json"
    segments = [{"id": n, "seek": 0, "start": n * 12.5, "end": n * 12.5 + 12, "text":
                 f" Zin nummer {n} over de buurt."} for n in range(6)]  # fmt: skip
    path.write_text(json.dumps({"text": "", "segments": segments, "language": "nl"}), "utf-8")
    parsed = read_transcript(path)
    assert all(speaker is None for speaker, _ms, _text in _turns(parsed))
    assert [ms for _s, ms, _t in _turns(parsed)] == [0, 37_500]  # paragraphs of 30 s or more
    assert (parsed.text.index("Zin nummer 1"), 12_500) in parsed.sync_points


@pytest.mark.parametrize(
    "content, message",
    [("{not json", "beschadigd"), ('{"results": []}', "geen automatisch transcript"),
     ('{"segments": [{"start": 1, "text": "  "}]}', "geen tekst")],
)  # fmt: skip
def test_bad_json(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailure, match=message):
        read_transcript(path)


def test_teams_vtt_with_voice_tags(tmp_path):
    path = tmp_path / "teams.vtt"
    path.write_text(
        "WEBVTT\n\n"
        "7b3c5f1e-9a2d-4b1c-8e3f-1a2b3c4d5e6f/11-0\n00:00:02.150 --> 00:00:05.420\n"
        "<v Fatima El Amrani>Goedemorgen allemaal, fijn dat jullie er zijn.</v>\n\n"
        "7b3c5f1e-9a2d-4b1c-8e3f-1a2b3c4d5e6f/12-0\n00:00:05.420 --> 00:00:07.000\n"
        "<v Fatima El Amrani>We beginnen bij de voedselbank.</v>\n\n"
        "7b3c5f1e-9a2d-4b1c-8e3f-1a2b3c4d5e6f/13-0\n00:00:07.800 --> 00:00:10.100\n"
        "<v Henk de Vries>Daar werk ik als vrijwilliger.</v>\n",
        encoding="utf-8",
    )
    parsed = read_transcript(path)
    assert [(s, ms) for s, ms, _t in _turns(parsed)] == [
        ("Fatima El Amrani", 2150), ("Henk de Vries", 7800)
    ]  # fmt: skip
    assert (parsed.text.index("We beginnen"), 5420) in parsed.sync_points  # a cue in a turn


def test_zoom_vtt_with_names_in_the_text(tmp_path):
    path = tmp_path / "zoom.vtt"
    path.write_text(
        "WEBVTT\n\n1\n00:00:01.240 --> 00:00:04.110\nFatima El Amrani: Welkom bij de bijeenkomst.\n"
        "\n2\n00:00:04.500 --> 00:00:07.000\nHenk de Vries: Dank je, Fatima.\n\n"
        "3\n00:00:07.500 --> 00:00:09.000\nFatima El Amrani: Wie begint?\n\n"
        "4\n00:00:09.200 --> 00:00:12.000\nHenk de Vries: Ik begin wel.\n",
        encoding="utf-8",
    )
    assert [(s, ms) for s, ms, _t in _turns(read_transcript(path))] == [
        ("Fatima El Amrani", 1240), ("Henk de Vries", 4500), ("Fatima El Amrani", 7500),
        ("Henk de Vries", 9200),
    ]  # fmt: skip


def test_amberscript_and_happy_scribe_srt(tmp_path):
    path = tmp_path / "amberscript.srt"
    path.write_text(
        "1\n00:00:00,480 --> 00:00:03,900\nSpreker 1: Hoe lang woont u hier al?\n\n"
        "2\n00:00:04,300 --> 00:00:08,000\nSpreker 2: Al twintig jaar, sinds de\nrenovatie.\n\n"
        "3\n00:00:08,100 --> 00:00:09,500\nSpreker 1: En bevalt het?\n",
        encoding="utf-8",
    )
    assert _turns(read_transcript(path)) == [
        ("Spreker 1", 480, "Hoe lang woont u hier al?"),
        ("Spreker 2", 4300, "Al twintig jaar, sinds de renovatie."),
        ("Spreker 1", 8100, "En bevalt het?"),
    ]


@pytest.mark.parametrize(
    "service, paragraphs, times",
    [
        ("teams", ["Fatima El Amrani   0:03", "Goedemorgen allemaal.", "Henk de Vries   0:09",
                   "Ik woon al veertig jaar in Feijenoord.", "Fatima El Amrani   1:02:15",
                   "Dat is lang."], [3_000, 9_000, 3_735_000]),
        ("happy scribe", ["00:00:03 Speaker 1", "Goedemorgen allemaal.", "00:00:09 Speaker 2",
                          "Ik woon al veertig jaar in Feijenoord.", "00:01:15 Speaker 1",
                          "Dat is lang."], [3_000, 9_000, 75_000]),
        ("amberscript", ["Spreker 1 [00:00:03]", "Goedemorgen allemaal.",
                         "Spreker 2 [00:00:09]", "Ik woon al veertig jaar in Feijenoord.",
                         "Spreker 1 [00:01:15]", "Dat is lang."], [3_000, 9_000, 75_000]),
    ],
)  # fmt: skip
def test_service_docx_with_a_heading_line_per_turn(tmp_path, service, paragraphs, times):
    path = make_docx(tmp_path / f"{service}.docx", paragraphs)
    parsed = read_transcript(path)
    turns = _turns(parsed)
    assert [ms for _s, ms, _t in turns] == times
    assert turns[0][2] == "Goedemorgen allemaal."
    assert turns[1][2] == "Ik woon al veertig jaar in Feijenoord."
    assert turns[0][0] == turns[2][0] != turns[1][0]
    assert parsed.text.split("\n")[0] == paragraphs[0]  # the text itself is kept as written
