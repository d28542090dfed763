"""Text positions between reiscoder and other QDA programs.

We count half-open ranges in Unicode code points of the normalised text (no BOM, LF line
breaks, NFC). The REFI-QDA standard counts code points of the plain-text file, but real tools
deviate (see ``shared/refi-qda/NOTES.md`` §4): NVivo counts UTF-16 code units and CR and LF
separately, ATLAS.ti writes CR LF but counts it as one character, a tool may count the BOM.

On import, :func:`detect` tries every convention that makes a difference for one source
(UTF-16 only matters when the text has characters beyond U+FFFF, CR LF only when it has CR LF)
and keeps the one that puts the selections on sensible places: inside the text, not inside a
character or line break, on word and line boundaries, and on the text a tool repeated in the
selection's ``name`` (ATLAS.ti does). The exporting tool's usual convention wins a tie.

On export, :class:`FilePositions` turns our positions into those of the file we write.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import product
from typing import Protocol

from reiscoder.i18n import _
from reiscoder.parsing.normalise import normalise

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SPACE = re.compile(r"\s+")


class PositionConvention(StrEnum):
    """How an exported file counts positions: the standard's code points; with CR LF line
    breaks counted as two; or as NVivo does, in UTF-16 code units with CR LF as two."""

    CODEPOINTS = "codepoints"
    CRLF = "crlf"
    NVIVO = "nvivo"


@dataclass(frozen=True)
class Convention:
    """One way of counting positions in a plain-text source."""

    utf16: bool = False
    crlf_as_two: bool = True
    bom_counted: bool = False


STANDARD = Convention()
NVIVO = Convention(utf16=True, crlf_as_two=True)
ATLAS = Convention(utf16=False, crlf_as_two=False)


def prior_for(origin: str) -> Convention:
    """The convention the exporting program (``Project/@origin``) is known to use."""
    lowered = origin.lower()
    if "nvivo" in lowered:
        return NVIVO
    if "atlas" in lowered:
        return ATLAS
    return STANDARD


# -- a source as its tool wrote it ---------------------------------------------------------


class SourceText:
    """The raw text of a source file and the normalised text we store, with offset maps."""

    def __init__(self, raw: str) -> None:
        self.had_bom = raw.startswith("\ufeff")
        self.body = raw[1:] if self.had_bom else raw
        self.text = normalise(raw)
        self.crlf_count = self.body.count("\r\n")
        self.lone_cr_count = self.body.count("\r") - self.crlf_count
        self._crs = [m.start() for m in re.finditer("\r\n", self.body)]
        self._astral = [m.start() for m in _ASTRAL.finditer(self.body)]
        lf_text = self.body.replace("\r\n", "\n").replace("\r", "\n")
        self._nfc = None if lf_text == self.text else _NfcMap(lf_text, self.text)

    @property
    def has_astral(self) -> bool:
        return bool(self._astral)

    @property
    def nfc_changed(self) -> bool:
        return self._nfc is not None

    def candidates(self) -> list[Convention]:
        """The conventions that would place at least one position differently."""
        return [
            Convention(utf16, crlf, bom)
            for utf16, crlf, bom in product(
                (False, True) if self._astral else (False,),
                (True, False) if self._crs else (True,),
                (False, True) if self.had_bom else (False,),
            )
        ]

    def relevant(self, convention: Convention) -> Convention:
        """``convention`` with the dimensions that make no difference set to the standard."""
        return Convention(
            convention.utf16 and self.has_astral,
            convention.crlf_as_two or not self._crs,
            convention.bom_counted and self.had_bom,
        )

    def length_in(self, convention: Convention) -> int:
        return self._foreign(len(self.body), convention)

    def _foreign(self, index: int, convention: Convention) -> int:
        """The position the tool gives to ``body[index]``."""
        position = index
        if not convention.crlf_as_two:
            position -= bisect_left(self._crs, index)
        if convention.utf16:
            position += bisect_left(self._astral, index)
        if convention.bom_counted and index > 0:
            position += 1
        return position

    def locate(self, position: int, convention: Convention, *, is_end: bool) -> Located:
        """Our position for the tool's ``position``; flags a split character or line break."""
        if convention.bom_counted and position > 0:
            position -= 1
        low, high = 0, len(self.body)
        while low < high:
            middle = (low + high) // 2
            if self._foreign(middle, Convention(convention.utf16, convention.crlf_as_two)) < (
                position
            ):
                low = middle + 1
            else:
                high = middle
        found = self._foreign(low, Convention(convention.utf16, convention.crlf_as_two))
        split_character = found != position
        split_break = 0 < low < len(self.body) and self.body[low - 1 : low + 1] == "\r\n"
        ours = low - bisect_left(self._crs, low)
        if self._nfc is not None:
            ours = self._nfc.map(ours, round_up=is_end)
        return Located(ours, split_character, split_break)


@dataclass(frozen=True)
class Located:
    position: int
    split_character: bool  # inside a surrogate pair: the convention is wrong
    split_break: bool  # between CR and LF


