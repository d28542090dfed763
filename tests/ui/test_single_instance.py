"""One app per user: a second start (a double-click on a .reis) hands its project over."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMessageBox

from reiscoder.ui.single_instance import (
    FileOpenFilter,
    InstanceServer,
    hand_over,
    open_in_window,
)
from tests.factories import new_project
from tests.ui.conftest import CODER

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(qtbot, window):
    """The running app: the window of the conftest with its project, listening."""
    instance = InstanceServer(f"reiscoder-test-{uuid.uuid4().hex[:12]}")
    assert instance.listen()
    instance.requested.connect(lambda wanted: open_in_window(window, wanted))
    yield instance
    instance.close()


def start_reiscoder(name: str, *args: str) -> subprocess.Popen:
    """A second real `reiscoder` process, as a file manager starts it.

    It gets no display at all (Qt's xcb platform without $DISPLAY aborts): handing over must
    come before any window, so that it is quick and cannot fail on the screen.
    """
    env = {**os.environ, "REISCODER_INSTANCE": name, "QT_QPA_PLATFORM": "xcb"}
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(variable, None)
    return subprocess.Popen(
        [sys.executable, "-m", "reiscoder", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for_exit(qtbot, process: subprocess.Popen) -> int:
    """Serve the socket (the event loop runs) until the second process has ended."""
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    finally:
        if process.poll() is None:
            process.kill()
    return process.wait()


def test_a_second_start_opens_its_project_in_the_running_app(qtbot, window, server, tmp_path):
    other = tmp_path / "tweede.reis"
    with new_project(other, coder=CODER):
        pass
    first = window.workbench.project.path
    second = start_reiscoder(server.name, str(other))
    assert wait_for_exit(qtbot, second) == 0, second.stdout.read().decode()
    qtbot.waitUntil(lambda: window.workbench.project.path == other)
    assert not first.with_name(first.name + ".lock").exists()  # the first one was closed
    assert other.with_name("tweede.reis.lock").exists()


def test_a_project_open_already_is_not_opened_twice_but_said(qtbot, window, server):
    opened = window.workbench.project
    second = start_reiscoder(server.name, str(opened.path))
    assert wait_for_exit(qtbot, second) == 0

    def said() -> list[QMessageBox]:
        return [box for box in window.findChildren(QMessageBox) if box.isVisible()]

    qtbot.waitUntil(lambda: bool(said()))
    assert "al geopend" in said()[0].text()
    assert "project.reis" in said()[0].text()
    assert window.workbench.project is opened  # not closed and reopened


def test_a_start_without_a_project_brings_the_running_app_forward(qtbot, window, server):
    window.showMinimized()
    assert hand_over_elsewhere(qtbot, server.name) is True
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert window.workbench.project is not None


def hand_over_elsewhere(qtbot, name: str) -> bool:
    """`hand_over` from a second process (it blocks, and holds Python's lock while it waits)."""
    script = (
        "import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
        "from reiscoder.ui.single_instance import hand_over; "
        "sys.exit(0 if hand_over(None, sys.argv[1]) else 1)"
    )
    process = subprocess.Popen([sys.executable, "-c", script, name], cwd=ROOT)
    return wait_for_exit(qtbot, process) == 0


def test_nobody_listening_means_the_start_opens_its_own_window():
    assert hand_over(None, f"reiscoder-test-{uuid.uuid4().hex}") is False


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave no file behind")
def test_the_socket_left_by_a_crashed_app_is_taken_over(qtbot):
    name = f"reiscoder-test-{uuid.uuid4().hex[:12]}"
    leftover = Path(QDir.tempPath()) / name
    leftover.write_bytes(b"")
    instance = InstanceServer(name)
    try:
        assert instance.listen()
        assert hand_over_elsewhere(qtbot, name) is True
    finally:
        instance.close()


def test_a_garbled_message_is_refused_and_the_app_goes_on(qtbot, window, server):
    requests: list[object] = []
    server.requested.connect(requests.append)
    socket = QLocalSocket()
    socket.connectToServer(server.name)
    assert socket.waitForConnected(5000)
    socket.write(b"not json\n")
    socket.flush()
    qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
    assert requests == []
    assert hand_over_elsewhere(qtbot, server.name) is True
    qtbot.waitUntil(lambda: requests == [None])


def test_a_document_macos_hands_over_as_an_event_is_opened(qtbot, window, tmp_path):
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    other = tmp_path / "derde.reis"
    with new_project(other, coder=CODER):
        pass
    opener = FileOpenFilter()
    opener.requested.connect(lambda wanted: open_in_window(window, wanted))
    app = QApplication.instance()
    app.installEventFilter(opener)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(other)))
    finally:
        app.removeEventFilter(opener)
    assert window.workbench.project.path == other
