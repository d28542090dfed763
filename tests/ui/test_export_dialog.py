"""File > Export: pick an export, see what it will hold, write it off the GUI thread."""

from __future__ import annotations

import docx
import pytest

from reiscoder.demo import build_demo
from reiscoder.model.project import Project
from reiscoder.reports.options import ExportKind
from reiscoder.ui.exporting.dialog import ExportDialog
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.workbench import Workbench
from tests.ui.conftest import CODER


@pytest.fixture
def demo_bench(qtbot, tmp_path):
    bench = Workbench()
    project = Project.open(build_demo(tmp_path / "demo.reis"))
    bench.set_project(project, coder_in_project(project, CODER))
    yield bench
    bench.close_project()


def test_fragments_of_the_chosen_code_are_previewed_and_written(qtbot, demo_bench, tmp_path):
    demo_bench.selected_code_ids = [_code(demo_bench, "2.5")]
    dialog = ExportDialog(demo_bench)
    qtbot.addWidget(dialog)
    dialog.set_kind(ExportKind.FRAGMENTS)
    dialog.only_codes.setChecked(True)
    assert "3 coderingen" in dialog.preview_label.text()
    target = tmp_path / "fragmenten.docx"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_to(target)
    assert done.args[0].path == target
    quotes = [p.text for p in docx.Document(target).paragraphs if p.style.name == "Quote"]
    assert len(quotes) == 3
    assert any("drie formulieren invullen" in quote for quote in quotes)


def test_cancel_writes_nothing(qtbot, demo_bench, tmp_path):
    dialog = ExportDialog(demo_bench)
    qtbot.addWidget(dialog)
    dialog.set_kind(ExportKind.TRANSCRIPT)
    dialog.cancel()  # pressed at once: the export stops at its first step
    target = tmp_path / "transcript.docx"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_to(target)
    assert done.args[0] is None
    assert not target.exists() and list(tmp_path.glob("*.docx")) == []
    assert dialog.preview_label.text() == "Exporteren afgebroken; er is niets geschreven."
    assert dialog.export_button.isEnabled()


def _code(bench: Workbench, number: str) -> int:
    from sqlalchemy import select

    from reiscoder.model import Code

    with bench.reader() as session:
        return session.scalar(select(Code.id).where(Code.name.startswith(number + " ")))


def test_analysis_report_from_the_menu(qtbot, demo_bench, tmp_path):
    from PySide6.QtWidgets import QWidget

    from reiscoder.ui.exporting.analysis import write_analysis_report
    from reiscoder.ui.tasks import wait_for_tasks

    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "analyse.docx"
    write_analysis_report(parent, demo_bench, target)
    assert wait_for_tasks(30_000)
    qtbot.waitUntil(target.exists, timeout=5_000)
    assert docx.Document(target).paragraphs


def test_the_analysis_report_is_one_of_the_exports(qtbot, demo_bench, tmp_path):
    dialog = ExportDialog(demo_bench)
    qtbot.addWidget(dialog)
    dialog.set_kind(ExportKind.ANALYSIS)
    assert set(dialog.toggles) == {"charts", "agreement", "networks"}
    assert "25 codes" in dialog.preview_label.text()
    target = tmp_path / "analyse.docx"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_to(target)
    assert done.args[0] is not None and target.exists()
