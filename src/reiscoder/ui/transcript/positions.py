"""Code points (our positions) to Qt's UTF-16 positions and back, at the widget boundary."""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Characters outside the Basic Multilingual Plane (emoji) take two UTF-16 units."""

    def __init__(self, text: str) -> None:
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, position: int) -> int:
        return position + bisect.bisect_left(self._astral, position)

    def from_qt(self, position: int) -> int:
        """A Qt position inside a surrogate pair maps to the start of its character."""
        before = bisect.bisect_left(self._astral_qt, position)
        if before and self._astral_qt[before - 1] + 1 == position:
            return self._astral[before - 1]
        return position - before
