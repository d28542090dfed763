"""The one translation system for everything a user reads (GUI, CLI and exported documents).

Message ids are English; Dutch is the default language. Qt-free, so the core can use it.
"""

from __future__ import annotations

import gettext

from reiscoder.resources import resource_path

DOMAIN = "reiscoder"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Switch every later call of ``_`` to ``language`` ("nl" or "en")."""
    global _translation, _language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language}")
    _language = language
    if language == "en":
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(
        DOMAIN, localedir=resource_path("locale"), languages=[language], fallback=True
    )


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction; translate later with ``_``."""
    return message


set_language(DEFAULT_LANGUAGE)
