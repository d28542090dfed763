"""The Search panel: lemma search over real sentences, jumping, and coding every result."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select, update

from reiscoder.model import Coding, Document, SegmentationState, Sentence, Turn
from reiscoder.model.fulltext import index_sentences
from reiscoder.nlp import lemmatize_words
from reiscoder.ui.lists import search_results as results
from reiscoder.ui.lists.table import ID_ROLE
from reiscoder.ui.lists.wrapping import EMPHASIS_ROLE
from reiscoder.ui.panels.search import SearchPanel
from tests.factories import add_document, code_id

BUS_TEXT = (
    "Interviewer: Wat doen de bewoners hier samen?\n\n"
    "Henk: De bewoners gingen vorig jaar samen de straat schoonmaken. Daarna gaan we koffie "
    "drinken in het buurthuis.\n\n"
    "Samira: Ik ging eerst niet mee. Nu ga ik elke week.\n"
)
_SENTENCE = re.compile(r"[^.!?]+[.!?]+")


def store_sentences(session, document_id: int) -> None:
    """Store the sentences of a document with their lemmas and index them, as segmentation
    would (with the real Dutch lemmatiser)."""
    text = session.scalar(select(Document.text).where(Document.id == document_id))
    added = []
    for turn in session.scalars(select(Turn).where(Turn.document_id == document_id)):
        content = text[turn.content_start : turn.end]
        for match in _SENTENCE.finditer(content):
            start = (
                turn.content_start
                + match.start()
                + (len(match.group()) - len(match.group().lstrip()))
            )
            end = turn.content_start + match.end()
            lemmas = " ".join(lemmatize_words(text[start:end]))
            sentence = Sentence(
                document_id=document_id, turn_id=turn.id, start=start, end=end, lemmas=lemmas
            )
            session.add(sentence)
            added.append(sentence)
    session.flush()
    index_sentences(session, [sentence.id for sentence in added])


@pytest.fixture
def bus(workbench):
    with workbench.project.transaction() as s:
        bus = add_document(s, "Busgesprek", BUS_TEXT)
        fatima = s.scalar(select(Document.id).where(Document.name == "Interview Fatima"))
        s.execute(update(Turn).where(Turn.document_id == bus).values(timestamp_ms=125_000))
        store_sentences(s, bus)
        store_sentences(s, fatima)
    return {"bus": bus, "fatima": fatima}


@pytest.fixture
def panel(qtbot, workbench):
    widget = SearchPanel(workbench)
    qtbot.addWidget(widget)
    widget.resize(1100, 350)
    widget.show()
    return widget


def _search(qtbot, panel, query: str) -> None:
    panel.query.setFocus()
    panel.query.setText(query)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.searching, timeout=30_000)


def _texts(panel) -> list[str]:
    model = panel.table.model()
    return [model.index(r, results.SENTENCE).data() for r in range(model.rowCount())]


def _bold(panel, row: int) -> list[str]:
    index = panel.table.model().index(row, results.SENTENCE)
    text = index.data()
    return [text[s:e] for s, e in index.data(EMPHASIS_ROLE)]


def test_before_searching_the_panel_explains_the_search(panel):
    assert panel.body.currentWidget() is panel.body.hint
    assert "bewoners" in panel.body.hint.text()
    assert not panel.code_button.isEnabled()


def test_lemma_search_finds_inflected_forms(qtbot, panel, bus):
    _search(qtbot, panel, "bewoner")
    assert _texts(panel) == [
        "Wat doen de bewoners hier samen?",
        "De bewoners gingen vorig jaar samen de straat schoonmaken.",
    ]
    assert _bold(panel, 1) == ["bewoners"]
    _search(qtbot, panel, "gaan")
    found = _texts(panel)
    assert "De bewoners gingen vorig jaar samen de straat schoonmaken." in found
    assert "Ik ging eerst niet mee." in found
    assert "Dat ging dicht." in found  # in the other document
    assert panel.status.text().startswith("5 zinnen in 2 documenten")
    row = found.index("Nu ga ik elke week.")
    assert _bold(panel, row) == ["ga"]


def test_results_show_document_speaker_and_time(qtbot, panel, bus):
    _search(qtbot, panel, "koffie")
    model = panel.table.model()
    assert model.rowCount() == 1
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[:3] == ["Busgesprek", "Henk", "00:02:05"]


def test_no_results_says_so(qtbot, panel, bus):
    _search(qtbot, panel, "olifant")
    assert panel.body.currentWidget() is panel.body.hint
    assert "Geen zinnen gevonden met „olifant”" in panel.body.hint.text()


def test_documents_still_segmenting_are_mentioned(qtbot, panel, workbench, bus):
    with workbench.project.transaction() as s:
        s.execute(
            update(Document)
            .where(Document.name == "Interview Henk")
            .values(segmentation=SegmentationState.SEGMENTING)
        )
    _search(qtbot, panel, "olifant")
    assert "nog niet doorzoekbaar" in panel.status.text().lower()
    _search(qtbot, panel, "bewoner")
    assert "nog niet doorzoekbaar" in panel.status.text().lower()


def test_enter_and_double_click_jump_to_the_sentence(qtbot, panel, workbench, bus):
    _search(qtbot, panel, "buurthuis")
    start = BUS_TEXT.index("Daarna gaan")
    end = BUS_TEXT.index("buurthuis.") + len("buurthuis.")
    row = _texts(panel).index(BUS_TEXT[start:end])
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.table.model().index(row, 0))
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert signal.args == [bus["bus"], start, end]
    rect = panel.table.visualRect(panel.table.model().index(row, results.SENTENCE))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [bus["bus"], start, end]


def _codings(workbench, code: int) -> int:
    with workbench.reader() as s:
        return s.scalar(select(func.count()).select_from(Coding).where(Coding.code_id == code))


def test_code_all_results_is_one_undoable_action(qtbot, panel, workbench, bus):
    with workbench.reader() as s:
        code = code_id(s, "2.2")
    workbench.selected_code_ids = [code]
    _search(qtbot, panel, "gaan")
    sentences = panel.table.model().rowCount()
    before = workbench.undo_stack.count()
    dialog = panel.code_results()
    assert dialog is not None and dialog.code_id() == code  # the selected code by default
    assert "5 zinnen" in dialog.findChildren(type(panel.status))[0].text()
    dialog.accept()
    assert _codings(workbench, code) == sentences
    assert workbench.undo_stack.count() == before + 1
    assert "5 zinnen gecodeerd" in panel.status.text()
    assert workbench.recent_code_ids[0] == code

    again = panel.code_results()
    again.accept()
    assert "5 hadden deze code al" in panel.status.text()
    assert workbench.undo_stack.count() == before + 1  # nothing new to undo

    workbench.undo_stack.undo()
    assert _codings(workbench, code) == 0


def test_code_picker_filters_and_codes_only_the_selected_sentences(qtbot, panel, workbench, bus):
    _search(qtbot, panel, "bewoner")
    panel.table.selectRow(0)
    dialog = panel.code_results(selected=True)
    dialog.filter.setText("samenwerking")
    chosen = dialog.code_id()
    with workbench.reader() as s:
        assert chosen == code_id(s, "2.3")
    dialog.accept()
    assert _codings(workbench, chosen) == 1


def test_ids_of_results_are_sentence_ids(qtbot, panel, workbench, bus):
    _search(qtbot, panel, "koffie")
    with workbench.reader() as s:
        sentence = s.scalar(select(Sentence.id).where(Sentence.lemmas.contains("koffie")))
    assert panel.table.model().index(0, 0).data(ID_ROLE) == sentence


def test_closing_the_project_clears_the_results(qtbot, panel, workbench, bus):
    _search(qtbot, panel, "bewoner")
    workbench.close_project()
    assert panel.table.model().rowCount() == 0
    assert panel.query.text() == ""


def test_in_the_main_window_one_ctrl_z_removes_every_coded_result(qtbot, window):
    bench = window.workbench
    with bench.project.transaction() as s:
        bus = add_document(s, "Busgesprek", BUS_TEXT)
        store_sentences(s, bus)
        code = code_id(s, "2.2")
    bench.selected_code_ids = [code]
    panel = window.search
    window.show()
    qtbot.waitExposed(window)
    _search(qtbot, panel, "bewoner")
    dialog = panel.code_results()
    dialog.accept()
    assert _codings(bench, code) == 2
    window.activateWindow()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _codings(bench, code) == 0
    qtbot.keyClick(panel.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _codings(bench, code) == 2
