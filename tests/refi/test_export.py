"""Exported files are valid REFI-QDA, stable, and carry everything the standard has room for."""

from __future__ import annotations

import json
import zipfile

import pytest
from lxml import etree
from sqlalchemy import select

from reiscoder.model import Code, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.refi import (
    ExportOptions,
    PositionConvention,
    export_codebook,
    export_project,
    position_choices,
)
from reiscoder.refi.guids import derived_guid
from reiscoder.refi.safety import EXTRAS_NAME
from tests.factories import new_project
from tests.refi.builders import assert_valid, rich_project

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def exported(tmp_path):
    with rich_project(tmp_path / "p.reis") as project, project.reader() as session:
        report = export_project(session, tmp_path / "p.qdpx")
        yield tmp_path / "p.qdpx", session, report


def _qde(path) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(path).read("project.qde"))


def test_the_project_file_is_valid_and_complete(exported):
    path, _session, report = exported
    names = zipfile.ZipFile(path).namelist()
    assert names[0] == "project.qde" and EXTRAS_NAME in names
    assert sum(n.startswith("sources/") and n.endswith(".txt") for n in names) == 2
    assert_valid(zipfile.ZipFile(path).read("project.qde"), "Project.xsd")
    root = _qde(path)
    assert root.get("origin").startswith("reiscoder")
    assert [u.get("name") for u in root.findall("q:Users/q:User", NS)] == ["Anna de Vries", "Bram"]
    assert report.counts == {
        "coders": 2,
        "codes": 25,
        "documents": 2,
        "selections": 4,
        "codings": 6,
        "memos": 5,
        "cases": 2,
        "attributes": 7,
        "values": 7,
        "sets": 4,
    }


def test_guids_are_our_uuids_in_lower_case_and_stable(exported, tmp_path):
    path, session, _report = exported
    export_project(session, tmp_path / "again.qdpx")
    assert path.read_bytes() == (tmp_path / "again.qdpx").read_bytes()
    root = _qde(path)
    code = session.scalar(select(Code).where(Code.name.startswith("1.1")))
    element = root.find(f".//q:Code[@guid='{code.uuid}']", NS)
    assert element is not None and element.get("color") == code.color.upper()


def test_codes_nest_and_fold_their_criteria_into_the_description(exported):
    root = _qde(exported[0])
    top = root.find("q:CodeBook/q:Codes/q:Code", NS)
    child = top.find("q:Code", NS)
    assert child.get("name").startswith("1.1") and child.get("isCodable") == "true"
    description = child.findtext("q:Description", namespaces=NS)
    assert description.startswith("Definitie: ")
    assert "\n\nCoderen als: " in description and "\n\nNiet coderen als: " in description
    assert "\n\nVoorbeeld: " in description
    assert child.find("q:NoteRef", NS) is not None  # the memo on code 1.1


def test_one_selection_per_range_with_one_coding_per_code_and_coder(exported):
    path, session, _report = exported
    root = _qde(path)
    document = session.scalar(select(Document).where(Document.name == "Interview Fatima"))
    source = root.find(f"q:Sources/q:TextSource[@guid='{document.uuid}']", NS)
    assert source.get("plainTextPath") == f"internal://{document.uuid}.txt"
    selections = source.findall("q:PlainTextSelection", NS)
    shared = selections[0]
    codings = shared.findall("q:Coding", NS)
    assert len(codings) == 3  # 1.1 by Anna, 1.1 by Bram, 1.2 by Anna
    assert (
        len({(c.get("creatingUser"), c.find("q:CodeRef", NS).get("targetGUID")) for c in codings})
        == 3
    )
    start, end = int(shared.get("startPosition")), int(shared.get("endPosition"))
    assert document.text[start:end] == "Dat is hier thuis… Echt waar! 😊"
    assert shared.get("name") == "Dat is hier thuis… Echt waar! 😊"
    expected = derived_guid("selection", document.uuid, start, end)
    assert shared.get("guid") == expected
    assert codings[0].find("q:NoteRef", NS) is not None  # the memo on the first coding
    assert source.find("q:NoteRef", NS) is not None  # the memo on the document
    values = {
        v.find("q:VariableRef", NS).get("targetGUID"): v[1]
        for v in source.findall("q:VariableValue", NS)
    }
    assert {etree.QName(e).localname for e in values.values()} == {"TextValue", "DateValue"}


def test_texts_are_utf8_without_bom_and_positions_are_code_points(exported):
    path, session, _report = exported
    archive = zipfile.ZipFile(path)
    documents = session.scalars(select(Document)).all()
    assert len(documents) == 2  # the loops below check something
    for document in documents:
        data = archive.read(f"sources/{document.uuid}.txt")
        assert not data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8") == document.text
    root = _qde(path)
    codings = session.scalars(select(Coding)).all()
    assert len(codings) == 6
    for coding in codings:
        element = root.find(f".//q:Coding[@guid='{coding.uuid}']", NS).getparent()
        start, end = int(element.get("startPosition")), int(element.get("endPosition"))
        assert coding.document.text[start:end] == coding.quote


