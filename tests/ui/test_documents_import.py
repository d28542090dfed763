"""Importing from the Documents panel: the dialog with attributes, a dropped file, progress,
a per-file report, cancelling, files imported before, and sentences finished on opening."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select, update

from reiscoder.model import AttributeValue, Document, SegmentationState, Sentence, Speaker
from reiscoder.model.project import Project
from reiscoder.ui.opening import coder_in_project
from reiscoder.ui.panels.documents import DocumentsPanel
from reiscoder.ui.workbench import Workbench
from tests.factories import add_document, new_project
from tests.ui.conftest import CODER

WAIT = 30_000  # ms; a first import may start worker processes

INTERVIEW = (
    "Interviewer: Hoe gaat het met de bewoners in de straat?\n"
    "Fatima: Goed. De huizen zijn opgeknapt, o.a. aan het plein. Maar we gingen vroeger "
    "vaker bij elkaar langs... Nu minder.\n"
    "Interviewer: Waarom?\n"
    "Fatima: Iedereen werkt. [lacht] Mevr. De Boer zegt het ook.\n"
)
VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>Wat doet u hier in de wijk?

00:00:04.500 --> 00:00:09.000
<v Marco>Ik ben jongerenwerker. Ik sta elke dinsdag op het plein.
"""


def _txt(folder: Path, name: str = "fatima.txt", text: str = INTERVIEW) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _vtt(folder: Path) -> Path:
    path = folder / "marco.vtt"
    path.write_text(VTT, encoding="utf-8")
    return path


def _docx(folder: Path, name: str = "henk.docx") -> Path:
    path = folder / name
    document = docx.Document()
    document.add_paragraph("Interviewer: Wat doet u hier?")
    document.add_paragraph("Henk: Ik werk in de moestuin. Samen met kinderen.")
    document.save(path)
    return path


def _broken(folder: Path) -> Path:
    path = folder / "kapot.docx"
    path.write_bytes(b"PK\x03\x04 dit is geen echt docx-bestand")
    return path


@pytest.fixture
def panel(qtbot, workbench):
    panel = DocumentsPanel(workbench)
    qtbot.addWidget(panel)
    panel.resize(1000, 400)
    panel.show()
    panel.importer.workers = 0  # sentences in the import thread; one test uses processes
    yield panel
    for run in (panel.importer.run, panel.segment_run):
        if run is not None:
            run.cancel()
            run.wait(WAIT / 1000)


def _import(qtbot, panel: DocumentsPanel, paths: list[Path], **attributes: str) -> list:
    dialog = panel.import_paths(paths)
    assert dialog is not None and dialog.isVisible()
    for name, value in attributes.items():
        dialog.form.field(name).set_value(value)
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT) as blocker:
        dialog.accept()
    return blocker.args[0]


def _names(workbench) -> list[str]:
    with workbench.reader() as session:
        return list(session.scalars(select(Document.name).order_by(Document.id)))


