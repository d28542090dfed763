"""Merging a file into the current project: codes by GUID then name, coders kept apart."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from reiscoder.model import Code, Coder, Coding, Document
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.coders import coder_id_for
from reiscoder.ops.codes import create_code
from reiscoder.ops.codings import apply_coding
from reiscoder.refi import (
    ImportOptions,
    export_codebook,
    export_project,
    import_as_new_project,
    import_qdc,
    import_qdpx,
)
from tests.factories import code_id, dump
from tests.refi.builders import find, make_qdpx, rich_project

QUIET = ImportOptions(coder="Importeur", segment=False)


def test_a_colleagues_coded_copy_comes_back_onto_our_documents(tmp_path):
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            export_project(session, tmp_path / "ons.qdpx")
        copy, _report = import_as_new_project(tmp_path / "ons.qdpx", tmp_path / "carla.reis", QUIET)
        with copy, copy.transaction() as session:
            carla = coder_id_for(session, "Carla")
            parent = code_id(session, "1 Sociale")
            new_code = create_code(session, "1.5 Nieuw van Carla", parent_id=parent).created_id
            document = session.scalar(select(Document).where(Document.name == "Interview Bram"))
            apply_coding(session, document.id, new_code, carla, *find(document.text, "Nu ken ik"))
            export_project(session, tmp_path / "carla.qdpx")
        report = import_qdpx(ours, tmp_path / "carla.qdpx", merge=True, options=QUIET)
        with ours.reader() as session:
            assert (
                session.scalar(select(Document.id).where(Document.name == "Interview Bram (2)"))
                is None
            )
            carlas = session.scalars(select(Coding).join(Coder).where(Coder.name == "Carla")).all()
            assert [c.quote for c in carlas] == ["Nu ken ik"]
            assert carlas[0].code.parent.name.startswith("1 Sociale")
    assert report.counts["matched_documents"] == 2 and report.counts["matched_codings"] == 6
    assert report.counts["codings"] == 1 and report.counts["codes"] == 1
    assert report.counts["coders"] == 1  # Carla; Anna and Bram are the same people
    assert report.backup is not None and report.backup.exists()
    assert report.lines()[2].strip().startswith("Eerst een reservekopie gemaakt")


def test_the_backup_of_a_merge_is_the_project_as_it_was_before(tmp_path):
    """The backup holds none of the merge (the codes of which are written as they are read)."""
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            export_project(session, tmp_path / "ons.qdpx")
            before = dump(session)
        copy, _report = import_as_new_project(tmp_path / "ons.qdpx", tmp_path / "kopie.reis", QUIET)
        with copy, copy.transaction() as session:
            create_code(session, "9 Alleen in de kopie")
            export_project(session, tmp_path / "kopie.qdpx")
        report = import_qdpx(ours, tmp_path / "kopie.qdpx", merge=True, options=QUIET)
        with ours.reader() as session:
            assert code_id(session, "9 Alleen in de kopie")
    assert report.backup is not None
    with Project.open(report.backup, read_only=True) as backup, backup.reader() as session:
        assert dump(session) == before


def test_a_codebook_read_and_stored_code_by_code_lands_as_written(tmp_path):
    """Codes are stored as the parser reads them: a parent before its children, its
    description once its end is read, positions after the siblings already there, and a
    second code of one name at one level merged into the first (as merging does)."""
    codebook = tmp_path / "boek.qdc"
    codebook.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="1 Sociale samenhang" '
        'isCodable="true"><Description>Wie erbij hoort.</Description>'
        '<Code guid="aaaaaaaa-0000-4000-8000-000000000002" name="Buren" isCodable="true">'
        '<Code guid="aaaaaaaa-0000-4000-8000-000000000003" name="Groeten" isCodable="true"/>'
        "<Description>Contact in de straat.</Description></Code>"
        '<Code guid="aaaaaaaa-0000-4000-8000-000000000004" name="Buren " isCodable="true"/>'
        "</Code>"
        '<Code guid="aaaaaaaa-0000-4000-8000-000000000005" name="Nieuw" isCodable="false"/>'
        "</Codes></CodeBook>",
        encoding="utf-8",
    )
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            top_before = session.scalar(select(func.count(Code.id)).where(Code.parent_id.is_(None)))
        report = import_qdc(ours, codebook, merge=True, options=QUIET)
        with ours.reader() as session:
            theme = session.get(Code, code_id(session, "1 Sociale"))
            assert theme.definition != "Wie erbij hoort."  # matched: ours is kept
            neighbours = [c for c in theme.children if c.name.startswith("Buren")]
            assert [c.name for c in neighbours] == ["Buren"]
            assert neighbours[0].definition == "Contact in de straat."
            assert [c.name for c in neighbours[0].children] == ["Groeten"]
            positions = [c.position for c in theme.children]
            assert positions == sorted(positions) and len(set(positions)) == len(positions)
            new = session.scalar(select(Code).where(Code.name == "Nieuw"))
            assert new.parent_id is None and new.position == top_before
    assert report.counts["codes"] == 3 and report.counts["matched_codes"] == 2
    assert any("niet voor coderen bedoeld" in line for line in report.converted)


FOREIGN = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Elders" origin="MAXQDA 24">
<Users><User guid="99999999-0000-4000-8000-000000000001" name="Anna de Vries"/></Users>
<CodeBook><Codes>
 <Code guid="99999999-0000-4000-8000-000000000002" name="1 Sociale samenhang" isCodable="true">
  <Code guid="99999999-0000-4000-8000-000000000003"
        name="1.1 Thuis voelen, gehoord en gezien worden" isCodable="true"/>
  <Code guid="99999999-0000-4000-8000-000000000004" name="1.9 Alleen elders" isCodable="true"/>
 </Code></Codes></CodeBook>
<Sources><TextSource guid="99999999-0000-4000-8000-000000000005" name="Interview elders"
  plainTextPath="internal://elders.txt">
 <PlainTextSelection guid="99999999-0000-4000-8000-000000000006" startPosition="0" endPosition="5">
  <Coding guid="99999999-0000-4000-8000-000000000007"
          creatingUser="99999999-0000-4000-8000-000000000001">
   <CodeRef targetGUID="99999999-0000-4000-8000-000000000003"/></Coding>
 </PlainTextSelection></TextSource></Sources>
</Project>"""


