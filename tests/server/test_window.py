"""Two coders' windows on one server project: a colleague's coding appears without reloading,
each sees who is here, and a lost connection shows a banner and refuses edits until it is back."""

from __future__ import annotations

from sqlalchemy import select

from reiscoder.model import Document
from reiscoder.model.server_changes import LISTENER_NAME
from reiscoder.ops.codings import apply_coding
from reiscoder.ui.main_window import MainWindow
from tests.factories import code_id

WAIT = 5_000


def _window(qtbot, settings, team, member):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    settings.coder_name = member.capitalize()
    assert window.open_location(team.url(member))
    return window


def _codings_shown(window) -> int:
    return len(window.transcript.codings)


def test_a_colleagues_coding_shows_up_and_presence_is_listed(qtbot, settings, team):
    anna = _window(qtbot, settings, team, "anna")
    fatima = _window(qtbot, settings, team, "fatima")
    with anna.workbench.reader() as session:
        document = session.scalar(select(Document.id))
        code = code_id(session, "1.1")
    anna.workbench.show_document(document)
    fatima.workbench.show_document(document)
    before = _codings_shown(anna)
    coder = fatima.workbench.coder_id

    fatima.workbench.execute(lambda s: apply_coding(s, document, code, coder, 0, 12))

    qtbot.waitUntil(lambda: _codings_shown(anna) == before + 1, timeout=WAIT)
    anna.server_watch.refresh_presence()
    assert "Fatima" in anna.presence.text() and "Anna" in anna.presence.text()
    for window in (anna, fatima):
        window.workbench.close_project()


def test_a_lost_connection_shows_a_banner_and_refuses_edits(qtbot, settings, team):
    window = _window(qtbot, settings, team, "fatima")
    window.show()
    messages = []
    window.workbench.failed.connect(messages.append)
    listener = window.server_watch.listener
    assert listener is not None and listener.connected.wait(10)

    window.workbench.set_offline(True)
    window.server_watch.online_changed.emit(False)
    assert window.banner.isVisible()
    with window.workbench.reader() as session:
        document = session.scalar(select(Document.id))
        code = code_id(session, "1.1")
    coder = window.workbench.coder_id
    assert window.workbench.execute(lambda s: apply_coding(s, document, code, coder, 0, 5)) is None
    assert messages and "verbinding" in messages[0].lower()

    team.sql(  # the server drops the window's listening connection
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE application_name = '{LISTENER_NAME}' AND usename = '{team.login('fatima')}'"
    )
    qtbot.waitUntil(lambda: listener.connected.is_set(), timeout=WAIT * 2)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=WAIT * 2)
    assert window.workbench.execute(lambda s: apply_coding(s, document, code, coder, 0, 5))
    window.workbench.close_project()
