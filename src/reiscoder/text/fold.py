"""The one way text is compared without case or accents: "cafe" finds "Café"."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case folded, accents and other combining marks removed (NFKD)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
