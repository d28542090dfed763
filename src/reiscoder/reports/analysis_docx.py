"""The analysis report (Word): code frequencies with a bar chart, codes by an attribute with a
heat map, the networks of codes as drawn on screen, and agreement between coders — the
figures of the analysis window, on paper.

It opens with a title and a method block that says what every figure counts; the bar chart
has one series per coder (a merged project's coders are never pooled); charts are printed at
300 dpi. Agreement compares the coders asked for (``coder_ids``) or else every coder who
coded — never a coder without codings — on the documents all of them were given or coded.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx.document import Document
from docx.shared import Cm
from matplotlib.figure import Figure
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reiscoder.analysis import wording
from reiscoder.analysis.charts import PRINT_DPI, bar_chart, heat_map, render
from reiscoder.analysis.common import Scope
from reiscoder.analysis.frequencies import code_frequencies
from reiscoder.analysis.matrices import ColumnKind, MatrixSpec, code_matrix
from reiscoder.analysis.network import load_network, network_figure
from reiscoder.analysis.wording import thousands
from reiscoder.i18n import _, ngettext
from reiscoder.model import Attribute, AttributeKind, AttributeTarget, Code
from reiscoder.model import Document as DocumentRow
from reiscoder.model.project import Project
from reiscoder.read.coders import coder_names
from reiscoder.read.networks import load_networks
from reiscoder.read.relations import load_relations
from reiscoder.reports import agreement_docx as agreement_tables
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
from reiscoder.reports.docx_tables import title_block
from reiscoder.teaching.students import Comparison, compare


@dataclass(frozen=True)
class AnalysisReportOptions:
    """``attribute_id``: the document attribute for the codes-by-attribute section (None: the
    first choice attribute, e.g. etappe); charts may be left out."""

    charts: bool = True
    attribute_id: int | None = None
    agreement: bool = True
    networks: bool = True  # each network of codes as a picture, with its relations
    pseudonymise: bool = False  # code and coder names, attribute values by the name list
    coder_ids: frozenset[int] | None = None  # the coders to count and compare (None: all)
    comparison: Comparison = field(default_factory=Comparison)


def export_analysis(
    source: Project | Session,
    options: AnalysisReportOptions,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    with reading_for(source, options) as (session, options):
        name = project_name(session)
        title = _("Analysis")
        document = new_document(title, name)
        coders = _coders(session, options)
        title_block(document, title, name, _facts(session, coders))
        _method(document, coders)
        steps = (_frequencies, _by_attribute, _networks, _agreement)
        for done, step in enumerate(steps):
            if cancelled():
                raise ExportCancelled
            step(session, document, options, coders)
            progress(done + 1, len(steps))
        codes = session.scalar(select(func.count()).select_from(Code)) or 0
    write_atomically(Path(output), lambda path: document.save(str(path)))
    return ExportReport("analysis", Path(output), Contents(codes=codes, coders=len(coders)))


def _coders(session: Session, options: AnalysisReportOptions) -> dict[int, str]:
    """The coders the report counts: those asked for, or everyone who coded; by name."""
    found = coder_names(session, with_codings=True)
    if options.coder_ids is not None:
        found = {c: n for c, n in found.items() if c in options.coder_ids}
    return found


def _facts(session: Session, coders: dict[int, str]) -> list[tuple[str, str]]:
    documents = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
    return [
        (_("Project"), project_name(session)),
        (_("Date"), datetime.now().strftime("%d-%m-%Y %H:%M")),
        (_("Coders"), ", ".join(coders.values()) or "—"),
        (_("Documents"), str(documents)),
    ]


def _method(document: Document, coders: dict[int, str]) -> None:
    document.add_heading(_("What the figures count"), level=1)
    for line in (
        _("Codings: how often a code was applied, by the coders named above."),
        _("Documents: in how many documents the code occurs at least once."),
        _(
            "Words: the words of the text coded with the code, each word once even where "
            "codings overlap."
        ),
        _("A main code's figures include its subcodes."),
    ):
        add_paragraph(document, line, style="List Bullet")


def _frequencies(
    session: Session, document: Document, options: AnalysisReportOptions, coders: dict[int, str]
) -> None:
    table_data = code_frequencies(session, Scope(coder_ids=frozenset(coders)))
    document.add_heading(_("Code frequencies"), level=1)
    add_paragraph(
        document,
        _(
            "Codings, documents and words per code, the codes below it included; then the "
            "codings of each coder."
        ),
    )
    shown = {c: n for c, n in coders.items() if c in table_data.coders}
    header = [_("Code"), _("Codings"), _("Documents"), _("Words"), *shown.values()]
    rows = [
        [
            "    " * row.code.depth + row.code.name,
            thousands(row.subtree.codings),
            thousands(row.subtree.documents),
            thousands(row.subtree.words),
            *(
                thousands(row.subtree_by_coder[c].codings if c in row.subtree_by_coder else 0)
                for c in shown
            ),
        ]
        for row in table_data.rows
    ]
    agreement_tables.table(document, header, rows)
    if options.charts and shown:
        top = [row for row in table_data.rows if row.code.depth == 0]
        series = [
            (
                name,
                [
                    row.subtree_by_coder[c].codings if c in row.subtree_by_coder else 0
                    for row in top
                ],
            )
            for c, name in shown.items()
        ]
        figure = bar_chart(
            [row.code.name for row in top],
            series,
            colors=[row.code.color for row in top],
            title=_("Codings per main code, per coder"),
        )
        _picture(document, figure)


def _by_attribute(
    session: Session, document: Document, options: AnalysisReportOptions, coders: dict[int, str]
) -> None:
    attribute = options.attribute_id or _first_choice_attribute(session)
    if attribute is None:
        return
    name = session.get_one(Attribute, attribute).name
    scope = Scope(coder_ids=frozenset(coders))
    spec = MatrixSpec(
        ColumnKind.DOCUMENT_ATTRIBUTE, attribute_id=attribute, roll_up=True, scope=scope
    )
    matrix = code_matrix(session, spec)
    main = [i for i, code in enumerate(matrix.rows) if code.depth == 0]
    if not matrix.columns or not main:
        return
    document.add_heading(_("Main codes by {attribute}").format(attribute=name), level=1)
    add_paragraph(
        document,
        ngettext(
            "Codings of the main code and its subcodes in the documents of each value; the "
            "codings of {names} ({n} coder).",
            "Codings of the main code and its subcodes in the documents of each value; the "
            "codings of {names} together ({n} coders).",
            len(coders),
        ).format(names=", ".join(coders.values()), n=len(coders)),
    )
    header = [_("Code"), *(column.label for column in matrix.columns)]
    rows = [[matrix.rows[i].name, *(thousands(int(v)) for v in matrix.cells[i])] for i in main]
    agreement_tables.table(document, header, rows)
    if options.charts:
        figure = heat_map(
            [matrix.rows[i].name for i in main],
            [column.label for column in matrix.columns],
            [matrix.cells[i] for i in main],
            title=_("Codings by {attribute}").format(attribute=name),
        )
        _picture(document, figure)


def _agreement(
    session: Session, document: Document, options: AnalysisReportOptions, coders: dict[int, str]
) -> None:
    if not options.agreement or len(coders) < 2:
        return
    compared = compare(session, tuple(coders), options.comparison)
    result = compared.result
    spec = result.spec
    document.add_heading(_("Agreement between coders"), level=1)
    add_paragraph(
        document,
        _("{coders}: {what}.").format(
            coders=", ".join(result.coder_names), what=wording.counted(result)
        ),
    )
    for line in (wording.which_units(spec), wording.overlap_rule(spec), wording.level(spec)):
        agreement_tables.note(document, line)
    for entry in compared.left_out:
        agreement_tables.note(
            document,
            _("Left out: {document} — {reason}.").format(
                document=entry.name, reason=_(entry.reason).format(coder=entry.coder)
            ),
        )
    rows = agreement_tables.code_rows(result, _("All codes (pooled)"))
    agreement_tables.stats_table(
        document,
        _("Code"),
        rows,
        len(result.coder_names),
        bool(spec.bootstrap),
        wording.unit_plural(spec.unit),
    )
    never = [entry.code.name for entry in result.codes if wording.never_used(entry.stats)]
    if never:
        agreement_tables.note(document, wording.never_used_note(never))
    document.add_heading(_("How to read the figures"), level=2)
    agreement_tables.interpretation(document)


def _networks(
    session: Session, document: Document, options: AnalysisReportOptions, coders: dict[int, str]
) -> None:
    """Every network as it is drawn on screen (the saved positions), then its relations."""
    networks = load_networks(session) if options.networks else []
    if not networks:
        return
    document.add_heading(_("Networks of codes"), level=1)
    add_paragraph(
        document,
        _(
            "Codes as circles, larger the more often they were applied; arrows are the "
            "relations between codes, with their kind."
        ),
    )
    scope = Scope(coder_ids=frozenset(coders))
    for network in networks:
        data = load_network(session, network.id, scope=scope)
        document.add_heading(network.name, level=2)
        _picture(document, network_figure(data))
        relations = [
            r
            for r in load_relations(session)
            if data.node(r.source_id) is not None and data.node(r.target_id) is not None
        ]
        if relations:
            rows = [[r.source_name, r.label, r.target_name, r.memo] for r in relations]
            header = [_("Code"), _("Relation"), _("Code"), _("Memo")]
            agreement_tables.table(document, header, rows)


def _picture(document: Document, figure: Figure) -> None:
    """The chart at (at least) 300 dots per inch at the width it is printed."""
    width = Cm(min(16.0, text_width().cm))
    dpi = math.ceil(max(PRINT_DPI, PRINT_DPI * width.inches / figure.get_figwidth()))
    document.add_picture(io.BytesIO(render(figure, "png", dpi)), width=width)


def _first_choice_attribute(session: Session) -> int | None:
    return session.scalar(
        select(Attribute.id)
        .where(
            Attribute.target == AttributeTarget.DOCUMENT,
            Attribute.kind == AttributeKind.CHOICE,
        )
        .order_by(Attribute.position, Attribute.id)
    )
