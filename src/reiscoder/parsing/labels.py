"""Recognise a speaker label and a timestamp at the start of one line.

This module only looks at one line; whether a name-like label really names a speaker is
decided over the whole document in :mod:`reiscoder.parsing.turns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from reiscoder.parsing.patterns import DEFAULT_TIMESTAMP_PATTERNS, NAME_PARTICLES, TurnPatterns


class Strength(IntEnum):
    NONE = 0  # a timestamp without a label
    NAME = 1  # looks like a name; needs evidence from the rest of the document
    CERTAIN = 2  # a role word, a title, a single letter, or named by the user


@dataclass(slots=True)
class LineLabel:
    """What opens a line: offsets are relative to the line."""

    start: int  # first non-blank character: where the turn starts
    content: int  # where the spoken text begins
    speaker: str | None
    timestamp_ms: int | None
    strength: Strength
    colon: bool = True
    bold: bool = False
    whole_line: bool = False  # nothing follows the label on this line

    @property
    def key(self) -> str | None:
        return speaker_key(self.speaker) if self.speaker else None


# A label: up to seven words without a colon, optionally in markdown bold, optionally
# followed by a bracketed timestamp, then a colon followed by a blank or the line end.
_LABEL_RE = re.compile(
    r"(?:\*\*|__)?"
    r"(?P<label>[^\W\d_][^\s:*]*(?:[ \t]+[^\s:*]+){0,6}?)"
    r"(?:\*\*|__)?[ \t]*"
    r"(?P<ts>[\[({][\d:.,]+[\])}]|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)?[ \t]*"
    r":(?:\*\*|__)?(?=\s|$)"
)
SEPARATOR_RE = re.compile(r"[ \t]*(?:[-–—|:][ \t]*)?")


def separator_end(text: str, pos: int) -> int:
    """Where the blanks and the dash, bar or colon after ``pos`` end (``pos`` if none)."""
    match = SEPARATOR_RE.match(text, pos)  # always matches: all of it is optional
    return pos if match is None else match.end()


_TRAILING_PAREN_RE = re.compile(r"^(?P<name>.*?)\s*(?P<paren>\([^()]{1,40}\))$")
_NAME_TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-.])*")
_ID_TOKEN_RE = re.compile(r"\d{1,3}[a-z]?|[A-Z]\d{0,2}|[IVX]{1,4}|#\d{1,3}")
_LETTER_LABEL_RE = re.compile(r"[A-Z]\d{0,2}")
_INITIALS_LABEL_RE = re.compile(r"[A-Z]{2,3}\d{0,2}")
_TIMESTAMP_FIRST_CHARS = frozenset("[({0123456789")


class LabelReader:
    """The patterns of one import, compiled once."""

    def __init__(self, patterns: TurnPatterns) -> None:
        self.patterns = patterns
        self._timestamps = [re.compile(p) for p in patterns.timestamp_patterns]
        self._quick_timestamps = patterns.timestamp_patterns == DEFAULT_TIMESTAMP_PATTERNS
        self._extra = [re.compile(p) for p in patterns.extra_label_patterns]
        self._speakers = {speaker_key(s) for s in patterns.speakers}
        self._roles = {w.casefold() for w in patterns.role_words}
        self._titles = {t.casefold() for t in patterns.titles}
        self._not_speakers = {w.casefold() for w in patterns.not_speakers}

    # -- timestamps ---------------------------------------------------------------------
    def timestamp_at(self, line: str, pos: int) -> tuple[int, int] | None:
        """(milliseconds, end offset) of a timestamp starting at ``pos``."""
        if self._quick_timestamps and line[pos : pos + 1] not in _TIMESTAMP_FIRST_CHARS:
            return None
        for regex in self._timestamps:
            match = regex.match(line, pos)
            if match:
                return timestamp_ms(match), match.end()
        return None

    def full_timestamp(self, text: str) -> int | None:
        """Milliseconds when ``text`` is one timestamp and nothing else."""
        text = text.strip()
        found = self.timestamp_at(text, 0)
        return found[0] if found and found[1] == len(text) else None

    # -- labels ---------------------------------------------------------------------------
    def classify(self, label: str) -> Strength | None:
        """How sure it is that ``label`` (without colon) names a speaker; None: it does not."""
        label = " ".join(label.split())
        if not label or len(label) > self.patterns.max_label_chars:
            return None
        key = label.casefold()
        if key in self._speakers or any(rx.fullmatch(label) for rx in self._extra):
            return Strength.CERTAIN
        if key in self._not_speakers:
            return None
        paren = _TRAILING_PAREN_RE.match(label)
        if paren and paren["name"]:
            label = paren["name"]
        tokens = label.split()
        if len(tokens) > self.patterns.max_label_words:
            return None
        if len(tokens) == 1 and _LETTER_LABEL_RE.fullmatch(label):
            return Strength.CERTAIN
        if self._is_role(tokens) or self._is_title_and_name(tokens):
            return Strength.CERTAIN
        if not self.patterns.accept_names:
            return None
        if len(tokens) == 1 and _INITIALS_LABEL_RE.fullmatch(label):
            return Strength.NAME
        if _is_name(tokens, require_capital=True):
            return Strength.NAME
        return None

    def _is_role(self, tokens: list[str]) -> bool:
        """ "Respondent 2", "Interviewer Sanne", and role phrases like "Sociaal werker"."""
        first = tokens[0].casefold()
        if first.rstrip(".") in self._roles:
            return all(map(_is_role_suffix, tokens[1:]))
        return (
            tokens[-1].casefold() in self._roles
            and len(tokens) <= 3
            and tokens[0][0].isupper()
            and first not in self._not_speakers
            and all(t.isalpha() for t in tokens)
        )

    def _is_title_and_name(self, tokens: list[str]) -> bool:
        """ "Mevr. El Amrani", "Dhr. de Vries", "De heer Jansen"."""
        size = 2 if " ".join(tokens[:2]).casefold() in self._titles else 1
        if " ".join(tokens[:size]).casefold() not in self._titles or len(tokens) <= size:
            return False
        return _is_name(tokens[size:], require_capital=False)

    def read_line(self, line: str, bold_end: int = 0) -> LineLabel | None:
        """The label and/or timestamp opening ``line``; None when there is neither."""
        start = len(line) - len(line.lstrip())
        if start == len(line):
            return None
        pos = start
        timestamp = None
        found = self.timestamp_at(line, pos)
        if found:
            timestamp, pos = found
            pos = separator_end(line, pos)
        label = self._colon_label(line, pos, timestamp, bold_end)
        if label is None:
            label = self._bold_label(line, pos, timestamp, bold_end)
        if label is None:
            label = self._label_before_timestamp(line, pos, timestamp)
        if label is not None:
            label.start = start
            return label
        if timestamp is not None:
            return LineLabel(start, pos, None, timestamp, Strength.NONE, colon=False)
        return None

    def _colon_label(
        self, line: str, pos: int, timestamp: int | None, bold_end: int
    ) -> LineLabel | None:
        if ":" not in line[pos : pos + 120]:
            return None
        match = _LABEL_RE.match(line, pos)
        if match is None:
            return None
        speaker = " ".join(match["label"].split())
        strength = self.classify(speaker)
        if strength is None:
            return None
        if match["ts"] and timestamp is None:
            timestamp = self.full_timestamp(match["ts"])
        content = _skip_blanks(line, match.end())
        if timestamp is None:
            found = self.timestamp_at(line, content)
            if found:
                timestamp = found[0]
                content = _skip_blanks(line, separator_end(line, found[1]))
        bold = bold_end > pos and match.end() <= bold_end + 2 or line.startswith(("**", "__"), pos)
        return LineLabel(
            pos, content, speaker, timestamp, strength, bold=bold, whole_line=content == len(line)
        )

    def _bold_label(
        self, line: str, pos: int, timestamp: int | None, bold_end: int
    ) -> LineLabel | None:
        """A bold name at the start of a Word paragraph, without a colon."""
        if bold_end <= pos:
            return None
        raw = line[pos:bold_end].rstrip()
        colon = raw.endswith(":")
        speaker = " ".join(raw.rstrip(":").split())
        if not speaker or ":" in speaker:
            return None
        found = self.timestamp_at(speaker, speaker.rfind(" ") + 1) if " " in speaker else None
        if found and found[1] == len(speaker):  # "Fatima 00:03"
            timestamp = timestamp if timestamp is not None else found[0]
            speaker = speaker[: speaker.rfind(" ")].rstrip()
        strength = self.classify(speaker)
        if strength is None:
            return None
        content = _skip_blanks(line, bold_end)
        if line.startswith(":", content):
            colon = True
            content = _skip_blanks(line, content + 1)
        return LineLabel(
            pos,
            content,
            speaker,
            timestamp,
            strength,
            colon=colon,
            bold=True,
            whole_line=content == len(line),
        )

    def _label_before_timestamp(
        self, line: str, pos: int, timestamp: int | None
    ) -> LineLabel | None:
        """A name, then a timestamp, alone on a line: "Fatima  0:03" (Otter and similar)."""
        if timestamp is not None:
            return None
        stripped = line.rstrip()
        cut = max(stripped.rfind(" "), stripped.rfind("\t"))
        if cut <= pos or not stripped[-1:].isdigit() and stripped[-1:] not in ")]}":
            return None
        ts_at = cut + 1
        found = self.timestamp_at(stripped, ts_at)
        if not found or found[1] != len(stripped):
            return None
        speaker = " ".join(stripped[pos:cut].split())
        strength = self.classify(speaker)
        if strength is None:
            return None
        return LineLabel(pos, len(line), speaker, found[0], strength, colon=False, whole_line=True)


def speaker_key(speaker: str) -> str:
    """How two labels are compared: case and spacing do not matter."""
    return " ".join(speaker.split()).casefold()


def timestamp_ms(match: re.Match[str]) -> int:
    groups = match.groupdict()
    hours = int(groups.get("h") or 0)
    minutes = int(groups["m"])
    seconds = int(groups["s"])
    fraction = groups.get("ms") or ""
    millis = int(fraction.ljust(3, "0")) if fraction else 0
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _skip_blanks(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in " \t\u00a0":
        pos += 1
    return pos


def _is_role_suffix(token: str) -> bool:
    return bool(_ID_TOKEN_RE.fullmatch(token) or _is_name([token], require_capital=True))


def _is_name(tokens: list[str], require_capital: bool) -> bool:
    """Capitalised words, initials and particles ("Jan van der Berg", "Ahmed B.")."""
    if not tokens or tokens[-1].casefold() in NAME_PARTICLES:
        return False
    if require_capital and not tokens[0][0].isupper():
        return False
    for token in tokens:
        if token.casefold() in NAME_PARTICLES:
            continue
        if not token[0].isupper() or not _NAME_TOKEN_RE.fullmatch(token):
            return False
    return True
