"""The agreement tab: agreement per code, the disagreements to walk through and resolve,
and two coders' codings side by side with the disagreements marked.

With a reference coder chosen (a teacher), every student (or every ticked coder) is compared
with the reference on the documents both were given: an overview row per student, and the
figures and disagreements of the student chosen there. Every figure says what it rests on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from reiscoder.analysis import wording
from reiscoder.analysis.agreement import AgreementResult, Disagreement
from reiscoder.analysis.common import range_texts
from reiscoder.errors import UserError
from reiscoder.i18n import _, ngettext
from reiscoder.ops.resolve import accept_coder, discussion_memo, keep_both
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.coders import coder_names
from reiscoder.reports.exports import run_export
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.options import ExportKind
from reiscoder.teaching.students import (
    Compared,
    Comparison,
    StudentAgreement,
    compare,
    student_agreements,
    students,
)
from reiscoder.ui.analysis.background import Reads
from reiscoder.ui.analysis.busy import BusyOverlay
from reiscoder.ui.analysis.comparison import ComparisonBar
from reiscoder.ui.analysis.grid import (
    ROW_ROLE,
    Cell,
    GridModel,
    export_xlsx,
    fit_columns,
    make_table,
    number,
    percent_cell,
)
from reiscoder.ui.analysis.side_by_side import SideBySide
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
        self.bar = ComparisonBar(self)
        self.unit, self.all_units = self.bar.unit, self.bar.all_units
        self.bar.changed.connect(self.refresh)
        self.students_model = GridModel(self)
        self.students_table = make_table(self.students_model, self)
        self.students_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.students_table.clicked.connect(self.student_chosen)
        self.students_table.activated.connect(self.student_chosen)
        self.students_table.setMaximumHeight(160)
        self.students_table.hide()
        self.student_results: list[StudentAgreement] = []
        self.student_index = 0
        self.compared: Compared | None = None
        self.grading = QPushButton(_("Grading report…"), self)
        self.grading.setToolTip(
            _("The reference against each student, with feedback (Word or Excel)")
        )
        self.grading.clicked.connect(lambda: self.ask_grading())
        self.grading.hide()
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
        self.reads = Reads(workbench, self)
        self.overlay = BusyOverlay(self.results)  # the choices stay usable
        self.reads.busy_changed.connect(self.overlay.set_busy)
        self.reads.failed.connect(self.overlay.show_error)

    def _build(self, export: QPushButton) -> None:
        options = QVBoxLayout()
        coders = QHBoxLayout()
        coders.addWidget(QLabel(_("Coders:")))
        coders.addWidget(self.coders, 1)
        coders.addWidget(export)
        coders.addWidget(self.grading)
        options.addLayout(coders)
        options.addWidget(self.bar)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addWidget(self.list_title)
        lower_layout.addWidget(self.list, 2)
        lower_layout.addLayout(self.actions)
        lower_layout.addWidget(self.side, 3)
        splitter = self.results = QSplitter(Qt.Orientation.Vertical, self)
        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.students_table)
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

    def _fill_coders(self, coders: list[tuple[int, str]], pupils: list[tuple[int, str]]) -> None:
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
        self.bar.blockSignals(True)
        known = {c for c, _n in coders}
        self.bar.set_coders(coders + [p for p in pupils if p[0] not in known])
        self.bar.blockSignals(False)

    def checked_coders(self) -> list[int]:
        return [
            self.coders.item(i).data(ROW_ROLE)
            for i in range(self.coders.count())
            if self.coders.item(i).checkState() == Qt.CheckState.Checked
        ]

    @property
    def busy(self) -> bool:
        """A read runs (or waits) for this tab: its figures are about to change."""
        return self.reads.busy

    def refresh(self) -> None:
        """Compare again on the pool thread; the result is shown when it comes."""
        request = _Request(
            fill=self.coders.count() == 0,
            ticked=tuple(self.checked_coders()),
            reference=self.bar.reference_id(),
            comparison=self.bar.comparison(),
            student_index=self.student_index,
        )
        self.reads.start(request.read, self._present)

    def _present(self, read: _Read) -> None:
        if read.coders is not None:
            self._fill_coders(read.coders, read.pupils)
        reference = read.request.reference
        self.students_table.setVisible(reference is not None)
        self.grading.setVisible(reference is not None)
        if reference is not None:
            self._show_students(read)
            return
        if read.compared is None:
            self._show_nothing(_("Tick at least two coders to compare their coding."))
            return
        self.compared = read.compared
        self.result = read.compared.result
        self._show_result(self.result, read.slips, read.page)

    def _show_nothing(self, text: str) -> None:
        self.result = self.compared = None
        self.summary.setText(text)
        self.model.set_table([], [], [])
        self.show_disagreements(None)

    def _show_students(self, read: _Read) -> None:
        """The reference against each student: an overview, then the chosen student."""
        self.student_results = read.students
        rows, ids = [], []
        for student in self.student_results:
            overall, result = student.result.overall, student.result
            rests = wording.counted(result)
            rows.append(
                [
                    Cell(student.name, tooltip=rests),
                    number(len(result.documents_with_units)),
                    number(int(result.units_counted)),
                    percent_cell(overall.percent),
                    number(overall.kappa, 2),
                    number(overall.alpha, 2),
                    Cell(wording.alpha_band(overall.alpha)),
                ]
            )
            ids.append(student.coder_id)
        header = [_("Student"), _("Documents"), "N", "%", "κ (Cohen)", "α (Krippendorff)"]
        self.students_model.set_table([*header, _("Reading")], rows, ids)
        fit_columns(self.students_table, 200, 96)
        if not self.student_results:
            self._show_nothing(
                _("No students to compare: merge their copies first, or tick coders.")
            )
            return
        self.student_index = min(self.student_index, len(self.student_results) - 1)
        self.students_table.selectRow(self.student_index)
        self.compared = self.student_results[self.student_index]
        self.result = self.compared.result
        self._show_result(self.result, read.slips, read.page)

    def student_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.student_index = index.row()
            self.students_table.selectRow(index.row())
            self._show_student()

    def _show_student(self) -> None:
        student = self.student_results[self.student_index]
        self.compared = student
        self.result = student.result
        self._show_result(self.result)

    def _show_result(
        self, result: AgreementResult, slips: list[str] | None = None, page: _Page | None = None
    ) -> None:
        names = result.coder_names
        many = len(names) > 2
        interval = bool(result.spec.bootstrap)
        header = [_("Code"), "N", _("Agreement")]
        header += ["κ (Fleiss)", "κ (Brennan-Prediger)"] if many else ["κ (Cohen)"]
        header += ["α (Krippendorff)"] + ([_("α 95%")] if interval else [])
        header += [_("Coded by {coder}").format(coder=name) for name in names]
        rests = wording.counted(result)
        rows, ids = [], []
        for row in [*result.codes, None]:
            stats = result.overall if row is None else row.stats
            label = _("All codes (pooled)") if row is None else row.code.path
            cells = [
                Cell(
                    label,
                    None if row else "~",
                    tooltip=_("{code}: rests on {what}").format(code=label, what=rests),
                    color=row.code.color if row else None,
                ),
                number(int(result.units_counted)),
                percent_cell(stats.percent),
            ]
            if many:
                cells += [number(stats.fleiss, 2), number(stats.brennan_prediger, 2)]
            else:
                cells.append(number(stats.kappa, 2))
            cells.append(number(stats.alpha, 2))
            if interval:
                cells.append(Cell(wording.interval(stats)))
            cells += [number(int(v)) for v in row.coded] if row else [Cell("")] * len(names)
            rows.append(cells)
            ids.append(OVERALL if row is None else row.code.id)
        self.model.set_table(header, rows, ids)
        fit_columns(self.table, 340, 96)
        if slips is None:
            with self.workbench.pseudonyms.reader() as session:
                slips = slip_lines(session, result)
        self.summary.setText(self._summary(result, slips))
        self.show_disagreements(None, page)

    def _summary(self, result: AgreementResult, slips: list[str]) -> str:
        spec = result.spec
        lines = [
            _("{coders}: every figure rests on {what}.").format(
                coders=", ".join(result.coder_names), what=wording.counted(result)
            ),
            " ".join((wording.which_units(spec), wording.overlap_rule(spec), wording.level(spec))),
        ]
        compared = self.compared
        for entry in compared.left_out if compared else []:
            lines.append(
                _("Left out: {document} — {reason}.").format(
                    document=entry.name, reason=_(entry.reason).format(coder=entry.coder)
                )
            )
        if result.slips:
            lines.append(
                ngettext(
                    "{n} coding reaches into a unit by too few characters and does not count "
                    "there:",
                    "{n} codings reach into a unit by too few characters and do not count there:",
                    len(result.slips),
                ).format(n=len(result.slips))
            )
            lines += slips
        never = [c.code.name for c in result.codes if wording.never_used(c.stats)]
        if never:
            lines.append(wording.never_used_note(never))
        return "\n".join(lines)

    def ask_grading(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Grading report"), "", _("Word (*.docx);;Excel (*.xlsx)")
        )
        return self.export_grading(Path(name)) if name else None

    def export_grading(self, path: Path) -> Path:
        """The grading report with the choices of the tab (Word, or Excel for .xlsx)."""
        project = self.workbench.project
        assert project is not None
        kind = (
            ExportKind.GRADING_XLSX if path.suffix.lower() == ".xlsx" else ExportKind.GRADING_DOCX
        )
        if path.suffix.lower() not in (".docx", ".xlsx"):
            path = path.with_suffix(".docx")
        ids = tuple(s.coder_id for s in self.student_results) or None
        options = GradingOptions(self.bar.reference_id(), ids, self.bar.comparison())
        try:
            run_export(project, kind, options, path)
        except UserError as error:
            self.workbench.failed.emit(error.message)
        return path

    # -- disagreements ------------------------------------------------------------------------

    def code_chosen(self, index: QModelIndex) -> None:
        code_id = self.model.data(index, ROW_ROLE)
        self.show_disagreements(None if code_id == OVERALL else code_id)

    def show_disagreements(self, code_id: int | None, read: _Page | None = None) -> None:
        self.code_id = code_id
        result = self.result
        self.shown = result.disagreements_on(code_id) if result else []
        page = self.shown[:PAGE]
        if read is None:
            with self.workbench.pseudonyms.reader() as session:
                read = disagreement_page(session, page)
        texts, names = read
        coder_names = result.coder_names if result else ()
        header = [_("Document"), _("Text"), *coder_names]
        rows = []
        for d, text in zip(page, texts, strict=True):
            given = [
                ", ".join(names[c].split(" ")[0] for c in d.codes_of(i)) or "—"
                for i in range(len(coder_names))
            ]  # the codes' numbers; the full names on hover
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
            title = ngettext(
                "{count} disagreement — click it to compare, double-click to open",
                "{count} disagreements — click one to compare, double-click to open",
                total,
            ).format(count=total)
            if total > PAGE:
                title += " " + _("(the first {count} are listed)").format(count=PAGE)
            self.list_title.setText(title)
        self._rebuild_actions()
        self.side.clear()

    def _rebuild_actions(self) -> None:
        while self.actions.count():
            item = self.actions.takeAt(0)
            if item.widget():
                item.widget().hide()  # until it is deleted, it must not show loose
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
            with self.workbench.reader() as session:
                self.side.code_names = {c.id: c.name for c in load_code_tree(session).codes}
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


_Page = tuple[list[str], dict[int, str]]  # the listed disagreements' texts, code names


def disagreement_page(session: Session, page: Sequence[Disagreement]) -> _Page:
    texts = range_texts(session, [(d.document_id, d.start, d.end) for d in page])
    return texts, {c.id: c.name for c in load_code_tree(session).codes}


def slip_lines(session: Session, result: AgreementResult) -> list[str]:
    """The first ten codings that reach into a unit by too few characters, described."""
    return ["  " + wording.describe_slip(session, result, slip) for slip in result.slips[:10]]


@dataclass(frozen=True)
class _Request:
    """What the tab asks to compare (taken from its widgets on the GUI thread)."""

    fill: bool  # read the coders first (the list is empty): the first two are ticked
    ticked: tuple[int, ...]
    reference: int | None
    comparison: Comparison
    student_index: int

    def read(self, session: Session) -> _Read:
        """On the pool thread: the comparison, its summary's slips, its disagreements."""
        found = _Read(self)
        ticked = self.ticked
        if self.fill:
            found.coders = list(coder_names(session, with_codings=True).items())
            found.pupils = students(session)
            ticked = tuple(coder_id for coder_id, _name in found.coders[:2])
        if self.reference is not None:
            others = [c for c in ticked if c != self.reference]
            chosen = others if others and not students(session) else None
            found.students = student_agreements(
                session, self.reference, self.comparison, coder_ids=chosen
            )
            if found.students:
                found.compared = found.students[min(self.student_index, len(found.students) - 1)]
        elif len(ticked) >= 2:
            found.compared = compare(session, ticked, self.comparison)
        if found.compared is not None:
            result = found.compared.result
            found.slips = slip_lines(session, result)
            found.page = disagreement_page(session, result.disagreements_on(None)[:PAGE])
        return found


@dataclass
class _Read:
    request: _Request
    coders: list[tuple[int, str]] | None = None
    pupils: list[tuple[int, str]] = field(default_factory=list)
    students: list[StudentAgreement] = field(default_factory=list)
    compared: Compared | None = None
    slips: list[str] = field(default_factory=list)
    page: _Page | None = None
