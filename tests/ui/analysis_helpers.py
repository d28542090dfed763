"""Waiting for the analysis window as a user does: until "Computing…" is gone."""

from __future__ import annotations


def ready(qtbot, tab, timeout: int = 20_000):
    """Wait until the tab's read has come back and is shown; returns the tab."""
    qtbot.waitUntil(lambda: not tab.busy, timeout=timeout)
    return tab
