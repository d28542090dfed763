"""Checks on the translation catalogues: which messages in the source lack a Dutch text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reiscoder.resources import resource_path

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def source_messages(source_dir: Path) -> dict[str, str]:
    """Every message id marked for translation under ``source_dir``, with where it occurs."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(source_dir), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        for text in message if isinstance(message, tuple) else (message,):
            if text:
                found.setdefault(text, f"{filename}:{lineno}")
    return found


def translated_messages(language: str) -> dict[str, str]:
    """Message id -> translation over every catalogue of ``language``."""
    translated: dict[str, str] = {}
    for po_path in sorted(resource_path("locale", language, "LC_MESSAGES").glob("*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            ids = _forms(message.id)
            strings = _forms(message.string)
            if all(strings):
                for key, value in zip(ids, strings, strict=False):
                    translated[key] = value
    return translated


def _forms(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """A message id or translation as the tuple of its (plural) forms; None as ''."""
    if value is None:
        return ("",)
    return (value,) if isinstance(value, str) else tuple(value)


def missing_translations(source_dir: Path, language: str = "nl") -> dict[str, str]:
    done = translated_messages(language)
    return {text: where for text, where in source_messages(source_dir).items() if text not in done}
