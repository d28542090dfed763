"""The teacher's command line: merge, agreement against the reference, the grading report."""

from __future__ import annotations

import docx
import openpyxl

from reiscoder.cli import main
from tests.teaching.scenario import correct_after_handing_out, student_codes


def test_merge_agreement_and_grading_on_the_command_line(classroom, tmp_path, capsys):
    room = classroom
    correct_after_handing_out(room)
    student_codes(room)
    copies = [str(room.copies[n]) for n in ("Sara", "Tom", "Lies", "Noor")]
    assert main(["merge", str(room.teacher), *copies]) == 0
    out = capsys.readouterr().out
    assert "sara.reis: 11 coderingen en 0 memo's van Sara samengevoegd" in out
    assert "1 codering kon niet worden samengevoegd:" in out
    assert "Sara, Gesprek Marco: “En minder formulieren.”" in out
    assert "noor.reis: 0 coderingen en 0 memo's van noor samengevoegd" in out

    assert (
        main(["agreement", str(room.teacher), "--reference", "Docent", "--min-overlap", "3"]) == 0
    )
    out = capsys.readouterr().out
    assert out.count("== ") == 4  # every student, the one who coded nothing too
    assert "Geteld: 10 zinnen in 2 documenten." in out
    assert "minstens 3 tekens" in out and "1 verschil\n" in out
    assert "Alle codes samen (gepoold)" in out and "−0,05" in out and "-0," not in out
    assert "Sara, Gesprek Fatima: “Dan eten we samen op het plein.”" in out  # the slip

    assert (
        main(
            [
                "agreement",
                str(room.teacher),
                "--coder",
                "Docent",
                "--coder",
                "Tom",
                "--coder",
                "Lies",
                "--document",
                "Gesprek Marco",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "κ Fleiss" in out and "Documenten: Gesprek Marco" in out

    target = tmp_path / "cijfers.xlsx"
    assert (
        main(
            [
                "export",
                str(room.teacher),
                "grading",
                str(target),
                "--reference",
                "Docent",
                "--coder",
                "Tom",
                "--coder",
                "Sara",
                "--main-codes",
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(target)
    students = [row[0] for row in book["Overzicht"].iter_rows(min_row=2, values_only=True)]
    assert students == ["Sara", "Tom"]
    method = dict(book["Werkwijze"].iter_rows(min_row=2, max_row=9, values_only=True))
    assert method["Niveau"].startswith("Hoofdcodes")

    report = tmp_path / "analyse.docx"
    assert (
        main(
            [
                "export",
                str(room.teacher),
                "analysis",
                str(report),
                "--coder",
                "Docent",
                "--coder",
                "Tom",
            ]
        )
        == 0
    )
    text = "\n".join(p.text for p in docx.Document(report).paragraphs)
    assert "Docent, Tom:" in text and "Sara" not in text
