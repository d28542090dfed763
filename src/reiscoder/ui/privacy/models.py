"""Qt models of the name list and of the suggestions, and an editor for a name's kind.

The name list model shows rows read by :func:`reiscoder.privacy.names.load_names`; an edit
goes to a callback that runs the operation through the workbench (undoable). The
suggestions model keeps the researcher's choices (tick, kind, pseudonym) until they are
added to the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reiscoder.i18n import _
from reiscoder.model import NameKind
from reiscoder.ops.names import NewName, default_pseudonym
from reiscoder.privacy.names import NameEntry
from reiscoder.privacy.suggest import Example, Suggestion
from reiscoder.text.name_forms import split_forms
from reiscoder.text.name_matching import fold

ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex
QUIET = QColor("#7b8794")
Edit = Callable[[int, str, object], bool]  # name id, field, new value -> done
EXAMPLE_CONTEXT = 22  # characters before the name in the example column


def kind_label(kind: NameKind) -> str:
    return {
        NameKind.PERSON: _("Person"),
        NameKind.PLACE: _("Place"),
        NameKind.ORGANISATION: _("Organisation"),
        NameKind.OTHER: _("Other"),
    }[NameKind(kind)]


class NamesModel(QAbstractTableModel):
    ORIGINAL, PSEUDONYM, KIND, FORMS, STATUS = range(5)
    FIELDS = {ORIGINAL: "original", PSEUDONYM: "pseudonym", KIND: "kind", FORMS: "forms"}

    def __init__(self, edit: Edit) -> None:
        super().__init__()
        self.entries: list[NameEntry] = []
        self._edit = edit

    def set_entries(self, entries: Sequence[NameEntry]) -> None:
        self.beginResetModel()
        self.entries = sorted(entries, key=lambda e: (e.rejected, fold(e.original)))
        self.endResetModel()

    def applied(self) -> int:
        return sum(1 for entry in self.entries if not entry.rejected)

    def row_of(self, name_id: int) -> int | None:
        return next((n for n, e in enumerate(self.entries) if e.id == name_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Name"), _("Pseudonym"), _("Kind"), _("Other forms"), _("Status"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return entry.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(entry, column, role)
        if role == Qt.ItemDataRole.ForegroundRole and (entry.rejected or column == self.STATUS):
            return QUIET
        if role == Qt.ItemDataRole.FontRole and not entry.confirmed and not entry.rejected:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return _forms_tip() if column == self.FORMS else _status_tip(entry)
        return None

    def _text(self, entry: NameEntry, column: int, role: int) -> object:
        if column == self.ORIGINAL:
            return entry.original
        if column == self.PSEUDONYM:
            return "" if entry.rejected and role == Qt.ItemDataRole.DisplayRole else entry.pseudonym
        if column == self.KIND:
            return entry.kind if role == Qt.ItemDataRole.EditRole else kind_label(entry.kind)
        if column == self.FORMS:
            return "; ".join(entry.forms)
        if entry.rejected:
            return _("not a name")
        return _("confirmed") if entry.confirmed else _("to check")

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.FIELDS:
            entry = self.entries[index.row()]
            if not entry.rejected or index.column() == self.ORIGINAL:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in self.FIELDS:
            return False
        entry = self.entries[index.row()]
        field = self.FIELDS[index.column()]
        if field == "forms":
            if split_forms(str(value)) == entry.forms:
                return False
            return self._edit(entry.id, field, split_forms(str(value)))
        if str(value).strip() == str(getattr(entry, field)):
            return False
        return self._edit(entry.id, field, value)


def _forms_tip() -> str:
    return _(
        "Other spellings of the same person, place or organisation, separated by semicolons "
        "(e.g. Fati; Timaatje). The first name and surname of a full name are found without "
        "listing them. Write “form=replacement” to give a form its own replacement."
    )


def _status_tip(entry: NameEntry) -> str:
    if entry.rejected:
        return _("A suggestion you marked as not a name: it is not replaced nor suggested again.")
    if not entry.confirmed:
        return _("Added without a look: it is replaced already. Check it and confirm it.")
    return _("“{name}” is replaced by “{pseudonym}”.").format(
        name=entry.original, pseudonym=entry.pseudonym
    )


@dataclass
class SuggestionRow:
    suggestion: Suggestion
    kind: NameKind
    pseudonym: str
    checked: bool = False
    edited: bool = False  # the researcher typed the pseudonym: a change of kind keeps it


class SuggestionsModel(QAbstractTableModel):
    NAME, KIND, PSEUDONYM, COUNT, EXAMPLE = range(5)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SuggestionRow] = []
        self.taken: set[str] = set()

    def set_suggestions(self, suggestions: Sequence[Suggestion], taken: set[str]) -> None:
        """Show suggestions, each with the next free default pseudonym for its kind."""
        self.beginResetModel()
        self.taken = set(taken)
        self.rows = []
        for suggestion in suggestions:
            pseudonym = default_pseudonym(suggestion.kind, self.taken, suggestion.respondent)
            self.taken.add(fold(pseudonym))
            self.rows.append(SuggestionRow(suggestion, suggestion.kind, pseudonym))
        self.endResetModel()

    def chosen(self, rows: Sequence[int] | None = None) -> list[NewName]:
        """The ticked suggestions (or the given rows) as names to add."""
        picked = [self.rows[n] for n in rows] if rows is not None else self.ticked()
        return [NewName(r.suggestion.original, r.pseudonym, r.kind) for r in picked]

    def ticked(self) -> list[SuggestionRow]:
        return [row for row in self.rows if row.checked]

    def remove(self, originals: Sequence[str]) -> None:
        gone = {fold(original) for original in originals}
        self.beginResetModel()
        self.rows = [r for r in self.rows if fold(r.suggestion.original) not in gone]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Name"), _("Kind"), _("Pseudonym"), _("Found"), _("Example"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == self.NAME:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _examples_tip(row.suggestion)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.COUNT, self.EXAMPLE):
            return QUIET
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: SuggestionRow, column: int, role: int) -> object:
        suggestion = row.suggestion
        if column == self.NAME:
            return suggestion.original
        if column == self.KIND:
            return row.kind if role == Qt.ItemDataRole.EditRole else kind_label(row.kind)
        if column == self.PSEUDONYM:
            return row.pseudonym
        if column == self.COUNT:
            if not suggestion.count:
                return "–"
            return _("{count}× in {documents} doc.").format(
                count=suggestion.count, documents=suggestion.documents
            )
        if suggestion.examples:
            return _example_text(suggestion.examples[0], EXAMPLE_CONTEXT)
        return _source(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (self.KIND, self.PSEUDONYM):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.NAME:
            row.checked = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and index.column() == self.PSEUDONYM:
            text = " ".join(str(value).split())
            if not text:
                return False
            row.pseudonym, row.edited = text, True
        elif role == Qt.ItemDataRole.EditRole and index.column() == self.KIND:
            row.kind = NameKind(value)
            if not row.edited:
                self.taken.discard(fold(row.pseudonym))
                row.pseudonym = default_pseudonym(row.kind, self.taken)
                self.taken.add(fold(row.pseudonym))
        else:
            return False
        first, last = self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(first, last)
        return True


def _example_text(example: Example, context: int | None = None) -> str:
    before = example.before if context is None else example.before[-context:].lstrip()
    return f"…{before}{example.text}{example.after}…"


def _source(row: SuggestionRow) -> str:
    if "attribute" in row.suggestion.sources:
        return _("an attribute value")
    return _("a speaker or case")


def _examples_tip(suggestion: Suggestion) -> str:
    lines = [f"{e.document_name}: {_example_text(e)}" for e in suggestion.examples]
    return "\n".join(lines) or _("Not in the transcripts, but in the project's data.")


class KindDelegate(QStyledItemDelegate):
    """A drop-down of the four kinds of name."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        for kind in NameKind:
            editor.addItem(kind_label(kind), kind)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
