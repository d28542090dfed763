"""The vendored Dutch lemma table (see packaging/tools/build_lemma_table.py)."""

from __future__ import annotations

import gzip
import json
from functools import cache

from reiscoder.resources import resource_path

TABLE_FILE = "nl_lemmas.json.gz"
TABLE_FORMAT = 1


@cache
def lemma_table() -> dict[str, str]:
    """Lower-case form -> lemma; forms that are their own lemma are left out."""
    path = resource_path("nlp", TABLE_FILE)
    with gzip.open(path, "rt", encoding="utf-8") as file:
        payload = json.load(file)
    if payload.get("format") != TABLE_FORMAT:
        raise ValueError(f"{path}: unknown lemma table format {payload.get('format')!r}")
    return payload["lemmas"]


def is_word(text: str) -> bool:
    """A token that goes into the lemma index: it has a letter or a digit."""
    return any(ch.isalnum() for ch in text)


def lookup_lemma(text: str, table: dict[str, str]) -> str:
    """The lower-case lemma of one word token, or "" for punctuation and symbols."""
    if not is_word(text):
        return ""
    form = text.lower().replace("’", "'")
    return table.get(form, form)
