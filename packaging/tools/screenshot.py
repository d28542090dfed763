"""Take the README's screenshot: the demo project, its first transcript open, a code chosen.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/tools/screenshot.py
Writes docs/screenshot.png (1400 x 860).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reiscoder.demo import build_demo
from reiscoder.ui.app import app_icon, make_application
from reiscoder.ui.main_window import MainWindow
from reiscoder.ui.settings import Settings

TARGET = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def main() -> None:
    app = make_application()
    app.setWindowIcon(app_icon())
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        settings.coder_name = "Anna de Vries"
        window = MainWindow(settings)
        window.resize(1400, 860)
        window.show()
        assert window.open_path(build_demo(Path(folder) / "demo.reis"))
        window.workbench.show_document(1)
        window.codebook.select_code(2)
        for _round in range(5):
            QApplication.processEvents()
        window.grab().save(str(TARGET))
        window.workbench.close_project()
    print(TARGET)


if __name__ == "__main__":
    main()
