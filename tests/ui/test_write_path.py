"""The window changes a project only through the workbench's gateway: widgets open no
transactions of their own and announce no changes themselves."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "src" / "reiscoder" / "ui"
# Writes before a project is handed to the workbench (there is no history yet).
BEFORE_THE_GATEWAY = {"opening.py", "new_project.py"}


def _sources() -> list[tuple[str, str]]:
    return [(str(p.relative_to(UI)), p.read_text(encoding="utf-8")) for p in UI.rglob("*.py")]


def test_no_widget_opens_a_transaction():
    found = [
        name
        for name, text in _sources()
        if ".transaction()" in text and name not in BEFORE_THE_GATEWAY
    ]
    assert found == []


def test_only_the_workbench_announces_changes():
    pattern = re.compile(r"workbench\.changed\.emit|self\.changed\.emit\(frozenset")
    found = [name for name, text in _sources() if pattern.search(text)]
    assert found == []
    assert len(_sources()) > 50
