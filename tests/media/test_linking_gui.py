"""Linking recordings in the window: dropping a transcript and its recording together, the
Documents panel's entries, "Tijd vastzetten" (undoable) and "Afspelen vanaf hier"."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QMenu
from sqlalchemy import select

from reiscoder.model import DocumentRecording, Recording, SyncPoint
from reiscoder.read.timing import document_timing
from tests.factories import new_project
from tests.media.makers import webvtt
from tests.media.projects import CODER, timed_project


def test_dropping_a_transcript_with_its_recording_links_them(tmp_path, talk, encoded,
                                                             open_window, qtbot):  # fmt: skip
    path = tmp_path / "p.reis"
    new_project(path, coder=CODER).close()
    vtt = tmp_path / "busrit 3.vtt"
    vtt.write_text(webvtt(talk), encoding="utf-8")
    media = tmp_path / "opname busrit.mp3"  # another name: paired because they came together
    shutil.copy(encoded[".mp3"], media)
    window = open_window(path)
    dialog = window.documents.import_paths([vtt, media])
    assert dialog is not None and dialog.paths == [vtt]
    assert dialog.recordings.chosen == {vtt: media}
    assert dialog.recordings.labels[vtt].text() == "opname busrit.mp3"
    with qtbot.waitSignal(window.documents.importer.finished, timeout=60_000):
        dialog.accept()
    with window.workbench.reader() as session:
        (recording,) = session.scalars(select(Recording)).all()
        assert recording.path == "opname busrit.mp3"
        assert session.scalars(select(DocumentRecording)).one()


def test_the_documents_panel_links_and_unlinks(tmp_path, talk, encoded, open_window, qtbot):
    path, document = timed_project(tmp_path, talk, None)
    window = open_window(path)
    actions = window.documents.recordings
    menu = QMenu()
    actions.add_to_menu(menu, document)
    texts = [a.text() for a in menu.actions()]
    assert "Opname koppelen…" in texts and "Opname ontkoppelen" not in texts
    assert actions.link(document, encoded[".ogg"])
    with window.workbench.reader() as session:
        assert session.scalars(select(Recording.name)).one() == "gesprek.ogg"
    menu = QMenu()
    actions.add_to_menu(menu, document)
    assert "Opname ontkoppelen" in [a.text() for a in menu.actions()]
    assert actions.unlink(document)
    with window.workbench.reader() as session:
        assert session.scalars(select(Recording)).all() == []
    window.workbench.undo_stack.undo()  # the unlink is undone
    with window.workbench.reader() as session:
        assert session.scalars(select(Recording.name)).one() == "gesprek.ogg"


def test_pinning_a_time_and_playing_from_here(tmp_path, talk, encoded, open_window, qtbot):
    path, document = timed_project(tmp_path, talk, encoded[".ogg"])
    window = open_window(path)
    media = window.transcript.media
    with qtbot.waitSignal(media.player.loaded, timeout=10_000):
        window.workbench.show_document(document)
    panel = window.transcript
    text = panel.view.text
    word = text.index("vrijdag")
    panel.editor.select_range(word, word)  # the cursor on "vrijdag"
    media.player.seek(12_345)
    qtbot.waitUntil(lambda: media.player.position == 12_345)
    media.pin_time()
    with window.workbench.reader() as session:
        (point,) = session.scalars(select(SyncPoint)).all()
        assert (point.position, point.time_ms) == (word, 12_345)
        assert document_timing(session, document).time_at(word) == 12_345
    assert media.timing.is_exact(word)  # the panel knows at once
    menu = QMenu()
    media._context_actions(menu, word)
    assert "Afspelen vanaf hier (00:00:12)" in [a.text() for a in menu.actions()]
    with qtbot.waitSignal(media.player.playing_changed, timeout=5_000):
        media.play_at(word)
    assert abs(media.player.position - 12_345) < 300
    media.player.pause()
    window.workbench.undo_stack.undo()
    with window.workbench.reader() as session:
        assert session.scalars(select(SyncPoint)).all() == []
