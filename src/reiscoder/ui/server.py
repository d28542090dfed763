"""A project on a server in the window: opening it, colleagues' changes live, who is here.

:class:`ServerWatch` hears the server's change notifications in a thread (see
:mod:`reiscoder.model.server_changes`) and hands them to the workbench's gateway on the GUI
thread, so every panel refreshes through the change bus as for the window's own changes.
When the connection is lost a banner says so and edits are refused until it is back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from reiscoder.i18n import _
from reiscoder.model.server import who_is_here
from reiscoder.model.server_changes import ChangeListener
from reiscoder.ops.bus import Change, ChangeKind
from reiscoder.ops.changes import TABLE_TOPICS
from reiscoder.ui.workbench import Workbench

PRESENCE_MS = 10_000


class ServerWatch(QObject):
    """Follows the server of the open project, if it is on one."""

    heard = Signal(str, str)  # table, login: from the listener's thread
    connection = Signal(bool)  # from the listener's thread
    presence_changed = Signal(list)  # coder names
    online_changed = Signal(bool)

    def __init__(self, workbench: Workbench) -> None:
        super().__init__(workbench)
        self.workbench = workbench
        self.listener: ChangeListener | None = None
        self.present: list[str] = []
        self.heard.connect(self._heard)
        self.connection.connect(self._connection)
        self.timer = QTimer(self)
        self.timer.setInterval(PRESENCE_MS)
        self.timer.timeout.connect(self.refresh_presence)
        workbench.project_opened.connect(self._opened)
        workbench.project_closing.connect(self.stop)

    def _opened(self) -> None:
        project = self.workbench.project
        if project is None or project.server is None:
            return
        self.listener = ChangeListener(project.server, self.heard.emit, self.connection.emit)
        self.listener.start()
        self.timer.start()
        self.refresh_presence()

    def stop(self) -> None:
        self.timer.stop()
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        self.present = []
        self.presence_changed.emit([])

    def _heard(self, table: str, login: str) -> None:
        if self.workbench.gateway is None:
            return
        topic = TABLE_TOPICS.get(table)
        if topic is not None:
            change = Change(ChangeKind.REMOTE, login, frozenset({topic}))
            self.workbench.gateway.receive(change)
        if table == "coders":
            self.refresh_presence()

    def _connection(self, connected: bool) -> None:
        self.workbench.set_offline(not connected)
        self.online_changed.emit(connected)
        if connected and self.workbench.gateway is not None:
            # What happened while we were away: every panel reads the project again.
            self.workbench.gateway.receive(
                Change(ChangeKind.REMOTE, "", frozenset(TABLE_TOPICS.values()))
            )
            self.refresh_presence()

    def refresh_presence(self) -> None:
        project = self.workbench.project
        if project is None or project.server is None or self.workbench.offline:
            return
        try:
            names = who_is_here(project)
        except Exception:
            return
        if names != self.present:
            self.present = names
            self.presence_changed.emit(names)


class ServerDialog(QDialog):
    """File > Open on a server…: host, port, database, login and encryption."""

    SSL_MODES = ("prefer", "require", "verify-full", "disable")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open a project on a server"))
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.ssl = QComboBox()
        for mode in self.SSL_MODES:
            self.ssl.addItem(mode, mode)
        form = QFormLayout()
        form.addRow(_("Server"), self.host)
        form.addRow(_("Port"), self.port)
        form.addRow(_("Database"), self.database)
        form.addRow(_("Login"), self.user)
        form.addRow(_("Encryption (sslmode)"), self.ssl)
        note = QLabel(
            _(
                "The password comes from your .pgpass file or your system's keyring "
                "(reiscoder server password URL); it is never saved in the settings."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def url(self) -> str:
        query = {"sslmode": self.ssl.currentData()}
        url = URL.create(
            "postgresql",
            username=self.user.text().strip() or None,
            host=self.host.text().strip() or None,
            port=self.port.value(),
            database=self.database.text().strip() or None,
            query=query,
        )
        return url.render_as_string(hide_password=False)
