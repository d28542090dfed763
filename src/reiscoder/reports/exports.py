"""Every export by kind, for an export dialog and the command line: what it is called, which
file it writes, its options, how to run it and what it will include (a preview)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from reiscoder.i18n import N_, _
from reiscoder.model.project import Project
from reiscoder.reports.analysis_docx import AnalysisReportOptions, export_analysis
from reiscoder.reports.annotated_docx import export_transcript, load_transcripts
from reiscoder.reports.codebook_docx import export_codebook, load_codebook
from reiscoder.reports.common import (
    Cancelled,
    Contents,
    ExportReport,
    Progress,
    never_cancelled,
    no_progress,
    reading,
)
from reiscoder.reports.data import load_fragments
from reiscoder.reports.fragments_docx import export_fragments
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.grading_docx import export_grading_docx
from reiscoder.reports.grading_xlsx import export_grading_xlsx
from reiscoder.reports.matrices import export_matrix_csv, export_matrix_xlsx
from reiscoder.reports.memos_docx import export_memos, selected_memos
from reiscoder.reports.options import (
    CodebookOptions,
    CodingsTableOptions,
    ExportKind,
    FragmentsOptions,
    MatrixOptions,
    MemosOptions,
    Selection,
    TranscriptOptions,
)
from reiscoder.reports.spreadsheets import export_codings_csv, export_codings_xlsx

Options = (
    AnalysisReportOptions
    | CodebookOptions
    | FragmentsOptions
    | TranscriptOptions
    | MemosOptions
    | CodingsTableOptions
    | MatrixOptions
    | GradingOptions
)


@dataclass(frozen=True)
class ExportSpec:
    kind: ExportKind
    label: str  # untranslated; show with ``_(spec.label)``
    suffix: str
    options: type[Options]
    run: Callable[..., ExportReport]


EXPORTS: dict[ExportKind, ExportSpec] = {
    spec.kind: spec
    for spec in (
        ExportSpec(
            ExportKind.CODEBOOK, N_("Codebook (Word)"), ".docx", CodebookOptions, export_codebook
        ),
        ExportSpec(
            ExportKind.FRAGMENTS,
            N_("Coded fragments (Word)"),
            ".docx",
            FragmentsOptions,
            export_fragments,
        ),
        ExportSpec(
            ExportKind.TRANSCRIPT,
            N_("Annotated transcript (Word)"),
            ".docx",
            TranscriptOptions,
            export_transcript,
        ),
        ExportSpec(ExportKind.MEMOS, N_("Memos (Word)"), ".docx", MemosOptions, export_memos),
        ExportSpec(
            ExportKind.CODINGS_XLSX,
            N_("Codings (Excel)"),
            ".xlsx",
            CodingsTableOptions,
            export_codings_xlsx,
        ),
        ExportSpec(
            ExportKind.CODINGS_CSV,
            N_("Codings (CSV)"),
            ".csv",
            CodingsTableOptions,
            export_codings_csv,
        ),
        ExportSpec(
            ExportKind.MATRIX_XLSX,
            N_("Code matrix (Excel)"),
            ".xlsx",
            MatrixOptions,
            export_matrix_xlsx,
        ),
        ExportSpec(
            ExportKind.MATRIX_CSV, N_("Code matrix (CSV)"), ".csv", MatrixOptions, export_matrix_csv
        ),
        ExportSpec(
            ExportKind.ANALYSIS,
            N_("Analysis report (Word)"),
            ".docx",
            AnalysisReportOptions,
            export_analysis,
        ),
        ExportSpec(
            ExportKind.GRADING_DOCX,
            N_("Grading report (Word)"),
            ".docx",
            GradingOptions,
            export_grading_docx,
        ),
        ExportSpec(
            ExportKind.GRADING_XLSX,
            N_("Grading report (Excel)"),
            ".xlsx",
            GradingOptions,
            export_grading_xlsx,
        ),
    )
}


def run_export(
    source: Project | Session,
    kind: ExportKind,
    options: Options,
    output: Path,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ExportReport:
    """Run one export; raises ExportError (with a message) or ExportCancelled."""
    spec = EXPORTS[ExportKind(kind)]
    _check_options(spec, options)
    return spec.run(source, options, Path(output), progress, cancelled)


def _check_options(spec: ExportSpec, options: Options) -> None:
    if not isinstance(options, spec.options):
        raise TypeError(f"{spec.kind} takes {spec.options.__name__}, not {type(options).__name__}")


def default_options(kind: ExportKind) -> Options:
    return EXPORTS[ExportKind(kind)].options()


def preview(source: Project | Session, kind: ExportKind, options: Options) -> Contents:
    """What an export with these options will include, counted, without writing anything."""
    kind = ExportKind(kind)
    _check_options(EXPORTS[kind], options)  # then the class of the options tells the kind
    with reading(source) as session:
        if isinstance(options, CodebookOptions):
            book = load_codebook(session, CodebookOptions(options.root_code_id, quotes=False))
            entries = book.entries
            return Contents(codes=len(entries), codings=sum(book.total(e.id) for e in entries))
        if isinstance(options, TranscriptOptions):
            transcripts = load_transcripts(session, options)
            codings = sum(len(t.codings) for t in transcripts)
            return Contents(codings=codings, documents=len(transcripts))
        if isinstance(options, MemosOptions):
            return Contents(memos=len(selected_memos(session, options)))
        if isinstance(options, GradingOptions):
            return _grading_contents(session, options)
        if isinstance(options, AnalysisReportOptions):
            book = load_codebook(session, CodebookOptions(quotes=False))
            entries = book.entries
            return Contents(codes=len(entries), codings=sum(book.total(e.id) for e in entries))
        return _selection_contents(session, options.selection)


def _grading_contents(session: Session, options: GradingOptions) -> Contents:
    from reiscoder.teaching.students import students

    pupils = students(session) if options.student_ids is None else options.student_ids
    return Contents(coders=len(pupils) + 1 if pupils else 0)


def _selection_contents(session: Session, selection: Selection) -> Contents:
    rows = load_fragments(session, selection).rows
    return Contents(
        codes=len({row.code_id for row in rows}),
        codings=len(rows),
        documents=len({row.document_id for row in rows}),
    )


def describe(kind: ExportKind) -> str:
    return _(EXPORTS[ExportKind(kind)].label)
