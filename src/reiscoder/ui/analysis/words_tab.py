"""The words tab: word frequencies (by lemma) of all text, a code, a document or a role,
and every occurrence of a word in context."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from sqlalchemy.orm import Session

from reiscoder.analysis.common import attribute_choices, attribute_values, document_names
from reiscoder.analysis.words import (
    KwicLine,
    WordSource,
    keyword_in_context,
    word_frequencies,
)
from reiscoder.i18n import _
from reiscoder.read.code_tree import load_code_tree
from reiscoder.ui.analysis.grid import ROW_ROLE, Cell, fit_columns, number
from reiscoder.ui.analysis.panes import tool_row
from reiscoder.ui.analysis.tab_base import AnalysisTab, Work
from reiscoder.ui.analysis.tables import Table
from reiscoder.ui.workbench import Workbench

LIMIT = 2000  # words listed


@dataclass(frozen=True)
class Choices:
    """What the code, document and speaker lists offer: (text, data) pairs."""

    codes: list[tuple[str, object]]
    documents: list[tuple[str, object]]
    roles: list[tuple[str, object]]


class WordsTab(AnalysisTab):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(workbench, parent)
        self.code = QComboBox(self)
        self.document = QComboBox(self)
        self.role = QComboBox(self)
        for combo in (self.code, self.document, self.role):
            combo.currentIndexChanged.connect(lambda _i: self._chosen())
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

    def _chosen(self) -> None:
        if not self._filling:
            self.refresh()

    def _fill(self, choices: Choices) -> None:
        self._filling = True
        for combo, items in (
            (self.code, choices.codes),
            (self.document, choices.documents),
            (self.role, choices.roles),
        ):
            for text, data in items:
                combo.addItem(text, data)
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

    def request(self) -> Work:
        source, stop_list = self.source(), self.stop_list.isChecked()
        filled = self.code.count() > 0
        return lambda session: words_table(session, source, stop_list, filled)

    def present(self, result: Table) -> None:
        if result.extra is not None and self.code.count() == 0:
            self._fill(result.extra)
        self.model.set_table(result.header, result.rows, result.ids)
        fit_columns(self.table, 180, 80)

    def cell_clicked(self, index: QModelIndex) -> None:
        self.show_context(self.model.data(index, ROW_ROLE))

    def show_context(self, word: str) -> None:
        """Every occurrence of the word (any form of it) in the text chosen, in context."""
        source = self.source()
        self.segments.load(
            lambda session: keyword_in_context(session, source, word, width=70, limit=1000),
            lambda lines: self._show_lines(word, lines),
        )

    def _show_lines(self, word: str, lines: list[KwicLine]) -> None:
        self.segments.show_places(
            _("“{word}” in context ({count})").format(word=word, count=len(lines)),
            [_("Document"), _("Before"), _("Word"), _("After")],
            [(line.document_name, line.left, line.match, line.right) for line in lines],
            [(line.document_id, line.start, line.end) for line in lines],
        )
        self.segments.view.horizontalHeader().resizeSection(1, 320)
        self.segments.view.horizontalHeader().resizeSection(2, 90)


def words_table(session: Session, source: WordSource, stop_list: bool, filled: bool) -> Table:
    """The word list (and, the first time, what the lists to choose from offer)."""
    result = word_frequencies(session, source, use_stop_list=stop_list, limit=LIMIT)
    rows = [
        [
            Cell(row.lemma),
            number(row.count),
            number(100 * row.count / max(result.words, 1), 2, "%"),
            Cell(", ".join(row.forms[:6])),
        ]
        for row in result.rows
    ]
    header = [_("Word (lemma)"), _("Count"), _("Share"), _("Forms")]
    choices = None if filled else _choices(session)
    return Table(header, rows, [row.lemma for row in result.rows], extra=choices)


def _choices(session: Session) -> Choices:
    codes: list[tuple[str, object]] = [(_("All text"), None)]
    codes += [("  " * c.depth + c.name, c.id) for c in load_code_tree(session).codes]
    documents: list[tuple[str, object]] = [(_("All documents"), None)]
    documents += list((name, i) for i, name in document_names(session).items())
    roles: list[tuple[str, object]] = [(_("All speakers"), None)]
    for attribute in attribute_choices(session):
        if attribute.target == "case":
            roles += [
                (f"{attribute.name}: {value}", (attribute.id, value))
                for value in attribute_values(session, attribute.id)
            ]
    return Choices(codes, documents, roles)
