"""Bring in sets as groups, links between codes as relations, and graphs as networks.

A set that is not an attribute value ("gender: male", see :mod:`.store_attributes`) becomes a
group: of documents when it has ``MemberSource``s, of codes when it has ``MemberCode``s (a
set with both becomes one group of each), and our extension file says which kind an empty set
is. A link becomes a relation when both its ends are codes; its notes become the relation's
memo. A graph becomes a network of the codes its vertices stand for, each at the centre of its
vertex; an edge between two codes that stands for no link becomes a relation of its own.
Everything else (links and vertices of quotations, memos, media) is reported.
"""

from __future__ import annotations

from sqlalchemy import insert, select

from reiscoder.i18n import _
from reiscoder.model import (
    CodeRelation,
    Group,
    GroupKind,
    GroupMember,
    Network,
    NetworkNode,
)
from reiscoder.model.tables import inserted_id
from reiscoder.read.relations import directed_by_default, kind_from_text
from reiscoder.refi.context import ImportContext
from reiscoder.refi.foreign_data import (
    ForeignGraph,
    ForeignLink,
    ForeignNote,
    ForeignProject,
    ForeignSet,
    ForeignVertex,
)


def store_groups(ctx: ImportContext, project: ForeignProject, consumed: set[str]) -> None:
    for item in project.sets:
        if (item.guid or item.name) in consumed:
            continue
        extra = ctx.extras.groups.get(item.guid or "")
        kinds = _kinds(item, extra.kind if extra else None)
        for kind in kinds:
            _group(ctx, item, kind, first=kind == kinds[0])
        if item.notes:
            ctx.report.dropped.append(
                _("Set “{name}”: memos in it ({count}); a group holds documents or codes.").format(
                    name=item.name, count=len(item.notes)
                )
            )


def _kinds(item: ForeignSet, known: str | None) -> list[GroupKind]:
    if known is not None:
        return [GroupKind(known)]
    kinds = []
    if item.sources or not item.codes:
        kinds.append(GroupKind.DOCUMENT)
    if item.codes:
        kinds.append(GroupKind.CODE)
    return kinds


def _group(ctx: ImportContext, item: ForeignSet, kind: GroupKind, *, first: bool) -> None:
    wanted = item.sources if kind == GroupKind.DOCUMENT else item.codes
    found = ctx.documents if kind == GroupKind.DOCUMENT else ctx.codes
    members = list(dict.fromkeys(found[guid] for guid in wanted if guid in found))
    if wanted and not members:
        what = _("sources") if kind == GroupKind.DOCUMENT else _("codes")
        ctx.report.dropped.append(
            _("Set “{name}”: none of its {what} ({count}) came in, so neither did the set.").format(
                name=item.name or "?", what=what, count=len(wanted)
            )
        )
        return
    if len(members) < len(set(wanted)):
        ctx.report.dropped.append(
            _("Set “{name}”: members that did not come in: {count}.").format(
                name=item.name or "?", count=len(set(wanted)) - len(members)
            )
        )
    group_id = _existing_group(ctx, item, kind) if ctx.merge else None
    if group_id is None:
        group_id = _new_group(ctx, item, kind, first=first)
    else:
        ctx.report.add("matched_groups")
    present = set(
        ctx.session.scalars(
            select(
                GroupMember.document_id if kind == GroupKind.DOCUMENT else GroupMember.code_id
            ).where(GroupMember.group_id == group_id)
        )
    )
    column = "document_id" if kind == GroupKind.DOCUMENT else "code_id"
    for member in members:
        if member not in present:
            ctx.session.execute(insert(GroupMember).values(group_id=group_id, **{column: member}))


def _existing_group(ctx: ImportContext, item: ForeignSet, kind: GroupKind) -> int | None:
    found = None
    if item.guid is not None:
        found = ctx.session.scalar(
            select(Group.id).where(Group.uuid == item.guid, Group.kind == kind)
        )
    name = " ".join(item.name.split())
    return found or ctx.session.scalar(
        select(Group.id).where(Group.kind == kind, Group.name == name)
    )


def _new_group(ctx: ImportContext, item: ForeignSet, kind: GroupKind, *, first: bool) -> int:
    names = ctx.names_in_use(
        f"group {kind}", lambda: ctx.session.scalars(select(Group.name).where(Group.kind == kind))
    )
    wanted = item.name or _("Unnamed group")
    name = ctx.renamed(item.name, names.unique(wanted), _("Group"))
    uuid = item.guid if first else None
    inserted = ctx.session.execute(
        insert(Group).values(
            uuid=ctx.fresh_uuid(Group, uuid),
            kind=kind,
            name=name,
            description=item.description.strip(),
        )
    )
    ctx.report.add("groups")
    return inserted_id(inserted)


# -- links -----------------------------------------------------------------------------------


