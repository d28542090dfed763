"""After a coding, each panel refreshes only the row, count or highlight that changed (from
the row images on the change bus). What it then shows must equal what a full reload shows:
after applying a code with Ctrl+Return, after undo and redo, and after a bulk write (an
import) that carries no row images and makes every panel reload."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, select

from reiscoder.ingest.store import store_transcript
from reiscoder.model import Code, Coding
from reiscoder.parsing import parse_text
from reiscoder.ui.codebook.model import Column
from reiscoder.ui.documents.table_model import ID_ROLE
from tests.factories import SAMPLE_TEXT, code_id, first_coder_id


def _shown(window) -> dict:
    """What a user sees of the codings in every panel."""
    QApplication.processEvents()
    transcript = window.transcript
    editor = transcript.editor
    backgrounds = []
    cursor = editor.textCursor()
    for position in range(1, len(editor.toPlainText())):
        cursor.setPosition(editor.map.to_qt(position))
        backgrounds.append(cursor.charFormat().background().color().name())
    codebook = window.codebook.model
    counts = {}
    for node in codebook.codebook.walk():
        index = codebook.index_of(node.id, Column.CODINGS)
        documents = index.siblingAtColumn(Column.DOCUMENTS)
        counts[node.id] = (index.data(), documents.data(), index.data(Qt.ItemDataRole.ToolTipRole))
    documents = window.documents.model
    column = documents.column_of("codings")
    segments = window.segments
    return {
        "highlights": backgrounds,
        "codings": sorted((c.id, c.code_id, c.start, c.end) for c in transcript.codings),
        "brackets": sorted((b.coding.id, b.column) for b in transcript.margin.brackets()),
        "status": transcript.status.text(),
        "codebook": counts,
        "code shown": window.codebook.editor.counts.text(),
        "documents": {
            documents.index(row, 0).data(ID_ROLE): documents.index(row, column).data()
            for row in range(documents.rowCount())
        },
        "segments": [r.coding_id for r in segments.model.rows],
        "segments count": segments.count.text(),
    }


def _reloaded(window) -> dict:
    """What the panels show after reading everything again."""
    window.transcript._reload_codings()
    window.codebook.reload()
    window.segments.reload()
    window.documents.refresh()
    return _shown(window)


def _prepare(qtbot, window, code_prefix: str) -> int:
    window.show()
    qtbot.waitExposed(window)
    window.workbench.show_document(1)
    with window.workbench.reader() as session:
        code = code_id(session, code_prefix)
    window.codebook.select_code(code)
    qtbot.waitUntil(lambda: window.segments.code_ids == [code])
    return code


def _code_with_ctrl_return(window, start: int, end: int) -> None:
    editor = window.transcript.editor
    editor.setFocus()
    editor.select_range(start, end)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_after_ctrl_return_undo_and_redo_every_panel_shows_what_a_reload_shows(qtbot, window):
    code = _prepare(qtbot, window, "1.1")
    before = _shown(window)
    word = SAMPLE_TEXT.index("voedselbank")
    _code_with_ctrl_return(window, word, word + len("voedselbank"))

    after = _shown(window)
    with window.workbench.reader() as session:
        new = session.scalar(select(Coding.id).where(Coding.start == word))
    assert new is not None
    assert (new, code, word, word + len("voedselbank")) in after["codings"]
    assert new in [coding for coding, _column in after["brackets"]]
    assert after["highlights"] != before["highlights"]  # the word got its colour
    assert after["codebook"][code][0] == str(int(before["codebook"][code][0]) + 1)
    assert new in after["segments"]
    assert after["documents"][1] == str(int(before["documents"][1]) + 1)
    assert after == _reloaded(window)

    window.workbench.undo_stack.undo()
    undone = _shown(window)
    assert new not in undone["segments"]
    assert undone == before
    assert undone == _reloaded(window)

    window.workbench.undo_stack.redo()
    redone = _shown(window)
    assert redone["codebook"] == after["codebook"]
    assert len(redone["segments"]) == len(after["segments"])
    assert redone == _reloaded(window)


def test_a_code_on_another_document_and_a_removal_refresh_just_as_a_reload(qtbot, window):
    _prepare(qtbot, window, "1.3")
    with window.workbench.reader() as session:
        other_code = code_id(session, "5.2")
        coder = first_coder_id(session)
    before = _shown(window)
    new = window.workbench.code_selection(2, other_code, 0, 11)  # not the document shown
    assert new is not None
    shown = _shown(window)
    assert shown["highlights"] == before["highlights"]
    assert shown["segments"] == before["segments"]  # another code than the one listed
    assert shown["documents"][2] == str(int(before["documents"][2]) + 1)
    assert shown == _reloaded(window)

    listed = window.segments.model.rows[0].coding_id
    window.segments.table.selectRow(0)
    window.segments.remove_selected()
    removed = _shown(window)
    assert listed not in removed["segments"]
    assert listed not in [coding for coding, _column in removed["brackets"]]
    assert removed == _reloaded(window)
    assert coder is not None


def test_after_an_import_without_row_images_every_panel_reloads(qtbot, window):
    code = _prepare(qtbot, window, "1.1")
    before = _shown(window)

    def import_with_a_coding(session) -> int:
        parsed = parse_text("Interviewer: En de markt?\n\nHenk: Die is er elke zaterdag.\n")
        document = store_transcript(session, parsed, name="Interview Kees")
        session.execute(
            insert(Coding).values(
                document_id=document,
                code_id=session.scalar(select(Code.id).where(Code.id == code)),
                coder_id=first_coder_id(session),
                start=0,
                end=11,
                quote=parsed.text[:11],
            )
        )
        return document

    document = window.workbench.write("Import", import_with_a_coding)
    assert document is not None
    qtbot.waitUntil(lambda: document in _shown(window)["documents"])
    shown = _shown(window)
    assert shown["documents"][document] == "1"
    assert shown["codebook"][code][0] == str(int(before["codebook"][code][0]) + 1)
    assert len(shown["segments"]) == len(before["segments"]) + 1
    assert shown == _reloaded(window)
