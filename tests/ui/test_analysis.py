"""The analysis window, driven as a user would: tabs, cells, segments, exports, resolving."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from reiscoder.model import Coder, Coding, Memo
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.analysis import open_analysis_window
from reiscoder.ui.analysis.grid import export_xlsx
from tests.factories import code_id
from tests.ui.analysis_helpers import ready


def _codings(workbench):
    with workbench.reader() as s:
        return s.scalar(select(func.count()).select_from(Coding))


def _second_coder(workbench):
    """Bram codes one passage like Anna and one that she did not code."""
    with workbench.project.transaction() as s:
        bram = coder_id_for(s, "Bram Jansen")
        document = 1
        apply_coding(s, document, code_id(s, "1.1"), bram, 13, 53)
        apply_coding(s, document, code_id(s, "2.2"), bram, 150, 190)
    return bram


def test_frequencies_show_codes_and_the_segments_behind_a_number(qtbot, workbench):
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    tab = ready(qtbot, window.frequencies)
    names = [row[0].text.strip() for row in tab.model.rows]
    assert names[0] == "1 Sociale samenhang"
    row = next(i for i, r in enumerate(tab.model.rows) if r[0].text.strip().startswith("1.1"))
    assert tab.model.rows[row][1].text == "1"
    assert tab.chart.figure is not None
    index = tab.model.index(row, 1)
    qtbot.mouseClick(
        tab.table.viewport(), Qt.MouseButton.LeftButton, pos=tab.table.visualRect(index).center()
    )
    assert ready(qtbot, tab.segments).model.rowCount() == 1
    with qtbot.waitSignal(workbench.document_requested, timeout=2000) as signal:
        tab.segments.open_index(tab.segments.model.index(0, 3))
    assert signal.args == [1, 13, 53]


def test_matrix_cells_segments_and_export(qtbot, workbench, tmp_path):
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.matrix)
    tab = ready(qtbot, window.matrix)
    assert tab.model.header[1:3] == ["Interview Fatima", "Interview Henk"]
    row = next(i for i, r in enumerate(tab.model.rows) if r[0].text.strip().startswith("1.3"))
    tab.cell_clicked(tab.model.index(row, 1))
    assert ready(qtbot, tab.segments).model.rowCount() == 1
    tab.show_as.setCurrentIndex(1)  # row percentages
    ready(qtbot, tab)
    assert tab.model.rows[row][1].text == "100%"
    path = export_xlsx(tab, tab.model, "Matrix", ask=lambda *a: (str(tmp_path / "m"), ""))
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Code" and sheet.max_row == len(tab.model.rows) + 1
    saved = tab.chart.save_as(ask=lambda *a: (str(tmp_path / "hitte.svg"), ""))
    assert saved.read_bytes().lstrip().startswith(b"<?xml")


def test_agreement_lists_disagreements_and_resolving_is_undoable(qtbot, workbench):
    _second_coder(workbench)
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.agreement)
    tab = ready(qtbot, window.agreement)
    assert tab.checked_coders() and len(tab.checked_coders()) == 2
    tab.unit.setCurrentIndex(2)  # characters: the fixture's documents have no sentences
    ready(qtbot, tab)
    labels = [row[0].text for row in tab.model.rows]
    assert labels[-1] == "Alle codes samen (gepoold)"
    thuis = next(i for i, label in enumerate(labels) if "1.1" in label)
    assert tab.model.rows[thuis][2].text == "100,0%"  # a decimal comma in Dutch
    tab.code_chosen(tab.model.index(len(labels) - 1, 0))
    assert tab.disagreements.rowCount() == 2
    index = tab.disagreements.index(0, 0)
    tab.list.setCurrentIndex(index)
    tab.disagreement_chosen(index)
    assert len(tab.side.views) == 2
    before = _codings(workbench)
    accept_anna = tab.action_buttons[0]
    assert accept_anna.isEnabled()
    accept_anna.click()
    assert _codings(workbench) == before + 1  # Bram got Anna's coding of 1.3
    qtbot.waitUntil(lambda: tab.disagreements.rowCount() == 1, timeout=3000)
    workbench.undo_stack.undo()
    assert _codings(workbench) == before
    qtbot.waitUntil(lambda: tab.disagreements.rowCount() == 2, timeout=3000)


def test_a_discussion_memo_from_the_list(qtbot, workbench):
    _second_coder(workbench)
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.agreement)
    tab = ready(qtbot, window.agreement)
    tab.unit.setCurrentIndex(2)
    ready(qtbot, tab)
    tab.code_chosen(tab.model.index(tab.model.rowCount() - 1, 0))
    tab.list.setCurrentIndex(tab.disagreements.index(1, 0))
    tab.discuss("Samen bekijken")
    with workbench.reader() as s:
        memo = s.scalar(select(Memo))
    assert memo.title.startswith("Te bespreken") and memo.text.endswith("Samen bekijken")


def test_words_and_keyword_in_context(qtbot, workbench):
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.words)
    tab = ready(qtbot, window.words)
    words = [row[0].text for row in tab.model.rows]
    assert "buurvrouw" in words and "eh" not in words and "nou" not in words
    tab.show_context("buurvrouw")
    assert ready(qtbot, tab.segments).model.rowCount() == 2  # once in each of the two documents
    assert tab.segments.model.rows[0][2].text == "buurvrouw"


def test_the_window_is_one_per_main_window_and_closes_with_the_project(qtbot, window):
    first = open_analysis_window(window, window.workbench)
    assert open_analysis_window(window, window.workbench) is first
    window.workbench.close_project()
    assert not first.isVisible()


def test_coders_are_listed_by_name(qtbot, workbench):
    _second_coder(workbench)
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.agreement)
    ready(qtbot, window.agreement)
    with workbench.reader() as s:
        names = s.scalars(select(Coder.name).order_by(Coder.name)).all()
    shown = [window.agreement.coders.item(i).text() for i in range(window.agreement.coders.count())]
    assert shown == names
