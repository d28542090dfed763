"""A grading report with pseudonyms: the students' names from the name list are replaced."""

from __future__ import annotations

import zipfile

from reiscoder.model import NameKind
from reiscoder.model.project import Project
from reiscoder.ops.names import add_name
from reiscoder.reports.exports import run_export
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.options import ExportKind
from tests.teaching.scenario import merged


def test_a_pseudonymised_grading_report_hides_the_names(classroom, tmp_path):
    merged(classroom)
    with Project.open(classroom.teacher) as project, project.transaction() as session:
        add_name(session, "Sara", "Student A", NameKind.PERSON)
        add_name(session, "Fatima", "Bewoner 1", NameKind.PERSON)
    target = tmp_path / "beoordeling.docx"
    with Project.open(classroom.teacher, read_only=True) as project:
        run_export(project, ExportKind.GRADING_DOCX, GradingOptions(pseudonymise=True), target)
    with zipfile.ZipFile(target) as archive:
        xml = " ".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert "Sara" not in xml and "Fatima" not in xml
    assert "Student A" in xml and "Tom" in xml
