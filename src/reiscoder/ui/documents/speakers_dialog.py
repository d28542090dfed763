"""The speakers of one document: rename them, link each to a case (a person), give the case
a role. Every edit is its own undoable step; the dialog follows undo and redo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _, ngettext
from reiscoder.model import AttributeKind
from reiscoder.ops.attributes import set_value
from reiscoder.ops.batches import link_speaker_to_new_case
from reiscoder.ops.cases import link_speaker, rename_speaker
from reiscoder.ops.changes import Topic
from reiscoder.read.documents import (
    AttributeColumn,
    SpeakerRow,
    document_name,
    load_cases,
    load_speakers,
    role_attribute,
)
from reiscoder.ui.workbench import Workbench

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole
LABEL, NAME, CASE, ROLE = range(4)
LABEL_COLOR = QColor("#52606d")
TOPICS = {Topic.SPEAKERS, Topic.CASES, Topic.ATTRIBUTES, Topic.DOCUMENTS}


class SpeakersModel(QAbstractTableModel):
    edit_requested = Signal(object, int, str)  # SpeakerRow, column, new text

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[SpeakerRow] = []
        self.cases: list[tuple[int, str]] = []
        self.role: AttributeColumn | None = None
        self.editable = True

    def set_rows(
        self,
        rows: list[SpeakerRow],
        cases: list[tuple[int, str]],
        role: AttributeColumn | None,
    ) -> None:
        """Show these rows. The same speakers are updated in place, only where they changed,
        so an editor open in the table (a role being chosen while an import refreshes the
        dialog) stays open with what was typed; other speakers reset the table."""
        if [r.id for r in rows] != [r.id for r in self.rows] or role != self.role:
            self.beginResetModel()
            self.rows, self.cases, self.role = rows, cases, role
            self.endResetModel()
            return
        old_rows, self.rows, self.cases = self.rows, rows, cases
        for number, (old, new) in enumerate(zip(old_rows, rows, strict=True)):
            if old != new:  # Qt reloads the open editors of the cells it is told of
                self.dataChanged.emit(self.index(number, 0), self.index(number, ROLE))

    # -- Qt API ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [_("In the transcript"), _("Name"), _("Case"), self._role_title()]
        return titles[section]

    def _role_title(self) -> str:
        return self.role.name if self.role is not None else _("Role")

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() in (NAME, CASE, ROLE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (row.label, row.name, row.case_name, row.role)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == LABEL:
            return LABEL_COLOR
        if role == ID_ROLE:
            return row.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        text = " ".join(str(value or "").split())
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        self.edit_requested.emit(row, index.column(), text)
        return True


def _tooltip(row: SpeakerRow, column: int) -> str | None:
    if column == LABEL:
        return ngettext("{count} turn", "{count} turns", row.turns).format(count=row.turns)
    if column == CASE:
        return _("The person (case) this speaker is; type a new name to make a new case")
    return None


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over the cases (editable: a new name makes a new case) or the roles."""

    def __init__(self, options: Any, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options  # a callable returning the choices
        self.editable = editable

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        box.setEditable(self.editable)
        box.addItem("")
        box.addItems(self.options())
        if self.editable:
            box.lineEdit().setPlaceholderText(_("no case"))
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        found = editor.findText(value)
        if found >= 0:
            editor.setCurrentIndex(found)
        else:
            editor.setEditText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class SpeakersDialog(QDialog):
    def __init__(self, workbench: Workbench, document_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workbench = workbench
        self.document_id = document_id
        self.setModal(False)
        self.resize(640, 320)
        self.model = SpeakersModel(self)
        self.model.editable = not workbench.read_only
        self.model.edit_requested.connect(self.edit)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(
            CASE, ChoiceDelegate(lambda: [n for _i, n in self.model.cases], editable=True)
        )
        self.choice_roles = ChoiceDelegate(self._roles, editable=False, parent=self.table)
        self.text_roles = QStyledItemDelegate(self.table)
        self.table.setItemDelegateForColumn(ROLE, self.choice_roles)
        hint = QLabel(
            _(
                "Link each speaker to a case: the person, who may speak in other documents "
                "too. The case's role shows in the documents list."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #7b8794;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        workbench.changed.connect(self._on_changed)
        workbench.project_closed.connect(self.close)
        self.refresh()

    def _roles(self) -> list[str]:
        role = self.model.role
        return list(role.choices) if role is not None else []

    def _on_changed(self, topics: frozenset[Topic]) -> None:
        if topics & TOPICS and self.workbench.project is not None:
            self.refresh()

    def refresh(self) -> None:
        with self.workbench.reader() as session:
            name = document_name(session, self.document_id)
            rows = load_speakers(session, self.document_id)
            cases, role = load_cases(session), role_attribute(session)
        if not name:  # the document was deleted
            self.close()
            return
        self.setWindowTitle(_("Speakers and cases — {document}").format(document=name))
        self.model.set_rows(rows, cases, role)
        self.table.setColumnHidden(ROLE, role is None)
        # A new delegate would cut an open editor off from the model: set one only on change.
        choice = role is None or role.kind == AttributeKind.CHOICE
        wanted = self.choice_roles if choice else self.text_roles
        if self.table.itemDelegateForColumn(ROLE) is not wanted:
            self.table.setItemDelegateForColumn(ROLE, wanted)

    # -- edits -----------------------------------------------------------------------------

    def edit(self, row: SpeakerRow, column: int, text: str) -> None:
        if column == NAME and text:
            self.workbench.execute(lambda s: rename_speaker(s, row.id, text))
        elif column == CASE:
            self.link(row, text)
        elif column == ROLE:
            self.set_role(row, text)

    def link(self, row: SpeakerRow, case_name: str) -> None:
        """Link to the case called ``case_name``; a new name makes a new case; "" unlinks."""
        existing = {name.casefold(): case_id for case_id, name in self.model.cases}
        case_id = existing.get(case_name.casefold()) if case_name else None
        if case_name and case_id is None:
            self.workbench.execute(lambda s: link_speaker_to_new_case(s, row.id, case_name))
        else:
            self.workbench.execute(lambda s: link_speaker(s, row.id, case_id))

    def set_role(self, row: SpeakerRow, role: str) -> None:
        """Give the speaker's case a role; a speaker without a case gets one named after it."""
        attribute = self.model.role
        if attribute is None:
            return
        if row.case_id is not None:
            case_id = row.case_id
            self.workbench.execute(lambda s: set_value(s, attribute.id, role, case_id=case_id))
        elif role:
            self.workbench.execute(
                lambda s: link_speaker_to_new_case(s, row.id, row.name, attribute.id, role)
            )
