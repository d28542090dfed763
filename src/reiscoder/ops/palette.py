"""Code colours: three clearly different families for the three etappes, then the rest."""

from __future__ import annotations

import re

# Saturated enough for a margin bracket, light enough as a highlight behind black text.
PALETTE = (
    "#e6194b",  # red
    "#3cb44b",  # green
    "#4363d8",  # blue
    "#f58231",  # orange
    "#911eb4",  # purple
    "#42d4f4",  # cyan
    "#f032e6",  # magenta
    "#bfef45",  # lime
    "#469990",  # teal
    "#9a6324",  # brown
    "#800000",  # maroon
    "#808000",  # olive
    "#000075",  # navy
    "#fabed4",  # pink
    "#ffd8b1",  # apricot
    "#dcbeff",  # lavender
)
_COLOR = re.compile(r"^#[0-9a-f]{6}$")


def normalise_color(color: str) -> str | None:
    """``#RRGGBB`` in lower case, or None when ``color`` is not such a colour."""
    color = color.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", color):
        color = "#" + "".join(ch * 2 for ch in color[1:])
    return color if _COLOR.match(color) else None


def next_color(used: list[str]) -> str:
    """The first palette colour not in use yet, cycling when all are taken."""
    for color in PALETTE:
        if color not in used:
            return color
    return PALETTE[len(used) % len(PALETTE)]


def shade(color: str, index: int) -> str:
    """A lighter or darker variant of ``color`` for the ``index``-th child of a code."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    factor = (0.85, 1.15, 0.7, 1.3, 0.95, 1.05)[index % 6]
    return "#" + "".join(f"{max(0, min(255, round(c * factor))):02x}" for c in (red, green, blue))
