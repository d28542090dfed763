"""Teaching in the app: a locked codebook refuses every edit, and the agreement view compares
the reference with each student, shows the disputed passage in both panes and writes the
grading report."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtTest import QTest
from sqlalchemy import select

from reiscoder.model import Code
from reiscoder.model.project import Project
from reiscoder.ui.analysis import open_analysis_window
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.panels.codebook import CodebookPanel
from reiscoder.ui.workbench import Workbench
from tests.teaching.conftest import build_teacher, hand_out
from tests.teaching.scenario import merged
from tests.ui.analysis_helpers import ready


@pytest.fixture
def room(tmp_path):
    teacher = tmp_path / "docent.reis"
    return hand_out(teacher, tmp_path / "opdrachten", build_teacher(teacher))


def _bench(path, coder):
    bench = Workbench()
    project = Project.open(path)
    bench.set_project(project, coder_in_project(project, coder))
    return bench


def _codebook(bench):
    with bench.reader() as s:
        return sorted(s.execute(select(Code.uuid, Code.name, Code.parent_id)).all())


def test_the_codebook_of_a_copy_cannot_be_changed_in_the_app(qtbot, room):
    bench = _bench(room.copies["Sara"], "Sara")
    try:
        panel = CodebookPanel(bench)
        qtbot.addWidget(panel)
        panel.show()
        assert QTest.qWaitForWindowActive(panel) or True
        bench.project_opened.emit()
        before = _codebook(bench)
        with bench.reader() as s:
            first = s.scalar(select(Code.id).where(Code.name.startswith("1.1 ")))
        panel.select_code(first)
        actions = panel.actions
        assert not actions.actions["new"].isEnabled()
        assert not actions.actions["rename"].isEnabled() and not actions.invivo.isEnabled()
        assert actions.actions["apply"].isEnabled()  # coding stays possible
        assert "vergrendeld" in actions.actions["new"].toolTip()
        assert panel.editor.name.isReadOnly()
        messages = []
        bench.failed.connect(messages.append)
        actions.create("Eigen code", None)  # what the dialog would do, were it enabled
        actions.rename(first, "Anders")
        actions.move([first], None, None)
        qtbot.waitUntil(lambda: len(messages) == 3, timeout=3000)  # rename and move are deferred
        assert all("vergrendeld" in m for m in messages)
        assert _codebook(bench) == before
    finally:
        bench.close_project()


def test_the_agreement_view_compares_the_reference_with_each_student(qtbot, room, tmp_path):
    merged(room)
    bench = _bench(room.teacher, "Docent")
    try:
        window = open_analysis_window(None, bench)
        qtbot.addWidget(window)
        window.resize(1300, 900)
        window.show()
        window.tabs.setCurrentWidget(window.agreement)
        tab = ready(qtbot, window.agreement)
        with bench.reader() as s:
            from reiscoder.model import Coder

            docent = s.scalar(select(Coder.id).where(Coder.name == "Docent"))
        tab.bar.set_reference(docent)
        ready(qtbot, tab)
        assert tab.students_table.isVisible() and tab.grading.isVisible()
        names = [row[0].text for row in tab.students_model.rows]
        assert names == ["Lies", "noor", "Sara", "Tom"]  # noor handed in nothing: still there
        noor = tab.students_model.rows[1]
        assert noor[1].text == "2" and noor[4].text == "0,00"  # 2 documents, kappa 0
        tab.student_chosen(tab.students_model.index(3, 0))
        assert tab.result.coder_names == ("Docent", "Tom")
        assert "elk cijfer berust op 10 zinnen in 2 documenten" in tab.summary.text()
        header = tab.model.header
        assert header[:3] == ["Code", "N", "Overeenstemming"]
        tab.code_chosen(tab.model.index(tab.model.rowCount() - 1, 0))
        texts = [row[1].text for row in tab.disagreements.rows]
        row = texts.index("Ik ken bijna alle bewoners bij naam.")
        index = tab.disagreements.index(row, 0)
        tab.list.setCurrentIndex(index)
        tab.disagreement_chosen(index)
        labels = [label.text() for label, _view in tab.side.views]
        assert "Docent" in labels[0] and "3.1 Nabijheid" in labels[0]
        assert "Tom" in labels[1] and "3.2 Spin in het web" in labels[1]
        qtbot.waitUntil(lambda: all(tab.side.passage_visible()), timeout=3000)
        window.grab().save(str(tmp_path / "agreement.png"))
        # the main-code level: Tom's 3.2 where the reference gave 3.1 now agrees
        tab.bar.main_codes.setChecked(True)
        ready(qtbot, tab)
        assert "Ik ken bijna alle bewoners bij naam." not in [
            r[1].text for r in tab.disagreements.rows
        ]
        target = tab.export_grading(tmp_path / "beoordeling.docx")
        headings = [p.text for p in docx.Document(target).paragraphs if p.style.name == "Heading 1"]
        assert headings[-4:] == ["Lies", "noor", "Sara", "Tom"]
    finally:
        bench.close_project()
