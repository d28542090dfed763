"""A list table repaints, after a row is added or taken out, only the rows that moved; what
it then shows equals a repaint of the whole table."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QTableView

from reiscoder.ui.lists.table import Column, RowTableModel, make_table
from reiscoder.ui.lists.wrapping import WrappedTextDelegate


@dataclass(frozen=True)
class Row:
    id: int
    text: str


class CountingDelegate(WrappedTextDelegate):
    painted = 0

    def paint(self, painter, option, index) -> None:
        CountingDelegate.painted += 1
        super().paint(painter, option, index)


COLUMNS = [
    Column(lambda: "Nr", lambda r: str(r.id), lambda r: r.id),
    Column(lambda: "Tekst", lambda r: r.text, lambda r: r.id),
]


@pytest.fixture
def table(qtbot) -> QTableView:
    model: RowTableModel[Row] = RowTableModel(COLUMNS, lambda r: r.id)
    view = make_table(model)
    qtbot.addWidget(view)
    view.setItemDelegate(CountingDelegate(view))
    view.resize(300, 200)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    model.set_rows([Row(n * 10, f"rij {n}") for n in range(30)])
    view.show()
    _shown(view)
    return view


def _shown(view: QTableView) -> QImage:
    """What the window shows now (the offscreen backing store, stale parts included)."""
    QApplication.processEvents()
    QApplication.processEvents()
    return QGuiApplication.primaryScreen().grabWindow(view.winId()).toImage()


def _as_after_a_whole_repaint(view: QTableView) -> bool:
    shown = _shown(view)
    view.viewport().update()
    return shown == _shown(view)


@pytest.mark.parametrize(
    ("scrolled", "removed", "added"),
    [
        (False, [], [Row(25, "nieuw")]),  # among the rows shown
        (False, [], [Row(-1, "boven")]),  # the first row
        (False, [20], []),
        (False, [20], [Row(21, "ander")]),
        (True, [290], []),  # the last row, scrolled to the end
        (True, [], [Row(999, "laatst")]),
        (True, [], [Row(5, "vijf")]),  # above the rows shown
    ],
)
def test_rows_added_or_removed_show_as_a_whole_repaint_shows_them(table, scrolled, removed, added):
    if scrolled:
        table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
        _shown(table)
    before = _shown(table)
    table.model().update_rows(removed, added)
    assert _shown(table) != before
    assert _as_after_a_whole_repaint(table)


def test_a_row_added_below_the_rows_shown_repaints_none_of_them(table):
    CountingDelegate.painted = 0
    table.model().update_rows([], [Row(255, "onder")])
    _shown(table)
    assert CountingDelegate.painted == 0
    assert _as_after_a_whole_repaint(table)


def test_a_row_added_in_the_middle_repaints_the_rows_from_there_down(table):
    CountingDelegate.painted = 0
    table.model().update_rows([], [Row(25, "nieuw")])
    _shown(table)
    shown_rows = table.rowAt(table.viewport().height() - 1) + 1
    assert 0 < CountingDelegate.painted < 2 * shown_rows
    assert CountingDelegate.painted >= 2 * (shown_rows - 3)  # row 3 (25) and those below it


def test_sorting_and_a_new_list_repaint_the_whole_table(table):
    model = table.model()
    for change in (
        lambda: model.sort(0, Qt.SortOrder.DescendingOrder),
        lambda: model.set_rows([Row(n, f"ander {n}") for n in range(40)]),
    ):
        before = _shown(table)
        change()
        assert _shown(table) != before
        assert _as_after_a_whole_repaint(table)
