"""Progress, cancelling, safe writing, clear messages, the preview and the command line."""

from __future__ import annotations

import pytest

from reiscoder.cli import main
from reiscoder.reports.common import ExportCancelled, ExportError, write_atomically
from reiscoder.reports.exports import EXPORTS, default_options, preview, run_export
from reiscoder.reports.options import (
    CodebookOptions,
    ExportKind,
    FragmentsOptions,
    MemosOptions,
    TranscriptOptions,
)


@pytest.mark.parametrize("kind", list(ExportKind))
def test_every_kind_reports_progress_up_to_the_end(demo, tmp_path, kind):
    calls = []
    output = tmp_path / f"uit{EXPORTS[kind].suffix}"
    report = run_export(
        demo, kind, default_options(kind), output, lambda d, t: calls.append((d, t))
    )
    assert output.is_file() and report.path == output and report.kind == kind
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert [p.name for p in tmp_path.iterdir()] == [output.name]  # no temporary left


def test_cancelling_leaves_the_old_file_untouched(demo, tmp_path):
    output = tmp_path / "fragmenten.docx"
    output.write_bytes(b"the earlier export")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ExportCancelled):
        run_export(demo, ExportKind.FRAGMENTS, FragmentsOptions(), output, cancelled=cancelled)
    assert output.read_bytes() == b"the earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["fragmenten.docx"]


def test_a_failing_write_leaves_nothing_under_the_target_name(tmp_path):
    output = tmp_path / "half.xlsx"

    def write(path):
        path.write_bytes(b"half a fi")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError) as error:
        write_atomically(output, write)
    assert error.value.message.startswith("half.xlsx kon niet worden geschreven. De schijf is vol")
    assert "No space left on device" not in error.value.message
    assert list(tmp_path.iterdir()) == []


def test_clear_messages_for_targets_that_cannot_be_written(demo, tmp_path):
    options = CodebookOptions()
    with pytest.raises(ExportError) as error:
        run_export(demo, ExportKind.CODEBOOK, options, tmp_path / "weg" / "codeboek.docx")
    assert error.value.message == f"De map {tmp_path / 'weg'} bestaat niet."
    (tmp_path / "map.docx").mkdir()
    with pytest.raises(ExportError, match="is een map, geen bestand"):
        run_export(demo, ExportKind.CODEBOOK, options, tmp_path / "map.docx")
    target = tmp_path / "codeboek-definitief.docx"
    target.write_bytes(b"open in Word")
    (tmp_path / "~$deboek-definitief.docx").write_bytes(b"Word's owner file")
    with pytest.raises(ExportError) as error:
        run_export(demo, ExportKind.CODEBOOK, options, target)
    assert "is geopend in een ander programma" in error.value.message
    assert target.read_bytes() == b"open in Word"
    libre = tmp_path / "tabel.xlsx"
    (tmp_path / ".~lock.tabel.xlsx#").write_text("LibreOffice")
    with pytest.raises(ExportError, match="tabel.xlsx is geopend"):
        run_export(demo, ExportKind.CODINGS_XLSX, default_options("codings-xlsx"), libre)


def test_preview_counts_what_will_be_included(demo):
    assert preview(demo, ExportKind.CODEBOOK, CodebookOptions()).codes == 25
    fragments = preview(demo, ExportKind.FRAGMENTS, FragmentsOptions())
    assert (fragments.codings, fragments.documents, fragments.codes) == (27, 3, 17)
    assert preview(demo, ExportKind.MEMOS, MemosOptions()).memos == 3
    transcript = preview(demo, ExportKind.TRANSCRIPT, TranscriptOptions(document_ids=(1,)))
    assert transcript.documents == 1 and transcript.codings == 12
    assert fragments.describe() == "17 codes · 27 coderingen · 3 documenten"


def test_wrong_options_type_is_a_programming_error(demo, tmp_path):
    with pytest.raises(TypeError):
        run_export(demo, ExportKind.MEMOS, CodebookOptions(), tmp_path / "x.docx")


def test_command_line_exports_with_filters(demo_path, tmp_path, capsys):
    output = tmp_path / "fragmenten.docx"
    argv = ["export", str(demo_path), "fragments", str(output), "--code", "1.1"]
    assert main([*argv, "--coder", "bram jansen", "--attr", "Rol=bewoner"]) == 0
    assert "1 codering · 1 document geëxporteerd naar fragmenten.docx." in capsys.readouterr().out
    table = tmp_path / "matrix.csv"
    assert main(["export", str(demo_path), "matrix", str(table), "--by", "Etappe"]) == 0
    first = table.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith('"Code (aantal coderingen;') and ",1 Sociale samenhang," in first
    book = tmp_path / "book.docx"
    assert main(["export", str(demo_path), "codebook", str(book), "--language", "en"]) == 0
    assert "Exported 25 codes" in capsys.readouterr().out


def test_command_line_messages(demo_path, tmp_path, capsys):
    assert (
        main(["export", str(demo_path), "fragments", str(tmp_path / "f.docx"), "--code", "9.9"])
        == 2
    )
    assert "Er is geen code “9.9”." in capsys.readouterr().err
    assert main(["export", str(demo_path), "memos", str(tmp_path / "m.xlsx")]) == 2
    assert "is een .docx-bestand" in capsys.readouterr().err
    assert (
        main(["export", str(demo_path), "fragments", str(tmp_path / "f.docx"), "--attr", "Rol"])
        == 2
    )
    assert "NAAM=WAARDE" in capsys.readouterr().err
