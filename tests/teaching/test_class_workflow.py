"""The whole class workflow in one test: a teacher hands out three assignments, four students
code them (agreeing, disagreeing, leaving a document empty, coding at the parent level,
overlapping, slipping into the next sentence, handing in nothing), try to change the codebook
by every route, the teacher corrects a transcript after handing out, merges, and grades. Every
figure of the grading report, read back from Word and Excel, equals an independent
recomputation with scikit-learn, krippendorff and statsmodels."""

from __future__ import annotations

import docx
import openpyxl
import pytest
from sqlalchemy import select

from reiscoder.analysis import wording
from reiscoder.cli import main
from reiscoder.model import Code, Coder, Coding, Document
from reiscoder.model.project import Project
from reiscoder.ops.codes import create_code
from reiscoder.reports.exports import run_export
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.options import ExportKind
from reiscoder.teaching.assignment import merge_copies
from reiscoder.teaching.students import Comparison
from tests.factories import new_project
from tests.teaching.recompute import Figures, recount
from tests.teaching.scenario import (
    CODING,
    GIVEN,
    MARCO,
    correct_after_handing_out,
    student_codes,
)


def cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def sections(path):
    """Every table of a Word file under its (Heading 1, Heading 2)."""
    document = docx.Document(path)
    found, h1, h2 = {}, None, None
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for element in document.element.body:
        if element in paragraphs:
            style = paragraphs[element].style.name
            if style == "Heading 1":
                h1, h2 = paragraphs[element].text, None
            elif style == "Heading 2":
                h2 = paragraphs[element].text
        elif element in tables:
            found.setdefault((h1, h2), []).append(cells(tables[element]))
    return found, "\n".join(p.text for p in document.paragraphs)


def shown(figures: Figures, kappa: str = "kappa") -> list[str]:
    return [
        wording.thousands(figures.units),
        wording.share(figures.percent),
        wording.figure(getattr(figures, kappa)),
        wording.figure(figures.alpha),
    ]


def approx(value):
    return None if value is None else pytest.approx(value, abs=1e-9)


def check_student(s, name, student_id, reference, ids, grading_doc, sheets, comparison):
    documents = {ids[d] for d in GIVEN[name]}
    again = recount(
        s,
        [reference, student_id],
        documents,
        main=comparison.main_codes,
        min_overlap=comparison.min_overlap,
    )
    codes = dict(s.execute(select(Code.id, Code.name)).all())
    assert again.per_code, name
    # Word: per code, then the pooled row
    rows = grading_doc[(name, "Per code")][0]
    assert rows[0][:5] == ["Code", "N", "%", "κ", "α"]
    by_label = {row[0]: row[1:5] for row in rows[1:]}
    assert len(by_label) == len(again.per_code) + 1
    for code_id in again.per_code:
        figures = again.code(code_id)
        figures.units = len(again.units)
        assert by_label[codes[code_id]] == shown(figures), (name, codes[code_id])
    pooled = again.pooled()
    pooled_shown = shown(pooled)
    pooled_shown[0] = wording.thousands(len(again.units))  # N: units, not judgements
    assert by_label["Alle codes samen (gepoold)"] == pooled_shown
    # Word: per document, all codes pooled
    rows = grading_doc[(name, "Per document")][0]
    by_document = {row[0]: row[1:5] for row in rows[1:]}
    assert set(by_document) == GIVEN[name]
    for document in GIVEN[name]:
        figures = again.pooled({ids[document]})
        expected = shown(figures)
        expected[0] = wording.thousands(again.units_in(ids[document]))
        assert by_document[document] == expected, (name, document)
    # Excel: the same figures, as numbers
    per_code = [r for r in sheets["Per code"] if r[0] == name]
    paths = {r[1]: r for r in per_code}
    assert len(per_code) == len(again.per_code) + 1
    for code_id in again.per_code:
        path = next(p for p in paths if p.endswith(codes[code_id]))
        row, figures = paths[path], again.code(code_id)
        assert row[2] == len(again.units)
        assert row[3] == pytest.approx(figures.percent, abs=0.05)
        assert (row[3] == 100) == (figures.percent == 100)
        assert row[4] == approx(figures.kappa) and row[5] == approx(figures.alpha)
    row = paths["Alle codes samen (gepoold)"]
    assert row[4] == approx(pooled.kappa) and row[5] == approx(pooled.alpha)
    overview = next(r for r in sheets["Overzicht"] if r[0] == name)
    assert overview[1] == len(GIVEN[name]) and overview[2] == len(again.units)
    assert overview[4] == approx(pooled.kappa) and overview[5] == approx(pooled.alpha)
    feedback = [r for r in sheets["Feedback"] if r[0] == name]
    assert len(feedback) == again.differing()
    listed = grading_doc.get((name, "Waar je verschilt van de referentie"), [[[]]])[0][1:]
    assert listed == [[r[4], r[1], r[5], r[6]] for r in feedback]
    return again


def read_sheets(path):
    book = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(min_row=2, values_only=True)] for ws in book}


def grade(room, tmp_path, comparison, stem):
    docx_path, xlsx_path = tmp_path / f"{stem}.docx", tmp_path / f"{stem}.xlsx"
    with Project.open(room.teacher, read_only=True) as project, project.reader() as s:
        reference = s.scalar(select(Coder.id).where(Coder.name == "Docent"))
        options = GradingOptions(reference_id=reference, comparison=comparison)
        run_export(project, ExportKind.GRADING_DOCX, options, docx_path)
        run_export(project, ExportKind.GRADING_XLSX, options, xlsx_path)
    return docx_path, xlsx_path


