"""One input per attribute, typed: a choice is a combo box, a date a date field, text a line.

Every field reads and writes the attribute's canonical text ("" for no value, dates as
YYYY-MM-DD), so dialogs, the import and the table's inline editing share them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from reiscoder.i18n import _, current_language
from reiscoder.model import AttributeKind
from reiscoder.read.documents import AttributeColumn

NO_DATE = QDate(1900, 1, 1)


def display_value(attribute: AttributeColumn, value: str) -> str:
    """How a canonical value is shown: dates as 24-11-2026, numbers with a decimal comma."""
    if not value:
        return ""
    if attribute.kind == AttributeKind.DATE:
        date = QDate.fromString(value, "yyyy-MM-dd")
        return date.toString("dd-MM-yyyy") if date.isValid() else value
    if attribute.kind == AttributeKind.NUMBER and current_language() == "nl":
        return value.replace(".", ",")
    return value


class DateEdit(QDateEdit):
    """A date field that can also be empty (shown as a dash); its calendar opens at today."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd-MM-yyyy")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(_("no date"))
        self.setDate(NO_DATE)
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.date() == NO_DATE:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def value(self) -> str:
        return "" if self.date() == NO_DATE else self.date().toString("yyyy-MM-dd")

    def set_value(self, value: str) -> None:
        date = QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE
        self.setDate(date if date.isValid() else NO_DATE)


class ChoiceBox(QComboBox):
    """The choices of an attribute, with an empty entry first for "no value"."""

    def __init__(self, choices: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(_("(none)"), "")
        for choice in choices:
            self.addItem(choice, choice)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, value: str) -> None:
        index = self.findData(value)
        if index < 0 and value:  # a value no longer among the choices stays visible
            self.addItem(value, value)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))


class TextField(QLineEdit):
    """Free text or a number; offers the values used before."""

    def __init__(self, suggestions: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        words = sorted(set(suggestions), key=str.casefold)
        if words:
            completer = QCompleter(words, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.setCompleter(completer)
        self.setClearButtonEnabled(True)

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: str) -> None:
        self.setText(value)


AttributeField = DateEdit | ChoiceBox | TextField


def make_field(
    attribute: AttributeColumn, suggestions: Iterable[str] = (), parent: QWidget | None = None
) -> AttributeField:
    if attribute.kind == AttributeKind.CHOICE:
        return ChoiceBox(attribute.choices, parent)
    if attribute.kind == AttributeKind.DATE:
        return DateEdit(parent)
    field = TextField(suggestions, parent)
    if attribute.kind == AttributeKind.NUMBER:
        field.setPlaceholderText(_("a number"))
    return field


class AttributeForm(QWidget):
    """A form with one field per attribute; values by attribute id."""

    def __init__(
        self,
        attributes: list[AttributeColumn],
        suggestions: dict[int, list[str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.attributes = attributes
        self.fields: dict[int, AttributeField] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for attribute in attributes:
            field = make_field(attribute, (suggestions or {}).get(attribute.id, ()), self)
            field.setObjectName(f"attribute-{attribute.id}")
            self.fields[attribute.id] = field
            layout.addRow(attribute.name + ":", field)

    def field(self, name: str) -> AttributeField:
        """The field of the attribute called ``name`` (for tests and focus)."""
        return next(self.fields[a.id] for a in self.attributes if a.name == name)

    def values(self) -> dict[int, str]:
        return {attribute_id: field.value() for attribute_id, field in self.fields.items()}

    def set_values(self, values: dict[int, str]) -> None:
        for attribute_id, field in self.fields.items():
            field.set_value(values.get(attribute_id, ""))

    def changed_values(self, original: dict[int, str]) -> dict[int, str]:
        return {a: v for a, v in self.values().items() if v != original.get(a, "")}
