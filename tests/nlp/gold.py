"""Read the gold sentence files into a text, turn ranges and gold sentence boundaries."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold_sentences"
LINE_BREAK = "↵"


@dataclass
class GoldText:
    text: str
    turns: list[tuple[int, int]]  # content ranges, after the speaker label
    labelled_turns: list[tuple[int, int]]  # the same turns including their labels
    sentences: list[tuple[int, int]]
    line_starts: set[int]  # sentence starts that follow a line break inside a turn


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.txt"))


def read_gold(path: Path) -> GoldText:
    blocks = _blocks(path.read_text(encoding="utf-8"))
    parts: list[str] = []
    gold = GoldText("", [], [], [], set())
    position = 0
    for lines in blocks:
        if parts:
            parts.append("\n\n")
            position += 2
        label, lines[0] = _split_label(lines[0])
        turn_start = position
        parts.append(label)
        position += len(label)
        content_start = position
        for number, line in enumerate(lines):
            joiner, sentence = _joiner(line, first=number == 0)
            parts.append(joiner)
            position += len(joiner)
            if "\n" in joiner:
                gold.line_starts.add(position)
            gold.sentences.append((position, position + len(sentence)))
            parts.append(sentence)
            position += len(sentence)
        gold.turns.append((content_start, position))
        gold.labelled_turns.append((turn_start, position))
    gold.text = "".join(parts)
    return gold


def _blocks(raw: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in raw.splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _split_label(line: str) -> tuple[str, str]:
    if not line.startswith("@"):
        return "", line
    label, _, rest = line[1:].partition(": ")
    return f"{label}: ", rest


def _joiner(line: str, first: bool) -> tuple[str, str]:
    breaks = len(line) - len(line.lstrip(LINE_BREAK))
    sentence = line[breaks:]
    if first:
        return "", sentence
    return ("\n" * breaks if breaks else " "), sentence