def test_a_class_from_handing_out_to_grading(classroom, tmp_path):
    room = classroom
    other = tmp_path / "ander.reis"
    with new_project(other) as project, project.transaction() as s:
        create_code(s, "Eigen code van de student")
    qdc = tmp_path / "ander.qdc"
    assert main(["export-refi", str(other), str(qdc)]) == 0

    correct_after_handing_out(room)
    student_codes(room, qdc)
    with Project.open(room.teacher, read_only=True) as project, project.reader() as s:
        codebook_before = sorted(s.scalars(select(Code.uuid)))

    with Project.open(room.teacher) as project:
        _backup, reports = merge_copies(project, [room.copies[n] for n in CODING])
    by_file = {r.path.stem: r for r in reports}
    # The sentence the teacher deleted is the one coding that could not be placed, listed.
    [gone] = by_file["sara"].left_out
    assert (gone.student, gone.document, gone.passage) == ("Sara", MARCO, "En minder formulieren.")
    assert gone.code.endswith("3.5 Latente talenten, wat werkers nodig hebben")
    assert by_file["sara"].codings == 11 and by_file["sara"].corrected >= 5
    assert by_file["tom"].left_out == [] and by_file["tom"].codings == 9
    assert by_file["noor"].codings == 0 and by_file["noor"].warnings  # still a student
    with Project.open(room.teacher, read_only=True) as project, project.reader() as s:
        assert sorted(s.scalars(select(Code.uuid))) == codebook_before
        tom = s.scalar(select(Coder.id).where(Coder.name == "Tom"))
        quotes = set(s.scalars(select(Coding.quote).where(Coding.coder_id == tom)))
        assert "Meer tijd om echt te luisteren." in quotes  # placed through the correction
        names = set(s.scalars(select(Coder.name)))
    assert names == {"Docent", "Sara", "Tom", "Lies", "noor"}

    for comparison, stem in (
        (Comparison(), "beoordeling"),
        (Comparison(main_codes=True, min_overlap=3, bootstrap=200), "hoofdcodes"),
    ):
        docx_path, xlsx_path = grade(room, tmp_path, comparison, stem)
        doc, text = sections(docx_path)
        sheets = read_sheets(xlsx_path)
        with Project.open(room.teacher, read_only=True) as project, project.reader() as s:
            ids = dict(s.execute(select(Document.name, Document.id)).all())
            coders = dict(s.execute(select(Coder.name, Coder.id)).all())
            reference = coders["Docent"]
            results = {
                name: check_student(s, name, coders[name], reference, ids, doc, sheets, comparison)
                for name in GIVEN
            }
            # the whole class: everyone was given Marco; Fleiss and Brennan-Prediger
            everyone = [reference, *(coders[n] for n in sorted(GIVEN, key=str.casefold))]
            whole = recount(
                s,
                everyone,
                {ids[MARCO]},
                main=comparison.main_codes,
                min_overlap=comparison.min_overlap,
            )
            row = next(r for r in sheets["Hele groep"] if r[0] == "Alle codes samen (gepoold)")
            pooled = whole.pooled()
            assert row[1] == len(whole.units)
            assert row[3] == approx(pooled.fleiss) and row[4] == approx(pooled.randolph)
            assert row[5] == approx(pooled.alpha)
            codes = dict(s.execute(select(Code.id, Code.name)).all())
            for code_id in whole.per_code:
                figures = whole.code(code_id)
                row = next(r for r in sheets["Hele groep"] if r[0].endswith(codes[code_id]))
                assert row[3] == approx(figures.fleiss) and row[5] == approx(figures.alpha)
        # what it says about itself
        for words in ("Werkwijze", "Zo lees je de cijfers", "0,800", "Gemaakt op"):
            assert words in text
        facts = dict(row[:2] for row in doc[(None, None)][0])
        assert facts["Referentiecodeur"] == "Docent"
        assert facts["Studenten"] == "Lies, noor, Sara, Tom"
        assert "Eenheid: zinnen." in text
        noor = results["noor"].pooled()
        assert noor.kappa == 0 and noor.percent > 50  # codes nothing: kappa 0, still graded
        if comparison.main_codes:
            assert "hoofdcode" in text and "minstens 3 tekens" in text
            assert "1 codering reikt met te weinig tekens" in text  # Sara's slip, listed
            overview = {r[0]: r for r in sheets["Overzicht"]}
            assert all(r[6] is not None and r[6] <= r[5] <= r[7] for r in overview.values())
        else:
            tom = results["Tom"].per_code
            assert len(tom) > 5
            feedback = [r for r in sheets["Feedback"] if r[0] == "Tom"]
            assert [
                "Ik ken bijna alle bewoners bij naam.",
                "3.1 Nabijheid en leefwereld",
                "3.2 Spin in het web, verbinden",
            ] in [[r[4], r[5], r[6]] for r in feedback]
    # the same seed gives the same intervals
    (tmp_path / "again").mkdir()
    main_level = Comparison(main_codes=True, min_overlap=3, bootstrap=200)
    _docx, again_xlsx = grade(room, tmp_path / "again", main_level, "hoofdcodes")
    first = read_sheets(tmp_path / "hoofdcodes.xlsx")["Overzicht"]
    assert read_sheets(again_xlsx)["Overzicht"] == first
