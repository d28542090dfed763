"""Files that cannot be imported give one plain, translated sentence, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from reiscoder import i18n
from reiscoder.parsing import SUPPORTED_EXTENSIONS, ImportFailure, read_transcript
from reiscoder.parsing.limits import MAX_TEXT_FILE_BYTES

from .filemakers import make_docx, make_zip_bomb


def _failure(path) -> str:
    with pytest.raises(ImportFailure) as failure:
        read_transcript(path)
    message = failure.value.message
    assert message == str(failure.value)
    assert "Traceback" not in message and "Error" not in message
    return message


def test_supported_extensions():
    assert {".txt", ".md", ".docx", ".odt", ".rtf", ".pdf", ".srt", ".vtt", ".json"} == set(
        SUPPORTED_EXTENSIONS
    )


def test_unknown_extension(tmp_path):
    path = tmp_path / "opname.mp3"
    path.write_bytes(b"ID3" + bytes(100))
    message = _failure(path)
    assert message.startswith("Bestanden van het type “.mp3” kunnen niet worden geïmporteerd.")
    assert ".docx" in message


def test_extension_case_does_not_matter(tmp_path):
    path = tmp_path / "HOOFDLETTERS.TXT"
    path.write_text("I: hallo", "utf-8")
    assert read_transcript(path).source_format == "txt"


def test_missing_file(tmp_path):
    assert _failure(tmp_path / "weg.txt") == "Het bestand bestaat niet (meer)."


def test_folder_instead_of_file(tmp_path):
    folder = tmp_path / "map.docx"
    folder.mkdir()
    assert _failure(folder) == "Dit is een map, geen bestand."


READ_AS_CHILD = (
    "import sys; from reiscoder.parsing import ImportFailure, read_transcript\n"
    "try:\n    read_transcript(sys.argv[1])\nexcept ImportFailure as failure:\n"
    "    print(failure.message)"
)


def test_no_permission(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text("I: hallo", "utf-8")
    path.chmod(0)
    try:
        if os.geteuid() != 0:
            message = _failure(path)
        else:  # root reads anything: read in a child without the capabilities that allow it
            child = subprocess.run(
                [
                    "setpriv",
                    "--bounding-set",
                    "-dac_override,-dac_read_search",
                    sys.executable,
                    "-c",
                    READ_AS_CHILD,
                    str(path),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            message = child.stdout.strip()
        assert message == "Je hebt geen toestemming om dit bestand te lezen."
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".odt", ".rtf", ".pdf", ".srt", ".vtt"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"leeg{suffix}"
    path.write_bytes(b"")
    assert _failure(path) == "Het bestand is leeg."


def test_huge_text_is_refused_quickly_without_reading_it(tmp_path):
    path = tmp_path / "enorm.txt"
    with path.open("wb") as handle:  # a sparse 200 MB file: no disk space, no reading
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    message = _failure(path)
    assert time.perf_counter() - started < 0.5
    assert message == "Het bestand is te groot om te importeren (200 MB; hooguit 32 MB)."
    assert MAX_TEXT_FILE_BYTES == 32 * 1024 * 1024


@pytest.mark.parametrize(
    ("suffix", "member"), [(".docx", "word/document.xml"), (".odt", "content.xml")]
)
def test_zip_bomb_is_refused_before_extracting(tmp_path, suffix, member):
    path = make_zip_bomb(tmp_path / f"bom{suffix}", member, 80 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    message = _failure(path)
    assert time.perf_counter() - started < 0.5
    assert message == (
        "Het bestand pakt uit tot veel meer gegevens dan een document bevat; het wordt "
        "geweigerd om je computer te beschermen."
    )


def test_binary_junk_with_a_document_extension(tmp_path):
    path = tmp_path / "rommel.docx"
    path.write_bytes(os.urandom(4096))
    assert _failure(path) == (
        "Het Word-document is beschadigd of onvolledig en kan niet worden gelezen."
    )


def test_messages_follow_the_interface_language(tmp_path):
    i18n.set_language("en")
    assert _failure(tmp_path / "weg.txt") == "The file does not exist (any more)."


def test_a_good_docx_still_imports_after_failures(tmp_path):
    _failure(tmp_path / "weg.docx")
    path = make_docx(tmp_path / "goed.docx", ["I: Hallo.", "R: Dag."])
    assert [t.speaker for t in read_transcript(path).turns] == ["I", "R"]
