"""The digit keys 1-9 for recently applied codes: a code keeps its digit while it stays
recent, so coding does not renumber them; the codebook shows which digit is which."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reiscoder.read.codebook import load_codebook
from reiscoder.ui.codebook.model import Column
from reiscoder.ui.panels.codebook import CodebookPanel
from reiscoder.ui.transcript.panel import TranscriptPanel
from tests.factories import SAMPLE_TEXT


def _key_column(panel: CodebookPanel) -> dict[int, str]:
    shown = {}
    for code in panel.model.codebook.by_id:
        digit = panel.proxy.index_of(code).siblingAtColumn(Column.KEY).data()
        if digit:
            shown[code] = digit
    return shown


def test_digits_stay_with_their_codes_and_a_new_code_takes_the_oldest_slot(qtbot, workbench):
    codebook = CodebookPanel(workbench)
    qtbot.addWidget(codebook)
    transcript = TranscriptPanel(workbench)
    qtbot.addWidget(transcript)
    transcript.show()
    transcript.activateWindow()
    assert QTest.qWaitForWindowActive(transcript)
    workbench.project_opened.emit()  # the project was opened before the panels existed
    with workbench.reader() as session:
        codes = [node.id for node in load_codebook(session).walk()][:11]
    workbench.show_document(2)
    words = [i for i, ch in enumerate(SAMPLE_TEXT) if ch == " "]

    def code(code_id: int, n: int) -> None:
        workbench.code_selection(2, code_id, words[n] + 1, words[n + 1])

    for n, code_id in enumerate(codes[:3]):
        code(code_id, n)
    assert _key_column(codebook) == {codes[0]: "1", codes[1]: "2", codes[2]: "3"}
    code(codes[1], 3)  # applying a recent code again does not renumber the others
    code(codes[0], 4)
    assert _key_column(codebook) == {codes[0]: "1", codes[1]: "2", codes[2]: "3"}

    for n, code_id in enumerate(codes[3:9], start=5):
        code(code_id, n)
    assert _key_column(codebook) == {c: str(d) for d, c in enumerate(codes[:9], start=1)}
    # a tenth code takes the digit of the least recently applied one: codes[2], digit 3
    code(codes[9], 11)
    expected = {c: str(d) for d, c in enumerate(codes[:9], start=1)}
    del expected[codes[2]]
    expected[codes[9]] = "3"
    assert _key_column(codebook) == expected

    # the digit keys apply what the codebook shows
    transcript.editor.setFocus()
    start = SAMPLE_TEXT.index("voedselbank")
    transcript.editor.select_range(start, start + len("voedselbank"))
    QTest.keyClick(transcript.editor, Qt.Key.Key_3)
    applied = [c for c in transcript.codings if c.start == start]
    assert [c.code_id for c in applied] == [codes[9]]
    assert _key_column(codebook)[codes[9]] == "3"
