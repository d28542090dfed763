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