def store_relations(ctx: ImportContext, project: ForeignProject) -> None:
    others = []
    notes = {note.guid: note for note in project.notes if note.guid is not None}
    for link in project.links:
        if link.origin in ctx.codes and link.target in ctx.codes:
            _relation(ctx, link, notes)
        else:
            others.append(link.name or "?")
    if others:
        ctx.report.dropped.append(
            _(
                "Links that do not tie two codes ({count}: {names}); reiscoder relates codes."
            ).format(count=len(others), names=", ".join(sorted(set(others))))
        )


def _relation(ctx: ImportContext, link: ForeignLink, notes: dict[str, ForeignNote]) -> None:
    source, target = ctx.codes[link.origin or ""], ctx.codes[link.target or ""]
    extra = ctx.extras.relations.get(link.guid or "")
    kind = extra.kind if extra else kind_from_text(link.name or "associated")
    if extra is not None:
        directed = extra.directed
    elif link.direction:
        directed = link.direction == "OneWay"
    else:
        directed = directed_by_default(kind)
    memo = "\n\n".join(
        (notes[guid].content or "").strip() for guid in link.note_refs if guid in notes
    )
    ctx.consumed_notes.update(guid for guid in link.note_refs if guid in notes)
    relation_id = _insert_relation(ctx, link.guid, source, target, kind, directed, memo)
    if relation_id is not None and link.guid is not None:
        ctx.relations[link.guid] = relation_id


def _insert_relation(
    ctx: ImportContext,
    guid: str | None,
    source: int,
    target: int,
    kind: str,
    directed: bool,
    memo: str,
) -> int | None:
    if source == target:
        ctx.report.dropped.append(_("A link from a code to itself was left out."))
        return None
    kind = kind[:255] or "associated"
    same = ctx.session.scalar(
        select(CodeRelation.id).where(
            CodeRelation.source_id == source,
            CodeRelation.target_id == target,
            CodeRelation.kind == kind,
        )
    )
    if same is not None:
        ctx.report.add("matched_relations")
        return same
    inserted = ctx.session.execute(
        insert(CodeRelation).values(
            uuid=ctx.fresh_uuid(CodeRelation, guid),
            source_id=source,
            target_id=target,
            kind=kind,
            directed=directed,
            memo=memo,
        )
    )
    ctx.report.add("relations")
    return inserted_id(inserted)


# -- graphs ----------------------------------------------------------------------------------


def store_networks(ctx: ImportContext, project: ForeignProject) -> None:
    for graph in project.graphs:
        _network(ctx, graph)


def _network(ctx: ImportContext, graph: ForeignGraph) -> None:
    name = graph.name or _("Network")
    codes = {v.guid: v for v in graph.vertices if v.guid and v.represented in ctx.codes}
    if not codes:
        ctx.report.dropped.append(
            _(
                "Network “{name}”: none of its {count} vertices is a code, so it did not come in."
            ).format(name=name, count=len(graph.vertices))
        )
        return
    if ctx.merge and graph.guid is not None:
        known = ctx.session.scalar(select(Network.id).where(Network.uuid == graph.guid))
        if known is not None:
            ctx.report.add("matched_networks")
            return
    names = ctx.names_in_use("network", lambda: ctx.session.scalars(select(Network.name)))
    network_id = inserted_id(
        ctx.session.execute(
            insert(Network).values(
                uuid=ctx.fresh_uuid(Network, graph.guid),
                name=ctx.renamed(graph.name, names.unique(name), _("Network")),
            )
        )
    )
    placed: set[int] = set()
    for vertex in codes.values():
        code_id = ctx.codes[vertex.represented or ""]
        if code_id in placed:
            continue
        placed.add(code_id)
        ctx.session.execute(
            insert(NetworkNode).values(
                network_id=network_id,
                code_id=code_id,
                x=float(round(vertex.x)),
                y=float(round(vertex.y)),
            )
        )
    _edges(ctx, graph, codes, name)
    other = len(graph.vertices) - len(codes)
    if other:
        ctx.report.dropped.append(
            _("Network “{name}”: vertices that are not codes, left out: {count}.").format(
                name=name, count=other
            )
        )
    ctx.report.add("networks")


def _edges(
    ctx: ImportContext, graph: ForeignGraph, codes: dict[str, ForeignVertex], name: str
) -> None:
    left_out = 0
    for edge in graph.edges:
        if edge.source not in codes or edge.target not in codes:
            left_out += 1
            continue
        if edge.represented in ctx.relations:
            continue
        source = ctx.codes[codes[edge.source].represented or ""]
        target = ctx.codes[codes[edge.target].represented or ""]
        kind = kind_from_text(edge.name or "associated")
        directed = edge.direction == "OneWay" if edge.direction else directed_by_default(kind)
        if _insert_relation(ctx, edge.represented, source, target, kind, directed, "") is not None:
            ctx.report.converted.append(
                _("Network “{name}”: a line between two codes became a relation.").format(name=name)
            )
    if left_out:
        ctx.report.dropped.append(
            _("Network “{name}”: lines to things that are not codes, left out: {count}.").format(
                name=name, count=left_out
            )
        )
