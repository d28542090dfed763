"""Smoke test of the frozen app as installed: `make smoke` (CI runs it after installing the .deb).

REISCODER_APP names the program (default /usr/bin/reiscoder, what the .deb installs). The app
runs offscreen with a fresh home folder: the command line builds the demo project, the app is
started on it, and its smoke driver (reiscoder.ui.smoke) imports a .docx, a .txt and a .vtt
together and exports every kind; a second start then hands another project over. These tests
read what it left behind. The bundle's size and the start-up time are printed at the end.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import docx
import openpyxl
import pytest

from reiscoder.reports.exports import EXPORTS

APP = Path(os.environ.get("REISCODER_APP", "/usr/bin/reiscoder"))
RUN_TIMEOUT = 900
FIGURES: dict[str, str] = {}

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Interviewer>Wat doet u hier in de wijk?

00:00:04.500 --> 00:00:09.000
<v Karim>Ik help de buren met de moestuin. Dat geeft mij energie.
"""
TXT = """Interviewer: Hoe kwam het initiatief tot stand?
Respondent: Bewoners begonnen zelf, bijv. met een buurtmaaltijd. Dat werkte goed.
"""
DOCX_LINES = (
    "Interviewer: Wat betekent samenwerking voor u?",
    "Fatima: We werken samen met de gemeente en de hogeschool. Dat gaat niet altijd vanzelf.",
)


def environment(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REISCODER_", "XDG_", "PYTHON", "QT_"))
    }
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_RUNTIME_DIR=str(home / "run"),
        QT_QPA_PLATFORM="offscreen",
        REISCODER_INSTANCE=f"reiscoder-smoke-{uuid.uuid4().hex[:12]}",
        REISCODER_LANG="nl",
    )
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def remember_coder(home: Path) -> None:
    """The app asks once who codes; answer it beforehand, where QSettings looks."""
    if sys.platform.startswith("linux"):
        conf = home / ".config" / "reiscoder" / "reiscoder.conf"
        conf.parent.mkdir(parents=True, exist_ok=True)
        conf.write_text("[coder]\nname=Smoke\n", encoding="utf-8")
        return
    from PySide6.QtCore import QSettings  # the registry (Windows) or a plist (macOS)

    settings = QSettings("reiscoder", "reiscoder")
    settings.setValue("coder/name", "Smoke")
    settings.sync()


