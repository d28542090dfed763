"""Layering rules that keep the core usable without a screen."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "reiscoder"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_outside_ui_imports_qt():
    offenders = []
    for path in SOURCE.rglob("*.py"):
        if "ui" in path.relative_to(SOURCE).parts[:1]:
            continue
        qt = [name for name in _imports(path) if name.split(".")[0] in QT_MODULES]
        if qt:
            offenders.append(f"{path.relative_to(SOURCE)}: {qt}")
    assert offenders == []


def test_the_check_would_notice_a_qt_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in _imports(sample)


def test_no_module_grows_past_the_size_budget():
    too_long = {
        str(path.relative_to(SOURCE)): n
        for path in SOURCE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 800
    }
    assert too_long == {}
