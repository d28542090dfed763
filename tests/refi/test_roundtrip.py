"""Our project -> .qdpx -> a new project is the same project, with or without our extras."""

from __future__ import annotations

import zipfile

from reiscoder.model.project import Project
from reiscoder.refi import (
    ExportOptions,
    ImportOptions,
    PositionConvention,
    export_project,
    import_as_new_project,
    import_qdpx,
)
from reiscoder.refi.safety import EXTRAS_NAME
from tests.refi.builders import (
    SAMPLES,
    assert_valid,
    rich_project,
    snapshot,
    without_member,
)

QUIET = ImportOptions(coder="Importeur", segment=False)


def _export(tmp_path, options=None):
    with rich_project(tmp_path / "bron.reis") as project, project.reader() as session:
        export_project(session, tmp_path / "bron.qdpx", options)
        return snapshot(session), snapshot(session, standard_only=True)


def test_round_trip_is_identical(tmp_path):
    before, _standard = _export(tmp_path)
    project, report = import_as_new_project(tmp_path / "bron.qdpx", tmp_path / "kopie.reis", QUIET)
    with project, project.reader() as session:
        after = snapshot(session)
    assert after == before
    assert report.counts["codings"] == 6 and report.counts["memos"] == 5
    assert not report.dropped and not report.warnings


def test_round_trip_without_the_extension_file_keeps_every_standard_field(tmp_path):
    _full, before = _export(tmp_path)
    bare = without_member(tmp_path / "bron.qdpx", tmp_path / "kaal.qdpx", EXTRAS_NAME)
    assert EXTRAS_NAME not in zipfile.ZipFile(bare).namelist()
    project, _report = import_as_new_project(bare, tmp_path / "kopie.reis", QUIET)
    with project, project.reader() as session:
        after = snapshot(session, standard_only=True)
    assert after == before


def test_round_trip_with_crlf_positions(tmp_path):
    before, _standard = _export(tmp_path, ExportOptions(PositionConvention.CRLF))
    text = zipfile.ZipFile(tmp_path / "bron.qdpx").read(
        next(n for n in zipfile.ZipFile(tmp_path / "bron.qdpx").namelist() if n.endswith(".txt"))
    )
    assert b"\r\n" in text
    project, report = import_as_new_project(tmp_path / "bron.qdpx", tmp_path / "kopie.reis", QUIET)
    with project, project.reader() as session:
        assert snapshot(session)["codings"] == before["codings"]
    assert any("LF" in line for line in report.converted)  # line breaks made LF


def test_merging_the_same_file_twice_doubles_nothing(tmp_path):
    before, _standard = _export(tmp_path)
    with Project.open(tmp_path / "bron.reis") as project:
        for _attempt in range(2):
            report = import_qdpx(project, tmp_path / "bron.qdpx", merge=True, options=QUIET)
            assert report.backup is not None and report.backup.exists()
            assert report.counts.get("codings", 0) == 0 and report.counts.get("memos", 0) == 0
            assert report.counts["matched_codings"] == 6
        with project.reader() as session:
            assert snapshot(session) == before


def test_a_foreign_project_survives_our_export_in_either_convention(tmp_path):
    first, _report = import_as_new_project(
        SAMPLES / "qc-1.3.2_en_demo.qdpx", tmp_path / "qc.reis", QUIET
    )
    with first, first.reader() as session:
        before = snapshot(session)
        for convention in PositionConvention:
            export_project(session, tmp_path / f"{convention}.qdpx", ExportOptions(convention))
    for convention in PositionConvention:
        package = zipfile.ZipFile(tmp_path / f"{convention}.qdpx")
        assert_valid(package.read("project.qde"), "Project.xsd")
        again, _report = import_as_new_project(
            tmp_path / f"{convention}.qdpx", tmp_path / f"{convention}.reis", QUIET
        )
        with again, again.reader() as session:
            assert snapshot(session) == before


def _replace_members(source, target, replace):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, replace(info.filename, data))
    return target


def test_a_broken_extension_file_is_ignored_with_a_warning(tmp_path):
    _full, before = _export(tmp_path)
    for number, broken in enumerate(
        [
            b"{not json",
            b'{"format": "reiscoder-refi-extensions", "version": 1, "attributes": '
            b'{"x": {"kind": "colour", "target": "document"}}}',
        ]
    ):
        path = _replace_members(
            tmp_path / "bron.qdpx",
            tmp_path / f"kapot{number}.qdpx",
            lambda name, data, broken=broken: broken if name == EXTRAS_NAME else data,
        )
        project, report = import_as_new_project(path, tmp_path / f"k{number}.reis", QUIET)
        with project, project.reader() as session:
            assert snapshot(session, standard_only=True) == before
        assert any("uitbreidingsbestand" in line for line in report.warnings)


def test_turns_are_found_anew_when_another_tool_changed_the_text(tmp_path):
    before, _standard = _export(tmp_path)
    path = _replace_members(
        tmp_path / "bron.qdpx",
        tmp_path / "anders.qdpx",
        lambda name, data: (
            data + b"\nToegevoegd door een ander programma." if name.endswith(".txt") else data
        ),
    )
    project, report = import_as_new_project(path, tmp_path / "anders.reis", QUIET)
    with project, project.reader() as session:
        assert snapshot(session)["codings"] == before["codings"]
    assert sum("opnieuw bepaald" in line for line in report.converted) == 2
