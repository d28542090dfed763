"""In the window: a write the database refuses shows a message (the real message box), the
coding is not made, and nothing else changes; an unexpected error shows the crash dialog and
lands in the log file."""

from __future__ import annotations

import sqlite3
import subprocess
import threading

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event

from reiscoder.ui.crash import CrashHandler
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.settings import Settings
from tests.factories import code_id, dump
from tests.faults.conftest import assert_plain, digest, disk_full, make_project

BODY = "Fatima: " + "We kennen elkaar weer in de buurt. " * 600


def visible_boxes() -> list[QMessageBox]:
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox) and widget.isVisible()
    ]


@pytest.fixture
def window(qtbot, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.coder_name = "Anna"
    main = MainWindow(settings)
    qtbot.addWidget(main)
    assert main.open_path(make_project(tmp_path / "project.reis", body=BODY))
    yield main
    for box in visible_boxes():
        box.done(0)
    main.workbench.close_project()


def state(window: MainWindow) -> dict[str, list[tuple]]:
    window.workbench.project.engine.dispose()  # a fresh look at the file
    with window.workbench.reader() as session:
        return dump(session)


def code_everything(window: MainWindow) -> int | None:
    workbench = window.workbench
    with workbench.reader() as session:
        code = code_id(session, "2.1")
    return workbench.code_selection(1, code, 8, len(BODY) - 1)


def read_only(connection: sqlite3.Connection, _record: object) -> None:
    connection.execute("PRAGMA query_only = ON")  # SQLite's SQLITE_READONLY, as for a file


def assert_refused_with_a_message(qtbot, window, words: str) -> None:
    steps = window.workbench.undo_stack.count()
    assert code_everything(window) is None
    qtbot.waitUntil(lambda: bool(visible_boxes()), timeout=5_000)
    [box] = visible_boxes()
    assert box.windowTitle() == "Niet mogelijk"
    assert box.text().startswith("De wijziging kon niet worden bewaard; er is niets van")
    assert words in box.text()
    assert_plain(box.text())
    QTimer.singleShot(0, lambda: box.button(QMessageBox.StandardButton.Ok).click())
    qtbot.waitUntil(lambda: not visible_boxes(), timeout=5_000)
    assert window.workbench.undo_stack.count() == steps


def test_coding_in_a_project_that_became_read_only_shows_a_message(qtbot, window):
    engine = window.workbench.project.engine
    before = state(window)
    event.listen(engine, "connect", read_only)
    engine.dispose()
    try:
        assert_refused_with_a_message(qtbot, window, "is alleen-lezen")
    finally:
        event.remove(engine, "connect", read_only)
    assert state(window) == before


def test_coding_on_a_full_disk_shows_a_message(qtbot, window):
    before = state(window)
    with disk_full():
        window.workbench.project.engine.dispose()
        assert_refused_with_a_message(qtbot, window, "De schijf is vol")
    assert state(window) == before
    assert code_everything(window) is not None, "with room again, coding works"


def _boom() -> None:
    raise RuntimeError("kapot in een slot")


@pytest.fixture
def crash_handler(log_home):
    handler = CrashHandler()
    handler.install()
    yield handler
    handler.uninstall()
    if handler.box is not None:
        handler.box.done(0)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_and_is_logged(qtbot, crash_handler, log_home):
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: bool(visible_boxes()), timeout=5_000)
    [box] = visible_boxes()
    assert box.windowTitle() == "Er ging iets mis"
    assert box.text().startswith("Er ging iets mis in reiscoder. Je werk tot nu toe is bewaard")
    log = log_home / "logs" / "reiscoder.log"
    assert str(log) in box.text()
    written = log.read_text(encoding="utf-8")
    assert "RuntimeError: kapot in een slot" in written
    assert "Traceback" in written


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_thread_shows_one_dialog_in_the_window_thread(qtbot, crash_handler, log_home):
    threads = [threading.Thread(target=_boom) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: bool(visible_boxes()), timeout=5_000)
    qtbot.wait(50)  # the other two are only logged while the first dialog is open
    assert len(visible_boxes()) == 1
    written = (log_home / "logs" / "reiscoder.log").read_text(encoding="utf-8")
    assert written.count("RuntimeError: kapot in een slot") == 3


def test_an_import_on_a_full_disk_stops_with_a_message_and_stores_nothing(qtbot, window, tmp_path):
    from reiscoder.ui.panels.documents import DocumentsPanel

    transcript = tmp_path / "lang.txt"
    transcript.write_text("Interviewer: Vertel.\nFatima: " + "We praten. " * 20_000 + "\n")
    panel = DocumentsPanel(window.workbench)
    qtbot.addWidget(panel)
    panel.importer.workers = 0
    before = state(window)
    with disk_full():
        window.workbench.project.engine.dispose()
        dialog = panel.import_paths([transcript])
        assert dialog is not None
        dialog.accept()
        qtbot.waitUntil(lambda: not panel.importer.run.running, timeout=30_000)
    shown = panel.importer.progress.headline.text()
    assert "De schijf is vol" in shown
    assert_plain(shown)
    assert state(window) == before


@pytest.fixture
def immutable_project(place):
    """A project file that not even root may write: the file system's immutable flag (root
    passes every permission check, not this one)."""
    path = make_project(place / "project.reis")
    subprocess.run(["chattr", "+i", str(path)], check=True)
    yield path
    subprocess.run(["chattr", "-i", str(path)], check=True)


def answer_when_asked(button: QMessageBox.StandardButton) -> list[str]:
    """Press ``button`` in the question box as soon as it shows; returns what it said."""
    said: list[str] = []

    def look() -> None:
        boxes = visible_boxes()
        if not boxes:
            QTimer.singleShot(20, look)
            return
        said.append(boxes[0].windowTitle() + "\n" + boxes[0].text())
        boxes[0].button(button).click()

    QTimer.singleShot(0, look)
    return said


def test_opening_a_read_only_file_offers_to_open_it_read_only(qtbot, immutable_project):
    from reiscoder.ui.opening import open_project_file

    before = digest(immutable_project)
    said = answer_when_asked(QMessageBox.StandardButton.Yes)
    project = open_project_file(None, immutable_project)
    assert project is not None
    try:
        assert project.read_only
        assert said[0].startswith("Alleen-lezen project\n")
        assert "project.reis is alleen-lezen" in said[0]
        assert said[0].endswith("Alleen-lezen openen? Je kunt dan kijken, maar niets veranderen.")
        assert_plain(said[0])
        with project.reader() as session:
            assert len(dump(session)["codings"]) == 3
    finally:
        project.close()
    assert digest(immutable_project) == before
