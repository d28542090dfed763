"""Fixtures for the pseudonymisation tests."""

from __future__ import annotations

import pytest

from reiscoder import i18n


@pytest.fixture
def english():
    """Messages and default pseudonyms in English, for asserting on their words."""
    i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