def test_crlf_positions_count_the_file_as_written(tmp_path):
    with rich_project(tmp_path / "p.reis") as project, project.reader() as session:
        report = export_project(
            session, tmp_path / "p.qdpx", ExportOptions(PositionConvention.CRLF)
        )
        archive = zipfile.ZipFile(tmp_path / "p.qdpx")
        root = etree.fromstring(archive.read("project.qde"))
        codings = session.scalars(select(Coding)).all()
        assert len(codings) == 6
        for coding in codings:
            file_text = archive.read(f"sources/{coding.document.uuid}.txt").decode("utf-8")
            assert "\r\n" in file_text and "\n" not in file_text.replace("\r\n", "")
            element = root.find(f".//q:Coding[@guid='{coding.uuid}']", NS).getparent()
            start, end = int(element.get("startPosition")), int(element.get("endPosition"))
            assert file_text[start:end].replace("\r\n", "\n") == coding.quote
    assert any("CR LF" in line for line in report.converted)
    assert any("NVivo" in line for line in report.warnings)  # the emoji


def test_cases_variables_and_sets(exported):
    root = _qde(exported[0])
    variables = {
        v.get("name"): v.get("typeOfVariable") for v in root.findall("q:Variables/q:Variable", NS)
    }
    assert variables == {
        "Etappe": "Text",
        "Wijk": "Text",
        "Datum": "Date",
        "Interviewer": "Text",
        "Rol": "Text",
        "Leeftijd": "Integer",
        "Duur (uur)": "Float",
    }
    fatima = root.find("q:Cases/q:Case[@name='Fatima']", NS)
    assert fatima.findtext("q:Description", namespaces=NS).startswith("Bewoonster")
    assert len(fatima.findall("q:SourceRef", NS)) == 1
    assert {etree.QName(v[1]).localname for v in fatima.findall("q:VariableValue", NS)} == {
        "TextValue",
        "IntegerValue",
    }
    sets = [s.get("name") for s in root.findall("q:Sets/q:Set", NS)]
    assert sets == [
        "Etappe: 1 Sociale samenhang",
        "Etappe: 2 Sociale innovatie",
        "Etappe: 3 Sociaal werk",
        "Wijk: Afrikaanderwijk",
    ]
    members = [len(s.findall("q:MemberSource", NS)) for s in root.findall("q:Sets/q:Set", NS)]
    assert members == [1, 1, 0, 1]
    notes = root.findall("q:Notes/q:Note", NS)
    assert len(notes) == 5 and all(n.get("creatingUser") for n in notes)
    assert len(root.findall("q:NoteRef", NS)) == 2  # the two project memos


def test_extension_file_carries_what_the_standard_cannot(exported):
    extras = json.loads(zipfile.ZipFile(exported[0]).read(EXTRAS_NAME))
    assert extras["format"] == "reiscoder-refi-extensions" and extras["version"] == 1
    document = next(iter(extras["documents"].values()))
    assert document["turns"] and document["speakers"]
    assert any(
        a["kind"] == "choice" and a["target"] == "case" for a in extras["attributes"].values()
    )
    assert all("quote" in c for c in extras["codings"].values())


def test_export_without_extension_file(tmp_path):
    with rich_project(tmp_path / "p.reis") as project, project.reader() as session:
        report = export_project(session, tmp_path / "p.qdpx", ExportOptions(extras=False))
    assert EXTRAS_NAME not in zipfile.ZipFile(tmp_path / "p.qdpx").namelist()
    assert report.dropped


def test_codebook_is_valid_and_nested(tmp_path):
    with rich_project(tmp_path / "p.reis") as project, project.reader() as session:
        report = export_codebook(session, tmp_path / "boek.qdc")
    data = (tmp_path / "boek.qdc").read_bytes()
    assert_valid(data, "Codebook.xsd")
    root = etree.fromstring(data)
    assert root.nsmap[None] == "urn:QDA-XML:codebook:1.0"
    assert len(root.findall(".//{*}Code")) == report.counts["codes"] == 25
    assert root.find("{*}Codes/{*}Code/{*}Code") is not None
    assert report.dropped == [
        "Memo's bij codes: 1 (een codeboek heeft er geen plaats voor; exporteer het project om "
        "ze te houden)."
    ]


def test_the_export_dialog_can_explain_the_position_choices():
    choices = position_choices()
    assert [value for value, _label, _text in choices] == list(PositionConvention)
    assert all(label and "NVivo" in text or "ATLAS" in text for _v, label, text in choices)


def test_an_empty_codebook_is_not_exported(tmp_path):
    with (
        new_project(tmp_path / "leeg.reis", template=False) as project,
        project.reader() as session,
    ):
        with pytest.raises(OperationError):
            export_codebook(session, tmp_path / "leeg.qdc")
        export_project(session, tmp_path / "leeg.qdpx")  # an empty project is still valid
    assert_valid(zipfile.ZipFile(tmp_path / "leeg.qdpx").read("project.qde"), "Project.xsd")
    assert not (tmp_path / "leeg.qdc").exists()
