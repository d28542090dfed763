"""Colleagues' changes as they happen: the server's notifications, heard in a thread.

Every write on the server notifies the channel ``reiscoder_changes`` once per table and
transaction (see :mod:`reiscoder.model.postgres`), naming the window it came from. A
:class:`ChangeListener` hears them on a connection of its own, leaves out this window's own,
and reports the others (table, who) to a callback; it also reports when the connection is
lost and when it is back, and then keeps trying to reconnect.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import psycopg

from reiscoder.model.postgres import CHANNEL
from reiscoder.model.server import ServerInfo, conninfo

OnChange = Callable[[str, str], None]  # table, login
OnConnection = Callable[[bool], None]  # True: connected (again), False: lost
POLL_SECONDS = 0.2
LISTENER_NAME = "reiscoder-listener"
RETRY_SECONDS = 2.0


class ChangeListener:
    def __init__(self, info: ServerInfo, on_change: OnChange, on_connection: OnConnection) -> None:
        self.info = info
        self.on_change = on_change
        self.on_connection = on_connection
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reiscoder-listen", daemon=True)
        self.connected = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        was_connected = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(
                    conninfo(self.info.url), autocommit=True, application_name=LISTENER_NAME
                ) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    if not was_connected:
                        self.on_connection(True)
                    was_connected = True
                    self._hear(connection)
            except psycopg.Error:
                self.connected.clear()
                if was_connected:
                    self.on_connection(False)
                was_connected = False
                self._stop.wait(RETRY_SECONDS)

    def _hear(self, connection: psycopg.Connection) -> None:
        while not self._stop.is_set():
            for notification in connection.notifies(timeout=POLL_SECONDS):
                self._deliver(notification.payload)
            connection.execute("SELECT 1")  # notices a lost connection between notifications

    def _deliver(self, payload: str) -> None:
        try:
            message = json.loads(payload)
        except ValueError:
            return
        if message.get("client") == self.info.client:
            return  # this window's own change: it was announced here already
        self.on_change(str(message.get("table", "")), str(message.get("login", "")))
