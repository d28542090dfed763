"""Filter the code tree as the user types: matching codes stay, with the codes above them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from reiscoder.ui.codebook.model import CodeTreeModel
from reiscoder.views.codebook import node_matches


class CodeFilterProxy(QSortFilterProxyModel):
    def __init__(self, source: CodeTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.excluded: set[int] = set()  # codes never shown (e.g. those a merge cannot target)
        self.setRecursiveFilteringEnabled(True)  # ancestors of a match stay visible
        self.setSourceModel(source)

    def set_query(self, query: str) -> None:
        if query != self.query:
            self.beginFilterChange()
            self.query = query
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_excluded(self, code_ids: set[int]) -> None:
        self.beginFilterChange()
        self.excluded = set(code_ids)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def tree(self) -> CodeTreeModel:
        source = self.sourceModel()
        assert isinstance(source, CodeTreeModel)
        return source

    def code_id(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        node = self.tree().node(self.mapToSource(index))
        return node.id if node is not None else None

    def index_of(self, code_id: int) -> QModelIndex:
        return self.mapFromSource(self.tree().index_of(code_id))

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        tree = self.tree()
        node = tree.node(tree.index(source_row, 0, source_parent))
        if node is None:
            return False
        excluded = node.id in self.excluded or bool(
            self.excluded & set(tree.codebook.ancestors(node.id))
        )
        return not excluded and (not self.query.strip() or node_matches(node, self.query))
