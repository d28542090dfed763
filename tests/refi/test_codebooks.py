"""Codebooks (.qdc) as Taguette, NVivo for Mac and ATLAS.ti write them."""

from __future__ import annotations

from sqlalchemy import select

from reiscoder.model import Code, Document
from reiscoder.model.project import Project
from reiscoder.read.groups import load_groups
from reiscoder.refi import ImportOptions, import_as_new_project, import_qdc
from tests.refi.builders import SAMPLES

QUIET = ImportOptions(coder="Importeur", segment=False)

TAGUETTE = """<?xml version='1.0' encoding='utf-8'?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1">
  <Codes>
    <Code guid="b2a3c7e4-3c1e-5b7f-9d0a-1c2d3e4f5a6b" name="interesting" isCodable="true"
          color="#7777FF"/>
    <Code guid="c3b4d8f5-4d2f-5c80-8e1b-2d3e4f5a6b7c" name="people.neighbours" isCodable="true"/>
  </Codes>
  <Sets/>
</CodeBook>"""

NVIVO_MAC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="NVivo for Mac 12.7">
<Codes><Code guid="{8c6b97ba-ba2a-46a2-b6dd-ae1dbff15f9b}" name="Zorg" isCodable="false"
 color="#FF00AA55"><Description>Definition: Zorg voor elkaar

Include when: hulp van buren</Description>
<Code guid="8c6b97ba-ba2a-46a2-b6dd-ae1dbff15f9c" name="mantelzorg" isCodable="true"
 color="33aa55"/></Code></Codes></CodeBook>"""

ATLAS = """<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<CodeBook xmlns="urn:QDA-XML:codebook:0:4" origin="ATLAS.ti 9">
<Codes><Code guid="85D17F60-7BB0-481E-B742-B4861DD669DF" name="happiness" isCodable="true"/>
<Code guid="BA1EB6DF-89AC-4D11-B69F-929012A16FD4" name="sleepy" isCodable="true"/></Codes>
<Sets><Set guid="05AD6FF8-9E31-4B7F-82C9-187C382C5214" name="positive feelings">
<MemberCode guid="85D17F60-7BB0-481E-B742-B4861DD669DF"/></Set></Sets></CodeBook>"""


def _import(tmp_path, name: str, xml: str):
    path = tmp_path / f"{name}.qdc"
    path.write_text(xml, encoding="utf-8")
    project, report = import_as_new_project(path, tmp_path / f"{name}.reis", QUIET)
    with project, project.reader() as session:
        codes = {c.name: c for c in session.scalars(select(Code))}
        parents = {c.name: c.parent.name if c.parent else None for c in codes.values()}
        data = {n: (c.color, c.definition, c.inclusion, c.uuid) for n, c in codes.items()}
    return data, parents, report


def test_taguette_codebook_with_an_empty_sets_wrapper(tmp_path):
    codes, parents, report = _import(tmp_path, "taguette", TAGUETTE)
    assert set(codes) == {"interesting", "people.neighbours"}
    assert codes["interesting"][0] == "#7777ff"
    assert codes["interesting"][3] == "b2a3c7e4-3c1e-5b7f-9d0a-1c2d3e4f5a6b"  # kept, not RFC
    assert report.counts == {"codes": 2} and not report.dropped


def test_nvivo_mac_namespace_braces_argb_and_folded_criteria(tmp_path):
    codes, parents, report = _import(tmp_path, "nvivo", NVIVO_MAC)
    assert parents == {"Zorg": None, "mantelzorg": "Zorg"}
    assert codes["Zorg"][:3] == ("#00aa55", "Zorg voor elkaar", "hulp van buren")
    assert codes["Zorg"][3] == "8c6b97ba-ba2a-46a2-b6dd-ae1dbff15f9b"
    assert codes["mantelzorg"][0] == "#33aa55"
    assert any("mappen" in line for line in report.converted)


def test_atlas_codebook_sets_of_codes_become_code_groups(tmp_path):
    codes, _parents, report = _import(tmp_path, "atlas", ATLAS)
    assert set(codes) == {"happiness", "sleepy"}
    assert report.counts["groups"] == 1 and not report.dropped
    with Project.open(tmp_path / "atlas.reis") as project, project.reader() as session:
        (group,) = load_groups(session)
        assert (group.kind, group.name) == ("code", "positive feelings")
        assert group.uuid == "05ad6ff8-9e31-4b7f-82c9-187c382c5214"
        names = {c.id: c.name for c in session.scalars(select(Code))}
        assert [names[m] for m in group.members] == ["happiness"]


def test_only_the_codebook_of_a_project_file(tmp_path):
    project, report = import_as_new_project(
        SAMPLES / "qc-1.3.2_en_demo.qdpx", tmp_path / "qc.reis", QUIET, codebook_only=True
    )
    with project, project.reader() as session:
        assert len(session.scalars(select(Code)).all()) == 262
        assert session.scalars(select(Document)).all() == []
        again = import_qdc(project, SAMPLES / "qc-1.3.2_en_demo.qdpx", merge=True, options=QUIET)
    assert report.dropped == ["Alleen het codeboek is geïmporteerd, zoals gevraagd."]
    assert again.counts == {"matched_codes": 262}
