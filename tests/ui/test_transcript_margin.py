"""The transcript beside its margin: the text keeps its wrapping when brackets appear, and a
coding is chosen by clicking its text or its code name as well as its bracket."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from reiscoder.ops.codings import apply_coding
from reiscoder.ui.transcript.formatting import tint
from reiscoder.ui.transcript.panel import TranscriptPanel
from tests.factories import SAMPLE_TEXT, code_id


def _panel(qtbot, workbench) -> TranscriptPanel:
    panel = TranscriptPanel(workbench)
    qtbot.addWidget(panel)
    panel.resize(760, 600)
    panel.show()
    assert QTest.qWaitForWindowExposed(panel)
    return panel


def _layout(panel: TranscriptPanel) -> tuple[list[int], list[int]]:
    """Where the text wraps: the lines of each paragraph, and the character at a grid of
    points over the visible text."""
    editor = panel.editor
    block = editor.document().begin()
    lines = []
    while block.isValid():
        lines.append(block.layout().lineCount())
        block = block.next()
    viewport = editor.viewport().rect()
    points = [
        QPoint(x, y)
        for x in range(30, viewport.width(), 40)
        for y in range(10, viewport.height(), 17)
    ]
    return lines, [editor.cursorForPosition(p).position() for p in points]


def _background_at(panel: TranscriptPanel, position: int) -> str:
    cursor = QTextCursor(panel.editor.document())
    cursor.setPosition(panel.editor.map.to_qt(position) + 1)  # the format of the char before
    return cursor.charFormat().background().color().name()


def _point_of(panel: TranscriptPanel, position: int) -> QPoint:
    """The middle of the character at ``position``, in the viewport."""
    cursor = QTextCursor(panel.editor.document())
    cursor.setPosition(panel.editor.map.to_qt(position))
    rect = panel.editor.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def test_the_text_keeps_its_wrapping_when_the_first_and_deeper_codings_appear(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    workbench.show_document(2)  # Interview Henk: no codings yet
    assert panel.margin.brackets() == []
    before = _layout(panel)
    assert sum(before[0]) > len(before[0])  # long paragraphs do wrap at this width
    word = SAMPLE_TEXT.index("buurvrouw")
    with workbench.reader() as session:
        code = code_id(session, "1.2")
    workbench.code_selection(2, code, word, word + len("buurvrouw"))
    assert len(panel.margin.brackets()) == 1
    assert _layout(panel) == before

    # eight codings nested in each other: more levels than the margin has columns
    end = SAMPLE_TEXT.index("Interviewer: En")
    for level in range(8):
        workbench.code_selection(2, code, SAMPLE_TEXT.index("Al twintig") + level, end - level)
    assert len(panel.margin.brackets()) == 9
    assert _layout(panel) == before


def test_clicking_highlighted_text_selects_its_codings_innermost_first(qtbot, workbench):
    inner_start = SAMPLE_TEXT.index("woont")
    with workbench.project.transaction() as session:
        apply_coding(session, 1, code_id(session, "2.1"), 1, inner_start, inner_start + 5)
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    by_start = {c.start: c.id for c in panel.codings}
    outer, inner = by_start[13], by_start[inner_start]
    viewport = panel.editor.viewport()
    point = _point_of(panel, inner_start + 2)

    chosen = []
    workbench.coding_selected.connect(chosen.append)
    for _click in range(3):
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert chosen == [inner, outer, inner]
    assert panel.selected_coding == inner
    assert panel.margin.selected == inner
    assert not panel.editor.textCursor().hasSelection()  # the cursor stays where clicked
    inner_color = next(c.color for c in panel.codings if c.id == inner)
    assert _background_at(panel, inner_start + 1) == tint(inner_color, 2, selected=True).name()

    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_point_of(panel, 15))
    assert panel.selected_coding == outer  # only the outer coding covers this word
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_point_of(panel, 3))
    assert panel.selected_coding is None  # uncoded text: nothing stays marked
    assert panel.margin.selected is None


def test_clicking_a_code_name_in_the_margin_selects_its_coding(qtbot, workbench):
    panel = _panel(qtbot, workbench)
    workbench.show_document(1)
    labels = panel.margin.labels()
    assert len(labels) == 2
    rect, bracket = labels[1]
    with qtbot.waitSignal(workbench.coding_selected) as selected:
        QTest.mouseClick(panel.margin, Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == [bracket.coding.id]
    assert panel.selected_coding == bracket.coding.id
    assert (
        panel.editor.textCursor().selectedText()
        == SAMPLE_TEXT[bracket.coding.start : bracket.coding.end]
    )
    panel.editor.setFocus()
    QTest.keyClick(panel.editor, Qt.Key.Key_Delete)
    assert [c.id for c in panel.codings] == [labels[0][1].coding.id]
