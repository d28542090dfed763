"""App preferences (not project data), declared once with their defaults, kept in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._q = settings or QSettings()

    @property
    def coder_name(self) -> str:
        return str(self._q.value("coder/name", "") or "")

    @coder_name.setter
    def coder_name(self, name: str) -> None:
        self._q.setValue("coder/name", name)

    @property
    def language(self) -> str:
        return str(self._q.value("interface/language", "nl") or "nl")

    @language.setter
    def language(self, language: str) -> None:
        self._q.setValue("interface/language", language)

    @property
    def recent_projects(self) -> list[Path]:
        value = self._q.value("projects/recent", []) or []
        items = [value] if isinstance(value, str) else list(value)
        return [Path(item) for item in items if item]

    def add_recent_project(self, path: Path) -> None:
        items = [p for p in self.recent_projects if p != path]
        self._q.setValue("projects/recent", [str(p) for p in [path, *items][:MAX_RECENT]])

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self._q.value("window/geometry"), self._q.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)
