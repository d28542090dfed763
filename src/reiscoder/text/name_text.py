"""Text as names are compared in, with the way back to the original positions.

A name must be found however it is spelled: in any case, with or without accents (``Zoë`` /
``Zoe``, ``Çelik`` / ``Celik``, ``Yıldız`` / ``Yildiz``), composed or decomposed (NFC / NFD),
with typographic apostrophes, soft hyphens or zero-width characters inside. The text is folded
character by character (:class:`FoldedText`), and every folded position maps back to a
position of the original, so a replacement covers exactly the original characters, combining
marks included.

Words are split as a reader sees them, also in file names: at spaces and punctuation, at
``_``, between letters and digits (``Ahmed2024``) and before a capital that follows a small
letter (``interviewFatima``, ``FatimaElAmrani``). Hyphens and underscores are separators
between the words of a name, like spaces (``El-Amrani`` = ``El Amrani``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Letters that do not decompose but that people write without their mark.
_PLAIN = str.maketrans(
    {
        "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "ħ": "h", "ŀ": "l", "æ": "ae",
        "œ": "oe", "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-",
        "‒": "-", "–": "-", "—": "-", "­": "",
    }
)  # fmt: skip
_DROPPED = frozenset({"Mn", "Me", "Mc", "Cf"})  # combining marks, zero-width characters
# Words, numbers and marks; hyphens, underscores and full stops only separate.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s\-.]")
SEPARATORS = "-_"


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded: decomposed, marks dropped, case folded ("" for a mark)."""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED)
    folded = unicodedata.normalize("NFKD", kept.casefold())
    folded = "".join(c for c in folded if unicodedata.category(c) not in _DROPPED)
    return folded.translate(_PLAIN)


def fold(text: str) -> str:
    """The form names are compared in (also the key of a name in the list)."""
    if text.isascii():
        return text.lower().replace("`", "'")
    return "".join(map(fold_char, text))


class FoldedText:
    """``text`` folded (:func:`fold`), and the original position of every folded position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._points: list[int] = []  # folded positions where the offset changes
        self._offsets: list[int] = []  # original = folded + offset, from that point on
        if text.isascii():
            self.folded = fold(text)
            return
        pieces: list[str] = []
        length = offset = 0
        for match in re.finditer(r"[\x00-\x7f]+|[^\x00-\x7f]", text):
            piece = match.group()
            if len(piece) > 1 or piece.isascii():
                pieces.append(fold(piece))
                length += len(piece)
                continue
            folded = fold_char(piece)
            original = match.start()
            if len(folded) != 1:
                for extra in range(1, len(folded)):  # ß -> ss: both point at the ß
                    self._mark(length + extra, original - (length + extra))
                offset = original + 1 - (length + len(folded))
                self._mark(length + len(folded), offset)
            pieces.append(folded)
            length += len(folded)
        self.folded = "".join(pieces)

    def _mark(self, point: int, offset: int) -> None:
        if self._points and self._points[-1] == point:
            self._offsets[-1] = offset
        else:
            self._points.append(point)
            self._offsets.append(offset)

    def original(self, position: int) -> int:
        """The original position of a folded one (a mark belongs to the letter before it)."""
        if not self._points:
            return min(position, len(self.text))
        if position >= len(self.folded):
            return len(self.text)
        index = bisect.bisect_right(self._points, position) - 1
        return position if index < 0 else position + self._offsets[index]

    def folded_position(self, original: int) -> int | None:
        """The folded position of an original one, None inside a folded character."""
        if not self._points:
            return original
        low, high = 0, len(self.folded)
        while low < high:  # original() does not decrease: search it
            middle = (low + high) // 2
            if self.original(middle) < original:
                low = middle + 1
            else:
                high = middle
        return low if self.original(low) == original else None

    def is_upper(self, position: int) -> bool:
        return self.text[self.original(position)].isupper()


@dataclass(frozen=True)
class Token:
    """A word or mark: ``text[start:end]`` in the original, ``folded`` as compared."""

    start: int
    end: int
    folded: str
    fstart: int  # where it starts in the folded text

    @property
    def is_word(self) -> bool:
        return self.folded[0].isalnum()


def tokens(text: FoldedText, start: int = 0) -> Iterator[Token]:
    """The tokens of the folded text from ``start`` (a token start)."""
    folded = text.folded
    for match in _TOKEN.finditer(folded, start):
        begin, end = match.span()
        if folded[begin].isalpha() and end - begin > 1:
            yield from _camel_pieces(text, begin, end)
        else:
            yield Token(text.original(begin), text.original(end), match.group(), begin)


def _camel_pieces(text: FoldedText, begin: int, end: int) -> Iterator[Token]:
    """A run of letters split before a capital that follows a small letter."""
    original = text.text[text.original(begin) : text.original(end)]
    cuts = [begin]
    if not (original.islower() or original.isupper() or original[1:].islower()):
        cuts += [p for p in range(begin + 1, end) if _camel_boundary(text, p)]
    cuts.append(end)
    for first, last in zip(cuts, cuts[1:], strict=False):
        yield Token(text.original(first), text.original(last), text.folded[first:last], first)


def _camel_boundary(text: FoldedText, position: int) -> bool:
    before = text.text[text.original(position - 1)]
    return text.is_upper(position) and before.islower()


def token_starts_at(text: FoldedText, position: int) -> bool:
    """Whether a word begins at this folded position (not inside ``Marjan``)."""
    if position == 0:
        return True
    before, here = text.folded[position - 1], text.folded[position]
    if not before.isalnum() or before.isdigit() != here.isdigit():
        return True
    return here.isalpha() and _camel_boundary(text, position)


def name_tokens(text: str) -> tuple[str, ...]:
    """The folded words and marks of a name as written in the list (separators left out)."""
    return tuple(token.folded for token in tokens(FoldedText(unicodedata.normalize("NFC", text))))


_GAP = re.compile(r"\s*(?:[-_‐‑‒–]\s*)?|\.")


def joined(text: str, before: Token, after: Token) -> bool:
    """Two words of a name: white space, a hyphen or underscore, or nothing between them;
    a full stop only with no space (``fatima.el.amrani``) or after an initial (``J. de``)."""
    gap = text[before.end : after.start]
    if _GAP.fullmatch(gap):
        return True
    return (
        len(before.folded) == 1
        and before.folded.isalpha()
        and gap.startswith(".")
        and (gap[1:].isspace())
    )
