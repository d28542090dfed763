"""The one translation system for everything a user reads (GUI, CLI and exported documents).

Message ids are English; Dutch is the default language. Qt-free, so the core can use it.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
from collections.abc import Mapping
from pathlib import Path

from reiscoder.resources import resource_path

DOMAIN = "reiscoder"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


# Where the command line finds its language, first to last (the locale variables as gettext
# reads them); the first one set decides.
LANGUAGE_VARIABLES = ("REISCODER_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from(value: str | None) -> str | None:
    """The language a language or locale name stands for: "nl", "nl_NL.UTF-8" and "nl-BE" are
    "nl", "en_GB" is "en"; None for a language reiscoder does not speak ("de", "C")."""
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def first_language(*choices: str | None) -> str:
    """The first of ``choices`` that names a language reiscoder speaks, else the default: the
    app takes $REISCODER_LANG over its setting, and ignores a "de" there."""
    return next(filter(None, map(language_from, choices)), DEFAULT_LANGUAGE)


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The language that $REISCODER_LANG (or else the locale: $LC_ALL, $LC_MESSAGES, $LANG)
    asks for; the default for an unset variable or a language reiscoder does not speak."""
    environ = os.environ if environ is None else environ
    for variable in LANGUAGE_VARIABLES:
        if environ.get(variable):
            return language_from(environ[variable]) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch every later call of ``_`` to ``language`` ("nl" or "en"; also "nl_NL.UTF-8")."""
    global _translation, _language
    chosen = language_from(language)
    if chosen is None:
        raise ValueError(f"unsupported language: {language}")
    language = chosen
    _language = language
    if language == "en":
        _translation = gettext.NullTranslations()
        return
    _translation = _load_catalogues(language)


def _load_catalogues(language: str) -> gettext.NullTranslations:
    """Chain every catalogue of ``language``: one per area of the app (core, import, ...).

    An installed package has only .mo files; a source checkout reads a .po directly when its
    .mo is missing or older.
    """
    folder = resource_path("locale", language, "LC_MESSAGES")
    stems = sorted(
        {path.stem for path in folder.glob("*.po")} | {p.stem for p in folder.glob("*.mo")}
    )
    chain = gettext.NullTranslations()
    for stem in stems:
        catalogue = _read_catalogue(folder / f"{stem}.po", folder / f"{stem}.mo")
        catalogue.add_fallback(chain)
        chain = catalogue
    return chain


def _read_catalogue(po_path: Path, mo_path: Path) -> gettext.GNUTranslations:
    if mo_path.exists() and (
        not po_path.exists() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
    ):
        with mo_path.open("rb") as mo_file:
            return gettext.GNUTranslations(mo_file)
    return _compile_po(po_path)


def _compile_po(po_path: Path) -> gettext.GNUTranslations:
    """Compile a catalogue in memory, and keep the .mo beside it when the folder is writable."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    with contextlib.suppress(OSError):
        po_path.with_suffix(".mo").write_bytes(buffer.getvalue())
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


MINUS = "\u2212"  # a real minus sign, not a hyphen


def decimal(value: float, digits: int = 1) -> str:
    """A number with the decimal separator of the current language (Dutch: a comma).

    Negative numbers get a real minus sign; a value that rounds to zero never shows "-0".
    """
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = text[1:] if not any(c not in "0." for c in text[1:]) else MINUS + text[1:]
    return text.replace(".", ",") if _language == "nl" else text


def percent(value: float, digits: int = 1) -> str:
    """A percentage (0-100) with ``digits`` decimals and a % sign.

    Rounding never hides a difference: 99.96 shows as 99.9 (not 100), 0.04 as 0.1 (not 0),
    so "100%" always means all and "0%" none.
    """
    step = 10.0**-digits
    shown = round(value, digits)
    if value < 100 and shown >= 100:
        shown = 100 - step
    elif value > 0 and shown <= 0:
        shown = step
    return decimal(shown, digits) + "%"


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction; translate later with ``_``."""
    return message


set_language(DEFAULT_LANGUAGE)
