"""Groups, relations and networks go out as Sets, Links and Graphs and come back identical;
the ATLAS.ti sample's sets, link and graph come in or are reported."""

from __future__ import annotations

import json
import zipfile

from lxml import etree
from sqlalchemy.orm import Session

from reiscoder.model import GroupKind
from reiscoder.model.project import Project
from reiscoder.ops.groups import create_group
from reiscoder.ops.networks import create_network
from reiscoder.ops.relations import add_relation
from reiscoder.read.groups import load_groups
from reiscoder.read.networks import load_networks, node_positions
from reiscoder.read.relations import load_relations
from reiscoder.refi import (
    ExportOptions,
    ImportOptions,
    export_codebook,
    export_project,
    import_as_new_project,
    import_qdpx,
)
from reiscoder.refi.safety import EXTRAS_NAME
from tests.factories import code_id
from tests.refi.builders import SAMPLES, assert_valid, rich_project, snapshot, without_member

QUIET = ImportOptions(coder="Importeur", segment=False)
NS = {"q": "urn:QDA-XML:project:1.0"}


def grouped_project(path) -> Project:
    """The rich project with groups of both kinds (one empty, one named like an attribute
    value), relations of built-in and own kinds with memos, and a network."""
    project = rich_project(path)
    with project.transaction() as session:
        documents = [d for (d,) in session.execute(_documents())]
        codes = [code_id(session, p) for p in ("1.1", "1.2", "1.4", "5.3", "2.5")]
        create_group(session, GroupKind.DOCUMENT, "Etappe 1", documents, description="Bus 1")
        create_group(session, GroupKind.DOCUMENT, "Wijk: Feijenoord", documents[:1])
        create_group(session, GroupKind.DOCUMENT, "Nog leeg")
        create_group(session, GroupKind.CODE, "Samenhang", codes[:3])
        create_group(session, GroupKind.CODE, "Druk", codes[2:])
        add_relation(session, codes[2], codes[3], "cause", memo="Druk polariseert de buurt.")
        add_relation(session, codes[0], codes[1], "associated")
        add_relation(session, codes[3], codes[0], "contradicts", memo="Juist niet")
        add_relation(session, codes[4], codes[2], "Versterkt", directed=False)
        create_network(
            session,
            "Samenhang onder druk",
            {c: (i * 180.0, (i % 2) * 90.0) for i, c in enumerate(codes)},
        )
        create_network(session, "Klein", {codes[0]: (-40.0, 12.0), codes[1]: (200.0, 12.0)})
    return project


def _documents():
    from sqlalchemy import select

    from reiscoder.model import Document

    return select(Document.id).order_by(Document.position)


def structure(session: Session) -> dict[str, object]:
    """Groups, relations and networks by uuid and name, for comparing two projects."""
    from sqlalchemy import select

    from reiscoder.model import Code, Document

    codes = dict(session.execute(select(Code.id, Code.uuid)).tuples().all())
    documents = dict(session.execute(select(Document.id, Document.uuid)).tuples().all())
    groups = sorted(
        (
            g.uuid,
            g.kind,
            g.name,
            g.description,
            sorted((documents if g.kind == GroupKind.DOCUMENT else codes)[m] for m in g.members),
        )
        for g in load_groups(session)
    )
    relations = sorted(
        (r.uuid, codes[r.source_id], codes[r.target_id], r.kind, r.directed, r.memo)
        for r in load_relations(session)
    )
    networks = sorted(
        (
            n.uuid,
            n.name,
            sorted((codes[c], xy) for c, xy in node_positions(session, n.id).items()),
        )
        for n in load_networks(session)
    )
    return {"groups": groups, "relations": relations, "networks": networks}


def _exported(tmp_path, options=None):
    with grouped_project(tmp_path / "bron.reis") as project, project.reader() as session:
        report = export_project(session, tmp_path / "bron.qdpx", options)
        return structure(session), snapshot(session), report


def test_groups_relations_and_networks_round_trip_identically(tmp_path):
    before, everything, exported = _exported(tmp_path)
    assert len(before["groups"]) == 5 and len(before["relations"]) == 4
    assert len(before["networks"]) == 2
    assert exported.counts["groups"] == 5 and exported.counts["relations"] == 4
    assert exported.counts["networks"] == 2
    assert_valid(zipfile.ZipFile(tmp_path / "bron.qdpx").read("project.qde"), "Project.xsd")
    project, report = import_as_new_project(tmp_path / "bron.qdpx", tmp_path / "kopie.reis", QUIET)
    with project, project.reader() as session:
        assert structure(session) == before
        assert snapshot(session) == everything  # the memos of relations are no project memos
    assert report.counts["groups"] == 5 and report.counts["relations"] == 4
    assert report.counts["networks"] == 2
    assert not report.dropped and not report.warnings


