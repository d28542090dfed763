"""The command line creates and describes real project files, in Dutch by default."""

from __future__ import annotations

import subprocess
import sys

from reiscoder.cli import main


def test_new_info_codebook(tmp_path, capsys):
    path = tmp_path / "reis.reis"
    assert main(["new", str(path), "--coder", "Anna"]) == 0
    assert path.exists()
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Schemaversie:" in out and "Codes:" in out and "25" in out
    assert main(["codebook", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("1 Sociale samenhang  [#")
    assert "  2.5 Belemmeringen (regels, systeemwereld, institutionaliseren)" in out
    assert "0 coderingen in 0 documenten" in out


def test_empty_codebook_and_missing_file_message(tmp_path, capsys):
    path = tmp_path / "leeg.reis"
    assert main(["new", str(path), "--template", "none"]) == 0
    capsys.readouterr()
    assert main(["codebook", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["info", str(tmp_path / "weg.reis")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_the_console_script_runs_as_a_program(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "reiscoder", "new", str(tmp_path / "x.reis")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "aangemaakt" in result.stdout
