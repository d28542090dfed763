"""The scripts behind `make run`: a user without administrator rights is told, in Dutch and
English, the exact apt-get command to ask for; nothing calls apt-get when all is installed;
a Python older than 3.11 is refused with what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_DEPS = ROOT / "scripts" / "system-deps.sh"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
ABSENT = "reiscoder-test-no-such-package"  # installed nowhere, known to no package list


def _installed_packages() -> list[str]:
    listed = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\\n", "bash", "coreutils", "libc6"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [line.split()[0] for line in listed if line.endswith("ok installed")]


@pytest.fixture(scope="module")
def open_copy() -> Iterator[Path]:
    """The script in a folder anyone may read: the checkout may sit where nobody cannot."""
    folder = Path(tempfile.mkdtemp(prefix="reiscoder-scripts-"))
    try:
        folder.chmod(0o755)
        copy = folder / SYSTEM_DEPS.name
        shutil.copy2(SYSTEM_DEPS, copy)
        copy.chmod(0o755)
        yield copy
    finally:
        shutil.rmtree(folder)


def _as_nobody(
    script: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NOBODY, str(script), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        timeout=120,
        check=False,
        cwd="/",
    )


def test_a_user_without_rights_gets_the_apt_command_to_ask_for_in_dutch_and_english(open_copy):
    installed = _installed_packages()
    assert "bash" in installed
    # an alternative "t64 name|old name" whose second name is installed counts as there
    result = _as_nobody(open_copy, "packages", ABSENT, f"{ABSENT}-t64|bash", *installed)
    assert result.returncode == 1
    command = f"sudo apt-get install --no-install-recommends {ABSENT}"
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert lines.count(command) == 2  # once under the Dutch, once under the English
    assert "Vraag je systeembeheerder om deze opdracht uit te voeren:" in result.stderr
    assert "Ask your system administrator to run this command:" in result.stderr
    assert result.stderr.index("Vraag je") < result.stderr.index("Ask your")


def test_nothing_calls_apt_get_when_all_is_installed(tmp_path, open_copy):
    installed = _installed_packages()
    spy = tmp_path / "bin"
    spy.mkdir()
    calls = tmp_path / "calls"
    for tool in ("apt-get", "sudo"):  # anything that would change the system leaves a trace
        script = spy / tool
        script.write_text(f'#!/bin/sh\necho "{tool} $*" >>"{calls}"\nexit 1\n')
        script.chmod(0o755)
    env = {**os.environ, "PATH": f"{spy}:{os.environ['PATH']}"}
    as_root = subprocess.run(
        [str(SYSTEM_DEPS), "packages", *installed, f"{ABSENT}|bash"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (as_root.returncode, as_root.stdout, as_root.stderr) == (0, "", "")
    assert not calls.exists()
    as_nobody = _as_nobody(open_copy, "packages", *installed)
    assert (as_nobody.returncode, as_nobody.stderr) == (0, "")
    # and the real list of `make run` on this machine, where the tests run, is complete
    full = subprocess.run(
        [str(SYSTEM_DEPS), "run"], capture_output=True, text=True, env=env, timeout=120
    )
    assert (full.returncode, full.stderr) == (0, "") and not calls.exists()


def test_a_python_older_than_3_11_is_refused_in_dutch_and_english(tmp_path):
    old = tmp_path / "python3.10"
    old.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12"; exit 1\n')
    old.chmod(0o755)
    result = subprocess.run(
        [str(ROOT / "scripts" / "check-python.sh"), str(old)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    text = result.stderr
    assert f"reiscoder heeft Python 3.11 of nieuwer nodig; {old} is Python 3.10.12." in text
    assert f"reiscoder needs Python 3.11 or newer; {old} is Python 3.10.12." in text
    lines = [line.strip() for line in text.splitlines()]
    assert lines.count("sudo apt-get install python3.11 python3.11-venv") == 2
    assert lines.count("make run PYTHON=python3.11") == 2
    missing = subprocess.run(
        [str(ROOT / "scripts" / "check-python.sh"), str(tmp_path / "python9")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 1 and "is niet geïnstalleerd" in missing.stderr
    assert "is not installed" in missing.stderr
    assert shutil.which("setpriv")  # the tests above run as nobody through it
