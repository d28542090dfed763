"""The network view on the demo project: built and laid out, a node dragged with the mouse
and kept after reopening, undo, a click listing the fragments, pictures exported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from reiscoder.demo import build_demo
from reiscoder.model import Code, Coding
from reiscoder.model.project import Project
from reiscoder.ops.relations import add_relation
from reiscoder.read.networks import codes_in_use, load_networks, node_positions
from reiscoder.ui.network import NetworkWindow
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.workbench import Workbench
from tests.ui.conftest import CODER

OUT = Path(__file__).resolve().parents[2] / "out" / "screenshots"


@pytest.fixture
def demo(tmp_path):
    return build_demo(tmp_path / "demo.reis")


def _open(qtbot, path) -> tuple[Workbench, NetworkWindow]:
    bench = Workbench()
    project = Project.open(path)
    bench.set_project(project, coder_in_project(project, CODER))
    window = NetworkWindow(bench)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return bench, window


def _drag(window: NetworkWindow, code_id: int, by: QPoint) -> None:
    """Press on the node, move the mouse with the button held, let go."""
    view = window.view
    start = view.mapFromScene(window.scene.nodes[code_id].pos())
    end = start + by
    viewport = view.viewport()
    for kind, where, buttons in (
        (QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, start + by / 2, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, end, Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton),
    ):
        event = QMouseEvent(
            kind,
            QPointF(where),
            QPointF(viewport.mapToGlobal(where)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)


def test_network_of_the_demo_moved_by_hand_and_kept(qtbot, demo):
    bench, window = _open(qtbot, demo)
    with bench.reader() as session:
        codes = codes_in_use(session)
        causes = session.scalar(select(Code.id).where(Code.name.startswith("1.4")))
        polar = session.scalar(select(Code.id).where(Code.name.startswith("5.1")))
    assert len(codes) > 5
    network_id = window.new_network("Samenhang en druk", codes)
    assert network_id is not None and len(window.scene.nodes) == len(codes)
    bench.execute(lambda s: add_relation(s, causes, polar, "cause", memo="Onder druk"))
    labels = [e.label.text() for e in window.scene.edges if e.edge.relation_id is not None]
    assert labels == ["is oorzaak van"]
    # a fresh layout keeps nodes apart
    spots = list(window.scene.positions().values())
    assert len({(round(x), round(y)) for x, y in spots}) == len(spots)

    moved = codes[0]
    before = window.scene.nodes[moved].pos()
    _drag(window, moved, QPoint(60, 40))
    with bench.reader() as session:
        saved = node_positions(session, network_id)[moved]
    assert saved != (before.x(), before.y())
    delta = window.view.mapToScene(QPoint(60, 40)) - window.view.mapToScene(QPoint(0, 0))
    assert saved == (round(before.x() + delta.x()), round(before.y() + delta.y()))
    assert bench.undo_stack.undoText().startswith("Een code verplaatsen in netwerk")

    bench.undo()  # back, in the database and on screen
    assert window.scene.nodes[moved].pos() == before
    bench.redo()
    assert window.scene.nodes[moved].pos() == QPointF(*saved)

    OUT.mkdir(parents=True, exist_ok=True)
    window.cooccurrence.setCurrentIndex(3)  # in one turn
    assert any(e.edge.strength for e in window.scene.edges)
    assert window.grab().save(str(OUT / "network-demo.png"))
    bench.close_project()
    window.close()

    bench, window = _open(qtbot, demo)  # reopened: the node is where it was put
    assert [n.name for n in load_networks_of(bench)] == ["Samenhang en druk"]
    assert window.scene.nodes[moved].pos() == QPointF(*saved)
    bench.close_project()


def load_networks_of(bench: Workbench):
    with bench.reader() as session:
        return load_networks(session)


def test_clicking_a_node_lists_its_fragments_and_pictures_export(qtbot, demo, tmp_path):
    bench, window = _open(qtbot, demo)
    with bench.reader() as session:
        codes = codes_in_use(session)
        busiest = session.execute(
            select(Coding.code_id, func.count())
            .group_by(Coding.code_id)
            .order_by(func.count().desc())
        ).first()
    window.new_network("Alles", codes)
    chosen = []
    bench.codes_selected.connect(chosen.append)
    item = window.scene.nodes[busiest[0]]
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.mapFromScene(item.pos())
    )
    assert window.fragments.count() == busiest[1] > 0
    assert chosen == [[busiest[0]]]
    assert f"{busiest[1]} fragmenten" in window.fragments_title.text()
    # the biggest node is the busiest code
    assert max(window.scene.nodes.values(), key=lambda n: n.node.radius) is item

    window.export_picture(tmp_path / "netwerk.png")
    window.export_picture(tmp_path / "netwerk.svg")
    assert (tmp_path / "netwerk.png").read_bytes().startswith(b"\x89PNG")
    svg = (tmp_path / "netwerk.svg").read_text(encoding="utf-8")
    assert "<svg" in svg
    bench.close_project()


def test_without_a_network_the_view_says_how_to_make_one(qtbot, demo):
    bench, window = _open(qtbot, demo)
    assert window.current_network_id() is None and not window.scene.nodes
    texts = [i.toPlainText() for i in window.scene.items() if hasattr(i, "toPlainText")]
    assert any("Nieuw netwerk" in t for t in texts)
    bench.close_project()


def test_a_word_cloud_of_a_code_shown_and_saved(qtbot, demo, tmp_path):
    from reiscoder.ui.network.cloud_dialog import WordCloudDialog

    bench = Workbench()
    project = Project.open(demo)
    bench.set_project(project, coder_in_project(project, CODER))
    dialog = WordCloudDialog(bench)
    qtbot.addWidget(dialog)
    dialog.show()
    whole = dict(dialog.cloud.words)
    dialog.of.setCurrentIndex(dialog.of.findText("Code: 3.2 Spin in het web, verbinden"))
    assert dialog.cloud is not None and 0 < len(dialog.cloud.words) < len(whole)
    roles = [
        dialog.of.itemText(i) for i in range(dialog.of.count()) if "Rol" in dialog.of.itemText(i)
    ]
    assert "Rol: bewoner" in roles
    dialog.save_to(tmp_path / "wolk.svg")
    assert "<svg" in (tmp_path / "wolk.svg").read_text(encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(OUT / "word-cloud-dialog.png"))
    bench.close_project()
