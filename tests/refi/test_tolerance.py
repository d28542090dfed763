"""A file with a few bad selections, a Finder re-zip, or names that had to change comes in,
with every left-out selection and every rename said; only a file that mostly does not fit its
texts is refused."""

from __future__ import annotations

import zipfile

import pytest
from sqlalchemy import select

from reiscoder.model import Code, Coding, Document
from reiscoder.refi import ImportOptions, RefiRefused, import_as_new_project
from tests.refi.builders import make_qdpx
from tests.refi.test_variants import CODE_B, SOURCE, project_xml, selection

QUIET = ImportOptions(coder="Importeur", segment=False)
TEXT = "Bewoners helpen elkaar.\nDe buurvrouw kookt op vrijdag.\nHet buurthuis ging dicht.\n"


def _source(selections: str, name: str = "Gesprek", guid: str = SOURCE, file: str = "g") -> str:
    return (
        f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{file}.txt">'
        f"{selections}</TextSource>"
    )


def _import(tmp_path, sources: str, files: dict | None = None, codebook: str | None = None):
    extra = {} if codebook is None else {"codebook": codebook}
    xml = project_xml(f"<Sources>{sources}</Sources>", origin="MAXQDA 2022", **extra)
    path = make_qdpx(tmp_path / "f.qdpx", xml, files if files is not None else {"g.txt": TEXT})
    project, report = import_as_new_project(path, tmp_path / "f.reis", QUIET)
    with project, project.reader() as session:
        quotes = sorted(session.scalars(select(Coding.quote)))
        codes = sorted(session.scalars(select(Code.name)))
        documents = sorted(session.scalars(select(Document.name)))
    return quotes, codes, documents, report


def test_one_selection_past_the_end_is_left_out_and_said(tmp_path):
    good = selection(0, 8) + selection(24, 37) + selection(55, 68)
    quotes, _codes, _docs, report = _import(tmp_path, _source(good + selection(70, 900)))
    assert quotes == ["Bewoners", "De buurvrouw ", "Het buurthuis"]
    assert report.dropped == [
        "“Gesprek”: een selectie (70–900) ligt buiten de tekst (81 tekens); weggelaten."
    ]


def test_an_end_before_the_start_is_said_as_such(tmp_path):
    quotes, _codes, _docs, report = _import(
        tmp_path, _source(selection(0, 8) + selection(24, 36) + selection(40, 30))
    )
    assert len(quotes) == 2
    assert report.dropped == ["“Gesprek”: een selectie (40–30) eindigt voor ze begint; weggelaten."]
    assert "buiten de tekst" not in "\n".join(report.dropped)


def test_a_negative_position_is_said_as_such(tmp_path):
    _quotes, _codes, _docs, report = _import(
        tmp_path, _source(selection(0, 8) + selection(24, 36) + selection(-3, 5))
    )
    assert report.dropped == [
        "“Gesprek”: een selectie (-3–5) heeft een negatieve positie; weggelaten."
    ]


def test_many_bad_selections_are_counted_after_the_first_few(tmp_path):
    good = "".join(selection(0, n) for n in range(3, 11))  # 8 good ones
    bad = "".join(selection(100 + n, 200 + n) for n in range(7))  # 7 beyond the text
    _quotes, _codes, _docs, report = _import(tmp_path, _source(good + bad))
    assert len(report.dropped) == 6
    assert report.dropped[-1] == "“Gesprek”: meer van zulke selecties, weggelaten: 2."


def test_a_file_whose_selections_mostly_do_not_fit_is_refused(tmp_path):
    bad = selection(0, 8) + selection(100, 200) + selection(300, 400)
    with pytest.raises(RefiRefused) as refused:
        _import(tmp_path, _source(bad))
    assert "2 van de 3 selecties buiten de tekst" in refused.value.message
    assert not (tmp_path / "f.reis").exists()


def test_a_finder_rezip_with_appledouble_members_imports(tmp_path):
    xml = project_xml(f"<Sources>{_source(selection(0, 8))}</Sources>", origin="NVivo 14")
    path = tmp_path / "mac.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project/project.qde", xml)
        archive.writestr("project/sources/g.txt", TEXT)
        archive.writestr("__MACOSX/project/._project.qde", b"\x00\x05\x16\x07Mac OS X")
        archive.writestr("__MACOSX/project/sources/._g.txt", b"\x00\x05\x16\x07Mac OS X")
        archive.writestr("project/._extra.qde", b"\x00\x05\x16\x07")
    project, report = import_as_new_project(path, tmp_path / "mac.reis", QUIET)
    with project, project.reader() as session:
        assert session.scalars(select(Coding.quote)).all() == ["Bewoners"]
    assert not report.dropped


def test_every_rename_is_said(tmp_path):
    long_name = "Heel lang " * 30  # 300 characters
    other = "AAAAAAAA-0000-4000-8000-00000000000"
    codebook = (
        "<CodeBook><Codes>"
        f'<Code guid="{CODE_B}" name="happiness" isCodable="true"/>'
        f'<Code guid="{other}1" name="" isCodable="true"/>'
        f'<Code guid="{CODE_B}" name="blij" isCodable="true"/>'
        f'<Code guid="{other}2" name="{long_name}" isCodable="true"/>'
        f'<Code guid="{other}3" name="{long_name}" isCodable="true"/>'
        "</Codes></CodeBook>"
    )
    twin = "AAAAAAAA-0000-4000-8000-0000000000F1"
    sources = _source(selection(0, 8)) + _source(selection(24, 36), guid=twin, file="h")
    quotes, codes, documents, report = _import(
        tmp_path, sources, {"g.txt": TEXT, "h.txt": TEXT}, codebook
    )
    assert documents == ["Gesprek", "Gesprek (2)"]
    assert "Naamloze code" in codes and "blij" in codes
    cut = long_name.strip()[:255]
    assert cut in codes and f"{long_name.strip()[:251]} (2)" in codes
    converted = "\n".join(report.converted)
    assert "Code zonder naam in het bestand, nu “Naamloze code” genoemd." in converted
    assert "Document “Gesprek” komt twee keer voor; de tweede heet “Gesprek (2)”." in converted
    assert "Twee codes in het bestand delen één id (“happiness” en “blij”)" in converted
    assert "de naam is langer dan 255 tekens en is ingekort" in converted
    assert converted.count("ingekort") == 2 and "“Heel lang Heel" in converted
    assert "komt twee keer voor op één niveau" not in converted  # it was too long, not taken
    assert len(quotes) == 2


def test_a_source_text_with_one_windows_line_is_read_right_and_its_line_named(tmp_path):
    mixed = b"Bewoners helpen elkaar.\n" + "Café De Hoek gaat dicht.\n".encode("cp1252")
    mixed += "Het buurthuis ging dicht. Jammer, zei één bewoner.\n".encode()
    quotes, _codes, _docs, report = _import(tmp_path, _source(selection(24, 28)), {"g.txt": mixed})
    assert quotes == ["Café"]
    assert [w for w in report.warnings if "Gesprek" in w] == [
        "“Gesprek”: Regel 2 bevat tekst die geen geldige UTF-8 is zoals de rest van het "
        "bestand; die tekst is gelezen als Windows-1252. Controleer de letters met accenten."
    ]
