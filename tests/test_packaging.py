"""`pip install .` (not only editable) carries the resources: templates, demo, NLP, Dutch."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_every_resource(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = tmp_path.glob("reiscoder-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "reiscoder/cli/main.py",
        "reiscoder/resources/templates/renovatie-van-het-sociale.json",
        "reiscoder/resources/demo/demo.json",
        "reiscoder/resources/nlp/nl_lemmas.json.gz",
        "reiscoder/resources/locale/nl/LC_MESSAGES/reiscoder.mo",
        "reiscoder/resources/locale/nl/LC_MESSAGES/ui.mo",
    }
    assert expected <= names
    for source in (ROOT / "resources" / "demo").iterdir():
        assert f"reiscoder/resources/demo/{source.name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)
