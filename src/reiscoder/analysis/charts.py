"""Charts for people who would rather look than read: frequency bars and matrix heat maps.

Drawn with matplotlib's Agg backend on a :class:`~matplotlib.figure.Figure` of its own (no
pyplot state, so it is safe off the GUI thread), written as PNG or SVG. :class:`BarChart`
and :class:`HeatMap` hold what a chart shows; the analysis window paints them itself (a
matplotlib drawing of a large matrix takes seconds) and draws the figure only to save it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from reiscoder.i18n import _, decimal

FONT = 9
INK, GRID = "#2b2b2b", "#d9d9d9"
HEAT = "Blues"
NUMBERED_CELLS = 600  # a heat map with more cells is too fine to read a number in each


@dataclass(frozen=True)
class BarChart:
    labels: Sequence[str]
    series: Sequence[tuple[str, Sequence[float]]]
    colors: Sequence[str] | None = None
    title: str = ""
    xlabel: str = ""

    def figure(self) -> Figure:
        return bar_chart(
            self.labels, self.series, colors=self.colors, title=self.title, xlabel=self.xlabel
        )


@dataclass(frozen=True)
class HeatMap:
    rows: Sequence[str]
    columns: Sequence[str]
    values: Sequence[Sequence[float]]
    title: str = ""
    percent: bool = False

    def figure(self) -> Figure:
        return heat_map(
            self.rows, self.columns, self.values, title=self.title, percent=self.percent
        )

    @property
    def highest(self) -> float:
        return max((max(row) for row in self.values if row), default=0) or 1

    def label(self, value: float) -> str:
        """A cell's number as the saved chart writes it."""
        return decimal(value, 0) + "%" if self.percent else f"{value:g}"


@cache
def heat_colors(steps: int = 256) -> tuple[tuple[int, int, int], ...]:
    """The heat map's colour scale as RGB, from none (0) to the highest value (steps - 1)."""
    from matplotlib import colormaps

    scale = colormaps[HEAT]
    return tuple(
        tuple(int(round(255 * part)) for part in scale(i / (steps - 1))[:3])  # type: ignore[misc]
        for i in range(steps)
    )


def short(text: str, limit: int = 42) -> str:
    """A label cut to ``limit`` characters, as the charts show it."""
    return _short(text, limit)


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    colors: Sequence[str] | None = None,
    title: str = "",
    xlabel: str = "",
) -> Figure:
    """Horizontal bars, first label on top; several series are drawn side by side."""
    height = max(2.4, 0.32 * len(labels) * max(1, len(series)) ** 0.5 + 1.2)
    figure = Figure(figsize=(7.5, height), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    count = max(1, len(series))
    thickness = 0.8 / count
    positions = range(len(labels))
    for index, (name, values) in enumerate(series):
        offsets = [p - 0.4 + thickness * (index + 0.5) for p in positions]
        color = colors if (colors and count == 1) else None
        axes.barh(offsets, list(values), height=thickness * 0.92, color=color, label=name)
    axes.set_yticks(list(positions), [_short(label) for label in labels], fontsize=FONT)
    axes.invert_yaxis()
    _style(axes, title, xlabel)
    axes.xaxis.grid(True, color=GRID, linewidth=0.6)
    if count > 1:
        axes.legend(fontsize=FONT, frameon=False, loc="lower right")
    return figure


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    title: str = "",
    percent: bool = False,
) -> Figure:
    """A matrix as coloured cells with the number written in each (up to NUMBERED_CELLS)."""
    width = min(16.0, max(5.0, 2.6 + 0.9 * len(columns)))
    height = min(20.0, max(2.4, 1.3 + 0.3 * len(rows)))
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    data = [list(row) for row in values] or [[0.0]]
    image = axes.imshow(data, cmap=HEAT, aspect="auto", vmin=0)
    highest = max((max(row) for row in data if row), default=0) or 1
    numbered = len(rows) * len(columns) <= NUMBERED_CELLS
    for r, row in enumerate(values if numbered else []):
        for c, value in enumerate(row):
            if value:
                text = decimal(value, 0) + "%" if percent else f"{value:g}"
                color = "white" if value > highest * 0.6 else INK
                axes.text(c, r, text, ha="center", va="center", fontsize=FONT - 1, color=color)
    axes.set_xticks(range(len(columns)), [_short(c, 24) for c in columns], fontsize=FONT)
    axes.set_yticks(range(len(rows)), [_short(r) for r in rows], fontsize=FONT)
    axes.tick_params(axis="x", labelrotation=30, length=0)
    axes.tick_params(axis="y", length=0)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
    for spine in axes.spines.values():
        spine.set_visible(False)
    if title:
        axes.set_title(title, fontsize=FONT + 2, color=INK, loc="left")
    figure.colorbar(image, ax=axes, shrink=0.8).ax.tick_params(labelsize=FONT - 1)
    return figure


PRINT_DPI = 300  # for Word: sharp on paper and when zoomed in


def render(figure: Figure, fmt: str = "png", dpi: int | None = None) -> bytes:
    """The figure as PNG (at ``dpi``, default the figure's) or SVG bytes."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format=fmt, facecolor="white", dpi=dpi or figure.dpi)
    return buffer.getvalue()


def save(figure: Figure, path: Path) -> Path:
    """Write the figure; the file's suffix (.png or .svg) chooses the format."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".") or "png"
    if fmt not in ("png", "svg"):
        raise ValueError(_("Save a chart as .png or .svg."))
    path.write_bytes(render(figure, fmt))
    return path


def _style(axes: Axes, title: str, xlabel: str) -> None:
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="both", labelsize=FONT, colors=INK, length=0)
    axes.set_axisbelow(True)
    if title:
        axes.set_title(title, fontsize=FONT + 2, color=INK, loc="left")
    if xlabel:
        axes.set_xlabel(xlabel, fontsize=FONT, color=INK)


def _short(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
