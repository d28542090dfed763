"""Shared fixtures. Qt runs offscreen; every test gets its own temporary directory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from reiscoder import i18n


@pytest.fixture(autouse=True)
def dutch_interface():
    """Every test starts in Dutch, the default language, whatever an earlier test chose."""
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")
