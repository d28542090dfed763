"""Subtitle transcripts: cues become timestamped turns, speakers from voices or labels."""

from __future__ import annotations

import pytest

from reiscoder.parsing import ImportFailure, read_transcript

SRT = """1
00:00:01,000 --> 00:00:03,000
Fatima: Hallo
allemaal.

2
00:00:03,500 --> 00:00:05,000
Ik ben blij &amp; dankbaar… 😀

3
00:12:31,250 --> 00:12:33,000
<i>Interviewer:</i> Mooi.

4
00:12:34,000 --> 00:12:36,000
Fatima: Ja, „zeker”.
"""

VTT = """WEBVTT
Kind: captions

NOTE gemaakt door een transcriptiedienst

STYLE
::cue { color: yellow }

intro
00:01.000 --> 00:03.000 align:start position:10%
<v Fatima El Amrani>Hallo <b>allemaal</b>.</v>

00:03.500 --> 00:05.000
<v.loud Fatima El Amrani>Ik ben <00:04.000>blij.

01:00:06.000 --> 01:00:08.000
<v Interviewer>Mooi &lt;echt&gt;.

01:00:09.000 --> 01:00:10.000
Interviewer: Let op: dat klopt.
"""


def _turns(result):
    text = result.text
    return [
        (t.speaker, t.timestamp_ms, text[t.start : t.content_start], text[t.content_start : t.end])
        for t in result.turns
    ]


def test_srt_cues_merge_per_speaker(tmp_path):
    path = tmp_path / "gesprek.srt"
    path.write_text(SRT.replace("\n", "\r\n"), "utf-8")
    result = read_transcript(path)
    assert result.source_format == "srt"
    assert result.text == (
        "[00:00:01] Fatima: Hallo allemaal. Ik ben blij & dankbaar… 😀\n"
        "[00:12:31] Interviewer: Mooi.\n"
        "[00:12:34] Fatima: Ja, „zeker”."
    )
    assert _turns(result) == [
        ("Fatima", 1000, "[00:00:01] Fatima: ", "Hallo allemaal. Ik ben blij & dankbaar… 😀"),
        ("Interviewer", 751_250, "[00:12:31] Interviewer: ", "Mooi."),
        ("Fatima", 754_000, "[00:12:34] Fatima: ", "Ja, „zeker”."),
    ]


def test_vtt_voices_and_labels(tmp_path):
    path = tmp_path / "gesprek.vtt"
    path.write_text(VTT, "utf-8")
    result = read_transcript(path)
    assert result.source_format == "vtt"
    assert _turns(result) == [
        ("Fatima El Amrani", 1000, "[00:00:01] Fatima El Amrani: ", "Hallo allemaal. Ik ben blij."),
        ("Interviewer", 3_606_000, "[01:00:06] Interviewer: ", "Mooi <echt>. Let op: dat klopt."),
    ]


def test_subtitles_without_speakers_form_paragraphs(tmp_path):
    cues = []
    for number in range(8):
        start = number * 10
        ending = "." if number % 2 else ","
        cues.append(
            f"{number + 1}\n00:00:{start:02d},000 --> 00:00:{start + 9:02d},000\n"
            f"Zin {number}{ending}\n"
        )
    path = tmp_path / "whisper.srt"
    path.write_text("\n".join(cues), "utf-8")
    result = read_transcript(path)
    assert result.text == (
        "[00:00:00] Zin 0, Zin 1. Zin 2, Zin 3.\n[00:00:40] Zin 4, Zin 5. Zin 6, Zin 7."
    )
    assert [(t.speaker, t.timestamp_ms) for t in result.turns] == [(None, 0), (None, 40_000)]


def test_vtt_without_header_is_refused(tmp_path):
    path = tmp_path / "nep.vtt"
    path.write_text("00:01.000 --> 00:02.000\nHallo\n", "utf-8")
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == "Het bestand is geen geldig WebVTT-ondertitelbestand."


def test_srt_without_cues_is_refused(tmp_path):
    path = tmp_path / "leeg.srt"
    path.write_text("Dit is gewoon tekst.\n", "utf-8")
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == "Het ondertitelbestand bevat geen ondertitels."
