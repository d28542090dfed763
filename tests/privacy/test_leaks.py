"""The leak test: an export with pseudonyms on holds none of the original names, anywhere.

For every export format, every zip member (Word's document.xml, comments.xml and document
properties, a workbook's sheets and shared strings, a .qdpx's project.qde, sources and
extension file), the member names, and the text of each member without its markup (Word
splits text into runs) are searched, case-insensitively. The project has names in its
transcripts, quotes, memos, code definitions and examples, case, speaker, attribute and
document names, a source file path and the project name. Without pseudonyms the same search
finds them, so the search looks where the names are.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from reiscoder.model import Attribute, Coding
from reiscoder.model.project import Project
from reiscoder.privacy.copy import make_pseudonymised_copy
from reiscoder.refi import ExportOptions, PositionConvention, export_codebook, export_project
from reiscoder.refi.import_ import ImportOptions, import_as_new_project
from reiscoder.reports.exports import run_export
from reiscoder.reports.options import (
    CodebookOptions,
    CodingsTableOptions,
    ExportKind,
    FragmentsOptions,
    MatrixOptions,
    Measure,
    MemosOptions,
    Selection,
    TranscriptOptions,
)
from tests.privacy.builders import ORIGINALS, build_names_project
from tests.privacy.test_copy import assert_no_originals_in_file

REPORTS = {
    "codebook.docx": (ExportKind.CODEBOOK, CodebookOptions(quotes_per_code=10)),
    "fragments.docx": (ExportKind.FRAGMENTS, FragmentsOptions()),
    "transcripts.docx": (ExportKind.TRANSCRIPT, TranscriptOptions()),
    "one-transcript.docx": (ExportKind.TRANSCRIPT, TranscriptOptions(document_ids=(1,))),
    "memos.docx": (ExportKind.MEMOS, MemosOptions()),
    "codings.xlsx": (ExportKind.CODINGS_XLSX, CodingsTableOptions()),
    "codings.csv": (ExportKind.CODINGS_CSV, CodingsTableOptions(delimiter=";")),
    "matrix.xlsx": (ExportKind.MATRIX_XLSX, MatrixOptions(measure=Measure.DOCUMENTS)),
    "matrix.csv": (ExportKind.MATRIX_CSV, MatrixOptions()),
}
REFI = {
    "project.qdpx": ExportOptions(),
    "nvivo.qdpx": ExportOptions(positions=PositionConvention.CRLF),
    "codebook.qdc": ExportOptions(),
}


@pytest.fixture(scope="module")
def names_path(tmp_path_factory):
    return build_names_project(tmp_path_factory.mktemp("leaks") / "namen.reis")


def export(project: Project, name: str, folder: Path, *, pseudonymise: bool) -> Path:
    output = folder / name
    if name in REPORTS:
        kind, options = REPORTS[name]
        if isinstance(options, MatrixOptions) and name.endswith(".csv"):
            options = replace(options, attribute_id=_attribute(project, "Wijk"))
        run_export(project, kind, replace(options, pseudonymise=pseudonymise), output)
    else:
        options = replace(REFI[name], pseudonymise=pseudonymise)
        with project.reader() as session:
            if name.endswith(".qdc"):
                export_codebook(session, output, options)
            else:
                export_project(session, output, options)
    return output


@pytest.mark.parametrize("name", [*REPORTS, *REFI])
def test_no_original_name_in_a_pseudonymised_export(names_path, tmp_path, name):
    with Project.open(names_path, read_only=True) as project:
        output = export(project, name, tmp_path, pseudonymise=True)
    leaks = find_originals(output)
    assert leaks == [], leaks
    if name.endswith(".qdpx"):  # the search went through the project and both transcripts
        with zipfile.ZipFile(output) as archive:
            members = archive.namelist()
        assert "project.qde" in members
        assert sum(m.startswith("sources/") for m in members) == 2
    shown = " ".join(text for _where, text in readable_texts(output))
    assert any(pseudonym in shown for pseudonym in ("Respondent 1", "[wijk A]", "[organisatie A]"))


@pytest.mark.parametrize("name", [*REPORTS, *REFI])
def test_without_pseudonyms_the_search_finds_the_names(names_path, tmp_path, name):
    with Project.open(names_path, read_only=True) as project:
        output = export(project, name, tmp_path, pseudonymise=False)
    assert find_originals(output)


def test_the_pseudonymised_project_copy(names_path, tmp_path):
    with Project.open(names_path, read_only=True) as project:
        make_pseudonymised_copy(project, tmp_path / "kopie.reis")
    assert_no_originals_in_file(tmp_path / "kopie.reis")


def test_a_filter_on_an_attribute_value_still_applies(names_path, tmp_path):
    with Project.open(names_path, read_only=True) as project:
        wijk = _attribute(project, "Wijk")
        selection = Selection(attribute_values={wijk: frozenset({"Afrikaanderwijk"})})
        options = FragmentsOptions(selection, pseudonymise=True)
        report = run_export(project, ExportKind.FRAGMENTS, options, tmp_path / "f.docx")
    assert report.contents.codings == 4  # the codings of the Afrikaanderwijk interview
    assert find_originals(tmp_path / "f.docx") == []


def test_codings_stay_on_their_words_in_a_pseudonymised_qdpx(names_path, tmp_path):
    """Read back by the importer: every coding covers the pseudonymised words it should."""
    with Project.open(names_path, read_only=True) as project, project.reader() as session:
        export_project(session, tmp_path / "p.qdpx", ExportOptions(pseudonymise=True))
    project, _report = import_as_new_project(
        tmp_path / "p.qdpx", tmp_path / "terug.reis", ImportOptions()
    )
    with project, project.reader() as session:
        codings = session.scalars(select(Coding)).all()
        quotes = sorted(c.document.text[c.start : c.end] for c in codings)
    assert quotes == sorted(
        [
            "[wijk A], mevrouw",
            "[wijk A], mevrouw Respondent 1",
            "Persoon 2 van [organisatie A]",
            "Respondent 1's buurvrouw kookt",
            "[wijk B] brug",
        ]
    )


def test_selections_in_project_qde_point_at_the_pseudonymised_text(names_path, tmp_path):
    with Project.open(names_path, read_only=True) as project, project.reader() as session:
        export_project(session, tmp_path / "p.qdpx", ExportOptions(pseudonymise=True))
    sources = selections = 0
    with zipfile.ZipFile(tmp_path / "p.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
        for source in root.iter("{*}TextSource"):
            sources += 1
            member = source.get("plainTextPath").removeprefix("internal://")
            text = archive.read(f"sources/{member}").decode("utf-8")
            for selection in source.iter("{*}PlainTextSelection"):
                selections += 1
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                assert selection.get("name") == " ".join(text[start:end].split())
    assert (sources, selections) == (2, 5)  # both transcripts, every coded range


# -- looking for names ------------------------------------------------------------------------


def readable_texts(path: Path) -> list[tuple[str, str]]:
    """(where, text) for everything in a file a person or a program could read."""
    found = [("file name", path.name)]
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                raw = archive.read(info).decode("utf-8", errors="replace")
                found.append(("member name", info.filename))
                found.append((info.filename, raw))
                found.append((f"{info.filename} without markup", _without_markup(raw)))
    else:
        found.append((path.name, path.read_bytes().decode("utf-8-sig", errors="replace")))
    return found


def find_originals(path: Path) -> list[tuple[str, str]]:
    leaks = []
    texts = readable_texts(path)
    assert len(texts) >= 2  # the file name and its content: the search looked somewhere
    if zipfile.is_zipfile(path):
        assert len(texts) >= 4  # a member name, its text and its text without markup
    for where, text in texts:
        folded = text.casefold()
        leaks += [(where, name) for name in ORIGINALS if name in folded]
    return leaks


def _without_markup(xml: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", xml))


def _attribute(project: Project, name: str) -> int:
    with project.reader() as session:
        return session.scalar(select(Attribute.id).where(Attribute.name == name))


def test_the_command_line_exports_with_pseudonyms(names_path, tmp_path):
    from reiscoder.cli import main

    assert (
        main(["export", str(names_path), "codings", str(tmp_path / "c.csv"), "--pseudonymise"]) == 0
    )
    assert main(["export-refi", str(names_path), str(tmp_path / "p.qdpx"), "--pseudonymise"]) == 0
    assert find_originals(tmp_path / "c.csv") == []
    assert find_originals(tmp_path / "p.qdpx") == []
    assert main(["export", str(names_path), "codings", str(tmp_path / "plain.csv")]) == 0
    assert find_originals(tmp_path / "plain.csv")
