"""Common Dutch words: the forms and lemmas of the vendored lemma table (see ``reiscoder.nlp``).

Used to tell names from ordinary words: a capitalised word that is not a common word is
probably a name, and a name made only of common words (``Roos``, ``Bakker``) is matched only
when capitalised.
"""

from __future__ import annotations

import gzip
import json
from functools import cache

from reiscoder.resources import resource_path

# The same file and format as reiscoder.nlp.pipeline reads (not imported: it loads spaCy).
LEMMA_TABLE = "nl_lemmas.json.gz"
LEMMA_TABLE_FORMAT = 2


@cache
def common_words() -> frozenset[str]:
    """Lower-case Dutch word forms and lemmas (about 370,000; loaded once, in 0.3 s)."""
    path = resource_path("nlp", LEMMA_TABLE)
    with gzip.open(path, "rt", encoding="utf-8") as file:
        payload = json.load(file)
    if payload.get("format") != LEMMA_TABLE_FORMAT:
        raise ValueError(f"{path}: unknown lemma table format {payload.get('format')!r}")
    table: dict[str, str] = payload["lemmas"]
    return frozenset(table) | frozenset(table.values()) | frozenset(payload["words"])


def is_common_word(word: str) -> bool:
    return word.casefold() in common_words()
