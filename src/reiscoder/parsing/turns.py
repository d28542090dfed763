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

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reiscoder.parsing.labels import (
    LabelReader,
    LineLabel,
    Strength,
    separator_end,
    speaker_key,
)
from reiscoder.parsing.layout import Kind, Line
from reiscoder.parsing.parsed import TurnColumns
from reiscoder.parsing.services import mark_headings, service_headings


@dataclass(slots=True)
class _Open:
    start: int
    content_start: int | None
    speaker: str | None
    timestamp_ms: int | None
    end: int


def find_turns(text: str, lines: Iterable[Line], reader: LabelReader) -> TurnColumns:
    """The turns of ``text``; ``lines`` is iterated three times (see :class:`TextLines`), and
    at no time are all lines or all their labels held at once."""
    headings = service_headings(lines)

    def labelled() -> Iterator[tuple[Line, LineLabel | None]]:
        for line in mark_headings(lines, headings):
            yield line, _read_label(line, reader)

    accepted = accepted_speakers(text, (label for _line, label in labelled()), reader)
    return _Builder(accepted, reader).build(labelled())


def _read_label(line: Line, reader: LabelReader) -> LineLabel | None:
    if line.kind is Kind.TURN:
        stripped = len(line.text) - len(line.text.lstrip())
        return LineLabel(
            min(stripped, line.content_offset),
            line.content_offset,
            line.speaker,
            line.timestamp_ms,
            Strength.CERTAIN,
            whole_line=line.content_offset >= len(line.text.rstrip()),
        )
    if line.kind is Kind.DETECT and line.text and not line.text.isspace():
        return reader.read_line(line.text, line.bold_end)
    return None


@dataclass(slots=True)
class _KeySeen:
    """How the label lines of one speaker key looked, summed up over the document."""

    lines: int = 0
    certain: int = 0  # lines with a certain label
    emphasised: bool = False  # a name in bold with a colon
    hesitant: bool = False  # another name with a colon, or in bold with text after it


def accepted_speakers(
    text: str, labels: Iterable[LineLabel | None], reader: LabelReader
) -> set[str]:
    """The speaker keys that count as speakers in this document (see the module docstring).

    ``labels`` is read once, in document order; only a summary per distinct key is kept.
    """
    seen: dict[str, _KeySeen] = {}
    alternation = _Alternation()
    for label in labels:
        if label is None or not label.speaker:
            continue
        key = label.key
        assert key is not None
        alternation.add(key)
        summary = seen.get(key)
        if summary is None:
            summary = seen[key] = _KeySeen()
        summary.lines += 1
        if label.strength is Strength.CERTAIN:
            summary.certain += 1
        elif label.bold and label.colon:
            summary.emphasised = True
        elif label.colon or (label.bold and not label.whole_line):
            summary.hesitant = True
    repeats = reader.patterns.min_name_repeats
    accepted: set[str] = set()
    certain_lines = 0
    hesitant: set[str] = set()
    emphasised: set[str] = set()  # a name in bold with a colon: marked as a label by hand
    for key, summary in seen.items():
        if summary.lines >= repeats:
            accepted.add(key)
            certain_lines += summary.lines
            continue
        if summary.certain:
            accepted.add(key)
            certain_lines += summary.certain
        if summary.emphasised:
            emphasised.add(key)
        if summary.hesitant:
            hesitant.add(key)
    # a role word, a letter or a name the user gave
    certain_lines_seen = any(summary.certain for summary in seen.values())
    if not certain_lines_seen and not alternation.alternates(len(seen)):
        # No role word or letter and no back-and-forth between speakers: not a conversation
        # but, say, an article with a "Covid:" or two. Names are no speakers there.
        return set()
    words = _LowerCaseWords(text, len(emphasised) + len(hesitant))
    emphasised = {key for key in emphasised if not words.all_occur(key)}
    accepted |= emphasised
    if certain_lines + len(emphasised) >= 2 and reader.patterns.accept_names:
        accepted.update(key for key in hesitant if not words.all_occur(key))
    return accepted


class _Alternation:
    """Whether the labelled lines go back and forth between speakers (A, B, A at least)."""

    __slots__ = ("changes", "last")

    def __init__(self) -> None:
        self.last: str | None = None
        self.changes = 0

    def add(self, key: str) -> None:
        if self.last is not None and key != self.last:
            self.changes += 1
        self.last = key

    def alternates(self, distinct_keys: int) -> bool:
        return distinct_keys >= 2 and self.changes >= 2


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

    def __init__(self, accepted: set[str], reader: LabelReader) -> None:
        self.accepted = accepted
        self.reader = reader
        self.turns = TurnColumns()
        self.current: _Open | None = None
        self.pending: tuple[int, int] | None = None  # (start, ms) of a timestamp-only line
        self.next_label: LineLabel | None = None  # of the next non-blank line

    def build(self, labelled: Iterable[tuple[Line, LineLabel | None]]) -> TurnColumns:
        before: tuple[Line, LineLabel | None] | None = None
        for line, label in labelled:
            if line.text and not line.text.isspace():
                if before is not None:  # one line of lookahead, for _next_is_speaker
                    self.next_label = label
                    self._add(*before)
                before = line, label
        if before is not None:
            self.next_label = None
            self._add(*before)
        if self.current is not None:
            self._close(self.current)
        return self.turns

    def _add(self, line: Line, label: LineLabel | None) -> None:
        if line.kind is Kind.HEADING:  # never a label: a turn of its own, without speaker
            if self.current is not None:
                self._close(self.current)
            self.current = None
            self.pending = None
            self._extend(line)
            return
        if line.kind is Kind.TURN and label is not None:  # the reader knows: always a turn
            self._open(line, label, label.speaker)
            return
        if label is not None and label.speaker is not None:
            if label.key in self.accepted:
                self._open(line, label, label.speaker)
                return
            label = _leading_timestamp(line, label, self.reader)
        if label is not None and self._timestamp_turn(line, label):
            return
        self.pending = None
        self._extend(line)

    def _timestamp_turn(self, line: Line, label: LineLabel) -> bool:
        """A timestamp without speaker: kept for the labelled line after it, a new turn in
        an unlabelled stretch, or else just text of the current turn."""
        if label.timestamp_ms is None:
            return False
        alone = label.content >= len(line.text.rstrip())
        if alone and self._next_is_speaker():
            self.pending = (line.start + label.start, label.timestamp_ms)
            return True
        if line.kind is not Kind.CONTINUE and (
            self.current is None or self.current.speaker is None
        ):
            self._open(line, label, None)
            return True
        return False

    def _next_is_speaker(self) -> bool:
        label = self.next_label
        return label is not None and label.key is not None and label.key in self.accepted

    def _open(self, line: Line, label: LineLabel, speaker: str | None) -> None:
        if self.current is not None:
            self._close(self.current)
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

    def _close(self, turn: _Open) -> None:
        content_start = turn.end if turn.content_start is None else turn.content_start
        self.turns.append(
            turn.start, min(content_start, turn.end), turn.end, turn.speaker, turn.timestamp_ms
        )

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


__all__ = ["accepted_speakers", "find_turns", "speaker_key"]
