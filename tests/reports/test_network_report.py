"""The analysis report carries each network of codes as drawn on screen, with its relations,
and LibreOffice renders it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from reiscoder.analysis.network import layout
from reiscoder.demo import build_demo
from reiscoder.model import Code
from reiscoder.model.project import Project
from reiscoder.ops.networks import create_network
from reiscoder.ops.relations import add_relation
from reiscoder.read.networks import codes_in_use
from reiscoder.reports.analysis_docx import AnalysisReportOptions, export_analysis
from tests.reports.readback import libreoffice, pdf_text, to_pdf

OUT = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def _with_network(path: Path) -> None:
    with Project.open(path) as project, project.transaction() as session:
        codes = codes_in_use(session)
        named = {n[:3]: i for i, n in session.execute(select(Code.id, Code.name))}
        add_relation(session, named["1.4"], named["5.1"], "cause", memo="Druk maakt kwetsbaar.")
        add_relation(session, named["3.2"], named["3.3"], "Gaat vooraf aan")
        create_network(session, "Samenhang en sociaal werk", layout(codes))


def test_the_report_draws_the_network_and_lists_its_relations(tmp_path):
    path = build_demo(tmp_path / "demo.reis")
    _with_network(path)
    target = tmp_path / "analyse.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(), target)
    document = docx.Document(target)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[3:5] == ["Netwerken van codes", "Samenhang en sociaal werk"]
    assert len(document.inline_shapes) == 3  # bars, heat map, the network
    relations = next(t for t in document.tables if t.rows[0].cells[1].text == "Relatie")
    rows = [[c.text for c in row.cells] for row in relations.rows[1:]]
    assert [r[1] for r in rows] == ["is oorzaak van", "Gaat vooraf aan"]
    assert rows[0][3] == "Druk maakt kwetsbaar."

    without = tmp_path / "zonder.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(networks=False), without)
    assert len(docx.Document(without).inline_shapes) == 2


@pytest.mark.skipif(libreoffice() is None and not os.environ.get("CI"), reason="no LibreOffice")
def test_the_network_page_renders(tmp_path):
    path = build_demo(tmp_path / "demo.reis")
    _with_network(path)
    target = tmp_path / "netwerk.docx"
    with Project.open(path, read_only=True) as project:
        export_analysis(project, AnalysisReportOptions(agreement=False), target)
    (pdf,) = to_pdf([target], tmp_path)
    text = pdf_text(pdf)
    assert "Netwerken van codes" in text and "is oorzaak" in text
    OUT.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(OUT / "analysis-report-network")],
            check=True,
        )
        assert list(OUT.glob("analysis-report-network*.png"))
