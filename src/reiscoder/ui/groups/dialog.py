"""The groups of a project in one list, with the ways to make and change them.

A document group is made from the open document, the documents where something is said (a
search) or those with an attribute value; a code group from the codes chosen in the codebook.
Every change is one undoable operation through the workbench.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reiscoder.i18n import _
from reiscoder.model import GroupKind
from reiscoder.ops.changes import Topic
from reiscoder.ops.groups import (
    add_to_group,
    create_group,
    delete_group,
    remove_from_group,
    update_group,
)
from reiscoder.read.documents import load_attributes
from reiscoder.read.groups import GroupRow, documents_with_value, load_groups
from reiscoder.read.search import search_sentences
from reiscoder.ui.workbench import Workbench


class GroupsDialog(QDialog):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle(_("Groups"))
        self.resize(620, 460)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Group"), _("Members")])
        self.tree.setColumnWidth(0, 380)
        hint = QLabel(
            _(
                "A group can be chosen in the export dialog, and on the command line for "
                "exports, agreement and assignments (--document-group, --code-group)."
            )
        )
        hint.setWordWrap(True)
        buttons = QVBoxLayout()
        for text, slot in (
            (_("Document group of the open document…"), self.new_from_open_document),
            (_("Document group from a search…"), self.new_from_search),
            (_("Document group from an attribute value…"), self.new_from_value),
            (_("Code group of the chosen codes…"), self.new_from_chosen_codes),
            (_("Add the open document or chosen codes"), self.add_current),
            (_("Remove the open document or chosen codes"), self.remove_current),
            (_("Rename…"), self.rename),
            (_("Delete"), self.delete),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            buttons.addWidget(button)
        buttons.addStretch()
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(close)
        workbench.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        chosen = self.current_group()
        self.tree.clear()
        with self.workbench.reader() as session:
            groups = load_groups(session)
        for kind, title in (
            (GroupKind.DOCUMENT, _("Document groups")),
            (GroupKind.CODE, _("Code groups")),
        ):
            parent = QTreeWidgetItem(self.tree, [title])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for group in (g for g in groups if g.kind == kind):
                item = QTreeWidgetItem(parent, [group.name, str(len(group.members))])
                item.setData(0, Qt.ItemDataRole.UserRole, group)
                if chosen is not None and group.id == chosen.id:
                    self.tree.setCurrentItem(item)
            parent.setExpanded(True)

    def _changed(self, topics: frozenset) -> None:
        if self.workbench.project is not None and topics & {Topic.GROUPS, Topic.DOCUMENTS}:
            self.reload()

    def current_group(self) -> GroupRow | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    # -- making groups -----------------------------------------------------------------------

    def make(self, kind: GroupKind, name: str, members: list[int]) -> int | None:
        outcome = self.workbench.execute(lambda s: create_group(s, kind, name, members))
        return outcome.created_id if outcome is not None else None

    def _name(self, suggestion: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, _("New group"), _("Name"), text=suggestion)
        return name if ok and name.strip() else None

    def new_from_open_document(self) -> None:
        document = self.workbench.current_document_id
        name = self._name()
        if name:
            self.make(GroupKind.DOCUMENT, name, [document] if document is not None else [])

    def new_from_search(self) -> None:
        words, ok = QInputDialog.getText(self, _("New group"), _("Documents where is said"))
        if not ok or not words.strip():
            return
        with self.workbench.reader() as session:
            found = list(dict.fromkeys(h.document_id for h in search_sentences(session, words)))
        name = self._name(words.strip())
        if name:
            self.make(GroupKind.DOCUMENT, name, found)

    def new_from_value(self) -> None:
        with self.workbench.reader() as session:
            attributes = load_attributes(session) + load_attributes(session, "case")
            values = _values(session, [a.id for a in attributes])
        options = [(a, v) for a in attributes for v in values.get(a.id, [])]
        labels = [f"{a.name}: {v}" for a, v in options]
        if not labels:
            return
        chosen, ok = QInputDialog.getItem(self, _("New group"), _("Value"), labels, 0, False)
        if not ok:
            return
        attribute, value = options[labels.index(chosen)]
        with self.workbench.reader() as session:
            members = documents_with_value(session, attribute.id, value)
        name = self._name(chosen)
        if name:
            self.make(GroupKind.DOCUMENT, name, members)

    def new_from_chosen_codes(self) -> None:
        name = self._name()
        if name:
            self.make(GroupKind.CODE, name, list(self.workbench.selected_code_ids))

    # -- changing groups ---------------------------------------------------------------------

    def _current_members(self, group: GroupRow) -> list[int]:
        if group.kind == GroupKind.CODE:
            return list(self.workbench.selected_code_ids)
        document = self.workbench.current_document_id
        return [document] if document is not None else []

    def add_current(self) -> None:
        group = self.current_group()
        if group is not None:
            members = self._current_members(group)
            self.workbench.execute(lambda s: add_to_group(s, group.id, members))

    def remove_current(self) -> None:
        group = self.current_group()
        if group is not None:
            members = self._current_members(group)
            self.workbench.execute(lambda s: remove_from_group(s, group.id, members))

    def rename(self) -> None:
        group = self.current_group()
        if group is None:
            return
        name, ok = QInputDialog.getText(self, _("Rename"), _("Name"), text=group.name)
        if ok:
            self.workbench.execute(lambda s: update_group(s, group.id, name=name))

    def delete(self) -> None:
        group = self.current_group()
        if group is not None:
            self.workbench.execute(lambda s: delete_group(s, group.id))


def _values(session, attribute_ids: list[int]) -> dict[int, list[str]]:
    from reiscoder.analysis.common import attribute_values

    return {a: attribute_values(session, a) for a in attribute_ids}


def open_groups_dialog(parent: QWidget, workbench: Workbench) -> GroupsDialog | None:
    if workbench.project is None:
        return None
    dialog = GroupsDialog(workbench, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