def test_without_the_extension_file_groups_relations_and_networks_still_come_back(tmp_path):
    before, _everything, _report = _exported(tmp_path)
    bare = without_member(tmp_path / "bron.qdpx", tmp_path / "kaal.qdpx", EXTRAS_NAME)
    project, report = import_as_new_project(bare, tmp_path / "kopie.reis", QUIET)
    with project, project.reader() as session:
        after = structure(session)
    # "Wijk: Feijenoord" reads as an attribute value without our file, as ATLAS.ti means it;
    # the empty group cannot say what it groups and comes back as a group of documents.
    assert [g for g in after["groups"] if g[2] != "Wijk: Feijenoord"] == [
        g for g in before["groups"] if g[2] != "Wijk: Feijenoord"
    ]
    assert after["relations"] == before["relations"]  # kinds from the names, Dutch or English
    assert after["networks"] == before["networks"]


def test_the_xml_says_it_the_way_other_programs_read_it(tmp_path):
    _exported(tmp_path)
    archive = zipfile.ZipFile(tmp_path / "bron.qdpx")
    root = etree.fromstring(archive.read("project.qde"))
    names = [etree.QName(e).localname for e in root]
    assert names.index("Notes") < names.index("Links") < names.index("Sets")
    assert names.index("Sets") < names.index("Graphs")
    cause = root.find("q:Links/q:Link[@name='is oorzaak van']", NS)
    assert cause is not None and cause.get("direction") == "OneWay"
    note = root.find(f"q:Notes/q:Note[@guid='{cause.find('q:NoteRef', NS).get('targetGUID')}']", NS)
    assert note.find("q:PlainTextContent", NS).text == "Druk polariseert de buurt."
    etappe = root.find("q:Sets/q:Set[@name='Etappe 1']", NS)
    assert len(etappe.findall("q:MemberSource", NS)) == 2
    assert len(root.find("q:Sets/q:Set[@name='Samenhang']", NS).findall("q:MemberCode", NS)) == 3
    graph = root.find("q:Graphs/q:Graph[@name='Samenhang onder druk']", NS)
    assert len(graph.findall("q:Vertex", NS)) == 5 and len(graph.findall("q:Edge", NS)) == 4
    extras = json.loads(archive.read(EXTRAS_NAME))
    assert sorted(extras["groups"].values(), key=str) != [] and len(extras["relations"]) == 4


def test_merging_the_export_back_doubles_nothing(tmp_path):
    with grouped_project(tmp_path / "bron.reis") as project:
        with project.reader() as session:
            export_project(session, tmp_path / "bron.qdpx")
            before = structure(session)
        report = import_qdpx(project, tmp_path / "bron.qdpx", merge=True, options=QUIET)
        with project.reader() as session:
            assert structure(session) == before
    assert report.counts.get("matched_groups") == 5
    assert report.counts.get("matched_relations") == 4


def test_the_codebook_carries_the_code_groups(tmp_path):
    with grouped_project(tmp_path / "bron.reis") as project, project.reader() as session:
        export_codebook(session, tmp_path / "boek.qdc")
        wanted = [g for g in structure(session)["groups"] if g[1] == GroupKind.CODE]
    assert_valid((tmp_path / "boek.qdc").read_bytes(), "Codebook.xsd")
    project, _report = import_as_new_project(tmp_path / "boek.qdc", tmp_path / "boek.reis", QUIET)
    with project, project.reader() as session:
        assert structure(session)["groups"] == wanted


def test_a_codebook_only_qdpx_is_a_real_project_file(tmp_path):
    with grouped_project(tmp_path / "bron.reis") as project, project.reader() as session:
        report = export_project(session, tmp_path / "boek.qdpx", ExportOptions(codebook_only=True))
        wanted = structure(session)
    archive = zipfile.ZipFile(tmp_path / "boek.qdpx")
    assert_valid(archive.read("project.qde"), "Project.xsd")
    assert not [n for n in archive.namelist() if n.startswith("sources/")]
    assert any("Alleen het codeboek" in line for line in report.dropped)
    project, _report = import_as_new_project(tmp_path / "boek.qdpx", tmp_path / "b.reis", QUIET)
    with project, project.reader() as session:
        after = structure(session)
    assert after["relations"] == wanted["relations"]
    assert after["groups"] == [g for g in wanted["groups"] if g[1] == GroupKind.CODE]


def test_the_atlas_sample_brings_its_code_groups_and_reports_the_rest(tmp_path):
    atlas = SAMPLES / "atlasti-8.4-mac_refi-standard-project.qde"
    project, report = import_as_new_project(atlas, tmp_path / "atlas.reis", QUIET)
    with project, project.reader() as session:
        groups = {g.name: g for g in load_groups(session)}
        assert load_relations(session) == [] and load_networks(session) == []
    code_groups = {n: len(g.members) for n, g in groups.items() if g.kind == GroupKind.CODE}
    assert code_groups == {
        "Feelings": 6,
        "negative feelings": 4,
        "Breakfast food": 6,
        "positive feelings": 3,
    }
    assert report.counts["groups"] == 5  # and the empty set "<3"
    dropped = "\n".join(report.dropped)
    # Its documents are not in the file, so their sets cannot come in; "gender: male" and the
    # like are attribute values, said as such.
    assert "Set “Mabel”: geen van zijn bronnen (2) is overgenomen" in dropped
    assert "Memo-Quotation Relation" in dropped  # a link between a memo and a quotation
    assert "Netwerk “Netzwerk”: geen van zijn 3 knopen is een code" in dropped
