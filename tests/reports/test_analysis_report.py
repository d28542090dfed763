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
        "Codefrequenties",
        "Hoofdcodes per Etappe",
        "Overeenstemming tussen codeurs",
    ]
    frequencies = document.tables[0]
    first = [cell.text for cell in frequencies.rows[1].cells]
    assert first[:2] == ["1 Sociale samenhang", "10"]
    assert len(document.inline_shapes) == 2  # the bar chart and the heat map
    agreement = document.tables[-1]
    assert agreement.rows[1].cells[0].text == "Alle codes"
    assert agreement.rows[1].cells[1].text.endswith("%")


def test_without_charts_only_tables(tmp_path):
    path = build_demo(tmp_path / "demo.reis")
    target = tmp_path / "analyse.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(charts=False, agreement=False), target)
    document = docx.Document(target)
    assert len(document.inline_shapes) == 0
    assert len(document.tables) == 2


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