def write_inputs(folder: Path) -> None:
    folder.mkdir(parents=True)
    document = docx.Document()
    for line in DOCX_LINES:
        document.add_paragraph(line)
    document.save(str(folder / "samenwerking.docx"))
    (folder / "initiatief.txt").write_text(TXT, encoding="utf-8")
    (folder / "moestuin.vtt").write_text(VTT, encoding="utf-8")


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(APP), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def wait_for_phase(report_path: Path, process: subprocess.Popen, phases: set[str]) -> dict:
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        if report_path.exists():
            report = json.loads(report_path.read_text(encoding="utf-8"))
            if report["phase"] in phases:
                return report
        if process.poll() is not None and not report_path.exists():
            break
        time.sleep(0.2)  # polling another process's progress file, not waiting for luck
    output = process.stdout.read() if process.poll() is not None else "(still running)"
    pytest.fail(f"the app did not reach {phases}; its output:\n{output}")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory, pytestconfig):
    """Run the whole walk once; the tests below read what it left behind."""
    pytestconfig.reiscoder_figures = FIGURES  # printed by conftest.py at the end
    assert APP.exists(), f"no installed app at {APP} (set REISCODER_APP)"
    home = tmp_path_factory.mktemp("home")
    env = environment(home)
    remember_coder(home)
    folder = home / "smoke"
    write_inputs(folder / "in")
    demo = home / "demo.reis"
    built = time.monotonic()
    demo_run = cli(env, "demo", "--no-gui", "--path", str(demo))
    FIGURES["demo project built by the command line"] = f"{time.monotonic() - built:.1f} s"
    assert demo_run.returncode == 0, demo_run.stderr

    started = time.time()
    app = subprocess.Popen(
        [str(APP), str(demo)],
        env={**env, "REISCODER_SMOKE_TEST": str(folder)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        report = wait_for_phase(folder / "report.json", app, {"waiting-for-handover", "done"})
        other = home / "tweede.reis"
        assert cli(env, "new", str(other), "--template", "none").returncode == 0
        second = subprocess.run(
            [str(APP), str(other)], env=env, timeout=120, capture_output=True, text=True
        )
        app_exit = app.wait(timeout=300)
    finally:
        if app.poll() is None:
            app.kill()
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    output = app.stdout.read()
    FIGURES["start-up (process start until the window shows the demo)"] = (
        f"{report['shown_at'] - started:.2f} s" if "shown_at" in report else "not reached"
    )
    if "import_seconds" in report:
        FIGURES["import of docx + txt + vtt (worker processes)"] = (
            f"{report['import_seconds']:.1f} s"
        )
    record_sizes()
    return {
        "report": report,
        "output": output,
        "exit": app_exit,
        "second": second,
        "other": other,
        "folder": folder,
        "demo": demo,
        "env": env,
    }


def record_sizes() -> None:
    folder = APP.resolve().parent
    size = sum(f.lstat().st_size for f in folder.rglob("*") if not f.is_symlink() and f.is_file())
    FIGURES["bundle size"] = f"{size / 2**20:.0f} MB ({folder})"
    deb = os.environ.get("REISCODER_DEB")
    if deb:
        FIGURES[".deb size"] = f"{Path(deb).stat().st_size / 2**20:.0f} MB ({Path(deb).name})"


def test_the_app_ran_the_walk_without_errors(smoke):
    assert smoke["report"]["errors"] == [], smoke["output"]
    assert smoke["exit"] == 0, smoke["output"]
    assert "Traceback" not in smoke["output"]
    assert "usage:" not in smoke["output"]  # no worker process read the command line


def test_the_window_showed_the_demo_project(smoke):
    report = smoke["report"]
    assert Path(report["project"]) == smoke["demo"]
    assert report["documents_before"] == 3
    screenshot = smoke["folder"] / "window.png"
    assert screenshot.stat().st_size > 20_000  # a painted window, not an empty frame


def test_a_docx_a_txt_and_a_vtt_imported_together_and_segmented(smoke):
    report = smoke["report"]
    assert report["imported"] == {
        "initiatief.txt": "imported",
        "moestuin.vtt": "imported",
        "samenwerking.docx": "imported",
    }
    assert report["documents_after"] == 6
    assert report["segmenting_after"] == 0
    assert report["pipelines"]
    # the sentences were computed in worker processes, not by the fallback in the app itself
    workers = [line for line in report["worker_processes"] if "forkserver" in line]
    if sys.platform.startswith("linux"):
        assert len(workers) >= 2, report["worker_processes"]  # the fork server and a worker
    else:
        assert report["worker_processes"], "no worker processes"


def test_every_word_and_spreadsheet_export_exists_and_reads_back(smoke):
    exports = smoke["report"]["exports"]
    assert set(exports) == {kind.value for kind in EXPORTS}
    texts = {}
    for kind, spec in EXPORTS.items():
        entry = exports[kind.value]
        assert "error" not in entry, (kind, entry)
        path = Path(entry["path"])
        assert path.suffix == spec.suffix
        texts[kind.value] = read_back(path)
        assert texts[kind.value].strip(), kind
    # what was imported in the walk is in the exports
    assert "moestuin" in texts["transcript"]
    assert "de gemeente en de hogeschool" in texts["transcript"]
    assert "Sociale samenhang" in texts["codebook"]
    assert "samenwerking" in texts["matrix-csv"]


def read_back(path: Path) -> str:
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
        assert len(rows) > 1, path
        return "\n".join(" ".join(str(v) for v in row if v is not None) for row in rows)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";" if ";" in handle.readline() else ","))
    assert rows, path
    return path.read_text(encoding="utf-8-sig")


def test_a_second_start_hands_its_project_to_the_running_app(smoke):
    assert smoke["second"].returncode == 0, smoke["second"].stdout + smoke["second"].stderr
    assert Path(smoke["report"]["opened_later"]) == smoke["other"]


def test_the_command_line_of_the_bundle_speaks_dutch(smoke):
    info = cli(smoke["env"], "info", str(smoke["demo"]))
    assert info.returncode == 0, info.stderr
    assert "Documenten:" in info.stdout
    assert "reiscoder-nl-regels" in info.stdout  # the Dutch rules and lemma table are inside
    found = cli(smoke["env"], "search", str(smoke["demo"]), "bewoner")
    assert found.returncode == 0 and "bewoners" in found.stdout.lower()


def test_the_command_line_imports_several_files_with_its_worker_processes(smoke, tmp_path):
    project = tmp_path / "cli.reis"
    assert cli(smoke["env"], "new", str(project)).returncode == 0
    files = sorted(str(p) for p in (smoke["folder"] / "in").iterdir())
    result = cli(smoke["env"], "import", str(project), *files)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "3 van 3 bestanden geïmporteerd." in output
    assert "usage" not in output.lower() and "Traceback" not in output