class _NfcMap:
    """Positions in the LF text to positions in its NFC form (only built when they differ)."""

    def __init__(self, lf_text: str, nfc_text: str) -> None:
        starts = [i for i, ch in enumerate(lf_text) if unicodedata.combining(ch) == 0]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        pieces = self._pieces(lf_text, starts)
        if "".join(pieces) != nfc_text:  # composition across clusters: use whole lines
            starts = [0] + [m.end() for m in re.finditer("\n", lf_text) if m.end() < len(lf_text)]
            pieces = self._pieces(lf_text, starts)
        self._starts = starts
        self._ends = starts[1:] + [len(lf_text)]
        self._targets = [0]
        for piece in pieces:
            self._targets.append(self._targets[-1] + len(piece))

    @staticmethod
    def _pieces(text: str, starts: list[int]) -> list[str]:
        ends = starts[1:] + [len(text)]
        return [unicodedata.normalize("NFC", text[a:b]) for a, b in zip(starts, ends, strict=True)]

    def map(self, position: int, *, round_up: bool) -> int:
        index = max(0, bisect_right(self._starts, position) - 1)
        start, end = self._starts[index], self._ends[index]
        target, next_target = self._targets[index], self._targets[index + 1]
        if position <= start:
            return target
        if position >= end:
            return next_target
        if next_target - target == end - start:
            return target + position - start
        return next_target if round_up else target


# -- choosing a convention ---------------------------------------------------------------------


class Ranged(Protocol):
    """A selection's range as the file gives it (a foreign selection, or a ForeignRange)."""

    @property
    def start(self) -> int | None: ...

    @property
    def end(self) -> int | None: ...

    @property
    def name(self) -> str: ...  # ATLAS.ti repeats the selected text here


@dataclass(frozen=True)
class ForeignRange:
    start: int
    end: int
    name: str = ""


@dataclass
class Detection:
    convention: Convention
    ranges: list[tuple[int, int] | None]  # ours, or None when outside the text
    considered: int
    split: int = 0  # boundaries inside a character or a CR LF pair
    confirmed_by_name: int = 0
    outside: list[int] = field(default_factory=list)  # indices into the input


def detect(source: SourceText, ranges: Sequence[Ranged], prior: Convention) -> Detection:
    """The convention that places ``ranges`` best, with the ranges in our positions."""
    candidates = source.candidates()
    preference = [source.relevant(prior), source.relevant(STANDARD)]
    best: tuple[float, Detection] | None = None
    for convention in candidates:
        detection, score = _try(source, ranges, convention)
        score -= 1000 * len(detection.outside)
        score += 0.1 if convention == preference[0] else 0.05 if convention == preference[1] else 0
        if best is None or score > best[0]:
            best = (score, detection)
    assert best is not None
    best[1].considered = len(candidates)
    return best[1]


def _try(
    source: SourceText, ranges: Sequence[Ranged], convention: Convention
) -> tuple[Detection, float]:
    length = source.length_in(convention)
    text = source.text
    detection = Detection(convention, [], 0)
    score = 0.0
    for index, foreign in enumerate(ranges):
        first, last = foreign.start or 0, foreign.end or 0
        if not 0 <= first <= last <= length:
            detection.ranges.append(None)
            detection.outside.append(index)
            continue
        start = source.locate(first, convention, is_end=False)
        end = source.locate(last, convention, is_end=True)
        detection.ranges.append((start.position, end.position))
        splits = sum(
            (start.split_character, end.split_character, start.split_break, end.split_break)
        )
        detection.split += splits
        score -= 3 * splits
        score += _boundary_score(text, start.position, end.position)
        if _name_matches(foreign.name, text[start.position : end.position]):
            detection.confirmed_by_name += 1
            score += 4
    return detection, score


def _boundary_score(text: str, start: int, end: int) -> float:
    if start >= end:
        return 0.0
    score = 0.0
    score += not (start > 0 and text[start - 1].isalnum() and text[start].isalnum())
    score += not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())
    score += start == 0 or text[start - 1] == "\n"
    if end < len(text) and text[end] == "\n":
        score += 1
    elif text[end - 1] == "\n":  # the line break itself was selected: plausible, less usual
        score += 0.5
    elif end == len(text):
        score += 1
    return score


def _name_matches(name: str, selected: str) -> bool:
    wanted = _SPACE.sub(" ", name.strip().removesuffix("…").removesuffix("...")).strip()
    if len(wanted) < 3:
        return False
    return _SPACE.sub(" ", selected).strip().startswith(wanted)


def describe(source: SourceText, convention: Convention) -> str:
    """How positions were counted, in words, naming only what mattered for this source."""
    relevant = source.relevant(convention)
    parts = []
    if source.has_astral:
        parts.append(_("UTF-16 code units") if relevant.utf16 else _("Unicode code points"))
    if source.crlf_count:
        parts.append(
            _("CR LF counted as two characters")
            if relevant.crlf_as_two
            else _("CR LF counted as one character")
        )
    if source.had_bom:
        parts.append(
            _("byte order mark counted")
            if relevant.bom_counted
            else _("byte order mark not counted")
        )
    return ", ".join(parts)


# -- export ------------------------------------------------------------------------------------


class FilePositions:
    """Our positions in ``text`` as positions in the file we write for it: each line break
    written as CR LF adds one, and in UTF-16 units each character beyond U+FFFF adds one."""

    def __init__(self, text: str, convention: PositionConvention) -> None:
        convention = PositionConvention(convention)
        self.crlf = convention in (PositionConvention.CRLF, PositionConvention.NVIVO)
        self.utf16 = convention is PositionConvention.NVIVO
        self._breaks = [m.start() for m in re.finditer("\n", text)] if self.crlf else []
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if self.utf16 else []
        self.file_text = text.replace("\n", "\r\n") if self.crlf else text

    def __call__(self, position: int) -> int:
        return position + bisect_left(self._breaks, position) + bisect_left(self._astral, position)
