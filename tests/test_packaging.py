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


LINUX = ROOT / "packaging" / "linux"
APP_ID = "nl.reiscoder.Reiscoder"


def test_the_desktop_entry_is_valid_and_opens_reis_projects():
    desktop = LINUX / f"{APP_ID}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    entry = dict(line.split("=", 1) for line in desktop.read_text().splitlines() if "=" in line)
    assert entry["Exec"] == "reiscoder %f"  # the file manager passes the double-clicked file
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"] == "application/x-reiscoder-project;"


def test_the_appstream_metadata_is_valid():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_mime_type_claims_reis_files_for_the_app():
    from lxml import etree

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = etree.parse(str(LINUX / f"{APP_ID}.mime.xml"))
    [kind] = mime.xpath("/m:mime-info/m:mime-type/@type", namespaces=ns)
    assert mime.xpath("//m:glob/@pattern", namespaces=ns) == ["*.reis"]
    metainfo = etree.parse(str(LINUX / f"{APP_ID}.metainfo.xml"))
    assert metainfo.xpath("//provides/mediatype/text()") == [kind]


def test_a_too_old_python_is_refused_with_what_to_do(tmp_path):
    old = tmp_path / "python3"
    old.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12"; exit 1\n')
    old.chmod(0o755)
    result = subprocess.run(
        [str(ROOT / "scripts" / "check-python.sh"), str(old)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Python 3.11 or newer" in result.stderr and "3.10.12" in result.stderr
    assert "PYTHON=python3.11" in result.stderr
    ok = subprocess.run([str(ROOT / "scripts" / "check-python.sh"), sys.executable], check=False)
    assert ok.returncode == 0
