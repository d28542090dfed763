"""Plain text and Markdown: encodings detected, every character kept, text normalised."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from reiscoder.parsing import ImportFailure, parse_text, read_transcript

SPOKEN = (
    "Interviewer: Hoe is het café in de wijk? Ideeën, coördinatie, enquête, reünie, naïef.\n"
    "Respondent: „Dat is mooi”… zei mijn buurvrouw. IJsbrand en Ĳ, crème brûlée, € 5.\n"
    "Interviewer: En verder?\n"
)
EMOJI = "Fatima: Ja hoor 😀👍🏽 en 🇳🇱!\n"


def _assert_same(actual: str, expected: str) -> None:
    assert len(actual) == len(expected)
    for position, (got, want) in enumerate(zip(actual, expected, strict=True)):
        assert got == want, f"character {position}: {got!r} != {want!r}"


@pytest.mark.parametrize(
    ("encoding", "data_encoding", "bom", "reported"),
    [
        ("utf-8", "utf-8", b"", "utf-8"),
        ("utf-8 with BOM", "utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16 LE with BOM", "utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16 BE with BOM", "utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
    ],
)
def test_unicode_encodings_keep_every_character(tmp_path, encoding, data_encoding, bom, reported):
    text = SPOKEN + EMOJI
    path = tmp_path / "interview.txt"
    path.write_bytes(bom + text.encode(data_encoding))
    result = read_transcript(path)
    _assert_same(result.text, text.rstrip("\n") + "\n")
    assert result.encoding == reported
    assert result.source_format == "txt"
    assert not result.text.startswith("\ufeff")


def test_windows_1252_is_detected(tmp_path):
    text = SPOKEN.replace(" en Ĳ", "")  # the IJ ligature has no Windows-1252 byte
    path = tmp_path / "oud.txt"
    path.write_bytes(text.encode("cp1252"))
    result = read_transcript(path)
    assert result.encoding == "cp1252"
    _assert_same(result.text, text)


def test_windows_1252_with_only_common_accents(tmp_path):
    text = "Interviewer: Wat vindt u van de ideeën van de gemeente?\nR: Dat weet ik niet, hè.\n"
    path = tmp_path / "kort.txt"
    path.write_bytes(text.encode("cp1252") * 3)
    result = read_transcript(path)
    _assert_same(result.text, text * 3)


def test_markdown_keeps_its_marks_and_finds_bold_labels(tmp_path):
    path = tmp_path / "notities.md"
    path.write_text("# Interview 4\n\n**Interviewer:** Hallo.\n**Fatima:** Hoi *jij*.\n", "utf-8")
    result = read_transcript(path)
    assert result.source_format == "md"
    assert result.text == "# Interview 4\n\n**Interviewer:** Hallo.\n**Fatima:** Hoi *jij*.\n"
    speakers = [turn.speaker for turn in result.turns]
    assert speakers == [None, "Interviewer", "Fatima"]
    second = result.turns[1]
    assert result.text[second.content_start : second.end] == "Hallo."


def test_line_ends_and_normal_form_are_normalised_once():
    decomposed = unicodedata.normalize("NFD", "Geïnterviewde: café")
    result = parse_text("\ufeff" + decomposed + "\r\nR: ja\rI: nee\r\n")
    assert result.text == "Geïnterviewde: café\nR: ja\nI: nee\n"
    assert unicodedata.is_normalized("NFC", result.text)
    assert [t.speaker for t in result.turns] == ["Geïnterviewde", "R", "I"]


def test_other_line_separators_are_not_line_ends():
    # \u2028 and form feed stay characters of the text: only LF separates lines.
    result = parse_text("R: een\u2028twee\x0cdrie\nI: vier")
    assert result.text == "R: een\u2028twee\x0cdrie\nI: vier"
    assert [t.speaker for t in result.turns] == ["R", "I"]


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "foto.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == "Het bestand bevat geen leesbare tekst."


def test_png_renamed_to_txt_is_refused(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)) * 20)
    with pytest.raises(ImportFailure):
        read_transcript(path)


def test_whitespace_only_file_is_refused(tmp_path):
    path = tmp_path / "leeg.txt"
    path.write_text(" \n\n\t \n", "utf-8")
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    assert failure.value.message == "Het bestand bevat geen tekst."
