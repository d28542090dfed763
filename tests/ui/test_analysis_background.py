"""The analysis window reads off the GUI thread: "Computing…" while a tab reads, the newest
request wins, a change refreshes the tab in view (the others when shown), and closing while
a read runs loses nothing and breaks nothing. A real project file, real widgets offscreen."""

from __future__ import annotations

from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.analysis import open_analysis_window
from reiscoder.ui.analysis.background import wait_for_reads
from reiscoder.ui.analysis.window import AnalysisWindow
from tests.factories import code_id
from tests.ui.analysis_helpers import ready


def _codings_of(tab, number: str) -> str:
    row = next(r for r in tab.model.rows if r[0].text.strip().startswith(number))
    return row[1].text


def _window(qtbot, workbench) -> AnalysisWindow:
    window = AnalysisWindow(workbench)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


def test_the_busy_state_shows_while_a_tab_reads_and_goes_when_it_is_painted(qtbot, workbench):
    window = _window(qtbot, workbench)
    tab = window.frequencies
    assert tab.busy and window.busy
    assert tab.overlay.isVisible() and tab.overlay.text() == "Bezig met berekenen…"
    assert not window.refresh_button.isEnabled()
    assert tab.model.rowCount() == 0  # nothing read on the GUI thread
    ready(qtbot, tab)
    assert not tab.overlay.isVisible() and window.refresh_button.isEnabled()
    assert _codings_of(tab, "1.1") == "1"
    window.refresh_button.click()
    assert tab.busy and tab.overlay.isVisible() and not window.refresh_button.isEnabled()
    ready(qtbot, tab)
    assert not tab.overlay.isVisible() and window.refresh_button.isEnabled()


def test_every_tab_shows_its_results_and_charts(qtbot, workbench):
    with workbench.project.transaction() as s:  # a second coder, for the agreement tab
        bram = coder_id_for(s, "Bram Jansen")
        apply_coding(s, 1, code_id(s, "1.1"), bram, 13, 53)
    window = _window(qtbot, workbench)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = ready(qtbot, window.tabs.currentWidget())
        assert tab.model.rowCount() > 0, window.tabs.tabText(index)
        assert not tab.overlay.isVisible()
    for tab in (window.frequencies, window.matrix):
        pixmap = tab.chart.pixmap
        assert pixmap is not None and pixmap.width() > 200 and pixmap.height() > 50
        assert not pixmap.toImage().isGrayscale()  # coloured bars and cells, not blank
        assert tab.chart.save_button.isEnabled()
    assert window.matrix.columns.count() >= 2  # documents, cases, then the attributes
    assert window.words.code.count() > 1  # the lists to choose from came with the read
    assert "Bram Jansen" in window.agreement.summary.text()
    window.tabs.setCurrentWidget(window.frequencies)
    frequencies = window.frequencies
    row = next(i for i, r in enumerate(frequencies.model.rows) if "1.1" in r[0].text)
    frequencies.cell_clicked(frequencies.model.index(row, 1))  # the segments behind it
    assert frequencies.segments.busy and frequencies.segments.overlay.isVisible()
    assert ready(qtbot, frequencies.segments).model.rowCount() == 2  # Anna's and Bram's
    assert not frequencies.segments.overlay.isVisible()


def test_a_change_refreshes_the_tab_in_view_and_the_others_when_shown(qtbot, workbench):
    window = _window(qtbot, workbench)
    ready(qtbot, window.frequencies)
    window.tabs.setCurrentWidget(window.matrix)
    matrix = ready(qtbot, window.matrix)
    before = [row[1].text for row in matrix.model.rows]
    window.tabs.setCurrentWidget(window.frequencies)
    frequencies = window.frequencies
    assert not frequencies.busy  # shown before and nothing changed: not read again
    with workbench.reader() as s:
        thuis = code_id(s, "1.1")
    workbench.execute(lambda s: apply_coding(s, 2, thuis, workbench.coder_id, 0, 20))
    assert frequencies.busy and not matrix.busy  # the hidden tab waits until it is shown
    ready(qtbot, frequencies)
    assert _codings_of(frequencies, "1.1") == "2"
    assert [row[1].text for row in matrix.model.rows] == before
    window.tabs.setCurrentWidget(matrix)
    ready(qtbot, matrix)
    row = next(r for r in matrix.model.rows if r[0].text.strip().startswith("1.1"))
    assert [cell.text for cell in row[1:3]] == ["1", "1"]  # one in each document now


def test_a_newer_request_supersedes_an_older_one(qtbot, workbench):
    window = _window(qtbot, workbench)
    window.tabs.setCurrentWidget(window.matrix)
    tab = ready(qtbot, window.matrix)
    resets: list[int] = []
    tab.model.modelReset.connect(lambda: resets.append(1))
    tab.show_as.setCurrentIndex(1)  # row percentages ...
    tab.show_as.setCurrentIndex(2)  # ... no: column percentages, before the first came back
    ready(qtbot, tab)
    wait_for_reads()
    qtbot.wait(50)  # any late result would be delivered now
    assert len(resets) == 1
    row = next(r for r in tab.model.rows if r[0].text.strip().startswith("1.3"))
    assert row[1].text == "50%"  # column percentages: 1.3 is one of the two in Fatima's


def test_closing_while_a_read_runs_drops_its_result(qtbot, workbench):
    window = open_analysis_window(None, workbench)
    qtbot.addWidget(window)
    tab = window.frequencies
    assert tab.busy
    window.close()  # deleted on close, while the read runs or waits
    wait_for_reads()
    qtbot.wait(50)  # the result arrives for a window that is gone: dropped
    again = open_analysis_window(None, workbench)
    qtbot.addWidget(again)
    assert again is not window
    tab = ready(qtbot, again.frequencies)
    assert _codings_of(tab, "1.1") == "1"
    tab.cell_clicked(tab.model.index(0, 1))  # the segments behind a number: being read ...
    assert tab.segments.busy
    again.close()  # ... when the window goes
    wait_for_reads()
    qtbot.wait(50)
    assert workbench.project is not None  # nothing else happened to the project


def test_closing_the_project_while_a_read_runs(qtbot, window):
    analysis = open_analysis_window(window, window.workbench)
    assert analysis.frequencies.busy
    window.workbench.close_project()  # waits for the read, then the window closes
    qtbot.wait(50)
    assert not _alive(analysis) or not analysis.isVisible()


def _alive(widget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # deleted on close
        return False
    return True
