"""Hostile or broken files are refused with a clear message, and nothing changes."""

from __future__ import annotations

import io
import zipfile

import pytest

from reiscoder.refi import (
    ImportOptions,
    Limits,
    RefiRefused,
    import_as_new_project,
    import_qdpx,
)
from reiscoder.refi.safety import XmlStream, parse_xml
from tests.factories import dump
from tests.refi.builders import make_qdpx, rich_project

QUIET = ImportOptions(coder="Importeur", segment=False)
SOURCE = "57C6099B-934F-4C86-90F2-CC6C2F2A3CC3"
CODE = "85D17F60-7BB0-481E-B742-B4861DD669DF"
CODEBOOK = f'<CodeBook><Codes><Code guid="{CODE}" name="x" isCodable="true"/></Codes></CodeBook>'


def project(body: str = "", prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="p">{CODEBOOK}{body}</Project>'
    )


def source(start: int, end: int, path: str = f"internal://{SOURCE}.txt") -> str:
    return (
        f'<Sources><TextSource guid="{SOURCE}" name="t" plainTextPath="{path}">'
        f'<PlainTextSelection guid="11111111-2222-4333-8444-555555555555" startPosition="{start}" '
        f'endPosition="{end}"><Coding guid="21111111-2222-4333-8444-555555555555">'
        f'<CodeRef targetGUID="{CODE}"/></Coding></PlainTextSelection></TextSource></Sources>'
    )


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL = '<!DOCTYPE p [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


@pytest.fixture
def ours(tmp_path):
    """A real project to merge hostile files into; its state is compared afterwards."""
    with rich_project(tmp_path / "ons.reis") as project:
        with project.reader() as session:
            before = dump(session)
        yield project, before
        with project.reader() as session:
            assert dump(session) == before  # nothing changed


def refused(project, path, **options) -> str:
    with pytest.raises(RefiRefused) as caught:
        import_qdpx(project, path, merge=True, options=ImportOptions(segment=False, **options))
    return caught.value.message


def test_entity_expansion_is_refused(ours, tmp_path):
    path = tmp_path / "lol.qdc"
    path.write_text(
        f'<?xml version="1.0"?>{LAUGHS}<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="85D17F60-7BB0-481E-B742-B4861DD669DF" name="&lol3;" isCodable="true"/>'
        "</Codes></CodeBook>",
        encoding="utf-8",
    )
    assert "documenttypedeclaratie (DTD)" in refused(ours[0], path)


def test_external_entities_are_refused_also_when_hidden_in_utf16(ours, tmp_path):
    xml = project("<Description>&secret;</Description>", EXTERNAL)
    plain = make_qdpx(tmp_path / "xxe.qdpx", xml, {})
    assert "DTD" in refused(ours[0], plain)
    utf16 = xml.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    hidden = make_qdpx(tmp_path / "xxe16.qdpx", utf16, {})
    assert "DTD" in refused(ours[0], hidden)


@pytest.mark.parametrize(
    "entry", ["../evil.txt", "/etc/evil.txt", "sources/../../x.txt", "C:\\x.txt"]
)
def test_zip_slip_paths_are_refused(ours, tmp_path, entry):
    path = make_qdpx(tmp_path / "slip.qdpx", project(), {entry: "boe"})
    assert "onveilig pad" in refused(ours[0], path)


def test_zip_bombs_are_refused(ours, tmp_path):
    bomb = make_qdpx(
        tmp_path / "bomb.qdpx", project(source(0, 3)), {f"sources/{SOURCE}.txt": b"a" * 5_000_000}
    )
    assert "veel meer gegevens" in refused(ours[0], bomb)


def test_enormous_sources_are_refused(ours, tmp_path):
    big = make_qdpx(
        tmp_path / "big.qdpx",
        project(source(0, 3)),
        {f"sources/{SOURCE}.txt": "".join(f"{n:x} " for n in range(2000))},
    )
    message = refused(ours[0], big, limits=Limits(source_bytes=4096))
    assert "te groot" in message


