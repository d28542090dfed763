"""Groups, relations and networks in REFI-QDA: ``Sets``, ``Links`` (with their memos as
``Note``s) and ``Graphs``.

A document group is a ``Set`` of ``MemberSource``s, a code group one of ``MemberCode``s (as
MAXQDA and ATLAS.ti write them); the ``.qdc`` codebook carries the code groups too. A relation
is a ``Link`` from one code to the other named after its kind, ``OneWay`` when it reads one
way, else ``Associative``; its memo is a ``Note`` the link refers to. A network is a ``Graph``:
a ``Vertex`` per code (a box around the node's centre) and an ``Edge`` per relation between
two of its codes. GUIDs are our uuids, or derived from them, so exports are stable.
"""

from __future__ import annotations

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Document, GroupKind
from reiscoder.read.groups import GroupRow, load_groups
from reiscoder.read.networks import load_networks, node_positions
from reiscoder.read.relations import RelationRow, load_relations
from reiscoder.refi.extras import Extras, GroupExtra, RelationExtra
from reiscoder.refi.guids import derived_guid, export_guid
from reiscoder.refi.report import ExportReport
from reiscoder.refi.xmlutil import Builder

# A vertex is this box around the node's centre (even sizes: the centre is exact).
VERTEX_WIDTH, VERTEX_HEIGHT = 160, 48


def relation_note_guid(relation_uuid: str) -> str:
    return derived_guid("relation-memo", relation_uuid)


def vertex_guid(network_uuid: str, code_uuid: str) -> str:
    return derived_guid("vertex", network_uuid, code_uuid)


class GroupWriter:
    """Writes the sets, links and graphs of a project (and the notes of relation memos)."""

    def __init__(
        self, session: Session, builder: Builder, report: ExportReport, extras: Extras
    ) -> None:
        self.session = session
        self.b = builder
        self.report = report
        self.extras = extras
        self.code_uuids = dict(session.execute(select(Code.id, Code.uuid)).tuples().all())
        self.code_names = dict(session.execute(select(Code.id, Code.name)).tuples().all())
        self.code_colors = dict(session.execute(select(Code.id, Code.color)).tuples().all())
        self.document_uuids = dict(
            session.execute(select(Document.id, Document.uuid)).tuples().all()
        )
        self.groups = load_groups(session)
        self.relations = load_relations(session)

    # -- notes and links -----------------------------------------------------------------------

    def notes(self, wrapper: etree._Element, user: str | None) -> None:
        """A ``Note`` for every relation memo (inside the project's ``Notes``)."""
        for relation in self.relations:
            if not relation.memo:
                continue
            note = self.b.add(
                wrapper,
                "Note",
                guid=export_guid(relation_note_guid(relation.uuid)),
                name=relation.sentence(),
                creatingUser=user,
            )
            self.b.add(note, "PlainTextContent", relation.memo)

    @property
    def has_notes(self) -> bool:
        return any(relation.memo for relation in self.relations)

    def links(self, root: etree._Element) -> None:
        if not self.relations:
            return
        wrapper = self.b.add(root, "Links")
        for relation in self.relations:
            link = self.b.add(
                wrapper,
                "Link",
                guid=export_guid(relation.uuid),
                name=relation.label,
                direction="OneWay" if relation.directed else "Associative",
                originGUID=export_guid(self.code_uuids[relation.source_id]),
                targetGUID=export_guid(self.code_uuids[relation.target_id]),
            )
            if relation.memo:
                self.b.add(
                    link, "NoteRef", targetGUID=export_guid(relation_note_guid(relation.uuid))
                )
            self.extras.relations[relation.uuid] = RelationExtra(relation.kind, relation.directed)
        self.report.add("relations", len(self.relations))

    # -- sets ------------------------------------------------------------------------------------

    def sets(
        self, wrapper: etree._Element, *, codes_only: bool = False, codebook: bool = False
    ) -> None:
        """A ``Set`` per group (only the code groups when asked); a codebook's members name
        their code with ``guid``, a project's with ``targetGUID``."""
        for group in self.groups:
            if (codes_only or codebook) and group.kind != GroupKind.CODE:
                continue
            self._set(wrapper, group, codebook)
            self.extras.groups[group.uuid] = GroupExtra(group.kind)
            self.report.add("groups")

    def has_sets(self, *, codebook: bool = False) -> bool:
        return any(not codebook or g.kind == GroupKind.CODE for g in self.groups)

    def _set(self, wrapper: etree._Element, group: GroupRow, codebook: bool) -> None:
        element = self.b.add(wrapper, "Set", guid=export_guid(group.uuid), name=group.name)
        if group.description:
            self.b.add(element, "Description", group.description)
        for member in group.members:
            if group.kind == GroupKind.CODE:
                guid = export_guid(self.code_uuids[member])
                if codebook:
                    self.b.add(element, "MemberCode", guid=guid)
                else:
                    self.b.add(element, "MemberCode", targetGUID=guid)
            else:
                guid = export_guid(self.document_uuids[member])
                self.b.add(element, "MemberSource", targetGUID=guid)

    # -- graphs ----------------------------------------------------------------------------------

    def graphs(self, root: etree._Element) -> None:
        networks = load_networks(self.session)
        if not networks:
            return
        wrapper = self.b.add(root, "Graphs")
        for network in networks:
            graph = self.b.add(wrapper, "Graph", guid=export_guid(network.uuid), name=network.name)
            positions = node_positions(self.session, network.id)
            for code_id, (x, y) in positions.items():
                self._vertex(graph, network.uuid, code_id, x, y)
            for relation in self.relations:
                if relation.source_id in positions and relation.target_id in positions:
                    self._edge(graph, network.uuid, relation)
        self.report.add("networks", len(networks))

    def _vertex(
        self, graph: etree._Element, network: str, code_id: int, x: float, y: float
    ) -> None:
        left, top = round(x) - VERTEX_WIDTH // 2, round(y) - VERTEX_HEIGHT // 2
        self.b.add(
            graph,
            "Vertex",
            guid=export_guid(vertex_guid(network, self.code_uuids[code_id])),
            representedGUID=export_guid(self.code_uuids[code_id]),
            name=self.code_names[code_id],
            firstX=str(left),
            firstY=str(top),
            secondX=str(left + VERTEX_WIDTH),
            secondY=str(top + VERTEX_HEIGHT),
            shape="Oval",
            color=self.code_colors[code_id].upper(),
        )

    def _edge(self, graph: etree._Element, network: str, relation: RelationRow) -> None:
        self.b.add(
            graph,
            "Edge",
            guid=export_guid(derived_guid("edge", network, relation.uuid)),
            representedGUID=export_guid(relation.uuid),
            name=relation.label,
            sourceVertex=export_guid(vertex_guid(network, self.code_uuids[relation.source_id])),
            targetVertex=export_guid(vertex_guid(network, self.code_uuids[relation.target_id])),
            direction="OneWay" if relation.directed else "Associative",
            lineStyle="solid",
        )


def codebook_only_note() -> str:
    return _("Only the codebook was exported, as asked: codes, code groups and relations.")
