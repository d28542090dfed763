"""Child processes for the kill tests: they run this checkout's code and are killed at a point
they report through their stdout pipe, never after a sleep."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}


def run_until(script: str, *args: str, point: str) -> str:
    """Run ``script`` in a child process and SIGKILL it once it prints a line starting with
    ``point``; returns that line."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    try:
        line = child.stdout.readline().strip()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert line.startswith(point), f"the child stopped elsewhere: {line!r}"
    return line
