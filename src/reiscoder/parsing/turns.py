"""Find speaker turns in a laid-out text.

Each line is read on its own first (:mod:`reiscoder.parsing.labels`); then the document
as a whole decides which name-like labels really are speakers:

- a role word ("Interviewer", "Respondent 2", "Deelnemer 3"), a title with a name
  ("Mevr. El Amrani"), a single letter ("I", "R"), a name the user gave, or a label the
  reader knows (a subtitle voice, a table's speaker column) always counts;
- a name ("Fatima", "Jan-Willem") counts when it opens at least ``min_name_repeats`` lines;
- a name in bold with a colon ("**Fatima:**", a bold Word run) counts unless the word also
  occurs in lower case in the text (then it is a word, not a name);
- a name seen less often counts only in a document with at least two certain label lines,
  and only when the word does not also occur in lower case in the text (so "Kortom:" or
  "Zij zei:" at a line start stays text, while the one remark of "Fatima:" is a turn);
- names count only in a text that looks like a conversation: one with a certain label, or
  whose labelled lines go back and forth between at least two speakers (A, B, A). An
  article with a "Covid:" or "Abstract:" paragraph, even a repeated one, has no speakers.

A heading of a Word or OpenDocument file is never a label: it is a turn of its own without
speaker, which the lines after it continue until the next label (so "Vraag 1: Wonen" as a
heading does not make "Vraag 1" a speaker, and the text of a section is not given to the
speaker of the section before it).

A line that starts with a timestamp but no label starts a new unlabelled turn when the
current turn has no speaker either (transcripts with only timestamps); otherwise it simply
continues the current speaker's turn. A timestamp alone on a line just before a labelled
line belongs to that line's turn.

A turn runs from its label (or first character) to its last non-blank character before
the next turn; ``content_start`` points at the first spoken character after the label and
timestamp (on the next line when the label stands alone).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from reiscoder.parsing.labels import (
    LabelReader,
    LineLabel,
    Strength,
    separator_end,
    speaker_key,
)
from reiscoder.parsing.layout import Kind, Line
from reiscoder.parsing.parsed import ParsedTurn
from reiscoder.parsing.services import mark_service_headings


@dataclass(slots=True)
class _Open:
    start: int
    content_start: int | None
    speaker: str | None
    timestamp_ms: int | None
    end: int


def find_turns(text: str, lines: list[Line], reader: LabelReader) -> list[ParsedTurn]:
    mark_service_headings(lines)
    labels = _read_labels(lines, reader)
    accepted = accepted_speakers(text, labels, reader)
    return _Builder(lines, labels, accepted, reader).build()


def _read_labels(lines: list[Line], reader: LabelReader) -> list[LineLabel | None]:
    labels: list[LineLabel | None] = []
    for line in lines:
        if line.kind is Kind.TURN:
            stripped = len(line.text) - len(line.text.lstrip())
            labels.append(
                LineLabel(
                    min(stripped, line.content_offset),
                    line.content_offset,
                    line.speaker,
                    line.timestamp_ms,
                    Strength.CERTAIN,
                    whole_line=line.content_offset >= len(line.text.rstrip()),
                )
            )
        elif line.kind is Kind.DETECT and line.text and not line.text.isspace():
            labels.append(reader.read_line(line.text, line.bold_end))
        else:
            labels.append(None)
    return labels


def accepted_speakers(text: str, labels: list[LineLabel | None], reader: LabelReader) -> set[str]:
    """The speaker keys that count as speakers in this document (see the module docstring)."""
    counts: Counter[str] = Counter()
    for label in labels:
        if label is not None and (key := label.key) is not None:
            counts[key] += 1
    repeats = reader.patterns.min_name_repeats
    accepted: set[str] = set()
    certain_lines = 0
    hesitant: set[str] = set()
    emphasised: set[str] = set()  # a name in bold with a colon: marked as a label by hand
    certain_lines_seen = False  # a role word, a letter or a name the user gave
    for label in labels:
        if label is None or not label.speaker:
            continue
        key = label.key
        assert key is not None
        if label.strength is Strength.CERTAIN:
            certain_lines_seen = True
        if label.strength is Strength.CERTAIN or counts[key] >= repeats:
            accepted.add(key)
            certain_lines += 1
        elif label.bold and label.colon:
            emphasised.add(key)
        elif label.colon or (label.bold and not label.whole_line):
            hesitant.add(key)
    if not certain_lines_seen and not _alternates(labels):
        # No role word or letter and no back-and-forth between speakers: not a conversation
        # but, say, an article with a "Covid:" or two. Names are no speakers there.
        return set()
    words = _LowerCaseWords(text, len(emphasised) + len(hesitant))
    emphasised = {key for key in emphasised if not words.all_occur(key)}
    accepted |= emphasised
    if certain_lines + len(emphasised) >= 2 and reader.patterns.accept_names:
        accepted.update(key for key in hesitant if not words.all_occur(key))
    return accepted


def _alternates(labels: list[LineLabel | None]) -> bool:
    """Whether the labelled lines go back and forth between speakers (A, B, A at least)."""
    keys = [label.key for label in labels if label is not None and label.speaker]
    changes = sum(1 for before, after in itertools.pairwise(keys) if before != after)
    return len(set(keys)) >= 2 and changes >= 2


class _LowerCaseWords:
    """Whether every word of a label also occurs in lower case: then it is a word, not a name.

    A few labels are looked up with a search each; many at once with one set of all words.
    """

    _MANY = 8

    def __init__(self, text: str, lookups: int) -> None:
        self.text = text
        self.words: set[str] | None = None
        if lookups > self._MANY:
            self.words = set(re.findall(r"\w+", text))

    def all_occur(self, key: str) -> bool:
        words = [w for w in key.split() if w.isalpha()]
        if not words:
            return False
        if self.words is not None:
            return all(w in self.words for w in words)
        return all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", self.text) for w in words)


class _Builder:
    """Walks the lines once, opening a turn at each speaker (or timestamp) it accepts."""

    def __init__(
        self,
        lines: list[Line],
        labels: list[LineLabel | None],
        accepted: set[str],
        reader: LabelReader,
    ) -> None:
        self.lines = lines
        self.labels = labels
        self.accepted = accepted
        self.reader = reader
        self.turns: list[ParsedTurn] = []
        self.current: _Open | None = None
        self.pending: tuple[int, int] | None = None  # (start, ms) of a timestamp-only line

    def build(self) -> list[ParsedTurn]:
        for index, line in enumerate(self.lines):
            if line.text and not line.text.isspace():
                self._add(index, line)
        if self.current is not None:
            self.turns.append(_close(self.current))
        return self.turns

    def _add(self, index: int, line: Line) -> None:
        if line.kind is Kind.HEADING:  # never a label: a turn of its own, without speaker
            if self.current is not None:
                self.turns.append(_close(self.current))
            self.current = None
            self.pending = None
            self._extend(line)
            return
        label = self.labels[index]
        if line.kind is Kind.TURN and label is not None:  # the reader knows: always a turn
            self._open(line, label, label.speaker)
            return
        if label is not None and label.speaker is not None:
            if label.key in self.accepted:
                self._open(line, label, label.speaker)
                return
            label = _leading_timestamp(line, label, self.reader)
        if label is not None and self._timestamp_turn(index, line, label):
            return
        self.pending = None
        self._extend(line)

    def _timestamp_turn(self, index: int, line: Line, label: LineLabel) -> bool:
        """A timestamp without speaker: kept for the labelled line after it, a new turn in
        an unlabelled stretch, or else just text of the current turn."""
        if label.timestamp_ms is None:
            return False
        alone = label.content >= len(line.text.rstrip())
        if alone and self._next_is_speaker(index):
            self.pending = (line.start + label.start, label.timestamp_ms)
            return True
        if line.kind is not Kind.CONTINUE and (
            self.current is None or self.current.speaker is None
        ):
            self._open(line, label, None)
            return True
        return False

    def _next_is_speaker(self, index: int) -> bool:
        for following in range(index + 1, len(self.lines)):
            if self.lines[following].text.strip():
                label = self.labels[following]
                return label is not None and label.key is not None and label.key in self.accepted
        return False

    def _open(self, line: Line, label: LineLabel, speaker: str | None) -> None:
        if self.current is not None:
            self.turns.append(_close(self.current))
        start = line.start + label.start
        content_end = line.start + len(line.text.rstrip())
        content = line.start + label.content
        if content >= content_end:  # the label stands alone; speech follows on the next line
            label_end = line.start + len(line.text[: label.content].rstrip())
            self.current = _Open(start, None, speaker, label.timestamp_ms, max(label_end, start))
        else:
            self.current = _Open(start, content, speaker, label.timestamp_ms, content_end)
        if self.pending is not None:
            self.current.start = self.pending[0]
            if self.current.timestamp_ms is None:
                self.current.timestamp_ms = self.pending[1]
            self.pending = None

    def _extend(self, line: Line) -> None:
        first = line.start + len(line.text) - len(line.text.lstrip())
        if self.current is None:
            self.current = _Open(first, first, None, None, first)
        if self.current.content_start is None:
            self.current.content_start = first
        self.current.end = line.start + len(line.text.rstrip())


def _leading_timestamp(line: Line, label: LineLabel, reader: LabelReader) -> LineLabel | None:
    """A label that did not count as a speaker: keep only a timestamp in front of it."""
    found = reader.timestamp_at(line.text, label.start)
    if found is None:
        return None
    after = separator_end(line.text, found[1])
    return LineLabel(label.start, after, None, found[0], Strength.NONE, colon=False)


def _close(turn: _Open) -> ParsedTurn:
    content_start = turn.end if turn.content_start is None else turn.content_start
    return ParsedTurn(
        start=turn.start,
        content_start=min(content_start, turn.end),
        end=turn.end,
        speaker=turn.speaker,
        timestamp_ms=turn.timestamp_ms,
    )


__all__ = ["accepted_speakers", "find_turns", "speaker_key"]
