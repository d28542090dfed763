"""A word cloud of lemmas for a code, a document or a speaker role, with the Dutch stop list.

The counts are :func:`~reiscoder.analysis.words.word_frequencies` (lemmas of what speakers
said, annotations and stop words left out); the ``wordcloud`` package places the words, with a
fixed seed so the same text gives the same picture. Each word is shown in the form most often
said, and coloured in the colour of the code when there is one.
"""

from __future__ import annotations

import colorsys
import io
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session
from wordcloud import WordCloud

from reiscoder.analysis.words import WordSource, word_frequencies

SEED = 19


@dataclass(frozen=True)
class Cloud:
    words: dict[str, int]  # the form shown -> how often its lemma was said
    png: bytes
    svg: str


def word_cloud(
    session: Session,
    source: WordSource,
    *,
    color: str | None = None,
    width: int = 1200,
    height: int = 700,
    most: int = 120,
) -> Cloud | None:
    """The cloud of the most frequent lemmas; None when the text has no words to show."""
    rows = word_frequencies(session, source, limit=most).rows
    shown = ((row.forms[0] if row.forms else row.lemma, row.count) for row in rows)
    words = {form: count for form, count in shown if len(form) > 1}  # no stray letters
    if not words:
        return None
    cloud = WordCloud(
        width=width,
        height=height,
        background_color="white",
        random_state=SEED,
        prefer_horizontal=0.9,
        max_words=most,
        color_func=_shades(color or "#37474f"),
        collocations=False,
    ).generate_from_frequencies(words)
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG")
    return Cloud(words, buffer.getvalue(), cloud.to_svg(embed_font=False))


def _shades(color: str) -> Callable[..., str]:
    """Darker and lighter shades of one colour, the same for the same word."""
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)

    def pick(word: str, font_size: int, **_ignored: object) -> str:
        level = 0.25 + (sum(map(ord, word)) % 30) / 100
        r, g, b = colorsys.hls_to_rgb(hue, min(level, lightness + 0.1), max(saturation, 0.35))
        return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"

    return pick
