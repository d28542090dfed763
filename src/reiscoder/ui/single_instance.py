"""One reiscoder per user: starting it again hands the project to the app that runs already.

Double-clicking a second ``.reis`` file (or starting reiscoder from the menu again) starts a
second process; it connects to the running app's local socket, sends the path and ends. The
running app opens that project, or says it has it open already, and comes to the front.
The socket is private to the user; ``REISCODER_INSTANCE`` names another one, so that two
independent apps can run side by side (tests, the smoke test of the bundle).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMainWindow

from reiscoder.i18n import _
from reiscoder.ui.messages import inform

TIMEOUT_MS = 5000
ANSWER = b"ok\n"


def instance_name() -> str:
    """The name of this user's socket (a file in the temp folder, a named pipe on Windows)."""
    override = os.environ.get("REISCODER_INSTANCE")
    if override:
        return override
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(Path.home())
    return "reiscoder-" + hashlib.sha256(user.encode()).hexdigest()[:16]


def hand_over(path: Path | None, name: str) -> bool:
    """Ask the running app behind ``name`` to open ``path``; True when it took it."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    message = {"open": str(Path(path).resolve()) if path is not None else None}
    socket.write(json.dumps(message).encode() + b"\n")
    socket.waitForBytesWritten(TIMEOUT_MS)
    answer = b""
    while not answer.endswith(b"\n"):
        if not socket.bytesAvailable() and not socket.waitForReadyRead(TIMEOUT_MS):
            break
        answer += socket.readAll().data()
    answer += socket.readAll().data()
    socket.abort()
    return answer == ANSWER


class InstanceServer(QObject):
    """Listens for later starts; ``requested`` carries the path they want opened (or None)."""

    requested = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; call it only after :func:`hand_over` found nobody there."""
        if self._server.listen(self.name):
            return True
        # A socket file left by an app that crashed: nobody answered on it, so take it over.
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = socket.readLine().data()
        try:
            wanted = json.loads(line)["open"]
        except (ValueError, KeyError, TypeError):
            socket.abort()
            return
        socket.write(ANSWER)  # the other side hangs up once it has read this
        socket.flush()
        self.requested.emit(Path(wanted) if isinstance(wanted, str) else None)


class FileOpenFilter(QObject):
    """macOS hands a double-clicked document to the running .app as an event, not argv."""

    requested = Signal(object)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            wanted = event.file()  # type: ignore[attr-defined]
            if wanted:
                self.requested.emit(Path(wanted))
                return True
        return super().eventFilter(watched, event)


def open_in_window(window: QMainWindow, path: Path | None) -> None:
    """What the running app does for a later start: come forward, open or say it is open."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    if path is None:
        return
    project = window.workbench.project  # type: ignore[attr-defined]
    if project is not None and _same_file(project.path, path):
        inform(
            window,
            _("Project already open"),
            _("{name} is already open in this window.").format(name=path.name),
        )
        return
    window.open_path(path)  # type: ignore[attr-defined]


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or first.samefile(second)
    except OSError:
        return False
