"""``reiscoder import-refi`` and ``reiscoder export-refi`` on real files."""

from __future__ import annotations

import zipfile

from reiscoder.cli import main
from tests.refi.builders import SAMPLES, assert_valid, rich_project


def test_export_then_import_as_a_new_project_and_merge(tmp_path, capsys):
    rich_project(tmp_path / "ons.reis").close()
    assert main(["export-refi", str(tmp_path / "ons.reis"), str(tmp_path / "ons.qdpx")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Project geëxporteerd naar ons.qdpx") and "Coderingen: 6" in out
    assert_valid(zipfile.ZipFile(tmp_path / "ons.qdpx").read("project.qde"), "Project.xsd")

    new = ["import-refi", str(tmp_path / "kopie"), str(tmp_path / "ons.qdpx"), "--new"]
    assert main(new) == 0
    out = capsys.readouterr().out
    assert out.startswith("Geïmporteerd uit ons.qdpx") and "Coderingen: 6" in out
    assert (tmp_path / "kopie.reis").exists()

    merge = ["import-refi", str(tmp_path / "kopie.reis"), str(tmp_path / "ons.qdpx")]
    assert main(merge) == 0
    out = capsys.readouterr().out
    assert (
        "Samengevoegd uit ons.qdpx" in out and "Coderingen die al in het project stonden: 6" in out
    )


def test_codebook_and_crlf_exports(tmp_path, capsys):
    rich_project(tmp_path / "ons.reis").close()
    assert main(["export-refi", str(tmp_path / "ons.reis"), str(tmp_path / "boek.qdc")]) == 0
    assert_valid((tmp_path / "boek.qdc").read_bytes(), "Codebook.xsd")
    crlf = ["export-refi", str(tmp_path / "ons.reis"), str(tmp_path / "nvivo.qdpx")]
    assert main([*crlf, "--positions", "crlf", "--no-extras"]) == 0
    names = zipfile.ZipFile(tmp_path / "nvivo.qdpx").namelist()
    assert names[0] == "project.qde" and len(names) == 3  # no extension file
    assert "CR LF" in capsys.readouterr().out


def test_a_sample_imports_from_the_command_line(tmp_path, capsys):
    sample = SAMPLES / "qc-1.3.2_en_demo.qdpx"
    assert main(["import-refi", str(tmp_path / "qc.reis"), str(sample), "--new"]) == 0
    assert "Coderingen: 205" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "qc.reis")]) == 0


def test_a_hostile_file_is_an_error_with_a_message(tmp_path, capsys):
    bad = tmp_path / "slecht.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", "<Project/>")
        archive.writestr("../../etc/cron.d/x", "boe")
    assert main(["import-refi", str(tmp_path / "n.reis"), str(bad), "--new"]) == 2
    assert "onveilig pad" in capsys.readouterr().err
    assert not (tmp_path / "n.reis").exists()
