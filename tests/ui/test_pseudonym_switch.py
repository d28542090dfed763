"""One switch (Beeld > Pseudoniemen tonen): with it on, no panel shows an original name: not
the codebook, documents, coded segments, memos, search results, the transcript, nor the
analysis window, whose exported tables and saved charts hold pseudonyms only."""

from __future__ import annotations

import matplotlib.text
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView

from reiscoder.cli import main
from reiscoder.ui.analysis.grid import export_xlsx
from reiscoder.ui.analysis.window import AnalysisWindow
from reiscoder.ui.main_window import MainWindow
from tests.privacy.dutch_corpus import build_dutch_project, originals_in
from tests.privacy.test_leaks import readable_texts
from tests.ui.analysis_helpers import ready

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


@pytest.fixture(scope="module")
def dutch_path(tmp_path_factory):
    path = build_dutch_project(tmp_path_factory.mktemp("switch"))
    assert main(["names", str(path), "suggest", "--accept"]) == 0
    return path


@pytest.fixture
def shown(qtbot, settings, dutch_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(dutch_path)
    window.workbench.show_document(1)
    window.segments.show_codes(_all_codes(window))
    window.workbench.pseudonyms.set_shown(True)
    yield window
    window.workbench.close_project()


def _all_codes(window: MainWindow) -> list[int]:
    return list(window.codebook.model.codebook.by_id)


def model_texts(model, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    texts = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            texts += [str(v) for r in ROLES if (v := model.data(index, r))]
        child = model.index(row, 0, parent)
        if model.rowCount(child):
            texts += model_texts(model, child)
    return texts


def leaks(texts: list[str]) -> list[str]:
    assert texts  # something was looked at
    return sorted({name for text in texts for name in originals_in(text)})


def test_before_the_switch_the_panels_show_the_names(qtbot, settings, dutch_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(dutch_path)
    window.workbench.show_document(1)
    window.segments.show_codes(_all_codes(window))
    assert leaks(model_texts(window.codebook.model))
    assert leaks(model_texts(window.documents.model))
    assert leaks(model_texts(window.segments.model))
    assert leaks(model_texts(window.memos.model))
    assert leaks([window.transcript.editor.toPlainText()])
    analysis = AnalysisWindow(window.workbench)
    qtbot.addWidget(analysis)
    figure = ready(qtbot, analysis.frequencies).chart.figure
    assert leaks([t.get_text() for t in figure.findobj(matplotlib.text.Text)])
    analysis.close()

    window.workbench.close_project()


def test_the_codebook_shows_no_original(shown):
    assert leaks(model_texts(shown.codebook.model)) == []
    assert not shown.codebook.model.editable  # no pseudonym is saved over a code name


def test_the_documents_show_no_original(shown):
    texts = model_texts(shown.documents.model)
    assert len(texts) > 4 and leaks(texts) == []
    no_edits = QAbstractItemView.EditTrigger.NoEditTriggers
    assert shown.documents.table.editTriggers() == no_edits  # no pseudonym saved as a value
    shown.workbench.pseudonyms.set_shown(False)
    assert shown.documents.table.editTriggers() != no_edits


def test_the_coded_segments_show_no_original(shown):
    texts = model_texts(shown.segments.model)
    assert shown.segments.model.rowCount() == 4 and leaks(texts) == []


def test_the_memos_show_no_original_and_are_not_edited(shown):
    memos = shown.memos
    texts = model_texts(memos.model)
    assert memos.model.rowCount() == 3 and leaks(texts) == []
    memos.table.setCurrentIndex(memos.model.index(0, 0))
    editor = memos.editor
    assert leaks([editor.title.text() + " " + editor.body.toPlainText()]) == []
    assert editor.body.isReadOnly()


def test_the_transcript_shows_no_original(shown):
    panel = shown.transcript
    assert panel.pseudonyms_button.isChecked()  # the one switch
    assert leaks([panel.editor.toPlainText(), panel.title.text()]) == []


def test_search_results_show_no_original(qtbot, shown):
    search = shown.search
    search.query.setText("wonen")
    search.search()
    qtbot.waitUntil(lambda: not search.searching, timeout=60_000)
    assert search.model.rowCount() >= 2
    assert leaks(model_texts(search.model)) == []


def test_the_analysis_window_its_tables_and_charts(qtbot, shown, tmp_path):
    window = AnalysisWindow(shown.workbench)
    qtbot.addWidget(window)
    assert window.pseudonyms.isChecked()
    looked = 0
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)
        tab = ready(qtbot, window.tabs.widget(number))
        model = getattr(tab, "model", None)
        if model is None:
            continue
        texts = model_texts(model)
        chart = getattr(tab, "chart", None)
        figure = chart.figure if chart is not None else None
        if figure is not None:
            texts += [t.get_text() for t in figure.findobj(matplotlib.text.Text)]
        looked += len(texts)
        assert leaks(texts + ["-"]) == [], tab
    assert looked > 20
    frequencies = window.frequencies
    path = export_xlsx(
        window, frequencies.model, "tabel", ask=lambda *_a: (str(tmp_path / "t"), "")
    )
    chart = frequencies.chart.save_as(ask=lambda *_a: (str(tmp_path / "g.svg"), ""))
    for output in (path, chart):
        texts = [text for _where, text in readable_texts(output)]
        assert leaks(texts) == []
    window.close()
