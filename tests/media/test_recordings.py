"""Recordings linked to documents: at import (given, or beside the transcript), on the command
line, moved and found again, missing or changed in a check, and never read whole."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest
from sqlalchemy import select

from reiscoder.cli import main
from reiscoder.model import DocumentRecording, Recording
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.model.recordings import stream_checksum
from reiscoder.ops.recordings import inspect_media, relink_recording
from reiscoder.read.recordings import FileState, recordings
from tests.factories import new_project


@pytest.fixture
def folder(tmp_path, talk, encoded):
    """A project folder with two transcripts of one conversation and its recording."""
    (tmp_path / "opnames").mkdir()
    shutil.copy(encoded[".mp3"], tmp_path / "opnames" / "gesprek.mp3")
    (tmp_path / "gesprek.txt").write_text(talk.transcript(), encoding="utf-8")
    (tmp_path / "samenvatting.txt").write_text(talk.transcript() + "Einde.\n", encoding="utf-8")
    new_project(tmp_path / "p.reis").close()
    return tmp_path


def test_import_with_a_recording_stores_a_relative_path_size_and_checksum(folder, capsys):
    media = folder / "opnames" / "gesprek.mp3"
    code = main(["import", str(folder / "p.reis"), str(folder / "gesprek.txt"),
                 "--recording", str(media), "--coder", "Anna"])  # fmt: skip
    assert code == 0, capsys.readouterr()
    with Project.open(folder / "p.reis", read_only=True) as project, project.reader() as session:
        recording = session.scalars(select(Recording)).one()
        assert recording.path == "opnames/gesprek.mp3"
        assert recording.size == media.stat().st_size
        assert recording.checksum == stream_checksum(media)
        assert recording.kind == "audio"
    main(["info", str(folder / "p.reis")])
    out = capsys.readouterr().out
    assert "Opnamen:" in out and "gesprek.mp3" in out and "opnames/gesprek.mp3" in out


def test_a_recording_with_the_same_name_beside_the_transcript_is_linked(folder, capsys):
    shutil.copy(folder / "opnames" / "gesprek.mp3", folder / "gesprek.mp3")
    assert main(["import", str(folder / "p.reis"), str(folder / "gesprek.txt")]) == 0
    assert "Opname gekoppeld: gesprek.mp3" in capsys.readouterr().out
    with Project.open(folder / "p.reis", read_only=True) as project, project.reader() as session:
        assert session.scalars(select(Recording.path)).all() == ["gesprek.mp3"]


def test_a_moved_recording_is_named_by_check_and_found_again_for_every_document(folder, capsys):
    media = folder / "opnames" / "gesprek.mp3"
    main(["import", str(folder / "p.reis"), str(folder / "gesprek.txt"),
          str(folder / "samenvatting.txt"), "--recording", str(media), "--recording",
          str(media)])  # fmt: skip
    capsys.readouterr()
    moved = folder / "verhuisd"
    moved.mkdir()
    media.rename(moved / "gesprek.mp3")
    main(["check", str(folder / "p.reis")])
    out = capsys.readouterr().out
    assert "Opname “gesprek.mp3” ontbreekt" in out
    assert "gesprek, samenvatting" in out
    with Project.open(folder / "p.reis") as project:
        with project.reader() as session:
            (info,) = recordings(session, project.path)
            assert info.state() is FileState.MISSING and len(info.documents) == 2
        with project.transaction() as session:
            relink_recording(session, project.path, info.id, inspect_media(moved / "gesprek.mp3"))
        with project.reader() as session:
            (info,) = recordings(session, project.path)
            assert info.state(thorough=True) is FileState.PRESENT
            assert info.stored_path == "verhuisd/gesprek.mp3"
            assert len(session.scalars(select(DocumentRecording)).all()) == 2
    main(["check", str(folder / "p.reis")])
    assert "Opname" not in capsys.readouterr().out


def test_a_changed_recording_is_named_by_check(folder, capsys):
    media = folder / "opnames" / "gesprek.mp3"
    main(["import", str(folder / "p.reis"), str(folder / "gesprek.txt"), "--recording", str(media)])
    data = bytearray(media.read_bytes())
    data[5000] ^= 0xFF  # same size, other content: only the checksum tells
    media.write_bytes(bytes(data))
    capsys.readouterr()
    main(["check", str(folder / "p.reis")])
    assert "veranderd sinds ze werd gekoppeld" in capsys.readouterr().out


def test_finding_another_file_is_refused_and_changes_nothing(folder, talk, encoded):
    media = folder / "opnames" / "gesprek.mp3"
    main(["import", str(folder / "p.reis"), str(folder / "gesprek.txt"), "--recording", str(media)])
    with Project.open(folder / "p.reis") as project, project.transaction() as session:
        recording = session.scalars(select(Recording)).one()
        with pytest.raises(OperationError, match="niet de opname die"):
            relink_recording(session, project.path, recording.id, inspect_media(encoded[".ogg"]))


def test_a_recording_that_cannot_be_linked_leaves_the_transcript_imported(folder, capsys):
    bad = folder / "notities.docx"
    bad.write_bytes(b"geen opname")
    main(["import", str(folder / "p.reis"), str(folder / "gesprek.txt"), "--recording", str(bad)])
    out = capsys.readouterr().out
    assert "De opname is niet gekoppeld" in out and "1 van 1 bestand geïmporteerd" in out
    with pytest.raises(OperationError, match="bestaat niet"):
        inspect_media(folder / "weg.mp3")


def test_the_checksum_of_a_large_recording_is_streamed(tmp_path):
    big = tmp_path / "lang.wav"
    with big.open("wb") as handle:
        for _ in range(64):
            handle.write(b"\x01" * (1 << 20))  # 64 MB
    tracemalloc.start()
    stream_checksum(Path(big))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 << 20
