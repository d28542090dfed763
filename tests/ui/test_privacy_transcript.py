"""The transcript with pseudonyms: shown text and highlights follow the name list, and what is
coded while pseudonyms are shown is stored on the original words."""

from __future__ import annotations

from PySide6.QtTest import QTest
from sqlalchemy import select

from reiscoder.model import Coding, NameKind
from reiscoder.ops.bus import Change, ChangeKind
from reiscoder.ops.changes import Topic
from reiscoder.ops.codings import apply_coding
from reiscoder.ops.names import NewName, add_names, update_name
from reiscoder.privacy.names import load_names
from reiscoder.ui.transcript.panel import TranscriptPanel
from reiscoder.ui.workbench import SELECTION_MIME
from tests.factories import SAMPLE_TEXT, code_id

NAMES = [
    NewName("Fatima", "Respondent 3"),
    NewName("Afrikaanderwijk", "[wijk A]", NameKind.PLACE),
    NewName("Jansen", "Persoon 4"),
]
SHOWN = (
    SAMPLE_TEXT.replace("Fatima", "Respondent 3")
    .replace("Afrikaanderwijk", "[wijk A]")
    .replace("Jansen", "Persoon 4")
)


def _panel(qtbot, workbench) -> TranscriptPanel:
    panel = TranscriptPanel(workbench)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    assert QTest.qWaitForWindowExposed(panel)
    workbench.execute(lambda s: add_names(s, NAMES))
    workbench.show_document(1)
    return panel


def _shown(panel: TranscriptPanel, words: str) -> tuple[int, int]:
    start = panel.editor.text.index(words)
    return start, start + len(words)


def _quotes(workbench) -> list[str]:
    with workbench.reader() as session:
        return list(session.scalars(select(Coding.quote).order_by(Coding.id)))


def test_switching_on_shows_pseudonyms_with_codings_on_their_words(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    assert panel.editor.toPlainText() == SAMPLE_TEXT
    panel.pseudonyms_button.click()
    assert panel.editor.toPlainText() == SHOWN
    assert panel.title.text() == "Interview Respondent 3"
    assert "pseudoniemen getoond" in panel.status.text()
    shown = [panel.editor.text[c.start : c.end] for c in panel.codings]
    assert shown == [
        "Hoe lang woont u al in de [wijk A]",
        SAMPLE_TEXT[80:120],  # no name in it, shifted by the longer pseudonyms before it
    ]
    assert [t.speaker for t in panel.view.turns][:2] == ["Interviewer", "Respondent 3"]
    assert len(panel.margin.brackets()) == 2
    panel.pseudonyms_button.click()
    assert panel.editor.toPlainText() == SAMPLE_TEXT
    assert panel.title.text() == "Interview Fatima"


def test_coding_while_pseudonyms_are_shown_is_stored_on_the_original(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    panel.show_pseudonyms(True)
    code = _code(workbench, "2.2")
    # a selection that ends inside a pseudonym codes the whole original name
    panel.editor.select_range(*_shown(panel, "voor dhr. Pers"))
    panel.code_selection(code)
    assert _quotes(workbench)[-1] == "voor dhr. Jansen"
    assert workbench.selected_text() == "voor dhr. Jansen"
    # a whole turn by key, and a dragged selection, also land on the original
    panel.editor.select_range(*_shown(panel, "Respondent 3: Dat ging dicht"))
    mime = panel.editor.createMimeDataFromSelection()
    document, first, last = bytes(mime.data(SELECTION_MIME)).decode().split()
    assert SAMPLE_TEXT[int(first) : int(last)] == "Fatima: Dat ging dicht"
    panel.editor.select_range(*_shown(panel, "En het buurthuis"))
    panel.code_unit("turn", code)
    assert _quotes(workbench)[-1] == "En het buurthuis?"


def test_the_view_follows_the_name_list_and_its_undo(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    panel.show_pseudonyms(True)
    with workbench.reader() as session:
        fatima = next(e.id for e in load_names(session) if e.original == "Fatima")
    workbench.execute(lambda s: update_name(s, fatima, pseudonym="Amira"))
    assert "Amira: Al twintig jaar" in panel.editor.toPlainText()
    workbench.undo_stack.undo()
    assert panel.editor.toPlainText() == SHOWN
    workbench.undo_stack.undo()  # the names themselves
    assert panel.editor.toPlainText() == SAMPLE_TEXT
    # a coding made by someone else appears on the shown words
    with workbench.project.transaction() as session:
        apply_coding(session, 1, _code(workbench, "5.1"), workbench.coder_id, 57, 63)
    workbench.gateway.receive(Change(ChangeKind.REMOTE, "", frozenset({Topic.CODINGS})))
    assert any(panel.editor.text[c.start : c.end] == "Fatima" for c in panel.codings)


def _code(workbench, prefix: str) -> int:
    with workbench.reader() as session:
        return code_id(session, prefix)
