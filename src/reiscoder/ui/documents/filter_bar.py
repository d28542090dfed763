"""Above the documents table: a filter box, a combo per choice attribute, and the other
attribute filters (set from a cell's context menu) as small removable chips."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.model import AttributeKind
from reiscoder.read.documents import AttributeColumn
from reiscoder.ui.documents.fields import display_value

ANY = None  # the combo entry that filters nothing
CHIP_STYLE = (
    "QToolButton { border: 1px solid #c5ced6; border-radius: 9px; padding: 1px 8px;"
    " background: #eef2f5; color: #1f3a56; }"
    "QToolButton:hover { background: #e1e7ec; }"
)


class FilterBar(QWidget):
    query_changed = Signal(str)
    value_changed = Signal(int, object)  # attribute id, value (str) or None for "any"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Filter by name or attribute…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.query_changed)
        self.attributes: list[AttributeColumn] = []
        self.combos: dict[int, QComboBox] = {}
        self.chips: dict[int, QToolButton] = {}
        self.second_row = QHBoxLayout()
        self.second_row.setContentsMargins(0, 0, 0, 0)
        self.second_row.setSpacing(6)
        self.second_row.addStretch(1)
        self.first_row = QHBoxLayout()
        self.first_row.setContentsMargins(0, 0, 0, 0)
        self.first_row.setSpacing(6)
        self.first_row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.first_row)
        layout.addLayout(self.second_row)

    def set_attributes(self, attributes: list[AttributeColumn]) -> None:
        """One combo per choice attribute; kept as they are while the attributes stay."""
        if attributes == self.attributes:
            return
        self.attributes = attributes
        for combo in self.combos.values():
            combo.hide()
            self.second_row.removeWidget(combo)
            combo.deleteLater()
        self.combos = {}
        for attribute in attributes:
            if attribute.kind == AttributeKind.CHOICE and attribute.choices:
                self.combos[attribute.id] = self._combo(attribute)
                self.second_row.insertWidget(self.second_row.count() - 1, self.combos[attribute.id])
        for attribute_id in list(self.chips):
            if attribute_id not in {a.id for a in attributes}:
                self._remove_chip(attribute_id)

    def _combo(self, attribute: AttributeColumn) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"filter-{attribute.id}")
        combo.addItem(_("{attribute}: all").format(attribute=attribute.name), ANY)
        for choice in attribute.choices:
            combo.addItem(choice, choice)
        combo.addItem(_("{attribute}: none").format(attribute=attribute.name), "")
        combo.setToolTip(
            _("Show only documents with this {attribute}").format(attribute=attribute.name)
        )
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        combo.currentIndexChanged.connect(
            lambda _i, a=attribute.id, c=combo: self.value_changed.emit(a, c.currentData())
        )
        return combo

    def show_value(self, attribute: AttributeColumn, value: str | None) -> None:
        """Reflect a filter set elsewhere (the context menu) without emitting it again."""
        combo = self.combos.get(attribute.id)
        if combo is not None:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
            combo.blockSignals(False)
            return
        self._remove_chip(attribute.id)
        if value is not None:
            self._add_chip(attribute, value)

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for attribute in self.attributes:
            self.show_value(attribute, None)

    def _add_chip(self, attribute: AttributeColumn, value: str) -> None:
        chip = QToolButton()
        shown = display_value(attribute, value) or _("none")
        chip.setText(f"{attribute.name}: {shown}  ✕")
        chip.setToolTip(_("Remove this filter"))
        chip.setStyleSheet(CHIP_STYLE)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.clicked.connect(lambda _c=False, a=attribute: self._chip_clicked(a))
        self.chips[attribute.id] = chip
        self.second_row.insertWidget(self.second_row.count() - 1, chip)

    def _chip_clicked(self, attribute: AttributeColumn) -> None:
        self._remove_chip(attribute.id)
        self.value_changed.emit(attribute.id, ANY)

    def _remove_chip(self, attribute_id: int) -> None:
        chip = self.chips.pop(attribute_id, None)
        if chip is not None:
            chip.hide()
            self.second_row.removeWidget(chip)
            chip.deleteLater()
