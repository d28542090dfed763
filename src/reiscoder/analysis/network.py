"""A network of codes as data: nodes (colour, size by frequency, position), relations as
labelled edges, and co-occurrence strengths as optional edges; laid out with networkx.

The same data feeds the network view (Qt, ``reiscoder.ui.network``) and the pictures in
exports and the Word report (:func:`network_figure`, matplotlib), so what is printed is what
is on screen: the positions saved in the project, the codes' colours, the same sizes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.analysis.common import Scope
from reiscoder.analysis.cooccurrence import CooccurrenceSpec, Proximity, cooccurrence
from reiscoder.i18n import decimal
from reiscoder.model import Code, Coding
from reiscoder.read.networks import node_positions
from reiscoder.read.relations import load_relations

MIN_RADIUS, MAX_RADIUS = 18.0, 46.0  # scene units; a node's area grows with its codings
SPACING = 220.0  # scene units between neighbours in a fresh layout
MIN_STRENGTH = 0.1  # weaker co-occurrence is not drawn


@dataclass(frozen=True, slots=True)
class Node:
    code_id: int
    name: str
    color: str
    codings: int
    radius: float
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Edge:
    source: int  # code ids
    target: int
    label: str
    directed: bool
    relation_id: int | None = None  # None: a co-occurrence edge
    strength: float | None = None  # co-occurrence coefficient 0..1


@dataclass
class NetworkData:
    nodes: list[Node] = field(default_factory=list)
    relations: list[Edge] = field(default_factory=list)
    cooccurrences: list[Edge] = field(default_factory=list)

    def node(self, code_id: int) -> Node | None:
        return next((n for n in self.nodes if n.code_id == code_id), None)


def radius_for(codings: int, most: int) -> float:
    """A node's radius: its area grows with the number of codings."""
    if most <= 0:
        return MIN_RADIUS
    share = math.sqrt(codings / most)
    return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share


def load_network(
    session: Session,
    network_id: int,
    *,
    cooccurrences: Proximity | None = None,
    scope: Scope | None = None,
) -> NetworkData:
    """The codes of a network at their saved places, with the relations between them and,
    when asked, how strongly they co-occur (overlapping, or in one sentence or turn)."""
    positions = node_positions(session, network_id)
    return network_of(session, positions, cooccurrences=cooccurrences, scope=scope)


def network_of(
    session: Session,
    positions: Mapping[int, tuple[float, float]],
    *,
    cooccurrences: Proximity | None = None,
    scope: Scope | None = None,
) -> NetworkData:
    scope = scope or Scope()
    ids = list(positions)
    codes = {
        row.id: row
        for row in session.execute(
            select(Code.id, Code.name, Code.color).where(Code.id.in_(sorted(ids)))
        )
    }
    counts = _codings(session, ids, scope)
    most = max(counts.values(), default=0)
    data = NetworkData()
    for code_id in ids:
        if code_id not in codes:
            continue
        x, y = positions[code_id]
        count = counts.get(code_id, 0)
        row = codes[code_id]
        data.nodes.append(Node(code_id, row.name, row.color, count, radius_for(count, most), x, y))
    shown = {n.code_id for n in data.nodes}
    for relation in load_relations(session, shown):
        if relation.source_id in shown and relation.target_id in shown:
            data.relations.append(
                Edge(
                    relation.source_id,
                    relation.target_id,
                    relation.label,
                    relation.directed,
                    relation_id=relation.id,
                )
            )
    if cooccurrences is not None and len(shown) > 1:
        data.cooccurrences = _cooccurrence_edges(session, shown, scope, cooccurrences)
    return data


def _codings(session: Session, code_ids: list[int], scope: Scope) -> dict[int, int]:
    query = scope.where(
        select(Coding.code_id, func.count()).where(Coding.code_id.in_(sorted(code_ids)))
    ).group_by(Coding.code_id)
    return {code_id: count for code_id, count in session.execute(query).tuples()}


def _cooccurrence_edges(
    session: Session, shown: set[int], scope: Scope, proximity: Proximity
) -> list[Edge]:
    narrowed = Scope(scope.coder_ids, scope.document_ids, frozenset(shown))
    table = cooccurrence(session, CooccurrenceSpec(proximity, narrowed))
    edges = []
    for i, a in enumerate(table.codes):
        for j in range(i + 1, len(table.codes)):
            strength = table.coefficient(i, j)
            if strength is not None and strength >= MIN_STRENGTH and table.counts[i][j]:
                b = table.codes[j]
                edges.append(Edge(a.id, b.id, decimal(strength, 2), False, strength=strength))
    return edges


