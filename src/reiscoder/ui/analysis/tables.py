"""The tabs with tables: code frequencies, matrices, co-occurrence and words."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reiscoder.analysis import charts
from reiscoder.analysis.common import (
    Scope,
    attribute_choices,
    attribute_values,
    document_names,
    range_texts,
)
from reiscoder.analysis.cooccurrence import (
    CooccurrenceSpec,
    Proximity,
    cooccurrence,
    cooccurrence_hits,
)
from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.analysis.matrices import ColumnKind, MatrixSpec, Measure, cell_segments, code_matrix
from reiscoder.analysis.words import WordSource, keyword_in_context, word_frequencies
from reiscoder.i18n import _, decimal
from reiscoder.read.code_tree import load_code_tree
from reiscoder.ui.analysis.grid import (
    KEY_ROLE,
    ROW_ROLE,
    Cell,
    GridModel,
    export_xlsx,
    fit_columns,
    make_table,
    number,
)
from reiscoder.ui.analysis.panes import ChartPane, SegmentsPane, tool_row
from reiscoder.ui.workbench import Workbench


class AnalysisTab(QWidget):
    """A tab: options on top, a table, and below it the text behind the clicked cell."""

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.model = GridModel(self)
        self.table = make_table(self.model, self)
        self.table.clicked.connect(self.cell_clicked)
        self.table.activated.connect(self.cell_clicked)
        self.segments = SegmentsPane(workbench, self)
        self.chart = ChartPane(self)
        self.export_button = QPushButton(_("Export to Excel…"))
        self.export_button.setToolTip(_("Save this table as an .xlsx workbook"))
        self.export_button.clicked.connect(lambda: export_xlsx(self, self.model, self.title()))
        self.options = QWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QSplitter(Qt.Orientation.Horizontal, self.splitter)
        upper.addWidget(self.table)
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.segments)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.options)
        layout.addWidget(self.splitter, 1)

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def cell_clicked(self, index: QModelIndex) -> None:
        """Show what is behind a cell."""

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def _check(self, text: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setChecked(checked)
        box.toggled.connect(lambda _c: self.refresh())
        return box


class FrequencyTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.subtree = self._check(_("Include subcodes"), True)
        self.subtree.setToolTip(_("A code's figures include those of its subcodes"))
        self.options.setLayout(tool_row(self.subtree, self.export_button, stretch_at=1))

    def title(self) -> str:
        return _("Code frequencies")

    def refresh(self) -> None:
        with self.workbench.pseudonyms.reader() as session:
            table = code_frequencies(session)
        subtree = self.subtree.isChecked()
        header = [_("Code"), _("Codings"), _("Documents"), _("Words")]
        header += [_("Codings by {coder}").format(coder=name) for name in table.coders.values()]
        rows, ids, bars = [], [], []
        for row in table.rows:
            counts = row.subtree if subtree else row.own
            per_coder = row.subtree_by_coder if subtree else row.own_by_coder
            indent = "    " * row.code.depth
            cells = [
                Cell(
                    indent + row.code.name,
                    row.code.path,
                    tooltip=row.code.path,
                    color=row.code.color,
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
        self.model.set_table(header, rows, ids)
        fit_columns(self.table)
        self.chart.set_figure(
            charts.bar_chart(
                [b[0] for b in bars],
                [(_("Codings"), [b[1] for b in bars])],
                colors=[b[2] for b in bars],
                title=_("Codings per code"),
            )
            if bars
            else None
        )

    def cell_clicked(self, index: QModelIndex) -> None:
        code_id = self.model.data(index, ROW_ROLE)
        spec = MatrixSpec(roll_up=self.subtree.isChecked())
        with self.workbench.pseudonyms.reader() as session:
            segments = cell_segments(session, spec, code_id, None)
        self.segments.show_segments(self.model.rows[index.row()][0].text.strip(), segments)


class MatrixTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.columns = QComboBox(self)
        self.columns.currentIndexChanged.connect(lambda _i: self.refresh())
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

    def _fill_columns(self) -> None:
        with self.workbench.pseudonyms.reader() as session:
            attributes = attribute_choices(session)
        current = self.columns.currentData()
        self._filling = True
        self.columns.clear()
        self.columns.addItem(_("Documents"), (ColumnKind.DOCUMENT, None))
        self.columns.addItem(_("Cases"), (ColumnKind.CASE, None))
        for attribute in attributes:
            kind = (
                ColumnKind.DOCUMENT_ATTRIBUTE
                if attribute.target == "document"
                else ColumnKind.CASE_ATTRIBUTE
            )
            label = (
                attribute.name
                if attribute.target == "document"
                else _("{attribute} (case)").format(attribute=attribute.name)
            )
            self.columns.addItem(label, (kind, attribute.id))
        position = self.columns.findData(current) if current else 0
        self.columns.setCurrentIndex(max(0, position))
        self._filling = False

    def spec(self) -> MatrixSpec:
        kind, attribute = self.columns.currentData() or (ColumnKind.DOCUMENT, None)
        return MatrixSpec(kind, attribute, self.measure.currentData(), self.roll_up.isChecked())

    def refresh(self) -> None:
        if self._filling:
            return
        if self.columns.count() == 0:
            self._fill_columns()
        spec = self.spec()
        with self.workbench.pseudonyms.reader() as session:
            matrix = code_matrix(session, spec)
        mode = self.show_as.currentData()
        highest = max((max(r) for r in matrix.cells if r), default=0) or 1
        rows, values = [], []
        for r, code in enumerate(matrix.rows):
            cells = [
                Cell(
                    "    " * code.depth + code.name, code.path, tooltip=code.path, color=code.color
                )
            ]
            shown = []
            for c, column in enumerate(matrix.columns):
                count = matrix.cells[r][c]
                share = {"row": matrix.row_percent, "column": matrix.column_percent}.get(mode)
                value = share(r, c) if share else count
                text = "" if not count else (f"{value:.0f}%" if share else str(count))
                cells.append(
                    Cell(
                        text,
                        value or 0,
                        key=column.key,
                        heat=count / highest,
                        tooltip=_("{count} — click to see the segments").format(count=count),
                    )
                )
                shown.append(value or 0)
            cells.append(Cell(str(sum(matrix.cells[r])), sum(matrix.cells[r]), key=None))
            rows.append(cells)
            values.append(shown)
        header = [_("Code"), *(c.label for c in matrix.columns), _("Total")]
        self.model.set_table(header, rows, [code.id for code in matrix.rows])
        fit_columns(self.table, 300, 90)
        used = [i for i, row in enumerate(matrix.cells) if any(row)]
        self.chart.set_figure(
            charts.heat_map(
                [matrix.rows[i].name for i in used],
                [c.label for c in matrix.columns],
                [values[i] for i in used],
                title=self.columns.currentText(),
                percent=mode != "count",
            )
            if used and matrix.columns
            else None
        )

    def cell_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            return
        code_id = self.model.data(index, ROW_ROLE)
        key = self.model.data(index, KEY_ROLE)
        with self.workbench.pseudonyms.reader() as session:
            segments = cell_segments(session, self.spec(), code_id, key)
        column = self.model.header[index.column()]
        title = f"{self.model.rows[index.row()][0].text.strip()} × {column}"
        self.segments.show_segments(title, segments)


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

    def refresh(self) -> None:
        with self.workbench.pseudonyms.reader() as session:
            result = cooccurrence(session, self.spec())
        coefficient = self.show_as.currentData() == "coefficient"
        rows = []
        for i, code in enumerate(result.codes):
            cells = [Cell(code.name, code.path, tooltip=code.path, color=code.color)]
            for j, other in enumerate(result.codes):
                count = result.counts[i][j]
                value = result.coefficient(i, j) if coefficient else count
                text = (
                    ""
                    if not count
                    else (decimal(value, 2) if coefficient and value is not None else str(count))
                )
                tip = (
                    ""
                    if i == j
                    else _("{count} — coefficient {value}").format(
                        count=count,
                        value="—"
                        if result.coefficient(i, j) is None
                        else decimal(result.coefficient(i, j), 2),
                    )
                )
                cells.append(
                    Cell(
                        text,
                        value or 0,
                        key=other.id,
                        heat=(value or 0) if coefficient else None,
                        tooltip=tip,
                    )
                )
            rows.append(cells)
        highest = max(
            (result.counts[i][j] for i in range(len(rows)) for j in range(len(rows)) if i != j),
            default=0,
        )
        if not coefficient and highest:
            rows = [
                [row[0]]
                + [
                    Cell(
                        c.text,
                        c.value,
                        c.key,
                        c.tooltip,
                        None if j == i else (c.value or 0) / highest,
                    )
                    for j, c in enumerate(row[1:])
                ]
                for i, row in enumerate(rows)
            ]
        header = [_("Code"), *(code.name.split(" ")[0] for code in result.codes)]
        self.model.set_table(header, rows, [code.id for code in result.codes])
        fit_columns(self.table, 300, 56)

    def cell_clicked(self, index: QModelIndex) -> None:
        if index.column() == 0:
            return
        a, b = self.model.data(index, ROW_ROLE), self.model.data(index, KEY_ROLE)
        if a == b:
            return
        with self.workbench.pseudonyms.reader() as session:
            hits = cooccurrence_hits(session, self.spec(), a, b)
            texts = range_texts(session, [(h.document_id, h.start, h.end) for h in hits])
            tree = load_code_tree(session)
        title = f"{tree.by_id[a].name} + {tree.by_id[b].name}"
        self.segments.show_places(
            title,
            [_("Document"), _("Text")],
            [(h.document_name, t) for h, t in zip(hits, texts, strict=True)],
            [(h.document_id, h.start, h.end) for h in hits],
        )


class WordsTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.code = QComboBox(self)
        self.document = QComboBox(self)
        self.role = QComboBox(self)
        for combo in (self.code, self.document, self.role):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
            combo.setMinimumContentsLength(14)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.stop_list = self._check(_("Leave out stop words"), True)
        self.stop_list.setToolTip(
            _("Dutch stop words and hesitations (eh, uh, nou) are not counted")
        )
        self.keyword = QLineEdit(self)
        self.keyword.setPlaceholderText(_("Keyword in context…"))
        self.keyword.setMinimumWidth(self.keyword.fontMetrics().horizontalAdvance("M" * 16))
        self.keyword.returnPressed.connect(lambda: self.show_context(self.keyword.text()))
        self.options.setLayout(
            tool_row(
                self.code,
                self.document,
                self.role,
                self.stop_list,
                self.keyword,
                self.export_button,
                stretch_at=5,
            )
        )
        self.chart.hide()
        self._filling = False

    def title(self) -> str:
        return _("Word frequencies")

    def _fill(self) -> None:
        self._filling = True
        with self.workbench.pseudonyms.reader() as session:
            codes = load_code_tree(session).codes
            documents = document_names(session)
            roles = [
                (a, attribute_values(session, a.id))
                for a in attribute_choices(session)
                if a.target == "case"
            ]
        self.code.addItem(_("All text"), None)
        for code in codes:
            self.code.addItem("  " * code.depth + code.name, code.id)
        self.document.addItem(_("All documents"), None)
        for document_id, name in documents.items():
            self.document.addItem(name, document_id)
        self.role.addItem(_("All speakers"), None)
        for attribute, values in roles:
            for value in values:
                self.role.addItem(f"{attribute.name}: {value}", (attribute.id, value))
        self._filling = False

    def source(self) -> WordSource:
        code, document, role = (
            self.code.currentData(),
            self.document.currentData(),
            self.role.currentData(),
        )
        return WordSource(
            code_ids=None if code is None else frozenset({code}),
            document_ids=None if document is None else frozenset({document}),
            case_attribute_id=None if role is None else role[0],
            case_value=None if role is None else role[1],
        )

    def refresh(self) -> None:
        if self._filling:
            return
        if self.code.count() == 0:
            self._fill()
        with self.workbench.pseudonyms.reader() as session:
            result = word_frequencies(
                session, self.source(), use_stop_list=self.stop_list.isChecked(), limit=2000
            )
        rows = [
            [
                Cell(row.lemma),
                number(row.count),
                number(100 * row.count / max(result.words, 1), 2, "%"),
                Cell(", ".join(row.forms[:6])),
            ]
            for row in result.rows
        ]
        self.model.set_table(
            [_("Word (lemma)"), _("Count"), _("Share"), _("Forms")],
            rows,
            [row.lemma for row in result.rows],
        )
        fit_columns(self.table, 180, 80)

    def cell_clicked(self, index: QModelIndex) -> None:
        self.show_context(self.model.data(index, ROW_ROLE))

    def show_context(self, word: str) -> None:
        with self.workbench.pseudonyms.reader() as session:
            lines = keyword_in_context(session, self.source(), word, width=70, limit=1000)
        self.segments.show_places(
            _("“{word}” in context ({count})").format(word=word, count=len(lines)),
            [_("Document"), _("Before"), _("Word"), _("After")],
            [(line.document_name, line.left, line.match, line.right) for line in lines],
            [(line.document_id, line.start, line.end) for line in lines],
        )
        self.segments.view.horizontalHeader().resizeSection(1, 320)
        self.segments.view.horizontalHeader().resizeSection(2, 90)