def test_codes_match_by_name_and_a_namesake_coder_stays_apart(tmp_path):
    path = make_qdpx(tmp_path / "elders.qdpx", FOREIGN, {"sources/elders.txt": "Thuis is hier."})
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            codes_before = session.scalar(select(Code.id).order_by(Code.id.desc()))
        report = import_qdpx(ours, path, merge=True, options=QUIET)
        with ours.reader() as session:
            coding = session.scalar(
                select(Coding).join(Document).where(Document.name == "Interview elders")
            )
            assert coding.quote == "Thuis"
            assert coding.code_id == code_id(session, "1.1") <= codes_before
            assert coding.coder.name == "Anna de Vries (geïmporteerd)"
            new_code = session.scalar(select(Code).where(Code.name == "1.9 Alleen elders"))
            assert new_code.parent.name == "1 Sociale samenhang"
    assert report.counts["matched_codes"] == 2 and report.counts["codes"] == 1
    assert any("niet de codeur" in line for line in report.converted)


def test_importing_without_merging_needs_an_empty_project(tmp_path):
    path = make_qdpx(tmp_path / "elders.qdpx", FOREIGN, {"sources/elders.txt": "Thuis is hier."})
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            before = dump(session)
        with pytest.raises(OperationError):
            import_qdpx(ours, path, merge=False, options=QUIET)
        with ours.reader() as session:
            assert dump(session) == before


def test_a_codebook_merges_into_a_project_by_guid(tmp_path):
    with rich_project(tmp_path / "ons.reis") as ours:
        with ours.reader() as session:
            export_codebook(session, tmp_path / "boek.qdc")
            before = dump(session)
        report = import_qdc(ours, tmp_path / "boek.qdc", merge=True, options=QUIET)
        with ours.reader() as session:
            after = dump(session)
    assert report.counts["matched_codes"] == 25 and "codes" not in report.counts
    assert after == before


def test_a_codebook_alone_makes_the_same_code_tree(tmp_path):
    with rich_project(tmp_path / "ons.reis") as ours, ours.reader() as session:
        export_codebook(session, tmp_path / "boek.qdc")
        expected = _tree(session)
    fresh, report = import_as_new_project(tmp_path / "boek.qdc", tmp_path / "nieuw.reis", QUIET)
    with fresh, fresh.reader() as session:
        assert _tree(session) == expected
    assert report.counts == {"codes": 25}


def _tree(session) -> list[tuple]:
    codes = session.scalars(select(Code).order_by(Code.id)).all()
    return sorted(
        (
            c.uuid,
            c.parent.uuid if c.parent else None,
            c.position,
            c.name,
            c.color,
            c.definition,
            c.inclusion,
            c.exclusion,
            c.example,
        )
        for c in codes
    )
