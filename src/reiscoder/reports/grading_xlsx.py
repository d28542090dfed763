"""The grading report as a workbook: the same figures as the Word report, as numbers.

Sheets: the overview per student, per code, per document, the whole class, the feedback
(every passage where a student differs from the reference) and the method. Kappa and alpha
are stored exactly; a percentage with one decimal, rounded so that only full agreement shows
100 (as everywhere in reiscoder).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from reiscoder.analysis import wording
from reiscoder.analysis.statistics import Stats
from reiscoder.i18n import _
from reiscoder.model.project import Project
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
from reiscoder.reports.grading_data import Grading, GradingOptions, load_grading
from reiscoder.reports.options import ExportKind
from reiscoder.reports.spreadsheets import Sheet, write_xlsx

FIGURE = "0.000"
PERCENT = "0.0"


def export_grading_xlsx(
    source: Project | Session,
    options: GradingOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    with reading_for(source, options) as (session, options):
        grading = load_grading(session, options)
    sheets = grading_sheets(grading)
    ticker = Ticker(sum(len(s.rows) for s in sheets) + 1, progress, cancelled)
    write_atomically(Path(output), lambda path: write_xlsx(path, sheets, ticker))
    ticker.finish()
    documents = {d for s in grading.students for d in s.agreement.document_ids}
    contents = Contents(documents=len(documents), coders=len(grading.students) + 1)
    return ExportReport(ExportKind.GRADING_XLSX, Path(output), contents)


def shown_percent(value: float | None) -> float | None:
    """The percentage as the reports show it: one decimal, 100 only for full agreement."""
    if value is None:
        return None
    return float(wording.share(value).rstrip("%").replace(",", ".").replace("\u2212", "-"))


def _stats(stats: Stats, interval: bool, many: bool = False) -> list[object]:
    values: list[object] = [shown_percent(stats.percent)]
    values += [stats.fleiss, stats.brennan_prediger] if many else [stats.kappa]
    values.append(stats.alpha)
    if interval:
        values += [stats.alpha_low, stats.alpha_high]
    return values


def _stats_header(interval: bool, many: bool = False) -> list[str]:
    header = [_("Agreement (%)")]
    header += ["κ (Fleiss)", "κ (Brennan-Prediger)"] if many else ["κ (Cohen)"]
    header.append("α (Krippendorff)")
    if interval:
        header += [_("α lower (95%)"), _("α upper (95%)")]
    return header


def _formats(first: int, interval: bool, many: bool = False) -> dict[int, str]:
    count = len(_stats_header(interval, many))
    return {first: PERCENT, **{first + i: FIGURE for i in range(1, count)}}


def grading_sheets(grading: Grading) -> list[Sheet]:
    interval = bool(grading.comparison.bootstrap)
    overview = Sheet(
        _("Overview"),
        [_("Student"), _("Documents"), _("Units (N)"), *_stats_header(interval), _("Reading of α")],
        formats=_formats(3, interval),
    )
    per_code = Sheet(
        _("Per code"),
        [_("Student"), _("Code"), _("Units (N)"), *_stats_header(interval)],
        wide={1},
        formats=_formats(3, interval),
    )
    per_document = Sheet(
        _("Per document"),
        [_("Student"), _("Document"), _("Units (N)"), *_stats_header(False)],
        formats=_formats(3, False),
    )
    feedback = Sheet(
        _("Feedback"),
        [
            _("Student"),
            _("Document"),
            _("From"),
            _("To"),
            _("Passage"),
            _("Reference"),
            _("Student's codes"),
        ],
        wide={4},
    )
    pooled = _("All codes (pooled)")
    for student in grading.students:
        name, result = student.agreement.name, student.result
        overview.rows.append(
            [
                name,
                len(result.documents_with_units),
                result.units_counted,
                *_stats(result.overall, interval),
                wording.alpha_band(result.overall.alpha),
            ]
        )
        for row in result.codes:
            per_code.rows.append(
                [name, row.code.path, result.units_counted, *_stats(row.stats, interval)]
            )
        per_code.rows.append(
            [name, pooled, result.units_counted, *_stats(result.overall, interval)]
        )
        for document_id in result.document_ids:
            per_document.rows.append(
                [
                    name,
                    grading.document_names[document_id],
                    result.units_by_document[document_id],
                    *_stats(result.by_document[document_id], False),
                ]
            )
        for f in student.feedback:
            feedback.rows.append(
                [name, f.document, f.start, f.end, f.passage, f.reference, f.student]
            )
    sheets = [overview, per_code, per_document]
    if grading.whole_class is not None:
        sheets.append(_class_sheet(grading, interval))
    return [*sheets, feedback, _method_sheet(grading)]


def _class_sheet(grading: Grading, interval: bool) -> Sheet:
    result = grading.whole_class.result  # type: ignore[union-attr]
    sheet = Sheet(
        _("Whole class"),
        [_("Code"), _("Units (N)"), *_stats_header(interval, many=True)],
        wide={0},
        formats=_formats(2, interval, many=True),
    )
    for row in result.codes:
        sheet.rows.append([row.code.path, result.units_counted, *_stats(row.stats, interval, True)])
    sheet.rows.append(
        [_("All codes (pooled)"), result.units_counted, *_stats(result.overall, interval, True)]
    )
    return sheet


def _method_sheet(grading: Grading) -> Sheet:
    spec = grading.comparison.spec((0, 1), None)
    lines = [
        (_("Project"), grading.project),
        (_("Date"), grading.made.strftime("%d-%m-%Y %H:%M")),
        (_("Reference coder"), grading.reference),
        (_("Students"), ", ".join(s.agreement.name for s in grading.students)),
        (_("Unit"), wording.unit_plural(spec.unit)),
        (_("Which units count"), wording.which_units(spec)),
        (_("Overlap"), wording.overlap_rule(spec)),
        (_("Level"), wording.level(spec)),
        (_("Units (N)"), _("the units counted; pooled rows judge each unit once per code")),
    ]
    for student in grading.students:
        names = [grading.document_names[d] for d in student.result.document_ids]
        lines.append(
            (_("Documents of {name}").format(name=student.agreement.name), ", ".join(names))
        )
    lines += [("", line) for line in wording.interpretation()]
    return Sheet(_("Method"), [_("What"), _("Value")], [list(line) for line in lines], wide={1})
