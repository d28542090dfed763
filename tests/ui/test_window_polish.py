"""The main window around the work: a toolbar that fits, actions that say they need a
project, a start screen, and Qt's own dialogs in Dutch."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar, QToolButton

from reiscoder.ui.main_window import MainWindow
from tests.factories import code_id


def _toolbar(window: MainWindow) -> QToolBar:
    return window.findChild(QToolBar, "main-toolbar")


def test_undo_and_redo_keep_short_names_in_the_toolbar_at_1366_pixels(qtbot, window):
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    workbench = window.workbench
    with workbench.reader() as session:
        code = code_id(session, "2.1")
    workbench.show_document(1)
    for start in (0, 14, 60):  # a few steps, so both undo and redo have one to name
        workbench.code_selection(1, code, start, start + 10)
    workbench.undo_stack.undo()

    toolbar = _toolbar(window)
    by_text = {a.text(): a for a in toolbar.actions() if a.text()}
    undo, redo = by_text["Ongedaan maken"], by_text["Opnieuw"]
    assert undo.isEnabled() and redo.isEnabled()
    label = workbench.undo_stack.undoText()
    assert label and undo.toolTip() == f"Ongedaan maken: {label}"
    assert undo.statusTip() == undo.toolTip()
    assert redo.toolTip() == f"Opnieuw uitvoeren: {workbench.undo_stack.redoText()}"
    before = workbench.undo_stack.index()
    undo.trigger()  # the short button undoes, as the menu's does
    assert workbench.undo_stack.index() == before - 1

    toolbar.layout().activate()
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert extension is None or not extension.isVisible()
    for action in toolbar.actions():
        if not action.isSeparator():
            button = toolbar.widgetForAction(action)
            assert button.isVisible(), action.text()
            assert toolbar.rect().contains(button.geometry()), action.text()


def _action(window: MainWindow, text: str):
    from PySide6.QtWidgets import QMenu

    found = [
        a
        for m in window.findChildren(QMenu)
        for a in m.actions()
        if a.text().replace("&", "") == text
    ]
    assert found, text
    return found[0]


PROJECT_ACTIONS = (
    "Transcripten importeren…",
    "Exporteren…",
    "In dit project importeren…",
    "Project controleren…",
    "Codering analyseren…",
    "Woordwolk…",
    "Project sluiten",
    "De zin bij de cursor coderen",
)


def test_without_a_project_its_actions_are_disabled_and_the_start_page_offers_a_way_in(
    qtbot, settings, monkeypatch, tmp_path
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # where the demo project is made
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.centre.currentWidget() is window.start_page
    for text in PROJECT_ACTIONS:
        assert not _action(window, text).isEnabled(), text
    by_text = {a.text(): a for a in _toolbar(window).actions()}
    assert not by_text["Importeren"].isEnabled() and by_text["Openen"].isEnabled()
    page = window.start_page
    assert [page.new_button.text(), page.open_button.text(), page.demo_button.text()] == [
        "Nieuw project…",
        "Project openen…",
        "Demoproject openen",
    ]
    assert page.recent_buttons == [] and page.recent_title.isHidden()

    page.demo_button.click()
    assert window.workbench.project is not None
    assert window.centre.currentWidget() is window.transcript
    for text in PROJECT_ACTIONS:
        assert _action(window, text).isEnabled(), text
    assert by_text["Importeren"].isEnabled()

    window.close_project()
    assert window.centre.currentWidget() is window.start_page
    assert not _action(window, "Exporteren…").isEnabled()
    assert [b.text() for b in page.recent_buttons] == ["demo"]
    page.recent_buttons[0].click()
    assert window.workbench.project is not None
    assert window.workbench.project.path == tmp_path / "reiscoder" / "demo.reis"
    window.workbench.close_project()


def test_the_start_page_makes_and_opens_projects(qtbot, settings, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    window = MainWindow(settings)
    qtbot.addWidget(window)
    target = tmp_path / "wijkonderzoek"
    # Qt's own dialogs answer as a user would: a file name, then the first codebook
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda parent, title, label, items, *a: (items[0], True)
    )
    window.start_page.new_button.click()
    assert window.workbench.project.path == target.with_suffix(".reis")
    window.close_project()

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(target.with_suffix(".reis")), "")
    )
    window.start_page.open_button.click()
    assert window.workbench.project.name == "wijkonderzoek"
    window.workbench.close_project()


def test_qt_dialogs_speak_dutch(qtbot):
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import (
        QApplication,
        QCalendarWidget,
        QDialogButtonBox,
        QFileDialog,
        QMessageBox,
    )

    from reiscoder.ui.app import install_qt_translations

    before = QLocale()
    translator = install_qt_translations(QApplication.instance(), "nl")
    try:
        assert translator is not None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "reiscoder",
            "?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        qtbot.addWidget(box)
        buttons = QMessageBox.StandardButton
        assert box.button(buttons.Cancel).text() == "Annuleren"
        assert box.button(buttons.Save).text().replace("&", "") == "Opslaan"
        calendar = QCalendarWidget()
        qtbot.addWidget(calendar)
        calendar.setCurrentPage(2026, 3)
        calendar.show()
        assert calendar.locale().monthName(3) == "maart"
        month = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
        assert month.text() == "maart"
        chooser = QFileDialog()
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog)  # Qt's own, as offscreen
        qtbot.addWidget(chooser)
        texts = {b.text().replace("&", "") for b in chooser.findChild(QDialogButtonBox).buttons()}
        assert texts == {"Openen", "Annuleren"}
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(before)
