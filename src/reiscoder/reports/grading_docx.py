"""The grading report in Word: the reference coder against each student, with feedback.

Title and facts, the method (unit, which units count, documents, codes, date, coders), how to
read the figures, one overview row per student, the whole class together, and per student
the figures per code and per document and every passage where they differ from the
reference: what the reference gave and what the student gave.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.shared import Cm
from sqlalchemy.orm import Session

from reiscoder.analysis import wording
from reiscoder.i18n import _, ngettext
from reiscoder.model.project import Project
from reiscoder.reports import agreement_docx as tables
from reiscoder.reports.agreement_docx import StatsRow
from reiscoder.reports.common import (
    Cancelled,
    Contents,
    ExportReport,
    Progress,
    Ticker,
    never_cancelled,
    no_progress,
    reading_for,
    write_atomically,
)
from reiscoder.reports.docx_base import add_paragraph, new_document
from reiscoder.reports.docx_tables import data_table, title_block
from reiscoder.reports.grading_data import Grading, GradingOptions, StudentGrade, load_grading
from reiscoder.reports.options import ExportKind
from reiscoder.teaching.students import Compared, DocumentChoice


def export_grading_docx(
    source: Project | Session,
    options: GradingOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    with reading_for(source, options) as (session, options):
        grading = load_grading(session, options)
    ticker = Ticker(len(grading.students) + 2, progress, cancelled)
    document = write_grading(grading, ticker)
    write_atomically(Path(output), lambda path: document.save(str(path)))
    ticker.finish()
    return ExportReport(ExportKind.GRADING_DOCX, Path(output), _contents(grading))


def _contents(grading: Grading) -> Contents:
    documents = {d for s in grading.students for d in s.agreement.document_ids}
    return Contents(documents=len(documents), coders=len(grading.students) + 1)


def write_grading(grading: Grading, ticker: Ticker) -> Document:
    title = _("Grading")
    document = new_document(title, grading.project)
    title_block(document, title, grading.project, _facts(grading))
    _method(document, grading)
    ticker.step()
    _overview(document, grading)
    if grading.whole_class is not None:
        _whole_class(document, grading, grading.whole_class)
    ticker.step()
    for student in grading.students:
        _student(document, grading, student)
        ticker.step()
    return document


def _facts(grading: Grading) -> list[tuple[str, str]]:
    names = ", ".join(s.agreement.name for s in grading.students)
    return [
        (_("Project"), grading.project),
        (_("Date"), grading.made.strftime("%d-%m-%Y %H:%M")),
        (_("Reference coder"), grading.reference),
        (_("Students"), names),
        (_("Unit"), wording.unit_plural(grading.comparison.unit)),
    ]


def _method(document: Document, grading: Grading) -> None:
    spec = grading.comparison.spec((0, 1), None)
    document.add_heading(_("Method"), level=1)
    lines = [
        _("Each student is compared with the reference coder {name}.").format(
            name=grading.reference
        ),
        _("Unit: {unit}. {which} {overlap}").format(
            unit=wording.unit_plural(spec.unit),
            which=wording.which_units(spec),
            overlap=wording.overlap_rule(spec),
        ),
        wording.level(spec),
        _documents_rule(grading),
        _codes_rule(grading),
        _(
            "For every code, each unit is judged “given” or “not given” by each coder; the "
            "pooled figures put the judgements of all codes together (units × codes)."
        ),
    ]
    if grading.comparison.bootstrap:
        lines.append(
            _(
                "The 95% interval of alpha comes from {draws} bootstrap draws of the units "
                "(seed {seed}): the same figures every time."
            ).format(draws=grading.comparison.bootstrap, seed=grading.comparison.seed)
        )
    lines.append(_("Made on {date} with reiscoder.").format(date=grading.made.strftime("%d-%m-%Y")))
    for line in lines:
        add_paragraph(document, line)
    document.add_heading(_("How to read the figures"), level=2)
    tables.interpretation(document)


def _documents_rule(grading: Grading) -> str:
    if grading.comparison.documents is DocumentChoice.ALL:
        return _("Documents: every document counts, also where a coder never coded.")
    return _(
        "Documents: only those both the student and the reference were given (the "
        "student's assignment) or, without an assignment, coded. A student who left an "
        "assigned document empty is judged on it."
    )


def _codes_rule(grading: Grading) -> str:
    if grading.comparison.code_ids is None:
        return _("Codes: every code that the student or the reference used.")
    return ngettext(
        "Codes: only the {n} chosen code.",
        "Codes: only the {n} chosen codes.",
        len(grading.comparison.code_ids),
    ).format(n=len(grading.comparison.code_ids))


def _overview(document: Document, grading: Grading) -> None:
    document.add_heading(_("Overview per student"), level=1)
    interval = bool(grading.comparison.bootstrap)
    header = [_("Student"), _("Documents"), *tables.stats_header("", 2, interval)[1:]]
    header.append(_("Reading"))
    rows = []
    for student in grading.students:
        result = student.result
        cells = tables.stats_cells(
            StatsRow(student.agreement.name, result.units_counted, result.overall), 2, interval
        )
        rows.append(
            [cells[0], str(len(result.documents_with_units)), *cells[1:]]
            + [wording.alpha_band(result.overall.alpha)]
        )
    tables.table(document, header, rows)
    unit = wording.unit_plural(grading.comparison.unit)
    tables.note(document, tables.legend(2, interval, unit))
    tables.note(
        document,
        _(
            "All codes pooled: per student, the units counted in their documents, each "
            "judged for every code; N counts the units, not the judgements. “Reading” is "
            "the reading of α (see above)."
        ),
    )


def _whole_class(document: Document, grading: Grading, compared: Compared) -> None:
    result = compared.result
    document.add_heading(_("The whole class together"), level=1)
    coders = len(result.coder_names)
    if not result.document_ids:
        add_paragraph(document, _("There is no document that every student was given."))
        return
    names = ", ".join(grading.document_names[d] for d in result.document_ids)
    add_paragraph(
        document,
        _(
            "The reference and all {n} students, on the documents everyone was given ({names}): "
            "{what}."
        ).format(n=coders - 1, names=names, what=wording.counted(result)),
    )
    rows = tables.code_rows(result, _("All codes (pooled)"))
    unit = wording.unit_plural(grading.comparison.unit)
    tables.stats_table(document, _("Code"), rows, coders, bool(grading.comparison.bootstrap), unit)


def _student(document: Document, grading: Grading, student: StudentGrade) -> None:
    result = student.result
    agreement = student.agreement
    interval = bool(grading.comparison.bootstrap)
    document.add_heading(agreement.name, level=1)
    names = [grading.document_names[d] for d in result.document_ids]
    add_paragraph(
        document,
        _("Compared with {reference}: {what} ({names}).").format(
            reference=grading.reference, what=wording.counted(result), names=", ".join(names)
        ),
    )
    for entry in agreement.left_out:
        tables.note(
            document,
            _("Left out: {document} — {reason}.").format(
                document=entry.name, reason=_(entry.reason).format(coder=entry.coder)
            ),
        )
    document.add_heading(_("Per code"), level=2)
    rows = tables.code_rows(result, _("All codes (pooled)"))
    unit = wording.unit_plural(grading.comparison.unit)
    tables.stats_table(document, _("Code"), rows, 2, interval, unit)
    never = [row.code.name for row in result.codes if wording.never_used(row.stats)]
    if never:
        tables.note(document, wording.never_used_note(never))
    document.add_heading(_("Per document"), level=2)
    rows = [
        StatsRow(grading.document_names[d], result.units_by_document[d], result.by_document[d])
        for d in result.document_ids
    ]
    tables.stats_table(document, _("Document"), rows, 2, False, unit)
    tables.note(document, _("Per document all codes are pooled."))
    _feedback(document, grading, student)


def _feedback(document: Document, grading: Grading, student: StudentGrade) -> None:
    document.add_heading(_("Where you differ from the reference"), level=2)
    if not student.feedback:
        add_paragraph(document, _("No differences: you coded every unit as the reference did."))
    else:
        add_paragraph(
            document,
            ngettext(
                "{n} passage where the codes differ:",
                "{n} passages where the codes differ:",
                len(student.feedback),
            ).format(n=len(student.feedback)),
        )
        header = [_("Passage"), _("Document"), grading.reference, student.agreement.name]
        rows = [
            [wording.short(f.passage, 240), f.document, f.reference, f.student]
            for f in student.feedback
        ]
        data_table(document, header, rows, [Cm(6.0), Cm(2.6), Cm(3.7), Cm(3.7)])
    if student.slips:
        add_paragraph(
            document,
            ngettext(
                "{n} coding reaches into a unit by too few characters and does not count "
                "there (a slip of the selection?):",
                "{n} codings reach into a unit by too few characters and do not count "
                "there (slips of the selection?):",
                len(student.slips),
            ).format(n=len(student.slips)),
        )
        for line in student.slips:
            add_paragraph(document, line, style="List Bullet")
