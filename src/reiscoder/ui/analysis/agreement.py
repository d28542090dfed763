"""The agreement tab: agreement per code, the disagreements to walk through and resolve,
and two coders' codings side by side with the disagreements marked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reiscoder.analysis.agreement import (
    AgreementResult,
    AgreementSpec,
    Disagreement,
    compute_agreement,
)
from reiscoder.analysis.common import coders_with_codings, load_code_tree, range_texts
from reiscoder.analysis.units import Unit
from reiscoder.i18n import _
from reiscoder.ops.resolve import accept_coder, discussion_memo, keep_both
from reiscoder.read.transcript import document_text, load_codings
from reiscoder.ui.analysis.grid import (
    ROW_ROLE,
    Cell,
    GridModel,
    export_xlsx,
    fit_columns,
    make_table,
    number,
)
from reiscoder.ui.analysis.panes import tool_row
from reiscoder.ui.transcript.positions import Utf16Map
from reiscoder.ui.workbench import Workbench

OVERALL = -1
PAGE = 500  # disagreements listed at once


class AgreementTab(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.result: AgreementResult | None = None
        self.shown: Sequence[Disagreement] = []
        self.coders = QListWidget(self)
        self.coders.setMaximumHeight(34)
        self.coders.setFlow(QListWidget.Flow.LeftToRight)
        self.coders.setWrapping(True)
        self.coders.setToolTip(_("Tick the coders to compare (two or more)"))
        self.coders.itemChanged.connect(lambda _item: self.refresh())
        self.unit = QComboBox(self)
        for text, unit in (
            (_("Sentence"), Unit.SENTENCE),
            (_("Turn"), Unit.TURN),
            (_("Character"), Unit.CHARACTER),
        ):
            self.unit.addItem(text, unit)
        self.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        self.all_units = QCheckBox(_("Count all units"), self)
        self.all_units.setToolTip(
            _("Also count text that no coder coded (agreement then looks higher)")
        )
        self.all_units.toggled.connect(lambda _c: self.refresh())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = GridModel(self)
        self.table = make_table(self.model, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.clicked.connect(self.code_chosen)
        self.table.activated.connect(self.code_chosen)
        export = QPushButton(_("Export to Excel…"), self)
        export.clicked.connect(lambda: export_xlsx(self, self.model, _("Agreement")))
        self.disagreements = GridModel(self)
        self.list = make_table(self.disagreements, self, sortable=False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.clicked.connect(self.disagreement_chosen)
        self.list.activated.connect(self.disagreement_chosen)
        self.list.doubleClicked.connect(self.open_disagreement)
        self.list_title = QLabel(self)
        self.actions = QHBoxLayout()
        self.side = SideBySide(self)
        self._build(export)

    def _build(self, export: QPushButton) -> None:
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Coders:")))
        options.addWidget(self.coders, 1)
        options.addLayout(
            tool_row(QLabel(_("Unit:")), self.unit, self.all_units, export, stretch_at=3), 2
        )
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addWidget(self.list_title)
        lower_layout.addWidget(self.list, 2)
        lower_layout.addLayout(self.actions)
        lower_layout.addWidget(self.side, 3)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.summary)
        upper_layout.addWidget(self.table)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(options)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return _("Agreement")

    # -- computing ----------------------------------------------------------------------------

    def _fill_coders(self) -> None:
        with self.workbench.pseudonyms.reader() as session:
            coders = coders_with_codings(session)
        ticked = self.checked_coders()
        self.coders.blockSignals(True)
        self.coders.clear()
        for position, (coder_id, name) in enumerate(coders):
            item = QListWidgetItem(name)
            item.setData(ROW_ROLE, coder_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = coder_id in ticked if ticked else position < 2
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.coders.addItem(item)
        self.coders.blockSignals(False)

    def checked_coders(self) -> list[int]:
        return [
            self.coders.item(i).data(ROW_ROLE)
            for i in range(self.coders.count())
            if self.coders.item(i).checkState() == Qt.CheckState.Checked
        ]

    def refresh(self) -> None:
        if self.coders.count() == 0:
            self._fill_coders()
        coders = self.checked_coders()
        if len(coders) < 2:
            self.result = None
            self.summary.setText(_("Tick at least two coders to compare their coding."))
            self.model.set_table([], [], [])
            self.show_disagreements(None)
            return
        spec = AgreementSpec(
            tuple(coders), self.unit.currentData(), all_units=self.all_units.isChecked()
        )
        with self.workbench.pseudonyms.reader() as session:
            self.result = compute_agreement(session, spec)
        self._show_result(self.result)

    def _show_result(self, result: AgreementResult) -> None:
        names = result.coder_names
        header = [_("Code"), _("Agreement"), "κ (Cohen)", "α (Krippendorff)", _("Units")]
        header += [_("Coded by {coder}").format(coder=name) for name in names]
        if len(names) != 2:
            header.remove("κ (Cohen)")
        rows, ids = [], []
        for row in [*result.codes, None]:
            stats = result.overall if row is None else row.stats
            label = _("All codes together") if row is None else row.code.path
            cells = [
                Cell(
                    label,
                    None if row else "~",
                    tooltip=label,
                    color=row.code.color if row else None,
                ),
                number(stats.percent, 1, "%"),
            ]
            if len(names) == 2:
                cells.append(number(stats.kappa, 2))
            cells += [number(stats.alpha, 2), number(int(stats.units))]
            cells += (
                [number(int(v)) for v in (row.coded if row else [0] * len(names))]
                if row
                else [Cell("")] * len(names)
            )
            rows.append(cells)
            ids.append(OVERALL if row is None else row.code.id)
        self.model.set_table(header, rows, ids)
        fit_columns(self.table, 340, 96)
        unit = {
            Unit.SENTENCE: _("sentences"),
            Unit.TURN: _("turns"),
            Unit.CHARACTER: _("characters"),
        }
        text = (
            _("{count} {unit} counted: those that at least one of the coders coded.")
            if not result.spec.all_units
            else _("{count} {unit} counted: every unit of the documents.")
        )
        self.summary.setText(
            text.format(count=int(result.units_counted), unit=unit[result.spec.unit])
        )
        self.show_disagreements(None)

    # -- disagreements ------------------------------------------------------------------------

    def code_chosen(self, index: QModelIndex) -> None:
        code_id = self.model.data(index, ROW_ROLE)
        self.show_disagreements(None if code_id == OVERALL else code_id)

    def show_disagreements(self, code_id: int | None) -> None:
        self.code_id = code_id
        result = self.result
        self.shown = result.disagreements_on(code_id) if result else []
        page = self.shown[:PAGE]
        with self.workbench.pseudonyms.reader() as session:
            texts = range_texts(session, [(d.document_id, d.start, d.end) for d in page])
            names = {c.id: c.name for c in load_code_tree(session).codes}
        coder_names = result.coder_names if result else ()
        header = [_("Document"), _("Text"), *coder_names]
        rows = []
        for d, text in zip(page, texts, strict=True):
            given = [
                ", ".join(names[c].split(" ")[0] for c in d.codes_of(i)) or "—"
                for i in range(len(coder_names))
            ]
            rows.append(
                [
                    Cell(d.document_name),
                    Cell(text, tooltip=text),
                    *(
                        Cell(g, tooltip=", ".join(names[c] for c in d.codes_of(i)))
                        for i, g in enumerate(given)
                    ),
                ]
            )
        self.disagreements.set_table(header, rows, list(range(len(page))))
        self.list.horizontalHeader().resizeSection(0, 200)
        self.list.horizontalHeader().resizeSection(1, 420)
        total = len(self.shown)
        if not result:
            self.list_title.setText("")
        elif total == 0:
            self.list_title.setText(_("No disagreements."))
        else:
            title = _("{count} disagreements — click one to compare, double-click to open").format(
                count=total
            )
            if total > PAGE:
                title += " " + _("(the first {count} are listed)").format(count=PAGE)
            self.list_title.setText(title)
        self._rebuild_actions()
        self.side.clear()

    def _rebuild_actions(self) -> None:
        while self.actions.count():
            item = self.actions.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        if not self.result:
            return
        self.action_buttons: list[QPushButton] = []
        for index, name in enumerate(self.result.coder_names):
            button = QPushButton(_("Accept {coder}").format(coder=name), self)
            button.setToolTip(
                _("The other coders follow {coder} here (undo with Ctrl+Z)").format(coder=name)
            )
            button.clicked.connect(lambda _c=False, i=index: self.accept(i))
            self.actions.addWidget(button)
            self.action_buttons.append(button)
        both = QPushButton(_("Keep both"), self)
        both.setToolTip(_("Every coder gets every code given here"))
        both.clicked.connect(lambda: self.keep_both())
        memo = QPushButton(_("Discuss…"), self)
        memo.setToolTip(_("Write a memo on the document to discuss this passage"))
        memo.clicked.connect(lambda: self.discuss())
        self.actions.addWidget(both)
        self.actions.addWidget(memo)
        self.actions.addStretch(1)
        self.action_buttons += [both, memo]
        self._enable_actions(False)

    def _enable_actions(self, enabled: bool) -> None:
        for button in getattr(self, "action_buttons", []):
            button.setEnabled(enabled and not self.workbench.read_only)

    def current(self) -> Disagreement | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self.shown[self.disagreements.data(index, ROW_ROLE)]

    def disagreement_chosen(self, index: QModelIndex) -> None:
        disagreement = self.current()
        self._enable_actions(disagreement is not None)
        if disagreement is not None and self.result is not None:
            self.side.show(self.workbench, disagreement, self.result)

    def open_disagreement(self, index: QModelIndex) -> None:
        disagreement = self.current()
        if disagreement is not None:
            self.workbench.show_document(
                disagreement.document_id, disagreement.start, disagreement.end
            )

    def _codes(self, d: Disagreement) -> list[int]:
        return [self.code_id] if self.code_id is not None else list(d.disputed)

    def accept(self, coder_index: int) -> None:
        d = self.current()
        if d is None or self.result is None:
            return
        chosen = self.result.spec.coder_ids[coder_index]
        codes, all_coders = self._codes(d), list(self.result.spec.coder_ids)
        self.workbench.execute(
            lambda s: accept_coder(s, d.document_id, d.start, d.end, codes, all_coders, chosen)
        )

    def keep_both(self) -> None:
        d = self.current()
        if d is None or self.result is None:
            return
        codes, coders = self._codes(d), list(self.result.spec.coder_ids)
        self.workbench.execute(lambda s: keep_both(s, d.document_id, d.start, d.end, codes, coders))

    def discuss(self, note: str | None = None) -> None:
        d = self.current()
        if d is None or self.result is None or self.workbench.coder_id is None:
            return
        if note is None:
            note, ok = QInputDialog.getMultiLineText(
                self, _("Discuss"), _("A note for the discussion (optional):")
            )
            if not ok:
                return
        codes, coders, author = (
            self._codes(d),
            list(self.result.spec.coder_ids),
            self.workbench.coder_id,
        )
        self.workbench.execute(
            lambda s: discussion_memo(s, author, d.document_id, d.start, d.end, codes, coders, note)
        )


class SideBySide(QWidget):
    """The document around a disagreement, once per coder, each with their own codings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.views: list[tuple[QLabel, QTextEdit]] = []
        self.hint = QLabel(
            _("Choose a disagreement to see the coders' codings side by side."), self
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(mid);")
        self.layout_.addWidget(self.hint)

    def clear(self) -> None:
        for label, _view in self.views:
            label.parentWidget().deleteLater()
        self.views = []
        self.hint.show()

    def show(self, workbench: Workbench, d: Disagreement, result: AgreementResult) -> None:  # noqa: A003
        self.clear()
        self.hint.hide()
        with workbench.pseudonyms.reader() as session:
            text = document_text(session, d.document_id)
            codings = load_codings(session, d.document_id)
        utf16 = Utf16Map(text)
        for index, coder_id in enumerate(result.spec.coder_ids):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            label = QLabel(f"<b>{result.coder_names[index]}</b>", box)
            view = QTextEdit(box)
            view.setReadOnly(True)
            view.setPlainText(text)
            mine = [c for c in codings if c.coder_id == coder_id]
            view.setExtraSelections(self._marks(view, utf16, mine, d))
            cursor = view.textCursor()
            cursor.setPosition(utf16.to_qt(d.start))
            view.setTextCursor(cursor)
            view.ensureCursorVisible()
            column.addWidget(label)
            column.addWidget(view)
            self.layout_.addWidget(box)
            self.views.append((label, view))

    @staticmethod
    def _marks(view: QTextEdit, utf16: Utf16Map, codings: list, d: Disagreement) -> list:
        selections = []
        for coding in codings:
            selection = QTextEdit.ExtraSelection()
            color = QColor(coding.color)
            color.setAlpha(70)
            selection.format.setBackground(color)
            selection.format.setToolTip(coding.code_path)
            selection.cursor = _cursor(view, utf16, coding.start, coding.end)
            selections.append(selection)
        mark = QTextEdit.ExtraSelection()
        mark.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        mark.format.setUnderlineColor(QColor("#c0392b"))
        mark.format.setFontWeight(600)
        mark.cursor = _cursor(view, utf16, d.start, d.end)
        selections.append(mark)
        return selections


def _cursor(view: QTextEdit, utf16: Utf16Map, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16.to_qt(start))
    cursor.setPosition(utf16.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor
