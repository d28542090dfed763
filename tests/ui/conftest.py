"""Fixtures for GUI tests: real widgets offscreen, real project files, settings in tmp."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.settings import Settings
from reiscoder.ui.workbench import Workbench
from tests.factories import add_document, code_id, first_coder_id, new_project

CODER = "Anna de Vries"


@pytest.fixture
def settings(tmp_path) -> Settings:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.coder_name = CODER
    return settings


@pytest.fixture
def project_path(tmp_path):
    """A project with the seed codebook, two documents and a few codings (no NLP needed)."""
    path = tmp_path / "project.reis"
    with new_project(path, coder=CODER) as project, project.transaction() as session:
        first = add_document(session, "Interview Fatima")
        add_document(session, "Interview Henk")
        coder = first_coder_id(session)
        apply_coding(session, first, code_id(session, "1.1"), coder, 13, 53)
        apply_coding(session, first, code_id(session, "1.3"), coder, 80, 120)
    return path


@pytest.fixture
def workbench(qtbot, project_path):
    bench = Workbench()
    project = Project.open(project_path)
    bench.set_project(project, coder_in_project(project, CODER))
    yield bench
    bench.close_project()


@pytest.fixture
def window(qtbot, settings, project_path):
    main = MainWindow(settings)
    qtbot.addWidget(main)
    assert main.open_path(project_path)
    yield main
    main.workbench.close_project()
