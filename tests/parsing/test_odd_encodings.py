"""Files in odd or mixed encodings are decoded right, or imported with a remark naming the
lines that needed a second guess: in the import result, the command line and the GUI report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.ingest.batch import FileStatus, ImportOptions, import_files
from reiscoder.model import Document
from reiscoder.model.project import Project
from reiscoder.parsing import read_transcript
from reiscoder.parsing.decoding import decode
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.panels.documents import DocumentsPanel
from reiscoder.ui.workbench import Workbench
from tests.factories import new_project

CODER = "Anna de Vries"
WAIT = 30_000
SPOKEN = (
    "Interviewer: Hoe is het café in de wijk? Ideeën, coördinatie, enquête, reünie.\n"
    "Respondent: „Dat is mooi”… zei mijn buurvrouw. Crème brûlée, € 5, naïef.\n"
    "Interviewer: En verder? 😀\n"
)
PASTED = "Respondent: Uit Word geplakt: café, reünie, ‘zo’ — € 12.\n"


def _mixed_bytes() -> bytes:
    """UTF-8, with lines 3 and 5 in Windows-1252 (pasted from an old Word file)."""
    return (
        "Interviewer: Eén vraag over de wijk.\n".encode()
        + "Respondent: Dat is goed, dank je. 😀\n".encode()
        + PASTED.encode("cp1252")
        + "Interviewer: En de ‘buurtkamer’?\n".encode()
        + PASTED.replace("12", "13").encode("cp1252")
    )


MIXED_TEXT = (
    "Interviewer: Eén vraag over de wijk.\n"
    "Respondent: Dat is goed, dank je. 😀\n"
    + PASTED
    + "Interviewer: En de ‘buurtkamer’?\n"
    + PASTED.replace("12", "13")
)
MIXED_WARNING = (
    "Regels 3, 5 bevatten tekst die geen geldige UTF-8 is zoals de rest van het bestand; die "
    "tekst is gelezen als Windows-1252. Controleer de letters met accenten."
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read(tmp_path, encoding):
    path = tmp_path / "zonder-bom.txt"
    path.write_bytes(SPOKEN.encode(encoding))
    result = read_transcript(path)
    assert result.text == SPOKEN
    assert result.encoding == encoding
    assert result.warnings == []
    assert [turn.speaker for turn in result.turns] == ["Interviewer", "Respondent", "Interviewer"]


def test_damaged_utf16_names_the_damaged_line(tmp_path):
    path = tmp_path / "afgebroken.txt"
    path.write_bytes(SPOKEN.encode("utf-16-le") + "Respondent: ja".encode("utf-16-le")[:-1])
    result = read_transcript(path)
    assert result.text.startswith(SPOKEN)
    assert result.warnings == [
        "Regel 4 bevat bytes die geen geldige UTF-16-LE zijn; ze zijn vervangen door “�”."
    ]


def test_utf8_with_two_windows_1252_lines_keeps_both_and_names_the_lines(tmp_path):
    path = tmp_path / "gemengd.txt"
    path.write_bytes(_mixed_bytes())
    result = read_transcript(path)
    assert result.text == MIXED_TEXT  # not ISO-8859-10 mojibake ("Ã©", "ð")
    assert result.encoding == "utf-8"
    assert result.warnings == [MIXED_WARNING]


def test_cesu8_is_read_as_meant_and_its_line_named(tmp_path):
    """CESU-8 writes 😀 (U+1F600) as two three-byte surrogate halves: ED A0 BD ED B8 80."""
    cesu = b"\xed\xa0\xbd\xed\xb8\x80"
    path = tmp_path / "java.txt"
    path.write_bytes(
        "Interviewer: Hoe was het café?\n".encode() + b"Respondent: Leuk " + cesu + b" ja.\n"
    )
    result = read_transcript(path)
    assert result.text == "Interviewer: Hoe was het café?\nRespondent: Leuk 😀 ja.\n"
    assert result.warnings == [
        "Regel 2 is in een afwijkende vorm van UTF-8 geschreven (CESU-8 of te lange reeksen); "
        "hij is gelezen zoals bedoeld. Controleer hem."
    ]


def test_overlong_sequences_are_read_as_meant_and_named():
    # "é" (U+00E9) in three bytes instead of two; "A" in two instead of one
    data = b"I: gewoon\nR: caf\xe0\x83\xa9 \xc1\x81\nI: dag\nR: caf\xe0\x83\xa9\n"
    decoded = decode(data)
    assert decoded.text == "I: gewoon\nR: café A\nI: dag\nR: café\n"
    assert "Regels 2, 4 zijn in een afwijkende vorm van UTF-8" in decoded.warnings[0]


def test_a_lone_surrogate_half_is_not_cesu8_but_read_as_windows_1252():
    decoded = decode("I: één\n".encode() + b"R: \xed\xa0\xbd los\n")
    assert decoded.text == "I: één\nR: í\xa0½ los\n"
    assert decoded.warnings[0].startswith("Regel 2 bevat tekst die geen geldige UTF-8 is")


def test_a_legacy_dutch_file_is_windows_1252_not_iso_8859_10(tmp_path):
    # bytes that differ between the two: ‘ ’ “ ” – € (0x91-0x96, 0x80) and ð/ý territory
    text = (
        "Interviewer: Wat vindt u van de ‘buurtkamer’ – en van het café?\n"
        "Respondent: “Heel fijn”, kost € 2. Reünie, ideeën, coördinatie, hè.\n"
    )
    path = tmp_path / "oud.txt"
    path.write_bytes(text.encode("cp1252"))
    result = read_transcript(path)
    assert result.encoding == "cp1252"
    assert result.text == text
    assert result.warnings == []


def test_many_odd_lines_are_counted_not_all_listed():
    lines = ["I: één\n".encode()] + [f"R: café {n}\n".encode("cp1252") for n in range(12)]
    decoded = decode(b"".join(lines))
    assert decoded.warnings[0].startswith(
        "Regels 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 en nog 2 bevatten tekst die geen geldige UTF-8"
    )


def test_the_import_result_carries_the_warning(tmp_path):
    source = tmp_path / "gemengd.txt"
    source.write_bytes(_mixed_bytes())
    with new_project(tmp_path / "p.reis") as project:
        [report] = import_files(project, [source], ImportOptions(coder=CODER, backup=False))
        assert report.status is FileStatus.IMPORTED
        assert report.warnings == [MIXED_WARNING]
        with project.reader() as session:
            assert session.scalar(select(Document.text)) == MIXED_TEXT


def test_the_command_line_prints_the_warning(tmp_path, capsys):
    source = tmp_path / "gemengd.txt"
    source.write_bytes(_mixed_bytes())
    path = tmp_path / "p.reis"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    assert main(["import", str(path), str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[1/1] ✓ gemengd.txt"
    assert out[1] == f"      {MIXED_WARNING}"


def test_the_gui_report_shows_the_warning(qtbot, tmp_path):
    source = tmp_path / "gemengd.txt"
    source.write_bytes(_mixed_bytes())
    new_project(tmp_path / "p.reis").close()
    workbench = Workbench()
    project = Project.open(tmp_path / "p.reis")
    workbench.set_project(project, coder_in_project(project, CODER))
    panel = DocumentsPanel(workbench)
    qtbot.addWidget(panel)
    panel.show()
    panel.importer.workers = 0
    try:
        dialog = panel.import_paths([Path(source)])
        assert dialog is not None
        with qtbot.waitSignal(panel.importer.finished, timeout=WAIT):
            dialog.accept()
        progress = panel.importer.progress
        assert progress.result_of(source) == f"Geïmporteerd — let op: {MIXED_WARNING}"
    finally:
        for run in (panel.importer.run, panel.segment_run):
            if run is not None:
                run.cancel()
                run.wait(WAIT / 1000)
        workbench.close_project()


def test_one_long_line_with_a_stray_byte_stays_utf8():
    """A transcript in one paragraph: the line is mostly UTF-8, one word came from Word."""
    data = ("Interviewer: één vraag, ‘zo’ — 😀 " * 50).encode() + "café".encode("cp1252")
    decoded = decode(data + " reünie.".encode())
    assert decoded.text == "Interviewer: één vraag, ‘zo’ — 😀 " * 50 + "café reünie."
    assert decoded.warnings[0].startswith("Regel 1 bevat tekst die geen geldige UTF-8 is")


def test_a_line_with_utf8_and_windows_1252_keeps_both():
    decoded = decode(b"I: hallo\n" + "R: één ".encode() + "café".encode("cp1252") + b" ok\n")
    assert decoded.text == "I: hallo\nR: één café ok\n"


def test_repetitive_dutch_in_windows_1252_is_not_mac_latin2():
    text = "Respondent: ja, dat klopt, één reünie café.\n" * 2000
    decoded = decode(text.encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", text)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Görüşmeci: Mahallede işler nasıl? Katılımcı: İyi, ağabeyim şöyle dedi.\n", "cp1254"),
        ("Интервьюер: Как дела в районе? Респондент: Хорошо, спасибо, мы встречаемся.\n", "cp1251"),
    ],
)
def test_other_single_byte_encodings_are_left_to_the_detector(text, encoding):
    decoded = decode(text.encode(encoding) * 20)
    assert decoded.text == text * 20
