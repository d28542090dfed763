"""Files as other tools and versions write them: the family of variants in NOTES.md §7."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from reiscoder.model import Attribute, Case, Code, Coding, Document, Memo, Speaker
from reiscoder.read.groups import load_groups
from reiscoder.refi import ImportOptions, import_as_new_project
from tests.refi.builders import make_qdpx

QUIET = ImportOptions(coder="Importeur", segment=False)
USER = "AD68FBE7-E1EE-4A82-A279-23CC698C89EB"
CODE_A = "0F8A1907-7E42-4739-8610-A676B4D1B69F"
CODE_B = "85D17F60-7BB0-481E-B742-B4861DD669DF"
SOURCE = "57C6099B-934F-4C86-90F2-CC6C2F2A3CC3"


CODEBOOK = (
    f'<CodeBook><Codes><Code guid="{CODE_A}" name="Feelings" isCodable="true" color="#F00082">'
    f'<Code guid="{CODE_B}" name="happiness" isCodable="true"/></Code></Codes></CodeBook>'
)


def project_xml(
    body: str, *, origin: str, ns: str = "urn:QDA-XML:project:1.0", codebook: str = CODEBOOK
) -> str:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<Project{xmlns} name="Variant" origin="{origin}">'
        f'<Users><User guid="{USER}" name="Friedrich"/></Users>{codebook}{body}</Project>'
    )


def selection(
    start: int, end: int, code: str = CODE_B, name: str = "", extra: str = "", comment: str = ""
) -> str:
    description = f"<Description>{comment}</Description>" if comment else ""
    return (
        f'<PlainTextSelection guid="{{{_guid(start, end)}}}" name="{name}" startPosition="{start}" '
        f'endPosition="{end}" creatingUser="{USER}">{description}'
        f'<Coding guid="{_guid(end, start)}" creatingUser="{USER}">'
        f'<CodeRef targetGUID="{code}"/></Coding>{extra}</PlainTextSelection>'
    )


def _guid(a: int, b: int) -> str:
    return f"{a:08X}-0000-4000-8000-{b:012X}"


def codings(project) -> list[str]:
    with project.reader() as session:
        return [c.quote for c in session.scalars(select(Coding).order_by(Coding.start))]


# -- positions in other conventions ------------------------------------------------------------

ATLAS_TEXT = (
    "Interviewer: Hoe gaat het?\r\nRespondent: Goed, dank je. De buurt is mooi.\r\n"
    "Interviewer: En de winkels?\r\nRespondent: Die zijn weg — jammer. Écht.\r\n"
)


def _crlf_as_one(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    shift = text.count("\r\n", 0, start)
    return start - shift, start - shift + len(fragment)


@pytest.mark.parametrize("origin", ["ATLAS.ti 9.1.3 (Windows)", "Some future tool 1.0"])
def test_crlf_counted_as_one_is_detected(tmp_path, origin):
    fragments = ["De buurt is mooi.", "Die zijn weg — jammer."]
    selections = "".join(selection(*_crlf_as_one(ATLAS_TEXT, f), name=f) for f in fragments)
    body = (
        f'<Sources><TextSource guid="{SOURCE}" name="Interview 3" '
        f'plainTextPath="internal://{SOURCE}.txt">{selections}</TextSource></Sources>'
    )
    path = make_qdpx(
        tmp_path / "atlas.qdpx",
        project_xml(body, origin=origin),
        {f"Sources/{SOURCE}.txt": ATLAS_TEXT},
        qde_name="Project.qde",
    )
    project, report = import_as_new_project(path, tmp_path / "a.reis", QUIET)
    with project:
        assert codings(project) == fragments
    assert any("CR LF" in line for line in report.converted)


EMOJI_TEXT = "\ufeffvideo_id\r\nNagyon jó 👍👍 videó!\r\n1\r\nSzerintem 🙂 ez így van.\r\n0\r\n"


def _utf16_crlf_two(text: str, fragment: str) -> tuple[int, int]:
    body = text.removeprefix("\ufeff")
    start = body.index(fragment)
    units = len(body[:start].encode("utf-16-le")) // 2
    return units, units + len(fragment.encode("utf-16-le")) // 2


@pytest.mark.parametrize("origin", ["NVivo for Mac 12.7", "Another tool"])
def test_utf16_units_with_bom_and_crlf_are_detected(tmp_path, origin):
    fragments = ["Nagyon jó 👍👍 videó!", "Szerintem 🙂 ez így van."]
    selections = "".join(selection(*_utf16_crlf_two(EMOJI_TEXT, f)) for f in fragments)
    empty = "aaaaaaaa-1111-4222-8333-444444444444"
    body = (
        f'<Sources><TextSource guid="{SOURCE.lower()}" name="videos" '
        f'plainTextPath="internal://{SOURCE.lower()}.txt">{selections}</TextSource>'
        f'<TextSource guid="{empty}" name="üres" plainTextPath="internal://{empty}.txt">'
        f"{selection(0, 4)}</TextSource></Sources>"
    )
    path = make_qdpx(
        tmp_path / "nvivo.qdpx",
        project_xml(body, origin=origin, ns="urn:QDA-XML:project:1:0"),
        {
            f"sources/{SOURCE.lower()}.txt": EMOJI_TEXT.encode("utf-8"),
            "sources/.root": b"",
            f"sources/{empty}.txt": b"\n",
        },
    )
    project, report = import_as_new_project(path, tmp_path / "n.reis", QUIET)
    with project:
        assert codings(project) == fragments
        with project.reader() as session:
            texts = sorted(d.text for d in session.scalars(select(Document)))
        assert texts[1].startswith("video_id\nNagyon") and "\r" not in texts[1]
    converted = "\n".join(report.converted)
    assert "UTF-16" in converted and "byte-order-mark verwijderd" in converted
    assert any("“üres” heeft geen tekst" in line for line in report.dropped)


def test_decomposed_text_is_composed_and_positions_follow(tmp_path):
    raw = unicodedata.normalize("NFD", "Café één: naïef geëxperimenteerd. Dat was het.")
    start = raw.index("Dat was het.")
    body = (
        f'<Sources><TextSource guid="{SOURCE}" name="nfd" plainTextPath="internal://x.txt">'
        f"{selection(start, start + len('Dat was het.'))}{selection(0, raw.index(':'))}"
        "</TextSource></Sources>"
    )
    path = make_qdpx(
        tmp_path / "nfd.qdpx", project_xml(body, origin="MAXQDA 24"), {"sources/x.txt": raw}
    )
    project, _report = import_as_new_project(path, tmp_path / "n.reis", QUIET)
    with project:
        assert codings(project) == ["Café één", "Dat was het."]


# -- packaging and XML variants ----------------------------------------------------------------


def test_qc_style_scheme_less_paths_no_names_no_namespace_inline_text(tmp_path):
    body = (
        '<Sources><TextSource plainTextPath="board.txt" '
        'guid="34653336-3766-3235-6466-363134396437">'
        f"{selection(0, 6)}</TextSource>"
        '<TextSource guid="{11111111-2222-3333-4444-555555555555}" name="inline">'
        "<PlainTextContent>Alles inline hier.</PlainTextContent>"
        f"{selection(6, 12, code=CODE_A)}</TextSource></Sources>"
    )
    path = make_qdpx(
        tmp_path / "qc.qdpx",
        project_xml(body, origin="qc 1.3.2", ns=""),
        {"board.txt": "Board: members\n"},
    )
    project, _report = import_as_new_project(path, tmp_path / "q.reis", QUIET)
    with project, project.reader() as session:
        assert {d.name for d in session.scalars(select(Document))} == {"board", "inline"}
        assert sorted(codings(project)) == ["Board:", "inline"]


def test_empty_wrappers_missing_files_and_odd_guids(tmp_path):
    body = (
        "<Variables/><Cases/>"
        '<Sources><TextSource guid="not-a-guid" name="kwijt" plainTextPath="internal://kwijt.txt">'
        f"{selection(0, 3)}</TextSource>"
        '<TextSource name="zonder guid" plainTextPath="relative:///media/x.txt"/></Sources>'
        "<Notes/><Links/><Sets/><Graphs/><Description/>"
    )
    path = make_qdpx(tmp_path / "odd.qdpx", project_xml(body, origin="tool"), {})
    project, report = import_as_new_project(path, tmp_path / "o.reis", QUIET)
    with project, project.reader() as session:
        assert session.scalar(select(Code.name).where(Code.parent_id.is_not(None))) == "happiness"
        assert not session.scalars(select(Document)).all()
    dropped = "\n".join(report.dropped)
    assert "het tekstbestand ontbreekt in het pakket (internal://kwijt.txt)" in dropped
    assert "buiten het bestand (relative:///media/x.txt)" in dropped


def test_pdf_representation_comes_in_as_text_and_area_selections_are_reported(tmp_path):
    text = "Granola met amandelen. Porciones: 8."
    body = (
        '<Sources><PDFSource guid="2065D8AB-D724-40C9-B4E9-6EB8DAB73541" name="Recept.pdf" '
        'path="internal://recept.pdf"><PDFSelection guid="7C046D16-1B6D-4814-A260-3A7BD5FC6A51" '
        'page="0" firstX="1" firstY="2" secondX="3" secondY="4"><Coding guid="D918B908-05D4-4DF6-'
        f'B300-371298F05768"><CodeRef targetGUID="{CODE_A}"/></Coding></PDFSelection>'
        '<Representation guid="142EB46D-612E-4593-A385-D0E5D04D1288" '
        'plainTextPath="internal://142EB46D-612E-4593-A385-D0E5D04D1288.txt">'
        f"{selection(0, 7)}</Representation></PDFSource>"
        '<PictureSource guid="02255470-09E6-400B-9E20-97D71FBEC65D" name="foto.jpg" '
        'path="internal://foto.jpg"/></Sources>'
    )
    path = make_qdpx(
        tmp_path / "pdf.qdpx",
        project_xml(body, origin="ATLAS.ti 23"),
        {"sources/142EB46D-612E-4593-A385-D0E5D04D1288.txt": text, "sources/foto.jpg": b"\xff\xd8"},
    )
    project, report = import_as_new_project(path, tmp_path / "p.reis", QUIET)
    with project, project.reader() as session:
        assert session.scalar(select(Document.name)) == "Recept.pdf"
        assert codings(project) == ["Granola"]
    dropped = "\n".join(report.dropped)
    assert "PDF “Recept.pdf”: de tekst is overgenomen, maar niet de gebiedsselecties (1)" in dropped
    assert "Afbeelding “foto.jpg” (selecties: 0, coderingen: 0)" in dropped


# -- comments, memos, cases, sets ----------------------------------------------------------------


def test_comments_notes_cases_and_value_sets(tmp_path):
    text = "Interviewer: Hoe?\n\nMabel: Cola bij het ontbijt.\n\nInterviewer: O?\n\nMabel: Ja."
    start = text.index("Cola")
    note = "E41BE463-FDF3-4ED0-B668-119C53D8D687"
    body = (
        '<Variables><Variable guid="11111111-1111-4111-8111-111111111111" name="age" '
        'typeOfVariable="Integer"/><Variable guid="22222222-2222-4222-8222-222222222222" '
        'name="smoker" typeOfVariable="Boolean"/></Variables>'
        '<Cases><Case guid="33333333-3333-4333-8333-333333333333" name="Mabel">'
        "<Description>Alleenstaande moeder</Description>"
        '<VariableValue><VariableRef targetGUID="11111111-1111-4111-8111-111111111111"/>'
        "<IntegerValue>25</IntegerValue></VariableValue>"
        f'<SourceRef targetGUID="{SOURCE}"/></Case></Cases>'
        f'<Sources><TextSource guid="{SOURCE}" name="Mabel.txt" plainTextPath="internal://m.txt">'
        "<Description>Interview in de keuken</Description>"
        + selection(
            start, start + 4, extra=f'<NoteRef targetGUID="{note}"/>', comment="Waarom cola?"
        )
        + '<VariableValue><VariableRef targetGUID="22222222-2222-4222-8222-222222222222"/>'
        "<BooleanValue>true</BooleanValue></VariableValue></TextSource></Sources>"
        f'<Notes><Note guid="{note}" name="Cola-memo"><PlainTextContent>Vaker gehoord.'
        "</PlainTextContent></Note></Notes>"
        f'<Sets><Set guid="44444444-4444-4444-8444-444444444444" name="gender: female">'
        f'<MemberSource targetGUID="{SOURCE}"/></Set>'
        '<Set guid="55555555-5555-4555-8555-555555555555" name="Favourites">'
        f'<MemberCode targetGUID="{CODE_A}"/></Set></Sets>'
    )
    path = make_qdpx(tmp_path / "c.qdpx", project_xml(body, origin="ATLAS.ti 9"), {"s/m.txt": text})
    project, report = import_as_new_project(path, tmp_path / "c.reis", QUIET)
    with project, project.reader() as session:
        memos = {m.title: m for m in session.scalars(select(Memo))}
        assert memos["Cola-memo"].coding_id is not None  # the note on the selection
        assert memos["Opmerking bij “Cola”"].text == "Waarom cola?"
        assert memos["Beschrijving"].document_id is not None
        mabel = session.scalar(select(Case).where(Case.name == "Mabel"))
        assert mabel.description == "Alleenstaande moeder"
        speaker = session.scalar(select(Speaker).where(Speaker.label == "Mabel"))
        assert speaker.case_id == mabel.id  # linked by name
        kinds = {a.name: (a.kind, a.target) for a in session.scalars(select(Attribute))}
        assert kinds == {
            "age": ("number", "case"),
            "smoker": ("choice", "document"),
            "gender": ("choice", "document"),
        }
        gender = session.scalar(select(Attribute).where(Attribute.name == "gender"))
        assert gender.choice_list() == ["female"]
        (favourites,) = load_groups(session)
        assert (favourites.kind, favourites.name, len(favourites.members)) == (
            "code",
            "Favourites",
            1,
        )


def test_sibling_codes_with_one_name_folders_and_colour_forms(tmp_path):
    codes = (
        '<CodeBook><Codes><Code guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Thema" '
        'isCodable="false" color="rgb(10, 20, 30)">'
        '<Code guid="AAAAAAAA-0000-4000-8000-000000000002" name="zorg" isCodable="true" '
        'color="#FF336699"/><Code guid="AAAAAAAA-0000-4000-8000-000000000003" name="zorg" '
        'isCodable="true" color="abc"/></Code></Codes></CodeBook>'
    )
    xml = project_xml("", origin="MAXQDA 2022", codebook=codes)
    path = make_qdpx(tmp_path / "m.qdpx", xml, {})
    project, report = import_as_new_project(path, tmp_path / "m.reis", QUIET)
    with project, project.reader() as session:
        colours = {c.name: c.color for c in session.scalars(select(Code))}
    assert colours["Thema"] == "#0a141e" and colours["zorg"] == "#336699"
    assert "zorg (2)" in colours and colours["zorg (2)"] == "#aabbcc"
    assert any("mappen" in line for line in report.converted)


ARTICLE = (
    "Wonen na de pandemie\n"
    "Abstract: Dit artikel beschrijft hoe bewoners de buurt beleefden.\n"
    "Covid: de eerste golf sloot het buurthuis.\n"
    "Covid: de tweede golf sloot ook de markt.\n"
    "Daarna kwam alles langzaam weer op gang."
)


def test_an_article_gets_no_invented_speakers(tmp_path):
    body = (
        f'<Sources><TextSource guid="{SOURCE}" name="Artikel" '
        f'plainTextPath="internal://{SOURCE}.txt">{selection(0, 20)}</TextSource></Sources>'
    )
    path = make_qdpx(
        tmp_path / "artikel.qdpx",
        project_xml(body, origin="MAXQDA 24"),
        {f"sources/{SOURCE}.txt": ARTICLE},
    )
    project, _report = import_as_new_project(path, tmp_path / "a.reis", QUIET)
    with project, project.reader() as session:
        document = session.scalar(select(Document).where(Document.name == "Artikel"))
        assert document.text == ARTICLE
        assert session.scalars(select(Speaker.label)).all() == []
        assert [(t.start, t.content_start) for t in document.turns] == [(0, 0)]
