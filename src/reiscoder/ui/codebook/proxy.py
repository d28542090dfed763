"""Filter the code tree as the user types: matching codes stay, with the codes above them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from reiscoder.read.codebook import node_matches, search_words
from reiscoder.ui.codebook.model import CodeTreeModel


class CodeFilterProxy(QSortFilterProxyModel):
    def __init__(self, source: CodeTreeModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.words: list[str] = []
        self.excluded: set[int] = set()  # codes never shown (e.g. those a merge cannot target)
        self.setRecursiveFilteringEnabled(True)  # ancestors of a match stay visible
        self.setSourceModel(source)

    def set_query(self, query: str) -> None:
        if query != self.query:
            self.beginFilterChange()
            self.query = query
            self.words = search_words(query)
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
        codebook = self.tree().codebook
        siblings = codebook.roots
        if source_parent.isValid():
            parent = codebook.by_id.get(source_parent.internalId())
            siblings = parent.children if parent is not None else []
        if not 0 <= source_row < len(siblings):
            return False
        node = siblings[source_row]
        if self.excluded and ({node.id, *codebook.ancestors(node.id)} & self.excluded):
            return False
        return not self.words or node_matches(node, self.words)
