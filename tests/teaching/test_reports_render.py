"""The grading report and the analysis report of a class, printed by LibreOffice: page
numbers, whole header words, Dutch numbers."""

from __future__ import annotations

import os
import re

import pytest
from sqlalchemy import select

from reiscoder.model import Coder
from reiscoder.model.project import Project
from reiscoder.reports.analysis_docx import AnalysisReportOptions
from reiscoder.reports.exports import run_export
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.options import ExportKind
from reiscoder.teaching.students import Comparison
from tests.reports.readback import libreoffice, pdf_pages, pdf_text, to_pdf
from tests.teaching.scenario import merged

if libreoffice() is None and not os.environ.get("CI"):
    pytest.skip(
        "LibreOffice is not installed (scripts/system-deps.sh test)", allow_module_level=True
    )


@pytest.mark.slow
def test_the_class_reports_print_well(classroom, tmp_path):
    merged(classroom)
    grading, analysis = tmp_path / "beoordeling.docx", tmp_path / "analyse.docx"
    with Project.open(classroom.teacher, read_only=True) as project:
        with project.reader() as s:
            docent = s.scalar(select(Coder.id).where(Coder.name == "Docent"))
        options = GradingOptions(docent, comparison=Comparison(bootstrap=200))
        run_export(project, ExportKind.GRADING_DOCX, options, grading)
        run_export(project, ExportKind.ANALYSIS, AnalysisReportOptions(), analysis)
    pdfs = to_pdf([grading, analysis], tmp_path)
    for pdf, title in zip(pdfs, ("Beoordeling", "Analyse"), strict=True):
        text = pdf_text(pdf)
        pages = pdf_pages(pdf)
        assert pages >= 3
        for page in range(2, pages + 1):  # every page after the title page is numbered
            assert re.search(rf"{title} · Testproject\s+{page}\b", text), (title, page)
        assert re.search(r"\d,\d\d", text) and not re.search(r"-0,00|−0,00", text)
        words = set(re.findall(r"\w+", text))
        for header in ("Documenten", "Overeenstemming", "Woorden", "Coderingen", "Oordeel"):
            if header in text.replace("\n", " "):
                assert header in words, header  # never broken over two lines
        assert not re.search(r"\b(Docum|Overeenste|Eenh|Krippendo)\n", text)
    grading_text = pdf_text(pdfs[0])
    assert "Waar je verschilt van de referentie" in grading_text
    assert "Zo lees je de cijfers" in grading_text
