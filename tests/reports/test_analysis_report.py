"""The analysis report in Word: frequencies with a chart, codes by etappe, agreement."""

from __future__ import annotations

import docx

from reiscoder.demo import build_demo
from reiscoder.model.project import Project
from reiscoder.reports.analysis_docx import AnalysisReportOptions, export_analysis


def test_analysis_report_has_tables_charts_and_agreement(tmp_path):
    path = build_demo(tmp_path / "demo.reis")
    target = tmp_path / "analyse.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(), target)
    document = docx.Document(target)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Wat de cijfers tellen",
        "Codefrequenties",
        "Hoofdcodes per Etappe",
        "Overeenstemming tussen codeurs",
        "Zo lees je de cijfers",
    ]
    assert document.paragraphs[0].text == "Analyse"  # a title page with the facts
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Codeurs"] == "Anna de Vries, Bram Jansen"
    frequencies = document.tables[1]
    first = [cell.text for cell in frequencies.rows[1].cells]
    assert first[:2] == ["1 Sociale samenhang", "10"]
    assert len(document.inline_shapes) == 2  # the bar chart and the heat map
    for shape in document.inline_shapes:  # printed at 300 dots per inch or more
        blob = document.part.related_parts[
            shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        ].blob
        assert int.from_bytes(blob[16:20], "big") / shape.width.inches >= 299
    agreement = document.tables[-1]
    header = [cell.text for cell in agreement.rows[0].cells]
    assert header == ["Code", "N", "%", "κ", "α"]
    pooled = [cell.text for cell in agreement.rows[-1].cells]
    assert pooled[0] == "Alle codes samen (gepoold)"
    assert pooled[2].endswith("%") and "," in pooled[2]  # one decimal, a comma
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Anna de Vries, Bram Jansen: 22 zinnen in 2 documenten." in text


def test_without_charts_only_tables(tmp_path):
    path = build_demo(tmp_path / "demo.reis")
    target = tmp_path / "analyse.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(charts=False, agreement=False), target)
    document = docx.Document(target)
    assert len(document.inline_shapes) == 0
    assert len(document.tables) == 3  # the facts, the frequencies, codes by etappe


def test_pseudonymised_analysis_report_hides_the_names(tmp_path):
    import zipfile

    from reiscoder.model import NameKind
    from reiscoder.ops.names import add_name

    path = build_demo(tmp_path / "demo.reis")
    with Project.open(path) as project, project.transaction() as session:
        add_name(session, "Afrikaanderwijk", "[wijk A]", NameKind.PLACE)
        add_name(session, "Anna de Vries", "Codeur 1")
    target = tmp_path / "analyse.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(pseudonymise=True), target)
    with zipfile.ZipFile(target) as archive:
        xml = " ".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert "Anna de Vries" not in xml and "Afrikaanderwijk" not in xml
    assert "Codeur 1" in xml


def test_the_report_compares_the_coders_asked_for_and_never_one_who_never_coded(tmp_path):
    from sqlalchemy import select

    from reiscoder.model import Coder
    from reiscoder.ops.coders import coder_id_for

    path = build_demo(tmp_path / "demo.reis")
    with Project.open(path) as project, project.transaction() as session:
        coder_id_for(session, "Aafke (nooit gecodeerd)")  # sorts first, codes nothing
        ids = dict(session.execute(select(Coder.name, Coder.id)).all())
    target = tmp_path / "analyse.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(charts=False), target)
        text = "\n".join(p.text for p in docx.Document(target).paragraphs)
        assert "Aafke" not in text
        assert "Anna de Vries, Bram Jansen: 22 zinnen" in text
        only = AnalysisReportOptions(
            charts=False,
            coder_ids=frozenset({ids["Anna de Vries"], ids["Aafke (nooit gecodeerd)"]}),
        )
        export_analysis(project, only, target)
    document = docx.Document(target)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Overeenstemming tussen codeurs" not in headings  # one coder who coded: no comparison
    header = [cell.text for cell in document.tables[1].rows[0].cells]
    assert header[4:] == ["Anna de Vries"]
