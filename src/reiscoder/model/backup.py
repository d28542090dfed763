"""Consistent copies of a project file, made with SQLite's online backup."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


def backup_folder(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + ".reservekopieen")


def make_backup(project_path: Path, reason: str) -> Path:
    """Copy the project into its backup folder; ``reason`` becomes part of the file name."""
    folder = backup_folder(project_path)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{project_path.stem}-{stamp}-{reason}{project_path.suffix}"
    source = sqlite3.connect(f"file:{project_path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target