class Trickle(io.RawIOBase):
    """A file that hands out a few bytes per read, as a slow disk or a zip member may."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step, self.at = data, step, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.data[self.at : self.at + min(self.step, len(buffer))]
        buffer[: len(chunk)] = chunk
        self.at += len(chunk)
        return len(chunk)


@pytest.mark.parametrize("step", [1, 3, 7, 4096])
def test_a_declaration_is_found_however_the_stream_splits_it(step):
    """The parser never sees a DTD in a comment (comments are dropped), so only our own check
    refuses it; read as a stream it must refuse what the whole bytes are refused for."""
    xml = project(prolog="<!-- <!  DOCTYPE p> -->").encode()
    with pytest.raises(RefiRefused, match="DTD"):
        parse_xml(xml, "p.qde", lambda event, element: None)
    stream = XmlStream(Trickle(xml, step), "p.qdpx", len(xml), "kapot")
    with pytest.raises(RefiRefused, match="DTD"):
        parse_xml(stream, "p.qde", lambda event, element: None)
    harmless = project(prolog="<!-- <!  DOCTORS> -->").encode()
    stream = XmlStream(Trickle(harmless, step), "p.qdpx", len(harmless), "kapot")
    assert parse_xml(stream, "p.qde", lambda event, element: None).get("name") == "p"


def test_a_stream_longer_than_promised_is_refused():
    xml = project().encode()
    stream = XmlStream(Trickle(xml, 100), "p.qdpx", len(xml) - 1, "kapot")
    with pytest.raises(RefiRefused, match="veel meer gegevens"):
        parse_xml(stream, "p.qde", lambda event, element: None)


def test_a_declaration_in_a_comment_is_refused_on_import(ours, tmp_path):
    path = make_qdpx(tmp_path / "c.qdpx", project(prolog="<!-- <!DOCTYPE p> -->"), {})
    assert "DTD" in refused(ours[0], path)


def test_malformed_xml_is_refused(ours, tmp_path):
    path = make_qdpx(tmp_path / "kapot.qdpx", project()[:-20], {})
    assert "geen goedgevormde XML" in refused(ours[0], path)


def test_positions_outside_the_text_are_refused(ours, tmp_path):
    path = make_qdpx(
        tmp_path / "ver.qdpx", project(source(5, 500)), {f"sources/{SOURCE}.txt": "kort"}
    )
    message = refused(ours[0], path)
    assert "1 van de 1 selecties buiten de tekst" in message


def test_files_that_are_not_refi_qda_are_refused(ours, tmp_path):
    junk = tmp_path / "junk.qdpx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    assert "geen geldig REFI-QDA-projectbestand" in refused(ours[0], junk)
    other = tmp_path / "other.qde"
    other.write_text("<html><body>hallo</body></html>", encoding="utf-8")
    assert "geen REFI-QDA-project of -codeboek" in refused(ours[0], other)
    two = make_qdpx(tmp_path / "two.qdpx", project(), {"b.qde": project()}, qde_name="a.qde")
    assert "precies één projectbeschrijving" in refused(ours[0], two)
    assert "bestaat niet" in refused(ours[0], tmp_path / "weg.qdpx")


def test_codes_nested_beyond_reason_are_refused(ours, tmp_path):
    deep = "".join(
        f'<Code guid="{n:08X}-0000-4000-8000-000000000000" name="c" isCodable="true">'
        for n in range(210)
    )
    body = f"{deep}{'</Code>' * 210}"
    xml = f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{body}</Codes></CodeBook>'
    path = tmp_path / "diep.qdc"
    path.write_text(xml, encoding="utf-8")
    assert "te diep genest" in refused(ours[0], path)


def test_a_refused_new_project_leaves_no_file(tmp_path):
    path = make_qdpx(
        tmp_path / "ver.qdpx", project(source(5, 500)), {f"sources/{SOURCE}.txt": "kort"}
    )
    with pytest.raises(RefiRefused):
        import_as_new_project(path, tmp_path / "nieuw.reis", QUIET)
    assert not (tmp_path / "nieuw.reis").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["ver.qdpx"]


def test_media_members_are_never_read(tmp_path):
    """A huge video inside the package does not matter: only texts are read."""
    path = make_qdpx(
        tmp_path / "video.qdpx",
        project(source(0, 4)),
        {f"sources/{SOURCE}.txt": "kort", "sources/film.mp4": b"\x00" * 3_000_000},
    )
    project_, report = import_as_new_project(path, tmp_path / "v.reis", QUIET)
    project_.close()
    assert report.counts["codings"] == 1
    assert zipfile.ZipFile(path).getinfo("sources/film.mp4").file_size == 3_000_000
