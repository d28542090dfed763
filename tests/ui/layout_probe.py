"""Show the main window on the demo project at one size, save a screenshot, and list what is
cut: run by tests/ui/test_layouts.py, in a process of its own for a scale factor
(``QT_SCALE_FACTOR``) to apply. Prints one line of JSON: the problems found."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QToolBar,
    QToolButton,
    QWidget,
)


def cut_widgets(window) -> list[str]:
    """Widgets smaller than they need to be: the Documents panel's fields below their
    height, panels below their minimum size, toolbar buttons in the overflow."""
    problems = []
    documents = window.documents
    fields = [documents.filter_bar.search, *documents.filter_bar.combos.values()]
    for widget in [*fields, *documents.findChildren(QAbstractButton)]:
        if widget.isVisible() and widget.height() < widget.sizeHint().height():
            problems.append(f"{_name(widget)}: {widget.height()} < {widget.sizeHint().height()}")
    for widget in fields:
        if not widget.isVisible():
            problems.append(f"{_name(widget)}: not shown")
    panels = [dock.widget() for dock in window.findChildren(type(window._docks["documents"]))]
    for panel in [*panels, window.transcript]:
        if not panel.isVisible():
            continue
        size, least = panel.size(), panel.minimumSizeHint()
        if size.width() < least.width() or size.height() < least.height():
            problems.append(f"{type(panel).__name__}: {size.toTuple()} < {least.toTuple()}")
    toolbar = window.findChild(QToolBar, "main-toolbar")
    extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if extension is not None and extension.isVisible():
        problems.append("toolbar: buttons in the overflow")
    text_width = window.transcript.editor.viewport().width()
    if text_width < 200:
        problems.append(f"transcript text column: {text_width} px")
    return problems


def _name(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return f"field “{widget.placeholderText()}”"
    if isinstance(widget, QComboBox):
        return f"box “{widget.currentText()}”"
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__} “{text}”"


def main(width: int, height: int, folder: Path, shot: Path) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from reiscoder import i18n
    from reiscoder.demo import build_demo
    from reiscoder.ui.app import make_application
    from reiscoder.ui.main_window import MainWindow
    from reiscoder.ui.settings import Settings

    i18n.set_language("nl")
    app = make_application()
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.coder_name = "Anna de Vries"
    window = MainWindow(settings)
    window.resize(width, height)
    assert window.open_path(build_demo(folder / "demo.reis"))
    window.workbench.show_document(1)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    app.processEvents()
    assert window.grab().save(str(shot))
    problems = cut_widgets(window)
    window.workbench.close_project()
    return problems


if __name__ == "__main__":
    found = main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    print(json.dumps(found))
    QApplication.instance().quit()
