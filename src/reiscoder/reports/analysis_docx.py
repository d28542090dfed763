"""The analysis report (Word): code frequencies with a bar chart, codes by an attribute with a
heat map, and agreement between coders — the figures of the analysis window, on paper."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.shared import Cm
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.analysis.agreement import AgreementSpec, compute_agreement
from reiscoder.analysis.charts import bar_chart, heat_map, render
from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.analysis.matrices import ColumnKind, MatrixSpec, code_matrix
from reiscoder.analysis.statistics import Stats
from reiscoder.i18n import _, decimal
from reiscoder.model import Attribute, AttributeKind, AttributeTarget, Code
from reiscoder.model.project import Project
from reiscoder.read.coders import coder_names
from reiscoder.reports.common import (
    Cancelled,
    Contents,
    ExportCancelled,
    ExportReport,
    Progress,
    never_cancelled,
    no_progress,
    reading_for,
    write_atomically,
)
from reiscoder.reports.data import project_name
from reiscoder.reports.docx_base import add_paragraph, new_document, text_width
from reiscoder.reports.docx_tables import data_table


@dataclass(frozen=True)
class AnalysisReportOptions:
    """``attribute_id``: the document attribute for the codes-by-attribute section (None: the
    first choice attribute, e.g. etappe); charts may be left out."""

    charts: bool = True
    attribute_id: int | None = None
    agreement: bool = True
    pseudonymise: bool = False  # code and coder names, attribute values by the name list


def export_analysis(
    source: Project | Session,
    options: AnalysisReportOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    with reading_for(source, options) as (session, options):
        name = project_name(session)
        document = new_document(_("Analysis"), name)
        steps = (_frequencies, _by_attribute, _agreement)
        for done, step in enumerate(steps):
            if cancelled():
                raise ExportCancelled
            step(session, document, options)
            progress(done + 1, len(steps))
        codes = session.scalar(select(func.count()).select_from(Code)) or 0
    write_atomically(Path(output), lambda path: document.save(str(path)))
    return ExportReport("analysis", Path(output), Contents(codes=codes))


def _frequencies(session: Session, document: Document, options: AnalysisReportOptions) -> None:
    table_data = code_frequencies(session)
    document.add_heading(_("Code frequencies"), level=1)
    add_paragraph(
        document,
        _("Codings, documents and words per code, the codes below it included."),
    )
    coders = table_data.coders
    header = [_("Code"), _("Codings"), _("Documents"), _("Words"), *coders.values()]
    rows = [
        [
            "    " * row.code.depth + row.code.name,
            str(row.subtree.codings),
            str(row.subtree.documents),
            str(row.subtree.words),
            *(
                str(row.subtree_by_coder[c].codings if c in row.subtree_by_coder else 0)
                for c in coders
            ),
        ]
        for row in table_data.rows
    ]
    _table(document, header, rows)
    if options.charts:
        top = [row for row in table_data.rows if row.code.depth == 0]
        figure = bar_chart(
            [row.code.name for row in top],
            [(_("Codings"), [row.subtree.codings for row in top])],
            colors=[row.code.color for row in top],
            title=_("Codings per main code"),
        )
        _picture(document, render(figure, "png"))


def _by_attribute(session: Session, document: Document, options: AnalysisReportOptions) -> None:
    attribute = options.attribute_id or _first_choice_attribute(session)
    if attribute is None:
        return
    name = session.get_one(Attribute, attribute).name
    spec = MatrixSpec(ColumnKind.DOCUMENT_ATTRIBUTE, attribute_id=attribute, roll_up=True)
    matrix = code_matrix(session, spec)
    main = [i for i, code in enumerate(matrix.rows) if code.depth == 0]
    if not matrix.columns or not main:
        return
    document.add_heading(_("Main codes by {attribute}").format(attribute=name), level=1)
    header = [_("Code"), *(column.label for column in matrix.columns)]
    rows = [[matrix.rows[i].name, *(str(v) for v in matrix.cells[i])] for i in main]
    _table(document, header, rows)
    if options.charts:
        figure = heat_map(
            [matrix.rows[i].name for i in main],
            [column.label for column in matrix.columns],
            [matrix.cells[i] for i in main],
            title=_("Codings by {attribute}").format(attribute=name),
        )
        _picture(document, render(figure, "png"))


def _agreement(session: Session, document: Document, options: AnalysisReportOptions) -> None:
    coders = tuple(coder_names(session))
    if not options.agreement or len(coders) < 2:
        return
    result = compute_agreement(session, AgreementSpec(coders[:2]))
    document.add_heading(_("Agreement between coders"), level=1)
    add_paragraph(
        document,
        _(
            "{first} and {second}, per sentence; counted are the sentences at least one of "
            "them coded ({units:.0f})."
        ).format(
            first=result.coder_names[0], second=result.coder_names[1], units=result.units_counted
        ),
    )
    header = [_("Code"), _("Agreement"), "κ (Cohen)", "α (Krippendorff)"]
    rows = [_stats_row(_("All codes"), result.overall)]
    rows += [_stats_row(entry.code.path, entry.stats) for entry in result.codes]
    _table(document, header, rows)


def _stats_row(label: str, stats: Stats) -> list[str]:
    def number(value: float | None, digits: int, suffix: str = "") -> str:
        return "–" if value is None else decimal(value, digits) + suffix

    return [
        label,
        number(stats.percent, 0, "%"),
        number(stats.kappa, 2),
        number(stats.alpha, 2),
    ]


def _table(document: Document, header: list[str], rows: list[list[str]]) -> None:
    """The first column (codes) takes what the number columns leave over."""
    numbers = len(header) - 1
    number_width = min(3.0, 10.5 / max(numbers, 1))
    widths = [Cm(16.0 - number_width * numbers), *[Cm(number_width)] * numbers]
    data_table(document, header, rows, widths, numeric_from=1)


def _picture(document: Document, png: bytes) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(min(16.0, text_width().cm)))


def _first_choice_attribute(session: Session) -> int | None:
    return session.scalar(
        select(Attribute.id)
        .where(
            Attribute.target == AttributeTarget.DOCUMENT,
            Attribute.kind == AttributeKind.CHOICE,
        )
        .order_by(Attribute.position, Attribute.id)
    )
