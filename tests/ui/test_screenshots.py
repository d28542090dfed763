"""The main window on the demo project at common screen sizes: saved as PNGs to look at
(out/screenshots/), and checked for English text showing in the Dutch interface."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
)

from reiscoder.catalogue import translated_messages
from reiscoder.demo import build_demo
from reiscoder.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[2] / "out" / "screenshots"


def visible_texts(window: MainWindow) -> set[str]:
    texts = {window.windowTitle()}
    for widget in window.findChildren(QLabel):
        texts.add(widget.text())
    for widget in window.findChildren(QAbstractButton):
        texts.update({widget.text(), widget.toolTip()})
    for widget in window.findChildren(QLineEdit):
        texts.add(widget.placeholderText())
    for widget in window.findChildren(QDockWidget):
        texts.add(widget.windowTitle())
    for bar in window.findChildren(QTabBar):
        texts.update(bar.tabText(i) for i in range(bar.count()))
    for menu in window.findChildren(QMenu):
        texts.add(menu.title())
        texts.update(action.text() for action in menu.actions())
    return {text.replace("&", "") for text in texts if text}


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_main_window_on_the_demo(qtbot, tmp_path, settings, size):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(*size)
    assert window.open_path(build_demo(tmp_path / "demo.reis"))
    window.workbench.show_document(1)
    with qtbot.waitExposed(window):  # a context manager: called bare it waits for nothing
        window.show()
    QApplication.processEvents()  # pending layouts first (else fields show cut in the picture)
    OUT.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(OUT / f"main-window-{size[0]}x{size[1]}.png"))

    english = {
        msgid.replace("&", "")
        for msgid, dutch in translated_messages("nl").items()
        if msgid.replace("&", "") != dutch.replace("&", "")
    }
    assert visible_texts(window) & english == set()
    window.workbench.close_project()
