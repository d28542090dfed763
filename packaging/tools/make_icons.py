"""Render resources/icons/reiscoder.svg to the PNG, .ico and .icns files the bundles need.

Run after changing the SVG:  .venv/bin/python packaging/tools/make_icons.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "icons"


def render(svg: Path, size: int) -> Image.Image:
    renderer = QSvgRenderer(str(svg))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(data.data())).convert("RGBA")


def main() -> None:
    QGuiApplication([])
    svg = ICONS.parents[1] / "resources" / "icons" / "reiscoder.svg"
    big = render(svg, 1024)
    render(svg, 256).save(ICONS / "reiscoder-256.png")
    big.save(ICONS / "reiscoder.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "reiscoder.icns")
    print("written:", *sorted(p.name for p in ICONS.iterdir()))


if __name__ == "__main__":
    main()
