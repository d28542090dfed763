"""Subtitles whose timing cannot be read keep their text, and the import names their lines."""

from __future__ import annotations

from reiscoder.cli import main
from reiscoder.parsing import read_transcript

BROKEN_SRT = """1
00:00:01,000 --> 00:00:03,000
Fatima: Hallo allemaal.

2
00:00:03,500 -> 00:00:05,000
Dit was kapot.

3
00:00:06,000 --> 00:00:08,000
Interviewer: Mooi.

4
00:00:0x,000 --> 00:00:10,000
Interviewer: Deze ook.

5
00:00:11,000 --> 00:00:12,000
Fatima: Ja.
"""


def test_srt_cues_with_broken_timings_keep_their_text_and_are_named(tmp_path):
    path = tmp_path / "kapot.srt"
    path.write_text(BROKEN_SRT, "utf-8")
    result = read_transcript(path)
    assert result.text == (
        "[00:00:01] Fatima: Hallo allemaal. Dit was kapot.\n"
        "[00:00:06] Interviewer: Mooi. Deze ook.\n"
        "[00:00:11] Fatima: Ja."
    )
    assert [(t.speaker, t.timestamp_ms) for t in result.turns] == [
        ("Fatima", 1000),
        ("Interviewer", 6000),
        ("Fatima", 11_000),
    ]
    assert result.warnings == [
        "De ondertitels op regels 5, 13 hebben geen leesbare tijd; de tekst is bewaard, zonder "
        "eigen tijd."
    ]
    # the broken cues give no moment of their own: only the good cues are sync points
    assert all(ms in (1000, 6000, 11_000) for _position, ms in result.sync_points)


def test_a_broken_first_cue_becomes_a_turn_without_time(tmp_path):
    path = tmp_path / "begin.vtt"
    path.write_text(
        "WEBVTT\n\nNOTE door een dienst\n\n00:00:01.000 --> kapot\nFatima: Eerste zin.\n\n"
        "00:00:04.000 --> 00:00:06.000\nInterviewer: Dank je.\n\n"
        "00:00:07.000 --> 00:00:08.000\nFatima: Graag.\n",
        "utf-8",
    )
    result = read_transcript(path)
    assert result.text == (
        "Fatima: Eerste zin.\n[00:00:04] Interviewer: Dank je.\n[00:00:07] Fatima: Graag."
    )
    assert [(t.speaker, t.timestamp_ms) for t in result.turns] == [
        ("Fatima", None),
        ("Interviewer", 4000),
        ("Fatima", 7000),
    ]
    assert result.warnings == [
        "De ondertitel op regel 5 heeft geen leesbare tijd; de tekst is bewaard, zonder eigen tijd."
    ]


def test_a_blank_line_inside_a_cue_keeps_the_rest_of_the_cue(tmp_path):
    path = tmp_path / "witregel.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:03,000\nHallo\n\nallemaal.\n\n"
        "2\n00:00:04,000 --> 00:00:05,000\nTot ziens.\n",
        "utf-8",
    )
    result = read_transcript(path)
    assert result.text == "[00:00:01] Hallo allemaal. Tot ziens."
    assert "regel 5" in result.warnings[0]


def test_the_command_line_names_the_broken_cues(tmp_path, capsys):
    source = tmp_path / "kapot.srt"
    source.write_text(BROKEN_SRT, "utf-8")
    path = tmp_path / "p.reis"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    assert main(["import", str(path), str(source)]) == 0
    out = capsys.readouterr().out
    assert "      De ondertitels op regels 5, 13 hebben geen leesbare tijd" in out


def test_whisper_segments_without_a_start_keep_their_text_and_are_named(tmp_path):
    import json

    segments = [
        {"start": 0.0, "text": " Eerste zin over de buurt."},
        {"start": "kapot", "text": " Tweede zin zonder tijd."},
        {"start": 5.0, "text": " Derde zin."},
        {"text": " Vierde zin zonder begin."},
    ]
    path = tmp_path / "whisper.json"
    path.write_text(json.dumps({"segments": segments}), "utf-8")
    result = read_transcript(path)
    assert result.text == (
        "[00:00:00] Eerste zin over de buurt. Tweede zin zonder tijd. Derde zin. "
        "Vierde zin zonder begin."
    )
    assert result.warnings == [
        "Segmenten 2, 4 van het automatische transcript hebben geen leesbare begintijd; de tekst "
        "is bewaard, zonder eigen tijd."
    ]
