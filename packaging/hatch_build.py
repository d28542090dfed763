"""Compile the gettext catalogues (.po -> .mo) when the package is built or installed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogues(locale_dir: Path, out_dir: Path) -> list[Path]:
    """Write one .mo beside the layout of each .po under ``locale_dir`` into ``out_dir``."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = out_dir / po_path.relative_to(locale_dir).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        written.append(mo_path)
    return written


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        locale_dir = Path(self.root) / "resources" / "locale"
        if version == "editable":
            compile_catalogues(locale_dir, locale_dir)
            return
        out_dir = Path(tempfile.mkdtemp(prefix="reiscoder-mo-"))
        for mo_path in compile_catalogues(locale_dir, out_dir):
            target = Path("reiscoder/resources/locale") / mo_path.relative_to(out_dir)
            build_data["force_include"][str(mo_path)] = str(target)
