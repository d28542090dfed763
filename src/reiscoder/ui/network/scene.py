"""The network drawn in a QGraphicsScene: codes as coloured circles, relations as labelled
arrows, co-occurrence as grey lines whose width is the strength. Nodes can be dragged; the
scene says where a node was let go (``node_moved``) and which was clicked (``node_clicked``)."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
)

from reiscoder.analysis.network import Edge, NetworkData, Node

INK = QColor("#37474f")
FAINT = QColor(158, 158, 158, 140)


class NodeItem(QGraphicsEllipseItem):
    def __init__(self, node: Node, scene: NetworkScene) -> None:
        r = node.radius
        super().__init__(-r, -r, 2 * r, 2 * r)
        self.node = node
        self.network = scene
        self.setPos(node.x, node.y)
        self.setBrush(QBrush(QColor(node.color)))
        self.setPen(QPen(QColor("#424242"), 1.2))
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(4)
        self.setToolTip(f"{node.name} ({node.codings})")
        label = QGraphicsSimpleTextItem(_short(node.name), self)
        label.setFont(QFont(label.font().family(), 9))
        width = label.boundingRect().width()
        label.setPos(-width / 2, r + 4)
        self._pressed_at: QPointF | None = None

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self.network.follow(self.node.code_id)
        return super().itemChange(change, value)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._pressed_at = self.pos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = self._pressed_at is not None and self.pos() != self._pressed_at
        self._pressed_at = None
        if moved:
            self.network.node_moved.emit(self.node.code_id, self.pos().x(), self.pos().y())
        else:
            self.network.node_clicked.emit(self.node.code_id)


class EdgeItem(QGraphicsPathItem):
    """A line between two nodes, with an arrow head when directed and a label in the middle."""

    def __init__(self, edge: Edge, a: NodeItem, b: NodeItem) -> None:
        super().__init__()
        self.edge, self.a, self.b = edge, a, b
        relation = edge.relation_id is not None
        width = 1.6 if relation else 1.0 + 5.0 * (edge.strength or 0.0)
        self.setPen(QPen(INK if relation else FAINT, width, Qt.PenStyle.SolidLine))
        self.setBrush(QBrush(INK) if relation and edge.directed else QBrush())
        self.setZValue(2 if relation else 1)
        self.label = QGraphicsSimpleTextItem(edge.label, self)
        self.label.setBrush(QBrush(INK if relation else QColor("#757575")))
        self.label.setFont(QFont(self.label.font().family(), 8))
        if relation:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
            self.setToolTip(edge.label)
        self.update_path()

    def update_path(self) -> None:
        start, end = self.a.pos(), self.b.pos()
        line = QLineF(start, end)
        if line.length() < 1:
            self.setPath(QPainterPath())
            return
        unit = (end - start) / line.length()
        p1 = start + unit * self.a.node.radius
        p2 = end - unit * self.b.node.radius
        path = QPainterPath(p1)
        path.lineTo(p2)
        if self.edge.relation_id is not None and self.edge.directed:
            path.addPolygon(_arrow_head(p1, p2))
        self.setPath(path)
        middle = (p1 + p2) / 2
        box = self.label.boundingRect()
        self.label.setPos(middle.x() - box.width() / 2, middle.y() - box.height() / 2)


class NetworkScene(QGraphicsScene):
    node_moved = Signal(int, float, float)  # code id, x, y where it was let go
    node_clicked = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.nodes: dict[int, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.setBackgroundBrush(QBrush(QColor("#fafafa")))

    def show_network(self, data: NetworkData) -> None:
        self.clear()
        self.nodes = {}
        self.edges = []
        for node in data.nodes:
            item = NodeItem(node, self)
            self.addItem(item)
            self.nodes[node.code_id] = item
        for edge in [*data.cooccurrences, *data.relations]:
            if edge.source in self.nodes and edge.target in self.nodes:
                item = EdgeItem(edge, self.nodes[edge.source], self.nodes[edge.target])
                self.addItem(item)
                self.edges.append(item)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-60, -60, 60, 60))

    def follow(self, code_id: int) -> None:
        for edge in self.edges:
            if code_id in (edge.edge.source, edge.edge.target):
                edge.update_path()

    def positions(self) -> dict[int, tuple[float, float]]:
        return {c: (item.pos().x(), item.pos().y()) for c, item in self.nodes.items()}

    def picture_rect(self) -> QRectF:
        return self.itemsBoundingRect().adjusted(-20, -20, 20, 20)


def _arrow_head(tail: QPointF, tip: QPointF, size: float = 10.0) -> QPolygonF:
    angle = math.atan2(tip.y() - tail.y(), tip.x() - tail.x())
    left = QPointF(
        tip.x() - size * math.cos(angle - math.pi / 7),
        tip.y() - size * math.sin(angle - math.pi / 7),
    )
    right = QPointF(
        tip.x() - size * math.cos(angle + math.pi / 7),
        tip.y() - size * math.sin(angle + math.pi / 7),
    )
    return QPolygonF([tip, left, right, tip])


def _short(name: str, length: int = 28) -> str:
    return name if len(name) <= length else name[: length - 1] + "…"
