"""A transcript of many short lines: the same turns as a line-by-line reading, held column-wise."""

from __future__ import annotations

from pathlib import Path

from reiscoder.parsing import ParsedTurn, parse_text, read_transcript
from reiscoder.parsing.parsed import TurnColumns


def _transcript(count: int) -> tuple[str, list[ParsedTurn]]:
    """A text of ``count`` lines and its turns as a plain reading of each line gives them:
    a labelled line opens a turn, an unlabelled one continues it, a blank one is skipped."""
    lines: list[str] = []
    turns: list[ParsedTurn] = []
    offset = 0
    for number in range(count):
        speaker = "I" if number % 2 else "R"
        stamp = None
        if number % 7 == 3:
            line = ""
        elif number % 5 == 4:
            line = "en verder nog wat."
            last = turns[-1]
            turns[-1] = ParsedTurn(
                last.start, last.content_start, offset + len(line), last.speaker, last.timestamp_ms
            )
        else:
            stamp = (number // 60, number % 60)
            head = f"[00:{stamp[0]:02}:{stamp[1]:02}] " if number % 11 == 0 else ""
            label = f"{head}{speaker}: "
            line = f"{label}Ja dat klopt, regel {number}."
            ms = (stamp[0] * 60 + stamp[1]) * 1000 if head else None
            turns.append(ParsedTurn(offset, offset + len(label), offset + len(line), speaker, ms))
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines), turns


def test_many_lines_give_the_turns_of_a_line_by_line_reading() -> None:
    text, expected = _transcript(400)
    parsed = parse_text(text)
    assert isinstance(parsed.turns, TurnColumns)  # columns, not a list of turn objects
    assert len(parsed.turns) == len(expected)
    for found, wanted in zip(parsed.turns, expected, strict=True):
        assert (found.start, found.content_start, found.end) == (
            wanted.start,
            wanted.content_start,
            wanted.end,
        )
        assert (found.speaker, found.timestamp_ms) == (wanted.speaker, wanted.timestamp_ms)
    assert parsed.turns == expected
    assert parsed.turns[-1] == expected[-1]
    assert parsed.turns[10:20] == expected[10:20]
    assert text[parsed.turns[1].content_start : parsed.turns[1].end] == "Ja dat klopt, regel 1."


def test_a_file_of_many_lines_reads_as_its_text(tmp_path: Path) -> None:
    text, expected = _transcript(300)
    path = tmp_path / "regels.txt"
    path.write_text(text + "\n", encoding="utf-8")
    parsed = read_transcript(path)
    assert parsed.text == text + "\n"
    assert parsed.turns == expected
    assert [t.speaker for t in parsed.turns].count("R") == sum(
        1 for t in expected if t.speaker == "R"
    )
