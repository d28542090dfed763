"""The main window at common screens, at 100 % and at 150 % scaling (QT_SCALE_FACTOR, in a
process of its own): nothing of the Documents panel cut, no panel below its minimum size,
no toolbar button in the overflow. Screenshots are saved in /tmp/reiscoder-layouts/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/reiscoder-layouts")


@pytest.mark.parametrize("scale", ["1", "1.5"])
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)])
def test_the_main_window_fits_the_screen(tmp_path, screen, scale):
    # a window filling the screen: its size in Qt's units is the screen's divided by the scale
    width, height = (round(pixels / float(scale)) for pixels in screen)
    SHOTS.mkdir(exist_ok=True)
    shot = SHOTS / f"main-window-{screen[0]}x{screen[1]}-{scale}x.png"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_SCALE_FACTOR=scale,
        XDG_DATA_HOME=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    command = [sys.executable, "-m", "tests.ui.layout_probe", str(width), str(height)]
    done = subprocess.run(
        [*command, str(tmp_path), str(shot)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert shot.stat().st_size > 10_000
