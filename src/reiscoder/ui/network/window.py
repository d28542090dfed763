"""Analyse > Network of codes: codes as nodes, relations as arrows, co-occurrence as lines.

A network is made from the codes in use or from a code group and laid out by networkx; nodes
are dragged where the researcher wants them, and every move is saved as one undoable step.
Clicking a node lists its fragments here (and in the Coded segments panel); the picture goes
out as PNG or SVG, and into the Word analysis report.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGraphicsView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reiscoder.analysis.charts import render
from reiscoder.analysis.common import Scope
from reiscoder.analysis.cooccurrence import Proximity
from reiscoder.analysis.network import (
    NetworkData,
    layout,
    layout_links,
    load_network,
    network_figure,
    network_of,
)
from reiscoder.i18n import _
from reiscoder.model import GroupKind
from reiscoder.ops.changes import Topic
from reiscoder.ops.networks import create_network, delete_network, place_nodes
from reiscoder.ops.relations import add_relation
from reiscoder.read.groups import load_groups
from reiscoder.read.networks import codes_in_use, load_networks
from reiscoder.read.segments import load_segments
from reiscoder.ui.messages import warn
from reiscoder.ui.network.relation_dialog import RelationDialog
from reiscoder.ui.network.scene import NetworkScene
from reiscoder.ui.workbench import Workbench

WATCHED = frozenset({Topic.RELATIONS, Topic.CODES, Topic.CODINGS, Topic.PROJECT})


class NetworkWindow(QMainWindow):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.setWindowTitle(_("Network of codes"))
        self.scene = NetworkScene()
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.networks = QComboBox()
        self.networks.setMinimumWidth(200)
        self.cooccurrence = QComboBox()
        for label, proximity in (
            (_("No co-occurrence"), None),
            (_("Co-occurrence: overlapping codings"), Proximity.OVERLAP),
            (_("Co-occurrence: in one sentence"), Proximity.SENTENCE),
            (_("Co-occurrence: in one turn"), Proximity.TURN),
        ):
            self.cooccurrence.addItem(label, proximity)
        self.cooccurrence.setToolTip(
            _("Grey lines between codes that occur together; the thicker, the more often")
        )
        self.fragments_title = QLabel(_("Click a code to see its fragments."))
        self.fragments_title.setWordWrap(True)
        self.fragments = QListWidget()
        self.fragments.setWordWrap(True)
        self.fragments.itemActivated.connect(self._open_fragment)
        self.data = NetworkData()
        self._fitted_for: int | None = None
        self._toolbar()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.fragments_title)
        side_layout.addWidget(self.fragments)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setSizes([760, 280])
        self.setCentralWidget(splitter)
        self.resize(1080, 720)
        self.scene.node_moved.connect(self._moved)
        self.scene.node_clicked.connect(self.show_fragments)
        self.networks.currentIndexChanged.connect(self.reload)
        self.cooccurrence.currentIndexChanged.connect(self.reload)
        workbench.changed.connect(self._changed)
        self._fill_networks()

    def _toolbar(self) -> None:
        bar = QToolBar()
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(_("Network") + " "))
        bar.addWidget(self.networks)
        bar.addAction(_("New network…"), self.ask_new_network)
        bar.addAction(_("Delete network"), self.delete_current)
        bar.addSeparator()
        bar.addAction(_("Arrange automatically"), self.arrange)
        bar.addWidget(self.cooccurrence)
        bar.addAction(_("Relation…"), self.ask_relation)
        bar.addSeparator()
        bar.addAction(_("Export picture…"), self.ask_export)

    # -- what is shown ---------------------------------------------------------------------------

    def current_network_id(self) -> int | None:
        data = self.networks.currentData()
        return int(data) if data is not None else None

    def _fill_networks(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_network_id()
        self.networks.blockSignals(True)
        self.networks.clear()
        with self.workbench.reader() as session:
            for network in load_networks(session):
                self.networks.addItem(network.name, network.id)
        index = self.networks.findData(current) if current is not None else 0
        self.networks.setCurrentIndex(max(index, 0))
        self.networks.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        network_id = self.current_network_id()
        if network_id is None:
            self.data = NetworkData()
            self.scene.clear()
            self.scene.nodes, self.scene.edges = {}, []
            text = self.scene.addText(
                _(
                    "No network yet. Make one with “New network…”: from the codes in use or "
                    "a code group."
                )
            )
            text.setTextWidth(420)
            return
        with self.workbench.reader() as session:
            self.data = load_network(
                session,
                network_id,
                cooccurrences=self.cooccurrence.currentData(),
                scope=self._scope(),
            )
        self.scene.show_network(self.data)
        if self._fitted_for != network_id:  # a move or an undo keeps the zoom
            self._fitted_for = network_id
            self.fit()

    def fit(self) -> None:
        """The whole network in view, never drawn larger than life."""
        rect = self.scene.picture_rect()
        if rect.isEmpty():
            return
        self.view.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.view.transform().m11() > 1.0:
            self.view.resetTransform()
            self.view.centerOn(rect.center())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def _scope(self) -> Scope:
        hidden = self.workbench.hidden_coder_ids
        if not hidden:
            return Scope()
        from reiscoder.read.coders import coder_names

        with self.workbench.reader() as session:
            coders = coder_names(session)
        return Scope(coder_ids=frozenset(c for c in coders if c not in hidden))

    def _changed(self, topics: frozenset) -> None:
        if self.workbench.project is None:
            return
        if Topic.RELATIONS in topics or Topic.PROJECT in topics:
            self._fill_networks()
        elif topics & WATCHED:
            self.reload()

    # -- changes ---------------------------------------------------------------------------------

    def new_network(self, name: str, code_ids: list[int]) -> int | None:
        """Make a network of these codes, laid out automatically; returns its id."""
        with self.workbench.reader() as session:
            draft = network_of(
                session, {c: (0.0, 0.0) for c in code_ids}, cooccurrences=Proximity.TURN
            )
        positions = layout(code_ids, layout_links(draft))
        outcome = self.workbench.execute(lambda s: create_network(s, name, positions))
        if outcome is None:
            return None
        self._fill_networks(select=outcome.created_id)
        return outcome.created_id

    def ask_new_network(self) -> None:
        with self.workbench.reader() as session:
            used = codes_in_use(session)
            groups = load_groups(session, GroupKind.CODE)
        sources = [_("The codes in use ({count})").format(count=len(used))]
        sources += [_("Code group “{name}”").format(name=g.label) for g in groups]
        choice, ok = QInputDialog.getItem(
            self, _("New network"), _("Which codes"), sources, 0, False
        )
        if not ok:
            return
        index = sources.index(choice)
        codes = used if index == 0 else list(groups[index - 1].members)
        name, ok = QInputDialog.getText(self, _("New network"), _("Name"), text=_("Network"))
        if ok and name.strip():
            if not codes:
                warn(self, _("Not possible"), _("There are no codes to show yet."))
                return
            self.new_network(name, codes)

    def delete_current(self) -> None:
        network_id = self.current_network_id()
        if network_id is not None:
            self.workbench.execute(lambda s: delete_network(s, network_id))

    def arrange(self) -> None:
        """Lay the network out anew (one undoable step)."""
        network_id = self.current_network_id()
        if network_id is None or not self.data.nodes:
            return
        positions = layout([n.code_id for n in self.data.nodes], layout_links(self.data))
        self.workbench.execute(lambda s: place_nodes(s, network_id, positions))

    def _moved(self, code_id: int, x: float, y: float) -> None:
        network_id = self.current_network_id()
        if network_id is not None:
            self.workbench.execute(lambda s: place_nodes(s, network_id, {code_id: (x, y)}))

    def ask_relation(self) -> None:
        chosen = [item.node.code_id for item in self.scene.nodes.values() if item.isSelected()]
        source = chosen[0] if chosen else None
        target = chosen[1] if len(chosen) > 1 else None
        dialog = RelationDialog(self.workbench, source, target, self)
        if dialog.exec() != RelationDialog.DialogCode.Accepted:
            return
        source, target, kind, directed, memo = dialog.values()
        self.workbench.execute(
            lambda s: add_relation(s, source, target, kind, directed=directed, memo=memo)
        )

    # -- fragments and pictures ------------------------------------------------------------------

    def show_fragments(self, code_id: int) -> None:
        node = self.data.node(code_id)
        with self.workbench.reader() as session:
            segments = load_segments(session, [code_id]).rows
        hidden = self.workbench.hidden_coder_ids
        rows = [r for r in segments if r.coder_id not in hidden]
        self.fragments.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.document_name}: “{' '.join(row.quote.split())}”")
            item.setData(Qt.ItemDataRole.UserRole, (row.document_id, row.start, row.end))
            self.fragments.addItem(item)
        name = node.name if node is not None else ""
        self.fragments_title.setText(
            _("{code}: {count} fragments").format(code=name, count=len(rows))
        )
        self.workbench.codes_selected.emit([code_id])

    def _open_fragment(self, item: QListWidgetItem) -> None:
        document_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self.workbench.show_document(document_id, start, end)

    def ask_export(self) -> None:
        name = self.networks.currentText() or _("Network")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export picture"), f"{name}.png", "PNG (*.png);;SVG (*.svg)"
        )
        if path:
            self.export_picture(Path(path))

    def export_picture(self, path: Path) -> None:
        fmt = "svg" if path.suffix.lower() == ".svg" else "png"
        figure = network_figure(self.data, self.networks.currentText())
        try:
            path.write_bytes(render(figure, fmt, 200 if fmt == "png" else None))
        except OSError as error:
            warn(self, _("Export failed"), str(error))


def open_network_window(parent: QWidget, workbench: Workbench) -> NetworkWindow | None:
    if workbench.project is None:
        return None
    window = NetworkWindow(workbench, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
