"""The tabs with tables: code frequencies, matrices and co-occurrence.

Each tab reads on the pool thread: ``request()`` takes the options from the widgets and
returns a function of a read session that computes the analysis and builds the table's
cells and the chart's data; ``present()`` puts them in the table and paints the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QLabel, QWidget
from sqlalchemy.orm import Session

from reiscoder.analysis.charts import BarChart, HeatMap
from reiscoder.analysis.common import AttributeChoice, Scope, attribute_choices, range_texts
from reiscoder.analysis.cooccurrence import (
    Cooccurrence,
    CooccurrenceSpec,
    Hit,
    Proximity,
    cooccurrence,
    cooccurrence_hits,
)
from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.analysis.matrices import (
    ColumnKind,
    Matrix,
    MatrixSpec,
    Measure,
    cell_segments,
    code_matrix,
)
from reiscoder.i18n import _, decimal
from reiscoder.read.code_tree import load_code_tree
from reiscoder.ui.analysis.grid import KEY_ROLE, ROW_ROLE, Cell, fit_columns, number
from reiscoder.ui.analysis.panes import tool_row
from reiscoder.ui.analysis.tab_base import AnalysisTab, Work
from reiscoder.ui.workbench import Workbench


@dataclass
class Table:
    """What a read hands the GUI thread: a table's header, cells and row ids, and a chart."""

    header: list[str]
    rows: list[list[Cell]]
    ids: list[Any]
    chart: BarChart | HeatMap | None = None
    extra: Any = field(default=None)


class FrequencyTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.subtree = self._check(_("Include subcodes"), True)
        self.subtree.setToolTip(_("A code's figures include those of its subcodes"))
        self.options.setLayout(tool_row(self.subtree, self.export_button, stretch_at=1))

    def title(self) -> str:
        return _("Code frequencies")

    def request(self) -> Work:
        subtree = self.subtree.isChecked()
        return lambda session: frequency_table(session, subtree)

    def present(self, result: Table) -> None:
        self.model.set_table(result.header, result.rows, result.ids)
        fit_columns(self.table)
        self.chart.set_chart(result.chart)

    def cell_clicked(self, index: QModelIndex) -> None:
        code_id = self.model.data(index, ROW_ROLE)
        spec = MatrixSpec(roll_up=self.subtree.isChecked())
        title = self.model.rows[index.row()][0].text.strip()
        self.segments.load(
            lambda session: cell_segments(session, spec, code_id, None),
            lambda segments: self.segments.show_segments(title, segments),
        )


def frequency_table(session: Session, subtree: bool) -> Table:
    """The frequencies table and its bar chart (on the pool thread)."""
    table = code_frequencies(session)
    header = [_("Code"), _("Codings"), _("Documents"), _("Words")]
    by_coder = _("Codings by {coder}")
    header += [by_coder.format(coder=name) for name in table.coders.values()]
    rows, ids, bars = [], [], []
    for row in table.rows:
        counts = row.subtree if subtree else row.own
        per_coder = row.subtree_by_coder if subtree else row.own_by_coder
        indent = "    " * row.code.depth
        cells = [
            Cell(
                indent + row.code.name, row.code.path, tooltip=row.code.path, color=row.code.color
            ),
            number(counts.codings),
            number(counts.documents),
            number(counts.words),
        ]
        cells += [number(per_coder[c].codings if c in per_coder else 0) for c in table.coders]
        rows.append(cells)
        ids.append(row.code.id)
        if counts.codings and (row.code.depth == 0 or not subtree):
            bars.append((row.code.name, counts.codings, row.code.color))
    chart = (
        BarChart(
            [b[0] for b in bars],
            [(_("Codings"), [b[1] for b in bars])],
            colors=[b[2] for b in bars],
            title=_("Codings per code"),
        )
        if bars
        else None
    )
    return Table(header, rows, ids, chart)


def column_label(kind: ColumnKind, attribute: AttributeChoice | None) -> str:
    """What the matrix has across, as the choice and the chart's title say it."""
    if attribute is None:
        return _("Cases") if kind == ColumnKind.CASE else _("Documents")
    if attribute.target == "document":
        return attribute.name
    return _("{attribute} (case)").format(attribute=attribute.name)


class MatrixTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.columns = QComboBox(self)
        self.columns.currentIndexChanged.connect(lambda _i: self._columns_chosen())
        self.measure = self._combo(
            [(_("Codings"), Measure.CODINGS), (_("Documents"), Measure.DOCUMENTS)]
        )
        self.show_as = self._combo(
            [
                (_("Counts"), "count"),
                (_("Row percentages"), "row"),
                (_("Column percentages"), "column"),
            ]
        )
        self.roll_up = self._check(_("Include subcodes"))
        self.options.setLayout(
            tool_row(
                QLabel(_("Across:")),
                self.columns,
                self.measure,
                self.show_as,
                self.roll_up,
                self.export_button,
                stretch_at=5,
            )
        )
        self._filling = False

    def title(self) -> str:
        return _("Code matrix")

    def _columns_chosen(self) -> None:
        if not self._filling:
            self.refresh()

    def _fill_columns(self, attributes: list[AttributeChoice]) -> None:
        current = self.columns.currentData()
        self._filling = True
        self.columns.clear()
        self.columns.addItem(column_label(ColumnKind.DOCUMENT, None), (ColumnKind.DOCUMENT, None))
        self.columns.addItem(column_label(ColumnKind.CASE, None), (ColumnKind.CASE, None))
        for attribute in attributes:
            kind = (
                ColumnKind.DOCUMENT_ATTRIBUTE
                if attribute.target == "document"
                else ColumnKind.CASE_ATTRIBUTE
            )
            self.columns.addItem(column_label(kind, attribute), (kind, attribute.id))
        position = self.columns.findData(current) if current else 0
        self.columns.setCurrentIndex(max(0, position))
        self._filling = False

    def spec(self) -> MatrixSpec:
        kind, attribute = self.columns.currentData() or (ColumnKind.DOCUMENT, None)
        return MatrixSpec(kind, attribute, self.measure.currentData(), self.roll_up.isChecked())

    def request(self) -> Work:
        spec, mode = self.spec(), self.show_as.currentData()
        return lambda session: matrix_table(session, spec, mode)

    def present(self, result: Table) -> None:
        self._fill_columns(result.extra)
        self.model.set_table(result.header, result.rows, result.ids)
        fit_columns(self.table, 300, 90)
        self.chart.set_chart(result.chart)

    def cell_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            return
        code_id, spec = self.model.data(index, ROW_ROLE), self.spec()
        key = self.model.data(index, KEY_ROLE)
        column = self.model.header[index.column()]
        title = f"{self.model.rows[index.row()][0].text.strip()} × {column}"
        self.segments.load(
            lambda session: cell_segments(session, spec, code_id, key),
            lambda segments: self.segments.show_segments(title, segments),
        )


def matrix_table(session: Session, spec: MatrixSpec, mode: str) -> Table:
    """The matrix, its cells (counts, row or column percentages) and its heat map."""
    attributes = attribute_choices(session)
    matrix = code_matrix(session, spec)
    chosen = next((a for a in attributes if a.id == spec.attribute_id), None)
    header = [_("Code"), *(c.label for c in matrix.columns), _("Total")]
    rows, values = _matrix_cells(matrix, mode)
    used = [i for i, row in enumerate(matrix.cells) if any(row)]
    chart = (
        HeatMap(
            [matrix.rows[i].name for i in used],
            [c.label for c in matrix.columns],
            [values[i] for i in used],
            title=column_label(spec.columns, chosen),
            percent=mode != "count",
        )
        if used and matrix.columns
        else None
    )
    return Table(header, rows, [code.id for code in matrix.rows], chart, attributes)


def _matrix_cells(matrix: Matrix, mode: str) -> tuple[list[list[Cell]], list[list[float]]]:
    highest = max((max(r) for r in matrix.cells if r), default=0) or 1
    share = {"row": matrix.row_percent, "column": matrix.column_percent}.get(mode)
    tip = _("{count} — click to see the segments")
    tips: dict[int, str] = {}
    rows, values = [], []
    for r, code in enumerate(matrix.rows):
        cells = [
            Cell("    " * code.depth + code.name, code.path, tooltip=code.path, color=code.color)
        ]
        shown = []
        for c, column in enumerate(matrix.columns):
            count = matrix.cells[r][c]
            value = share(r, c) if share else count
            text = "" if not count else (f"{value:.0f}%" if share else str(count))
            cells.append(
                Cell(
                    text,
                    value or 0,
                    key=column.key,
                    heat=count / highest,
                    tooltip=tips.get(count) or tips.setdefault(count, tip.format(count=count)),
                )
            )
            shown.append(value or 0)
        total = sum(matrix.cells[r])
        cells.append(Cell(str(total), total, key=None))
        rows.append(cells)
        values.append(shown)
    return rows, values


class CooccurrenceTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.proximity = self._combo(
            [
                (_("Overlapping"), Proximity.OVERLAP),
                (_("In the same sentence"), Proximity.SENTENCE),
                (_("In the same turn"), Proximity.TURN),
            ]
        )
        self.same_coder = self._check(_("Same coder only"), True)
        self.same_coder.setToolTip(_("Only pair codings made by the same coder"))
        self.show_as = self._combo([(_("Counts"), "count"), (_("Coefficient"), "coefficient")])
        self.options.setLayout(
            tool_row(
                self.proximity, self.same_coder, self.show_as, self.export_button, stretch_at=3
            )
        )
        self.chart.hide()

    def title(self) -> str:
        return _("Co-occurrence")

    def spec(self) -> CooccurrenceSpec:
        return CooccurrenceSpec(self.proximity.currentData(), Scope(), self.same_coder.isChecked())

    def request(self) -> Work:
        spec, coefficient = self.spec(), self.show_as.currentData() == "coefficient"
        return lambda session: cooccurrence_table(session, spec, coefficient)

    def present(self, result: Table) -> None:
        self.model.set_table(result.header, result.rows, result.ids)
        fit_columns(self.table, 300, 56)

    def cell_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            return
        a, b = self.model.data(index, ROW_ROLE), self.model.data(index, KEY_ROLE)
        if a == b:
            return
        spec = self.spec()
        self.segments.load(lambda session: _pair_hits(session, spec, a, b), self._show_hits)

    def _show_hits(self, found: tuple[str, list[Hit], list[str]]) -> None:
        title, hits, texts = found
        self.segments.show_places(
            title,
            [_("Document"), _("Text")],
            [(h.document_name, t) for h, t in zip(hits, texts, strict=True)],
            [(h.document_id, h.start, h.end) for h in hits],
        )


def _pair_hits(
    session: Session, spec: CooccurrenceSpec, a: int, b: int
) -> tuple[str, list[Hit], list[str]]:
    """Where two codes meet, with the text there (on the pool thread)."""
    hits = cooccurrence_hits(session, spec, a, b)
    texts = range_texts(session, [(h.document_id, h.start, h.end) for h in hits])
    tree = load_code_tree(session)
    return f"{tree.by_id[a].name} + {tree.by_id[b].name}", hits, texts


def cooccurrence_table(session: Session, spec: CooccurrenceSpec, coefficient: bool) -> Table:
    """The code × code table: counts (heat by the highest pair) or coefficients."""
    result = cooccurrence(session, spec)
    size = len(result.codes)
    highest = max(
        (result.counts[i][j] for i in range(size) for j in range(size) if i != j), default=0
    )
    rows = [_pair_row(result, i, coefficient, highest) for i in range(size)]
    header = [_("Code"), *(code.name.split(" ")[0] for code in result.codes)]
    return Table(header, rows, [code.id for code in result.codes])


def _two_decimals() -> Callable[[float], str]:
    """``decimal(value, 2)`` for a coefficient (0..1: no sign to mind), made 22,500 times."""
    if decimal(0.5, 1) == "0,5":
        return lambda value: format(value, ".2f").replace(".", ",")
    return lambda value: format(value, ".2f")


def _pair_row(result: Cooccurrence, i: int, coefficient: bool, highest: int) -> list[Cell]:
    code = result.codes[i]
    tip, none, two = _("{count} — coefficient {value}"), "—", _two_decimals()
    counts = result.counts[i]
    cells = [Cell(code.name, code.path, tooltip=code.path, color=code.color)]
    for j, other in enumerate(result.codes):
        count = counts[j]
        both = result.coefficient(i, j)
        shown_both = none if both is None else two(both)
        if coefficient:
            value: float | None = both
            text = "" if not count else (shown_both if both is not None else str(count))
            heat: float | None = both or 0
        else:
            value, text = count, str(count) if count else ""
            heat = count / highest if highest and j != i else None
        cells.append(
            Cell(
                text,
                value or 0,
                key=other.id,
                heat=heat,
                tooltip="" if i == j else tip.format(count=count, value=shown_both),
            )
        )
    return cells