def _drop(panel: DocumentsPanel, paths: list[Path]) -> QDropEvent:
    """Drag files over the table and drop them there, as a file manager would."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    target = panel.table.viewport()
    point = target.rect().center()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, data, buttons, modifiers)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, data, buttons, modifiers)
    QApplication.sendEvent(target, drop)
    return drop


def test_import_with_attributes_adds_rows(qtbot, panel, workbench, tmp_path):
    files = [_txt(tmp_path), _vtt(tmp_path), _docx(tmp_path)]
    reports = _import(
        qtbot, panel, files, Etappe="2 Sociale innovatie", Wijk="Delfshaven", Datum="2026-03-12"
    )
    assert [r.status.value for r in reports] == ["imported"] * 3
    assert panel.visible_names()[2:] == ["fatima", "marco", "henk"]
    with workbench.reader() as session:
        ids = [r.document_id for r in reports]
        values = session.scalars(
            select(AttributeValue.value).where(AttributeValue.document_id == ids[1])
        )
        assert set(values) == {"2 Sociale innovatie", "Delfshaven", "2026-03-12"}
        speakers = session.scalars(select(Speaker.label).where(Speaker.document_id == ids[1]))
        assert set(speakers) == {"Interviewer", "Marco"}
        assert session.scalar(
            select(func.count()).select_from(Sentence).where(Sentence.document_id == ids[0])
        )
    row = panel.model.row_at(panel.model.row_of(ids[0]))
    assert not row.segmenting
    progress = panel.importer.progress
    assert progress.headline.text() == "Klaar: 3 geïmporteerd"
    assert progress.result_of(files[2]) == "Geïmporteerd"


def test_a_synthetic_drop_opens_the_import_dialog(qtbot, panel, workbench, tmp_path):
    path = _txt(tmp_path)
    event = _drop(panel, [path])
    assert event.isAccepted()
    dialog = panel.importer.dialog
    assert dialog is not None and dialog.paths == [path]
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT):
        dialog.accept()
    assert "fatima" in panel.visible_names()


def test_dropping_a_folder_imports_the_transcripts_in_it(qtbot, panel, tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    _txt(folder)
    _docx(folder)
    (folder / "notities.xlsx").write_bytes(b"no transcript")
    _drop(panel, [folder])
    assert [p.name for p in panel.importer.dialog.paths] == ["fatima.txt", "henk.docx"]


def test_a_corrupt_file_is_reported_and_the_rest_imports(qtbot, panel, workbench, tmp_path):
    broken, good = _broken(tmp_path), _txt(tmp_path)
    reports = _import(qtbot, panel, [broken, good])
    assert [r.status.value for r in reports] == ["failed", "imported"]
    assert _names(workbench) == ["Interview Fatima", "Interview Henk", "fatima"]
    progress = panel.importer.progress
    assert progress.result_of(broken) == reports[0].message
    assert "beschadigd" in reports[0].message or "geen" in reports[0].message
    assert progress.headline.text() == "Klaar: 1 geïmporteerd, 1 mislukt"


def test_each_document_is_listed_as_soon_as_it_is_stored(qtbot, panel, tmp_path):
    seen = []

    def watch(run):
        def stored(report, _done, _total):  # queued: runs in the GUI thread after the panel's
            seen.append(panel.model.row_of(report.document_id) is not None)

        run.stored.connect(stored)

    panel.importer.started.connect(watch)
    _import(qtbot, panel, [_txt(tmp_path), _docx(tmp_path)])
    assert seen == [True, True]


def test_cancel_stops_before_the_remaining_files(qtbot, panel, workbench, tmp_path):
    files = [_txt(tmp_path, f"gesprek{n}.txt", INTERVIEW + f"R: nummer {n}\n") for n in range(4)]

    def cancel_after_first(run):
        # runs in the worker thread, so the flag is set before the next file starts
        run.stored.connect(lambda *_args: run.cancel(), Qt.ConnectionType.DirectConnection)

    panel.importer.started.connect(cancel_after_first)
    reports = _import(qtbot, panel, files)
    assert [r.status.value for r in reports] == ["imported"] + ["cancelled"] * 3
    assert _names(workbench)[2:] == ["gesprek0"]
    progress = panel.importer.progress
    assert progress.result_of(files[3]) == "Geannuleerd: niet geïmporteerd"


def test_the_cancel_button_asks_the_run_to_stop(qtbot, panel, tmp_path):
    dialog = panel.import_paths([_txt(tmp_path)])
    runs = []
    panel.importer.started.connect(runs.append)
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT):
        dialog.accept()
        panel.importer.progress.cancel_button.click()
    assert runs[0].cancelled


def test_a_file_imported_before_asks_and_imports_again_when_wanted(
    qtbot, panel, workbench, tmp_path
):
    path = _txt(tmp_path)
    _import(qtbot, panel, [path])
    dialog = panel.import_paths([path])
    dialog.accept()
    qtbot.waitUntil(lambda: panel.importer.question is not None, timeout=WAIT)
    question = panel.importer.question
    assert "1 bestand is al eerder geïmporteerd" in question.text()
    assert "fatima" in question.informativeText()
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT) as blocker:
        panel.importer.again_button.click()
    assert [r.status.value for r in blocker.args[0]] == ["imported"]
    assert _names(workbench)[2:] == ["fatima", "fatima (2)"]


def test_a_file_imported_before_is_skipped_when_not_wanted(qtbot, panel, workbench, tmp_path):
    path = _txt(tmp_path)
    _import(qtbot, panel, [path])
    panel.import_paths([path]).accept()
    qtbot.waitUntil(lambda: panel.importer.question is not None, timeout=WAIT)
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT) as blocker:
        panel.importer.question.reject()
    assert [r.status.value for r in blocker.args[0]] == ["duplicate"]
    assert _names(workbench)[2:] == ["fatima"]
    assert (
        panel.importer.progress.headline.text() == "Klaar: 0 geïmporteerd, 1 al eerder geïmporteerd"
    )


def test_speaker_options_of_the_import_dialog(qtbot, panel, workbench, tmp_path):
    path = _txt(tmp_path, "thema.txt", "Thema: wonen\nJan: Ik woon hier.\nAnna: Ik ook.\n")
    dialog = panel.import_paths([path])
    dialog.speakers.setText("Jan, Anna")
    dialog.not_speakers.setText("Thema")
    patterns = dialog.patterns()
    assert patterns.speakers == ("Jan", "Anna")
    assert "thema" in patterns.not_speakers
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT) as blocker:
        dialog.accept()
    with workbench.reader() as session:
        labels = session.scalars(
            select(Speaker.label).where(Speaker.document_id == blocker.args[0][0].document_id)
        )
        assert set(labels) == {"Jan", "Anna"}


def test_import_with_worker_processes(qtbot, panel, workbench, tmp_path):
    panel.importer.workers = 1
    reports = _import(qtbot, panel, [_txt(tmp_path), _docx(tmp_path)])
    assert [r.status.value for r in reports] == ["imported", "imported"]
    with workbench.reader() as session:
        states = session.scalars(select(Document.segmentation).where(Document.id > 2))
        assert set(states) == {SegmentationState.READY}


def test_segmentation_interrupted_earlier_is_finished_when_the_project_opens(qtbot, tmp_path):
    path = tmp_path / "p.reis"
    with new_project(path) as project, project.transaction() as session:
        for name in ("Eerste", "Tweede"):
            add_document(session, name)
        session.execute(update(Document).values(segmentation=SegmentationState.SEGMENTING))
    bench = Workbench()
    panel = DocumentsPanel(bench)
    qtbot.addWidget(panel)
    panel.show()
    project = Project.open(path)
    try:
        bench.set_project(project, coder_in_project(project, CODER))
        run = panel.segment_run
        assert run is not None
        assert panel.model.row_at(0).segmenting
        qtbot.waitUntil(lambda: not run.running, timeout=WAIT)
        assert not any(row.segmenting for row in panel.model.table.rows)
        assert panel.status.work.text() == ""
        with bench.reader() as session:
            assert session.scalar(select(func.count()).select_from(Sentence)) > 4
    finally:
        bench.close_project()


def test_in_the_main_window_a_dropped_file_can_be_opened_at_once(qtbot, window, tmp_path):
    window.show()
    panel = window.documents
    panel.importer.workers = 0
    _drop(panel, [_vtt(tmp_path)])
    with qtbot.waitSignal(panel.importer.finished, timeout=WAIT) as blocker:
        panel.importer.dialog.accept()
    document_id = blocker.args[0][0].document_id
    index = panel.proxy.index(panel.visible_names().index("marco"), 0)
    panel.open_index(index)
    assert window.workbench.current_document_id == document_id
    assert "Ik ben jongerenwerker." in window.transcript.editor.toPlainText()
