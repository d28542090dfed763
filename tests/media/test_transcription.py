"""Transcription mode typed key by key: a new empty document for a recording, Enter starts each
turn with the player's time and the next speaker, the text is saved as typed, and once done
it is segmented and coded like any other transcript."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from reiscoder.model import Coding, Document, SegmentationState, Sentence, Turn
from reiscoder.model.project import Project
from tests.factories import code_id, new_project
from tests.media.makers import TURNS
from tests.media.projects import CODER


def type_text(widget, text: str) -> None:
    for character in text:  # one key event per character (non-ASCII included)
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


def test_a_recording_is_transcribed_segmented_and_coded(
    tmp_path, talk, encoded, open_window, qtbot
):
    path = tmp_path / "transcriberen.reis"
    new_project(path, coder=CODER).close()
    window = open_window(path)
    typing = window.documents.recordings.new_transcript(encoded[".mp3"], name="Gesprek Fatima")
    assert typing is not None
    qtbot.waitUntil(lambda: typing.player.ready, timeout=10_000)
    editor = typing.editor
    assert editor.toPlainText() == "[00:00:00.0] I: "  # the first turn is ready to be typed
    for index, (_speaker, sentence) in enumerate(TURNS):
        if index:
            typing.player.seek(talk.starts_ms[index])  # where the listener is now
            qtbot.waitUntil(lambda i=index: typing.player.position == talk.starts_ms[i])
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        type_text(editor, sentence + (" Één keer per week." if index == 3 else ""))
    qtbot.waitUntil(lambda: typing.saved.text() == "Opgeslagen.", timeout=5_000)
    with Project.open(path, read_only=True) as project, project.reader() as session:
        stored = session.scalars(select(Document)).one()
        assert stored.segmentation == SegmentationState.TRANSCRIBING
        assert "Één keer per week." in stored.text  # saved as typed, before "Klaar"
    lines = editor.toPlainText().split("\n")
    assert lines[1].startswith("[00:00:02.8] R: Dank je wel.")
    assert lines[2].startswith("[00:00:07.8] I: ")

    with qtbot.waitSignal(typing.finished, timeout=10_000):
        typing.done_button.click()
    assert window.documents.segment_run is not None

    def segmented() -> bool:
        with window.workbench.reader() as session:
            state = session.scalars(select(Document.segmentation)).one()
        return state == SegmentationState.READY

    qtbot.waitUntil(segmented, timeout=60_000)
    with window.workbench.reader() as session:
        document = session.scalars(select(Document)).one()
        assert document.segmentation == SegmentationState.READY
        turns = session.scalars(select(Turn).order_by(Turn.start)).all()
        assert [t.timestamp_ms // 100 for t in turns] == [t // 100 for t in talk.starts_ms]
        assert [t.speaker.label for t in turns] == ["I", "R", "I", "R", "I", "R"]
        assert len(session.scalars(select(Sentence)).all()) >= len(TURNS)
        code = code_id(session, "1.3")
    panel = window.transcript
    qtbot.waitUntil(lambda: panel.view is not None and panel.view.id == document.id)
    text = panel.view.text
    panel.editor.select_range(text.index("Mijn buurvrouw"), text.index("Mijn buurvrouw") + 4)
    window.workbench.selected_code_ids = [code]
    assert panel.code_unit("sentence") is not None
    with window.workbench.reader() as session:
        coding = session.scalars(select(Coding)).one()
        assert coding.quote.startswith("Mijn buurvrouw kookt op vrijdag")
