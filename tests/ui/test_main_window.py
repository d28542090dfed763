"""The main window opens a project, shows who codes, and never asks to save."""

from __future__ import annotations

from sqlalchemy import update

from reiscoder.model import Meta
from reiscoder.ops.changes import Topic
from reiscoder.ui.main_window import MainWindow


def test_window_title_names_project_and_coder(window):
    assert window.windowTitle().startswith("Testproject")
    assert "Anna de Vries" in window.windowTitle()


def test_the_title_follows_a_change_of_the_project_name_not_every_change(window):
    def rename(session):
        session.execute(update(Meta).where(Meta.key == "name").values(value="Busreis"))

    window.workbench.write("Naam", rename, frozenset({Topic.CODINGS}))
    assert window.windowTitle().startswith("Testproject")  # not read again after a coding
    window.workbench.announce("Naam", frozenset({Topic.PROJECT}))
    assert window.windowTitle().startswith("Busreis")


def test_recent_projects_remember_the_opened_file(window, settings, project_path):
    assert settings.recent_projects[0] == project_path


def test_closing_saves_layout_and_releases_the_project(qtbot, settings, project_path):
    main = MainWindow(settings)
    qtbot.addWidget(main)
    assert main.open_path(project_path)
    main.close()
    assert main.workbench.project is None
    assert settings.window_state()[0] is not None
    reopened = MainWindow(settings)
    qtbot.addWidget(reopened)
    assert reopened.open_path(project_path)
    reopened.workbench.close_project()


def test_every_tool_is_reachable_from_the_menus(window):
    from PySide6.QtWidgets import QMenu

    texts = {a.text().replace("&", "") for m in window.findChildren(QMenu) for a in m.actions()}
    for wanted in (
        "Exporteren…",
        "In dit project importeren…",
        "Als nieuw project importeren…",
        "Project controleren…",
        "Herstellen uit een reservekopie…",
        "Transcript corrigeren…",
        "Namenlijst (pseudoniemen)…",
        "Gepseudonimiseerde kopie…",
        "Codering analyseren…",
        "Analyserapport (Word)…",
        "Opdracht voor studenten klaarzetten…",
        "Kopieën van studenten samenvoegen…",
    ):
        assert wanted in texts, wanted


def test_the_view_menu_shows_pseudonyms_in_the_transcript(window):
    from PySide6.QtWidgets import QMenu

    [toggle] = [
        a
        for m in window.findChildren(QMenu)
        for a in m.actions()
        if a.text() == "Pseudoniemen tonen"
    ]
    toggle.trigger()
    assert window.transcript.pseudonyms_button.isChecked()
    toggle.trigger()
    assert not window.transcript.pseudonyms_button.isChecked()
