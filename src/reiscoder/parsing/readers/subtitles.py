"""Subtitle transcripts (.srt, .vtt) from transcription services.

Every cue has a start time. Its speaker is the WebVTT voice tag (``<v Fatima>``) or a label
at the start of its text (``Fatima: ...``, recognised like labels in plain text). Consecutive
cues of one speaker merge into one turn; a cue without a speaker continues the turn before
it. In a file without any speaker, a new turn starts at the first cue after a sentence end
once the current turn spans 30 seconds, so that the text still has paragraphs.

Each turn becomes one line of text:

    [00:12:31] Fatima: first cue text second cue text ...
    [00:12:58] Interviewer: ...
    [00:13:10] text of a turn without speaker

The timestamp is the start of the turn's first cue (hours always written, the
milliseconds are kept in the turn's ``timestamp_ms``). Line breaks inside a cue and
between the cues of one turn become a space, because they only wrap subtitles on screen.
Styling tags, cue settings, numbers and NOTE/STYLE/REGION blocks are dropped; HTML
entities such as ``&amp;`` are decoded. A speaker label written in a cue's text becomes
the turn's label and is not repeated in its text.

A block of text without a readable timing line (``00:01:02,500 -> 00:01:04`` with a broken
arrow or clock, or a blank line inside a cue) is not dropped: its text continues the turn
before it, without a time of its own (or starts a turn without a time, when it opens the file
or names another speaker), and the import says at which lines these blocks are. A broken
timing line and a cue number are left out of the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from reiscoder.i18n import _, ngettext
from reiscoder.parsing.decoding import decode, line_list
from reiscoder.parsing.errors import ImportFailure
from reiscoder.parsing.labels import LabelReader, LineLabel, Strength, speaker_key
from reiscoder.parsing.layout import Block, Extracted, Kind
from reiscoder.parsing.limits import MAX_TEXT_FILE_BYTES, read_bytes
from reiscoder.parsing.normalise import normalise
from reiscoder.parsing.turns import accepted_speakers

_TIME = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,:](\d{1,3}))?"
_TIMING_RE = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
# a cue number, and a timing line whose clock or arrow is broken (clock digits and an arrow,
# or nothing but clock digits and punctuation)
_CUE_NUMBER_RE = re.compile(r"^\s*\d+\s*$")
_BROKEN_TIMING_RE = re.compile(
    r"\d:\d.*(?:-+>|–>|—>)|(?:-+>|–>|—>).*\d:\d|^[\s\d:.,\-]*\d:\d[\s\d:.,\-]*$"
)
_SKIPPED_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)*(?:[ \t]+([^>]*))?>")
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>|\{\\[^}]*\}")
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END_RE = re.compile(r"[.?!…][\"'”’)]*$")
_PARAGRAPH_MS = 30_000


@dataclass
class Cue:
    start_ms: int | None  # None: the cue's timing could not be read
    text: str
    speaker: str | None = None
    words: list[tuple[str, int]] = field(default_factory=list)  # (word, ms) of an automatic one


@dataclass
class _Turn:
    start_ms: int | None
    speaker: str | None
    cues: list[Cue] = field(default_factory=list)


def read_srt(path: Path, labels: LabelReader) -> Extracted:
    return _read(path, labels, vtt=False)


def read_vtt(path: Path, labels: LabelReader) -> Extracted:
    return _read(path, labels, vtt=True)


def _read(path: Path, labels: LabelReader, vtt: bool) -> Extracted:
    decoded = decode(read_bytes(path, MAX_TEXT_FILE_BYTES))
    text = normalise(decoded.text)
    if vtt and not text.lstrip().startswith("WEBVTT"):
        raise ImportFailure(_("The file is not a valid WebVTT subtitle file."))
    cues, untimed = _cues(text, vtt)
    if not any(cue.start_ms is not None for cue in cues):
        raise ImportFailure(_("The subtitle file contains no subtitles."))
    _find_speakers(cues, labels)
    extracted = cues_to_text(cues, decoded.encoding)
    extracted.warnings = [*decoded.warnings, *_untimed_warning(untimed)]
    return extracted


def _cues(text: str, vtt: bool) -> tuple[list[Cue], list[int]]:
    """The cues in order, and the lines (1-based) of blocks whose timing could not be read."""
    cues: list[Cue] = []
    untimed: list[int] = []
    line, position = 1, 0
    for separator in [*_BLANK_LINES_RE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        block = text[position:end]
        first = line + len(block) - len(block.lstrip("\n"))
        cue = _cue(block)
        if cue is None and not _skipped(block, vtt):
            cue = _untimed_cue(block)
            untimed.append(first)
        if cue is not None:
            cues.append(cue)
        if separator:
            line += text.count("\n", position, separator.end())
            position = separator.end()
    return cues, untimed


def _skipped(block: str, vtt: bool) -> bool:
    """Blocks that are not cues: blank ones, and WebVTT's header, notes, styles and regions."""
    stripped = block.strip()
    return not stripped or (vtt and stripped.startswith(_SKIPPED_BLOCKS))


