"""Coded fragments can be heard: the play button in Coded segments and in Search plays just
that passage; Word and xlsx exports of fragments carry the moment it is spoken."""

from __future__ import annotations

import docx
import openpyxl
from sqlalchemy import select

from reiscoder.model import Document
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from reiscoder.reports.exports import default_options, run_export
from reiscoder.reports.options import ExportKind
from tests.factories import code_id, first_coder_id
from tests.media.projects import timed_project

PASSAGE = "Mijn buurvrouw kookt op vrijdag"


def _coded(path):
    with Project.open(path) as project, project.transaction() as session:
        document = session.scalars(select(Document)).one()
        start = document.text.index(PASSAGE)
        code = code_id(session, "1.3")
        apply_coding(session, document.id, code, first_coder_id(session), start,
                     start + len(PASSAGE))  # fmt: skip
        return code


def test_the_play_button_of_coded_segments_plays_just_the_passage(
    tmp_path, talk, encoded, open_window, qtbot
):
    path, document = timed_project(tmp_path, talk, encoded[".ogg"])
    code = _coded(path)
    window = open_window(path)
    media = window.transcript.media
    segments = window.segments
    segments.show_codes([code])
    qtbot.waitUntil(lambda: segments.model.rowCount() == 1)
    segments.table.setCurrentIndex(segments.proxy.index(0, 0) if hasattr(segments, "proxy")
                                   else segments.table.model().index(0, 0))  # fmt: skip
    with qtbot.waitSignal(media.player.playing_changed, timeout=10_000):
        segments.play_button.click()
    assert window.transcript.view.id == document  # the transcript shows where it is
    start_ms = talk.starts_ms[3]
    assert abs(media.player.position - start_ms) <= 300
    assert start_ms + 1000 < media.player.stop_at < talk.starts_ms[4]
    qtbot.waitUntil(lambda: not media.player.playing, timeout=10_000)  # it stops at the end
    assert abs(media.player.position - media.player.stop_at if media.player.stop_at else 0) < 400


def test_the_play_button_of_search_results(tmp_path, talk, encoded, open_window, qtbot):
    path, _document = timed_project(tmp_path, talk, encoded[".mp3"])
    window = open_window(path)
    media = window.transcript.media
    search = window.search
    search.search("buurvrouw")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1, timeout=10_000)
    search.table.setCurrentIndex(search.table.model().index(0, 0))
    with qtbot.waitSignal(media.player.playing_changed, timeout=10_000):
        search.play_button.click()
    assert abs(media.player.position - talk.starts_ms[3]) <= 300


def test_exports_of_fragments_carry_the_time(tmp_path, talk, encoded):
    path, _document = timed_project(tmp_path, talk, encoded[".mp3"])
    _coded(path)
    spoken = talk.starts_ms[3] // 1000
    stamp = f"00:00:{spoken:02d}"
    with Project.open(path, read_only=True) as project:
        run_export(project, ExportKind.FRAGMENTS, default_options(ExportKind.FRAGMENTS),
                   tmp_path / "fragmenten.docx")  # fmt: skip
        run_export(project, ExportKind.CODINGS_XLSX, default_options(ExportKind.CODINGS_XLSX),
                   tmp_path / "coderingen.xlsx")  # fmt: skip
    text = "\n".join(p.text for p in docx.Document(tmp_path / "fragmenten.docx").paragraphs)
    assert PASSAGE in text and stamp in text
    sheet = openpyxl.load_workbook(tmp_path / "coderingen.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Tijd")
    assert [row[column] for row in rows[1:]] == [stamp]
