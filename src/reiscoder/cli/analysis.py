"""Command-line subcommands: ``assignment``, ``merge``, ``agreement`` and ``analyse``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reiscoder.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from reiscoder.analysis.agreement import AgreementResult
    from reiscoder.analysis.statistics import Stats

# The analyses (numpy, spaCy) are imported when a command runs, not when the app starts.
COMMANDS = ("assignment", "merge", "agreement", "analyse")


def register(commands: argparse._SubParsersAction) -> None:
    prepare = _command(
        commands, "assignment", _cmd_assignment, _("prepare an assignment for students")
    )
    prepare.add_argument("path", type=Path, help=_("project file"))
    prepare.add_argument("target", type=Path, help=_("the assignment file to write"))
    prepare.add_argument(
        "--document",
        action="append",
        default=[],
        required=True,
        metavar=_("NAME"),
        help=_("a document to include (repeatable)"),
    )
    prepare.add_argument("--name", help=_("name of the assignment"))
    prepare.add_argument(
        "--keep-codings", action="store_true", help=_("keep the codings in the copy")
    )

    merge = _command(commands, "merge", _cmd_merge, _("merge students' copies into a project"))
    merge.add_argument("path", type=Path, help=_("project file"))
    merge.add_argument("copies", type=Path, nargs="+", help=_("the students' project files"))

    agree = _command(commands, "agreement", _cmd_agreement, _("intercoder agreement per code"))
    agree.add_argument("path", type=Path, help=_("project file"))
    agree.add_argument(
        "--coder",
        action="append",
        default=[],
        metavar=_("NAME"),
        help=_("a coder to compare (repeatable; default: every coder who coded)"),
    )
    agree.add_argument(
        "--reference",
        metavar=_("NAME"),
        help=_("compare each student (or each --coder) with this reference coder"),
    )
    _unit_options(agree)

    analyse = _command(commands, "analyse", _cmd_analyse, _("print code frequencies and more"))
    analyse.add_argument("path", type=Path, help=_("project file"))
    analyse.add_argument(
        "what",
        choices=("frequencies", "cooccurrence", "words"),
        default="frequencies",
        nargs="?",
    )
    analyse.add_argument(
        "--proximity",
        choices=["overlap", "sentence", "turn"],
        default="overlap",
        help=_("for co-occurrence: overlap, sentence or turn"),
    )
    analyse.add_argument("--top", type=int, default=30, help=_("number of words to show"))


def _command(commands: argparse._SubParsersAction, name: str, handler, text: str):  # noqa: ANN001, ANN202
    sub = commands.add_parser(name, help=text, description=text)
    sub.set_defaults(handler=handler)
    return sub


def _unit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--unit",
        choices=["sentence", "turn", "character"],
        default="sentence",
        help=_("unit of comparison: sentence, turn or character"),
    )
    parser.add_argument(
        "--all-units",
        action="store_true",
        help=_("count every unit, also text that no coder coded"),
    )


def _cmd_assignment(args: argparse.Namespace) -> int:
    from reiscoder.model.project import Project
    from reiscoder.teaching.assignment import prepare_assignment

    with Project.open(args.path) as project:
        with project.reader() as session:
            ids = [_document_id(session, name) for name in args.document]
        prepared = prepare_assignment(
            project,
            args.target,
            ids,
            name=args.name or args.target.stem,
            keep_codings=args.keep_codings,
        )
    print(
        _("Assignment with {count} documents written to {path}").format(
            count=prepared.documents, path=prepared.path
        )
    )
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from reiscoder.model.project import Project
    from reiscoder.teaching.assignment import describe_merge, merge_copies

    with Project.open(args.path) as project:
        backup, reports = merge_copies(project, args.copies)
    print(_("Backup made: {path}").format(path=backup))
    for report in reports:
        for line in describe_merge(report):
            print(line)
    return 0


def _cmd_agreement(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from reiscoder.analysis.agreement import AgreementSpec, compute_agreement
    from reiscoder.analysis.units import Unit
    from reiscoder.model import Coding
    from reiscoder.model.project import Project
    from reiscoder.teaching.assignment import student_agreements

    unit = Unit(args.unit)
    with Project.open(args.path, read_only=True) as project, project.reader() as session:
        coders = [_coder_id(session, name) for name in args.coder]
        if args.reference:
            reference = _coder_id(session, args.reference)
            results = student_agreements(
                session,
                reference,
                unit=unit,
                all_units=args.all_units,
                coder_ids=coders or None,
            )
            if not results:
                print(_("No students to compare: merge their copies first, or name --coder."))
                return 1
            for student in results:
                print(f"== {student.name} ({len(student.document_ids)} " + _("documents") + ")")
                _print_result(student.result)
            return 0
        if not coders:
            coders = list(
                session.scalars(select(Coding.coder_id).distinct().order_by(Coding.coder_id))
            )
        if len(coders) < 2:
            print(_("At least two coders are needed to compare."), file=sys.stderr)
            return 1
        spec = AgreementSpec(tuple(coders), unit, all_units=args.all_units)
        _print_result(compute_agreement(session, spec))
    return 0


def _print_result(result: AgreementResult) -> None:
    from reiscoder.analysis.units import Unit

    print(_("Coders: {names}").format(names=", ".join(result.coder_names)))
    unit = {Unit.SENTENCE: _("sentences"), Unit.TURN: _("turns"), Unit.CHARACTER: _("characters")}
    print(
        _("Units counted: {count} {unit}").format(
            count=int(result.units_counted), unit=unit[result.spec.unit]
        )
    )
    header = f"{_('Code'):<50} {'%':>6} {'kappa':>6} {'alpha':>6}"
    print(header)
    for row in result.codes:
        print(f"{row.code.path[:50]:<50} {_stats_line(row.stats)}")
    print(f"{_('Overall'):<50} {_stats_line(result.overall)}")
    print(_("{count} disagreements").format(count=len(result.disagreements)))


def _stats_line(stats: Stats) -> str:
    def number(value: float | None, digits: int) -> str:
        return "—" if value is None else f"{value:.{digits}f}"

    return f"{number(stats.percent, 1):>6} {number(stats.kappa, 2):>6} {number(stats.alpha, 2):>6}"


def _cmd_analyse(args: argparse.Namespace) -> int:
    from reiscoder.analysis.common import Scope
    from reiscoder.analysis.cooccurrence import CooccurrenceSpec, Proximity, cooccurrence
    from reiscoder.analysis.frequencies import code_frequencies
    from reiscoder.analysis.words import WordSource, word_frequencies
    from reiscoder.model.project import Project

    with Project.open(args.path, read_only=True) as project, project.reader() as session:
        if args.what == "frequencies":
            table = code_frequencies(session)
            print(f"{_('Code'):<60} {_('Codings'):>8} {_('Documents'):>9} {_('Words'):>7}")
            for row in table.rows:
                counts = row.subtree
                indent = "  " * row.code.depth
                print(
                    f"{(indent + row.code.name)[:60]:<60} {counts.codings:>8} "
                    f"{counts.documents:>9} {counts.words:>7}"
                )
        elif args.what == "cooccurrence":
            result = cooccurrence(session, CooccurrenceSpec(Proximity(args.proximity), Scope()))
            for i, a in enumerate(result.codes):
                for j in range(i + 1, len(result.codes)):
                    if result.counts[i][j]:
                        b = result.codes[j]
                        print(
                            f"{a.name[:35]:<35} {b.name[:35]:<35} {result.counts[i][j]:>5} "
                            f"{result.coefficient(i, j):.2f}"
                        )
        else:
            for row in word_frequencies(session, WordSource(), limit=args.top).rows:
                print(f"{row.lemma:<30} {row.count:>7}  {', '.join(row.forms[:4])}")
    return 0


def _coder_id(session: Session, name: str) -> int:
    from sqlalchemy import select

    from reiscoder.model import Coder
    from reiscoder.model.errors import OperationError

    for coder_id, coder_name in session.execute(select(Coder.id, Coder.name)):
        if coder_name.casefold() == name.strip().casefold():
            return coder_id
    raise OperationError(_("There is no coder “{name}” in this project.").format(name=name))


def _document_id(session: Session, name: str) -> int:
    from sqlalchemy import select

    from reiscoder.model import Document
    from reiscoder.model.errors import OperationError

    for document_id, document_name in session.execute(select(Document.id, Document.name)):
        if document_name.casefold() == name.strip().casefold():
            return document_id
    raise OperationError(_("There is no document “{name}” in this project.").format(name=name))
