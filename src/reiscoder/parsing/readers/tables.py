"""How a table in a Word or OpenDocument file becomes text and turns.

Interview transcripts are often laid out as tables. Each row is read on its own:

- a row whose cells are [speaker | text], [timestamp | speaker | text] or
  [speaker | timestamp | text] becomes one turn, laid out as ``Speaker: text`` or
  ``00:12:31 Speaker: text`` (a colon is added after the speaker unless the cell has one;
  the timestamp stays as written in its cell). A text cell of several paragraphs keeps
  them on separate lines, all in the same turn;
- a row [timestamp | text] becomes ``00:12:31 text``, a timestamped line without speaker;
- a row whose speaker cell is empty continues the turn above it (speaker written once);
- a table of one column is read paragraph by paragraph, like the body;
- any other row (a header such as "Tijd | Spreker | Tekst", or a table of facts) becomes
  one line with its cells separated by a tab; paragraphs inside a cell are joined by a
  space there, so that the row stays on one line. In a transcript table such a row is a
  turn of its own without speaker, so that a header does not end up in a speaker's turn.

A table is read as a transcript only when at least half of its rows have a speaker or a
timestamp in the expected place; otherwise every row is read the generic way.
"""

from __future__ import annotations

from dataclasses import dataclass

from reiscoder.parsing.labels import LabelReader
from reiscoder.parsing.layout import Block, Kind


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    bold_end: int = 0


Cell = list[Paragraph]
Row = list[Cell]


@dataclass(frozen=True, slots=True)
class _Shape:
    speaker: str | None
    timestamp_text: str | None
    timestamp_ms: int | None
    content: Cell


def table_blocks(rows: list[Row], labels: LabelReader) -> list[Block]:
    rows = [[cell for cell in row] for row in rows if row]
    if not rows:
        return []
    if max(len(row) for row in rows) == 1:
        return [_paragraph_block(p) for row in rows for p in row[0]]
    shapes = [_shape(row, labels) for row in rows]
    multi = [row for row in rows if len(row) > 1]
    if sum(shape is not None for shape in shapes) * 2 < len(multi):
        return [_generic_row(row) for row in rows]
    blocks: list[Block] = []
    for row, shape in zip(rows, shapes, strict=True):
        if shape is None:  # e.g. a header row: its own turn without speaker
            blocks.append(Block(_generic_row(row).text, Kind.TURN))
        else:
            blocks.extend(_turn_blocks(shape))
    return blocks


def _paragraph_block(paragraph: Paragraph) -> Block:
    return Block(paragraph.text, bold_end=paragraph.bold_end)


def _generic_row(row: Row) -> Block:
    return Block("\t".join(" ".join(p.text for p in cell).strip() for cell in row))


def _cell_text(cell: Cell) -> str:
    return "\n".join(p.text for p in cell).strip()


def _shape(row: Row, labels: LabelReader) -> _Shape | None:
    texts = [_cell_text(cell) for cell in row]
    while len(texts) > 2 and not texts[-1]:
        texts.pop()
    if len(texts) not in (2, 3):
        return None
    content = row[len(texts) - 1]
    heads = texts[:-1]
    stamps = [labels.full_timestamp(text) if text else None for text in heads]
    speakers = [_speaker(text, labels) for text in heads]
    if len(heads) == 1:
        if speakers[0]:
            return _Shape(speakers[0], None, None, content)
        if stamps[0] is not None:
            return _Shape(None, heads[0], stamps[0], content)
        if not heads[0] and texts[-1]:
            return _Shape(None, None, None, content)
        return None
    for ts_index, speaker_index in ((0, 1), (1, 0)):
        if stamps[ts_index] is not None and (speakers[speaker_index] or not heads[speaker_index]):
            return _Shape(speakers[speaker_index], heads[ts_index], stamps[ts_index], content)
    if not heads[0] and not heads[1] and texts[-1]:
        return _Shape(None, None, None, content)
    return None


def _speaker(text: str, labels: LabelReader) -> str | None:
    if not text or "\n" in text:
        return None
    speaker = text.rstrip(":").strip()
    return speaker if labels.classify(speaker) is not None else None


def _turn_blocks(shape: _Shape) -> list[Block]:
    content = "\n".join(p.text for p in shape.content).strip("\n")
    if shape.speaker is None and shape.timestamp_text is None:
        return [Block(content, Kind.CONTINUE)]
    head = ""
    if shape.timestamp_text is not None:
        head = shape.timestamp_text + " "
    if shape.speaker is not None:
        head += shape.speaker + ": "
    return [Block(head + content, Kind.TURN, shape.speaker, shape.timestamp_ms, len(head))]