def layout(
    code_ids: Iterable[int],
    links: Iterable[tuple[int, int, float]] = (),
    *,
    fixed: Mapping[int, tuple[float, float]] | None = None,
    seed: int = 7,
) -> dict[int, tuple[float, float]]:
    """Positions for codes, related codes close together (networkx's spring layout, with a
    fixed seed so the same network is laid out the same way); ``fixed`` codes stay put."""
    graph: nx.Graph[int] = nx.Graph()
    graph.add_nodes_from(code_ids)
    for a, b, weight in links:
        if a in graph and b in graph and a != b:
            graph.add_edge(a, b, weight=weight)
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        only = next(iter(graph.nodes))
        return {only: (fixed or {}).get(only, (0.0, 0.0))}
    pinned = {c: xy for c, xy in (fixed or {}).items() if c in graph}
    start = {c: (x / SPACING, y / SPACING) for c, (x, y) in pinned.items()} or None
    found = nx.spring_layout(
        graph,
        k=1.0 / math.sqrt(graph.number_of_nodes()) * 2,
        pos=start,
        fixed=list(pinned) or None,
        seed=seed,
        iterations=200,
    )
    scale = SPACING * math.sqrt(graph.number_of_nodes()) / 2 if not pinned else SPACING
    placed = {int(c): (float(x * scale), float(y * scale)) for c, (x, y) in found.items()}
    placed = _apart(placed, set(pinned))
    return {c: pinned.get(c, (float(round(x)), float(round(y)))) for c, (x, y) in placed.items()}


def _apart(
    positions: dict[int, tuple[float, float]], pinned: set[int], rounds: int = 60
) -> dict[int, tuple[float, float]]:
    """Push nodes that would overlap (with their labels) apart, a little at a time."""
    least = 2 * MAX_RADIUS + 48
    spots = {c: list(xy) for c, xy in positions.items()}
    order = sorted(spots)
    for _round in range(rounds):
        moved = False
        for i, a in enumerate(order):
            for b in order[i + 1 :]:
                dx, dy = spots[b][0] - spots[a][0], spots[b][1] - spots[a][1]
                distance = math.hypot(dx, dy)
                if distance >= least:
                    continue
                if distance < 1e-6:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (least - distance) / 2 + 1
                ux, uy = dx / distance * push, dy / distance * push
                if a not in pinned:
                    spots[a][0] -= ux
                    spots[a][1] -= uy
                if b not in pinned:
                    spots[b][0] += ux
                    spots[b][1] += uy
                moved = True
        if not moved:
            break
    return {c: (x, y) for c, (x, y) in spots.items()}


def layout_links(data: NetworkData) -> list[tuple[int, int, float]]:
    """The edges a layout pulls together: relations strongly, co-occurrence by its strength."""
    links = [(e.source, e.target, 2.0) for e in data.relations]
    links += [(e.source, e.target, e.strength or 0.0) for e in data.cooccurrences]
    return links


# -- the picture ---------------------------------------------------------------------------------


def network_figure(data: NetworkData, title: str = "") -> Figure:
    """The network as a matplotlib figure, as the view draws it (y grows downwards)."""
    figure = Figure(figsize=(8.0, 6.0), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_aspect("equal")
    if title:
        axes.set_title(title, fontsize=10, color="#2b2b2b", loc="left")
    if not data.nodes:
        return figure
    nodes = {n.code_id: n for n in data.nodes}
    for edge in data.cooccurrences:
        a, b = nodes[edge.source], nodes[edge.target]
        width = 0.8 + 4 * (edge.strength or 0)
        axes.plot([a.x, b.x], [a.y, b.y], color="#9e9e9e", linewidth=width, alpha=0.5, zorder=1)
    for edge in data.relations:
        a, b = nodes[edge.source], nodes[edge.target]
        arrow = FancyArrowPatch(
            (a.x, a.y),
            (b.x, b.y),
            arrowstyle="-|>" if edge.directed else "-",
            mutation_scale=14,
            color="#37474f",
            linewidth=1.4,
            shrinkA=a.radius * 0.9,
            shrinkB=b.radius * 0.9,
            zorder=2,
        )
        axes.add_patch(arrow)
        axes.text(
            (a.x + b.x) / 2,
            (a.y + b.y) / 2,
            edge.label,
            fontsize=7,
            color="#37474f",
            ha="center",
            va="center",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
            zorder=3,
        )
    for node in data.nodes:
        circle = _circle(node)
        axes.add_patch(circle)
        axes.text(
            node.x,
            node.y + node.radius + 8,
            _short(node.name),
            fontsize=8,
            ha="center",
            va="top",
            color="#212121",
            zorder=5,
        )
    xs = [n.x for n in data.nodes]
    ys = [n.y for n in data.nodes]
    margin = MAX_RADIUS + 40
    axes.set_xlim(min(xs) - margin, max(xs) + margin)
    axes.set_ylim(max(ys) + margin + 20, min(ys) - margin)  # downwards, as on screen
    return figure


def _circle(node: Node) -> Circle:
    return Circle(
        (node.x, node.y),
        node.radius,
        facecolor=node.color,
        edgecolor="#424242",
        linewidth=0.8,
        zorder=4,
    )


def _short(name: str, length: int = 28) -> str:
    return name if len(name) <= length else name[: length - 1] + "…"
