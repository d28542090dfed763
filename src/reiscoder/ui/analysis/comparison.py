"""The choices of an agreement comparison, as a bar of widgets above the agreement tab.

Unit, every unit or only coded ones, per code or at main-code level, the minimum overlap of
a coding with a sentence or turn, every document or only those both coders were given or
coded, a bootstrap interval for alpha, and a reference coder (teacher against each student).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from reiscoder.analysis.units import Unit
from reiscoder.i18n import _
from reiscoder.teaching.students import Comparison, DocumentChoice

BOOTSTRAP_DRAWS = 1000
NO_REFERENCE = -1


class ComparisonBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = QComboBox(self)
        for text, unit in (
            (_("Sentence"), Unit.SENTENCE),
            (_("Turn"), Unit.TURN),
            (_("Character"), Unit.CHARACTER),
        ):
            self.unit.addItem(text, unit)
        self.all_units = QCheckBox(_("Count all units"), self)
        self.all_units.setToolTip(
            _("Also count text that no coder coded (agreement then looks higher)")
        )
        self.main_codes = QCheckBox(_("Main codes"), self)
        self.main_codes.setToolTip(
            _("Compare at the level of the main codes: a subcode counts for its main code")
        )
        self.min_overlap = QSpinBox(self)
        self.min_overlap.setRange(1, 200)
        self.min_overlap.setToolTip(
            _(
                "A coding counts for a sentence or turn only when it covers at least this "
                "many of its characters; the few-character slips are listed"
            )
        )
        self.every_document = QCheckBox(_("Every document"), self)
        self.every_document.setToolTip(
            _(
                "Also count documents a coder was not given or did not code (by default only "
                "the documents both were given, or coded, count)"
            )
        )
        self.interval = QCheckBox(_("95% interval"), self)
        self.interval.setToolTip(
            _("A bootstrap confidence interval for alpha ({draws} draws, a fixed seed)").format(
                draws=BOOTSTRAP_DRAWS
            )
        )
        self.reference = QComboBox(self)
        self.reference.setToolTip(
            _("Compare each student (or each ticked coder) with this reference coder")
        )
        self.reference.addItem(_("no reference"), NO_REFERENCE)
        for widget in (self.unit, self.reference):
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.all_units, self.main_codes, self.every_document, self.interval):
            box.toggled.connect(lambda _c: self.changed.emit())
        self.min_overlap.valueChanged.connect(lambda _v: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(_("Unit:"), self))
        layout.addWidget(self.unit)
        layout.addWidget(self.all_units)
        layout.addWidget(self.main_codes)
        layout.addWidget(QLabel(_("Minimum overlap (characters):"), self))
        layout.addWidget(self.min_overlap)
        layout.addWidget(self.every_document)
        layout.addWidget(self.interval)
        layout.addStretch(1)
        layout.addWidget(QLabel(_("Reference:"), self))
        layout.addWidget(self.reference)

    def set_coders(self, coders: list[tuple[int, str]]) -> None:
        chosen = self.reference_id()
        self.reference.blockSignals(True)
        self.reference.clear()
        self.reference.addItem(_("no reference"), NO_REFERENCE)
        for coder_id, name in coders:
            self.reference.addItem(name, coder_id)
        found = self.reference.findData(chosen if chosen is not None else NO_REFERENCE)
        self.reference.setCurrentIndex(max(found, 0))
        self.reference.blockSignals(False)

    def reference_id(self) -> int | None:
        value = self.reference.currentData()
        return None if value in (None, NO_REFERENCE) else int(value)

    def set_reference(self, coder_id: int | None) -> None:
        self.reference.setCurrentIndex(
            max(self.reference.findData(NO_REFERENCE if coder_id is None else coder_id), 0)
        )

    def comparison(self) -> Comparison:
        return Comparison(
            unit=Unit(self.unit.currentData()),
            all_units=self.all_units.isChecked(),
            main_codes=self.main_codes.isChecked(),
            min_overlap=self.min_overlap.value(),
            documents=DocumentChoice.ALL
            if self.every_document.isChecked()
            else DocumentChoice.SHARED,
            bootstrap=BOOTSTRAP_DRAWS if self.interval.isChecked() else 0,
        )
