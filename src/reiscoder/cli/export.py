"""``reiscoder export PROJECT KIND OUTPUT [options]``: every export from the command line.

Codes, coders, documents and attributes are given by name (a code also by its number, such
as 2.3); :func:`register` adds the subcommand to the main parser.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder import i18n
from reiscoder.cli.analysis import comparison_from, comparison_options
from reiscoder.i18n import _
from reiscoder.model import Attribute, Coder, GroupKind
from reiscoder.model import Document as DocumentRow
from reiscoder.model.project import Project
from reiscoder.read.code_tree import CodeNode, load_code_tree
from reiscoder.reports.analysis_docx import AnalysisReportOptions
from reiscoder.reports.common import ExportError
from reiscoder.reports.exports import EXPORTS, Options, run_export
from reiscoder.reports.grading_data import GradingOptions
from reiscoder.reports.options import (
    CodebookOptions,
    CodingsTableOptions,
    ExportKind,
    FragmentsOptions,
    MatrixOptions,
    Measure,
    MemosOptions,
    Selection,
    TranscriptOptions,
)

ALIASES = ("codings", "matrix", "grading")  # kinds with two formats: the suffix of OUTPUT chooses


def register(commands: argparse._SubParsersAction) -> None:
    from reiscoder.cli.groups import add_group_options

    text = _("export the codebook, fragments, transcripts, memos or tables")
    parser = commands.add_parser("export", help=text, description=text)
    parser.set_defaults(handler=run)
    parser.add_argument("project", type=Path, help=_("project file"))
    kinds = [kind.value for kind in ExportKind] + list(ALIASES)
    shown = [kind for kind in kinds if kind in ALIASES or kind.partition("-")[0] not in ALIASES]
    parser.add_argument(
        "kind",
        choices=kinds,
        metavar=_("KIND"),
        help=", ".join(f"{kind} ({'|'.join(sorted(formats(kind)))})" for kind in shown),
    )
    parser.add_argument(
        "output", type=Path, help=_("file to write; its suffix chooses the format of the kind")
    )
    parser.add_argument(
        "--code", action="append", default=[], help=_("only this code (name or number); repeatable")
    )
    parser.add_argument(
        "--no-subcodes", action="store_true", help=_("leave out the codes below a chosen code")
    )
    parser.add_argument(
        "--coder", action="append", default=[], help=_("only this coder; repeatable")
    )
    parser.add_argument(
        "--document", action="append", default=[], help=_("only this document; repeatable")
    )
    add_group_options(parser)
    parser.add_argument(
        "--attr",
        action="append",
        default=[],
        metavar=_("NAME=VALUE"),
        help=_(
            'only where an attribute has this value, e.g. Etappe="1 Sociale samenhang"; repeatable'
        ),
    )
    parser.add_argument("--subtree", help=_("codebook: only this code and the codes below it"))
    parser.add_argument(
        "--no-quotes", action="store_true", help=_("codebook, memos: without quotes")
    )
    parser.add_argument("--no-counts", action="store_true", help=_("codebook: without counts"))
    parser.add_argument(
        "--no-memos", action="store_true", help=_("fragments: without coding memos")
    )
    parser.add_argument(
        "--no-attributes", action="store_true", help=_("fragments: without attributes")
    )
    parser.add_argument(
        "--no-comments", action="store_true", help=_("transcript: without comments")
    )
    parser.add_argument(
        "--full-colour",
        action="store_true",
        help=_("transcript: shade coded text in the full code colour, not a light tint"),
    )
    parser.add_argument(
        "--semicolon", action="store_true", help=_("CSV: semicolons between fields (Dutch Excel)")
    )
    parser.add_argument(
        "--by", default="document", help=_("matrix: 'document' or the name of an attribute")
    )
    parser.add_argument(
        "--measure",
        choices=[m.value for m in Measure],
        default=Measure.CODINGS.value,
        help=_("matrix: count codings or documents"),
    )
    parser.add_argument(
        "--roll-up", action="store_true", help=_("matrix: count subcodes in their parent's row")
    )
    parser.add_argument(
        "--reference",
        metavar=_("NAME"),
        help=_("grading: the reference coder (default: the coder with the most codings)"),
    )
    comparison_options(parser, filters=False)
    parser.add_argument(
        "--pseudonymise",
        action="store_true",
        help=_("replace the names of the project's name list by their pseudonyms"),
    )
    parser.add_argument(
        "--language",
        choices=i18n.LANGUAGES,
        help=_("language of the document (default: the interface's)"),
    )


def run(args: argparse.Namespace) -> int:
    if args.language:
        i18n.set_language(args.language)
    kind = _kind(args.kind, args.output)
    with Project.open(args.project, read_only=True) as project:
        with project.reader() as session:
            options = build_options(session, kind, args)
        if getattr(args, "pseudonymise", False):
            options = replace(options, pseudonymise=True)
        report = run_export(project, kind, options, args.output, _progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for warning in report.warnings:
        print(f"! {warning}")
    print(report.summary())
    return 0


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{100 * done // max(total, 1):3d}%", end="", file=sys.stderr, flush=True)


def formats(name: str) -> dict[str, ExportKind]:
    """The kinds that ``export NAME`` can write, by the suffix of their file: one for
    "codebook", two for "codings" (.xlsx and .csv), one for "codings-csv"."""
    return {
        spec.suffix: kind
        for kind, spec in EXPORTS.items()
        if kind.value == name or kind.value.startswith(name + "-")
    }


def _kind(name: str, output: Path) -> ExportKind:
    """The kind to write to ``output``: a kind writes only its own formats, nothing else."""
    known = formats(name)
    kind = known.get(output.suffix.lower())
    if kind is None and len(known) == 1:
        raise ExportError(
            _("A {kind} export is a {suffix} file; give the output that suffix.").format(
                kind=name, suffix=next(iter(known))
            )
        )
    if kind is None:
        raise ExportError(
            _(
                "“{file}”: a {kind} export can only be written in these formats: {formats}. "
                "Nothing was written."
            ).format(file=output.name, kind=name, formats=", ".join(sorted(known)))
        )
    return kind


def build_options(session: Session, kind: ExportKind, args: argparse.Namespace) -> Options:
    selection = _selection(session, args)
    if kind is ExportKind.CODEBOOK:
        root = code_by_name(session, args.subtree).id if args.subtree else None
        return CodebookOptions(root, quotes=not args.no_quotes, counts=not args.no_counts)
    if kind is ExportKind.FRAGMENTS:
        return FragmentsOptions(selection, not args.no_attributes, not args.no_memos)
    if kind is ExportKind.TRANSCRIPT:
        return TranscriptOptions(
            selection=selection, comments=not args.no_comments, full_colour=args.full_colour
        )
    if kind is ExportKind.MEMOS:
        return MemosOptions(quotes=not args.no_quotes)
    if kind is ExportKind.ANALYSIS:
        return AnalysisReportOptions(coder_ids=selection.coder_ids)
    if kind in (ExportKind.GRADING_DOCX, ExportKind.GRADING_XLSX):
        return GradingOptions(
            reference_id=_coder_id(session, args.reference) if args.reference else None,
            student_ids=tuple(sorted(selection.coder_ids)) if selection.coder_ids else None,
            comparison=comparison_from(session, args),
        )
    delimiter = ";" if args.semicolon else ","
    if kind in (ExportKind.CODINGS_XLSX, ExportKind.CODINGS_CSV):
        return CodingsTableOptions(selection, delimiter)
    attribute = None if args.by == "document" else _attribute(session, args.by)
    return MatrixOptions(selection, attribute, Measure(args.measure), args.roll_up, delimiter)


def _selection(session: Session, args: argparse.Namespace) -> Selection:
    from reiscoder.cli.groups import group_members

    values: dict[int, frozenset[str]] = {}
    for assignment in args.attr:
        name, equals, value = assignment.partition("=")
        if not equals:
            raise ExportError(
                _("Give an attribute as NAME=VALUE, not “{text}”.").format(text=assignment)
            )
        attribute_id = _attribute(session, name.strip())
        values[attribute_id] = values.get(attribute_id, frozenset()) | {value.strip()}
    codes = [code_by_name(session, name).id for name in args.code]
    codes += sorted(group_members(session, args, GroupKind.CODE) - set(codes))
    documents = _ids(session, DocumentRow, args.document, _("document")) if args.document else None
    if args.document_group:
        documents = (documents or frozenset()) | group_members(session, args, GroupKind.DOCUMENT)
    return Selection(
        code_ids=tuple(codes) if args.code or args.code_group else None,
        include_subcodes=not args.no_subcodes,
        coder_ids=_ids(session, Coder, args.coder, _("coder")) if args.coder else None,
        document_ids=documents,
        attribute_values=values,
    )


def code_by_name(session: Session, name: str) -> CodeNode:
    """A code by name, by number (2.3, matching the tree or the start of its name) or path."""
    wanted = name.strip().casefold()
    entries = load_code_tree(session).codes
    for match in (
        lambda e: e.name.casefold() == wanted,
        lambda e: e.number == wanted or e.name.casefold().startswith(wanted + " "),
        lambda e: e.path.casefold() == wanted,
    ):
        found = [entry for entry in entries if match(entry)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ExportError(
                _("More than one code is called “{name}”; give its number.").format(name=name)
            )
    raise ExportError(_("There is no code “{name}”.").format(name=name))


def _ids(
    session: Session, model: type[Coder] | type[DocumentRow], names: list[str], what: str
) -> frozenset[int]:
    known = {
        name.casefold(): row_id for row_id, name in session.execute(select(model.id, model.name))
    }
    ids = set()
    for name in names:
        if name.strip().casefold() not in known:
            raise ExportError(_("There is no {what} “{name}”.").format(what=what, name=name))
        ids.add(known[name.strip().casefold()])
    return frozenset(ids)


def _coder_id(session: Session, name: str) -> int:
    return next(iter(_ids(session, Coder, [name], _("coder"))))


def _attribute(session: Session, name: str) -> int:
    rows = session.execute(select(Attribute.id, Attribute.name)).all()
    found = [row_id for row_id, known in rows if known.casefold() == name.casefold()]
    if not found:
        raise ExportError(_("There is no attribute “{name}”.").format(name=name))
    return found[0]