def _untimed_cue(block: str) -> Cue | None:
    """The text of a block without a readable timing: its number and broken timing left out."""
    lines = block.strip("\n").split("\n")
    head = 0
    while head < min(2, len(lines)) and (
        _CUE_NUMBER_RE.match(lines[head]) or _BROKEN_TIMING_RE.search(lines[head])
    ):
        head += 1
    text = "\n".join(lines[head:])
    return Cue(None, text) if text.strip() else None


def _untimed_warning(lines: list[int]) -> list[str]:
    if not lines:
        return []
    return [
        ngettext(
            "The subtitle at line {lines} has no readable time; its text was kept, without a "
            "time of its own.",
            "The subtitles at lines {lines} have no readable time; their text was kept, "
            "without a time of their own.",
            len(lines),
        ).format(lines=line_list(lines))
    ]


def cues_to_text(cues: list[Cue], encoding: str | None = None) -> Extracted:
    """Cues (with their speakers found) as turn blocks; the start of every cue after a turn's
    first, and every word with a time, becomes a sync point."""
    blocks, points = _blocks(_merge(cues))
    return Extracted(blocks=blocks, encoding=encoding, sync_points=points)


def _cue(block: str) -> Cue | None:
    lines = block.strip("\n").split("\n")
    for index, line in enumerate(lines[:3]):
        timing = _TIMING_RE.match(line)
        if timing:
            body = "\n".join(lines[index + 1 :])
            return Cue(_milliseconds(timing.groups()[:4]), body)
    return None


def _milliseconds(parts: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, fraction = parts
    millis = int(fraction.ljust(3, "0")) if fraction else 0
    return ((int(hours or 0) * 60 + int(minutes or 0)) * 60 + int(seconds or 0)) * 1000 + millis


def _find_speakers(cues: list[Cue], labels: LabelReader) -> None:
    """Voice tags first; otherwise a label at the start of the cue, judged over the file."""
    candidates: list[LineLabel | None] = []
    for cue in cues:
        voice = _VOICE_RE.search(cue.text)
        if voice and voice.group(1) and voice.group(1).strip():
            cue.speaker = " ".join(voice.group(1).split())
        cue.text = " ".join(html.unescape(_TAG_RE.sub("", cue.text)).split())
        label = None
        if cue.speaker is None:
            label = labels.read_line(cue.text)
            if label is not None and (label.speaker is None or not label.colon):
                label = None
        candidates.append(label)
    voices = [LineLabel(0, 0, cue.speaker, None, Strength.CERTAIN) for cue in cues if cue.speaker]
    accepted = accepted_speakers(" ".join(c.text for c in cues), [*candidates, *voices], labels)
    for cue, label in zip(cues, candidates, strict=True):
        if label is not None and label.key in accepted:
            cue.speaker = label.speaker
            cue.text = cue.text[label.content :]


def _merge(cues: list[Cue]) -> list[_Turn]:
    anyone = any(cue.speaker for cue in cues)
    turns: list[_Turn] = []
    for cue in cues:
        current = turns[-1] if turns else None
        if current is None or _starts_turn(current, cue, anyone):
            current = _Turn(cue.start_ms, cue.speaker)
            turns.append(current)
        if cue.text:
            current.cues.append(cue)
    return turns


def _starts_turn(current: _Turn, cue: Cue, anyone: bool) -> bool:
    if cue.speaker is not None:
        return current.speaker is None or speaker_key(cue.speaker) != speaker_key(current.speaker)
    if anyone:
        return False
    if cue.start_ms is None or current.start_ms is None:
        return False
    ended = bool(current.cues) and _SENTENCE_END_RE.search(current.cues[-1].text) is not None
    return ended and cue.start_ms - current.start_ms >= _PARAGRAPH_MS


def _blocks(turns: list[_Turn]) -> tuple[list[Block], list[tuple[int, int, int]]]:
    blocks, points = [], []
    for number, turn in enumerate(turns):
        head = f"[{_clock(turn.start_ms)}] " if turn.start_ms is not None else ""
        if turn.speaker:
            head += f"{turn.speaker}: "
        offset = len(head)
        for index, cue in enumerate(turn.cues):
            if index and cue.start_ms is not None and cue.start_ms >= (turn.start_ms or 0):
                points.append((number, offset, cue.start_ms))
            points += _word_points(number, offset, cue)
            offset += len(cue.text) + 1
        body = " ".join(cue.text for cue in turn.cues)
        blocks.append(Block(head + body, Kind.TURN, turn.speaker, turn.start_ms, len(head)))
    return blocks, points


def _word_points(block: int, offset: int, cue: Cue) -> list[tuple[int, int, int]]:
    """Each timed word where it is found in the cue's text, in order."""
    points, at = [], 0
    for word, ms in cue.words:
        found = cue.text.find(word, at) if word else -1
        if found < 0:
            continue
        if found:  # the first word is the cue's start
            points.append((block, offset + found, ms))
        at = found + len(word)
    return points


def _clock(milliseconds: int) -> str:
    seconds = milliseconds // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
