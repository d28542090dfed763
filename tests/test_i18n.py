"""Every string a user reads exists in Dutch; English is the alternative."""

from __future__ import annotations

from pathlib import Path

from reiscoder import i18n
from reiscoder.catalogue import missing_translations, source_messages

SOURCE = Path(__file__).resolve().parents[1] / "src" / "reiscoder"


def test_every_user_visible_message_has_a_dutch_translation():
    assert missing_translations(SOURCE, "nl") == {}


def test_the_extraction_finds_the_messages():
    messages = source_messages(SOURCE)
    assert "This memo no longer exists." in messages
    assert len(messages) > 50


def test_placeholders_survive_translation():
    import re

    from reiscoder.catalogue import translated_messages

    for msgid, msgstr in translated_messages("nl").items():
        assert set(re.findall(r"{\w+}", msgid)) == set(re.findall(r"{\w+}", msgstr)), msgid


def test_dutch_is_the_default_and_english_the_alternative():
    assert i18n.DEFAULT_LANGUAGE == "nl"
    assert i18n._("This memo no longer exists.") == "Deze memo bestaat niet meer."
    i18n.set_language("en")
    assert i18n._("This memo no longer exists.") == "This memo no longer exists."
