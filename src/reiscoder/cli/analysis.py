"""Command-line subcommands: ``assignment``, ``merge``, ``agreement`` and ``analyse``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reiscoder.i18n import N_, _, decimal, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from reiscoder.analysis.cooccurrence import Cooccurrence
    from reiscoder.analysis.statistics import Stats
    from reiscoder.analysis.words import WordSource
    from reiscoder.teaching.students import Compared, Comparison

# The analyses (numpy, spaCy) are imported when a command runs, not when the app starts.
COMMANDS = ("assignment", "merge", "agreement", "analyse")


def register(commands: argparse._SubParsersAction) -> None:
    from reiscoder.cli.groups import add_group_options

    prepare = _command(
        commands, "assignment", _cmd_assignment, _("prepare an assignment for students")
    )
    prepare.add_argument("path", type=Path, help=_("project file"))
    prepare.add_argument("target", type=Path, help=_("the assignment file to write"))
    prepare.add_argument(
        "--document",
        action="append",
        default=[],
        metavar=_("NAME"),
        help=_("a document to include (repeatable)"),
    )
    add_group_options(prepare, codes=False)
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
    comparison_options(agree)

    analyse = _command(commands, "analyse", _cmd_analyse, _("print code frequencies and more"))
    analyse.add_argument("path", type=Path, help=_("project file"))
    analyse.add_argument(
        "what",
        choices=("frequencies", "cooccurrence", "words"),
        default="frequencies",
        nargs="?",
        metavar=_("ANALYSIS"),
        help=_("frequencies (the default), cooccurrence or words"),
    )
    analyse.add_argument(
        "--proximity",
        choices=["overlap", "sentence", "turn"],
        default="overlap",
        help=_("for co-occurrence: overlap, sentence or turn"),
    )
    analyse.add_argument("--top", type=int, default=30, help=_("number of words to show"))
    analyse.add_argument(
        "--cloud",
        type=Path,
        metavar=_("FILE"),
        help=_("for words: also write a word cloud (.png or .svg)"),
    )
    analyse.add_argument(
        "--code", action="append", default=[], help=_("for words: only the text of this code")
    )
    analyse.add_argument(
        "--document", action="append", default=[], help=_("for words: only this document")
    )
    analyse.add_argument(
        "--role", help=_("for words: only what speakers of this role said (e.g. bewoner)")
    )


def _command(
    commands: argparse._SubParsersAction,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    text: str,
) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=text, description=text)
    sub.set_defaults(handler=handler)
    return sub


def comparison_options(parser: argparse.ArgumentParser, *, filters: bool = True) -> None:
    from reiscoder.cli.groups import add_group_options

    """The choices of an agreement comparison (also for ``export ... grading``, whose
    ``--code`` and ``--document`` are the export's own)."""
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
    parser.add_argument(
        "--main-codes",
        action="store_true",
        help=_("compare at the level of the main codes (subcodes count for their main code)"),
    )
    parser.add_argument(
        "--min-overlap",
        type=int,
        default=1,
        metavar="N",
        help=_("characters a coding must share with a sentence or turn to count for it"),
    )
    parser.add_argument(
        "--all-documents",
        action="store_true",
        help=_("count every document, not only those both coders were given or coded"),
    )
    if filters:
        parser.add_argument(
            "--code",
            action="append",
            default=[],
            metavar=_("CODE"),
            help=_("compare only this code (name or number; repeatable)"),
        )
        parser.add_argument(
            "--document",
            action="append",
            default=[],
            metavar=_("NAME"),
            help=_("compare only in this document (repeatable)"),
        )
        add_group_options(parser)
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=0,
        metavar="N",
        help=_("a 95% confidence interval for alpha from N bootstrap draws (e.g. 1000)"),
    )
    parser.add_argument("--seed", type=int, default=None, help=_("seed of the bootstrap"))


def comparison_from(session: Session, args: argparse.Namespace) -> Comparison:
    """The Comparison that the options of :func:`comparison_options` ask for."""
    from reiscoder.analysis.agreement import BOOTSTRAP_SEED
    from reiscoder.analysis.units import Unit
    from reiscoder.cli.export import code_by_name
    from reiscoder.cli.groups import group_members
    from reiscoder.model import GroupKind
    from reiscoder.teaching.students import Comparison, DocumentChoice

    if args.min_overlap < 1:
        from reiscoder.model.errors import OperationError

        raise OperationError(_("The minimum overlap is at least 1 character."))
    codes = frozenset(code_by_name(session, n).id for n in args.code)
    documents = frozenset(_document_id(session, n) for n in args.document)
    if getattr(args, "code_group", None):
        codes |= group_members(session, args, GroupKind.CODE)
    if getattr(args, "document_group", None):
        documents |= group_members(session, args, GroupKind.DOCUMENT)
    return Comparison(
        unit=Unit(args.unit),
        all_units=args.all_units,
        main_codes=args.main_codes,
        min_overlap=args.min_overlap,
        code_ids=codes or None,
        document_ids=documents or None,
        documents=DocumentChoice.ALL if args.all_documents else DocumentChoice.SHARED,
        bootstrap=max(0, args.bootstrap),
        seed=BOOTSTRAP_SEED if args.seed is None else args.seed,
    )


def _cmd_assignment(args: argparse.Namespace) -> int:
    from reiscoder.cli.groups import group_members
    from reiscoder.model import GroupKind
    from reiscoder.model.project import Project
    from reiscoder.teaching.assignment import prepare_assignment

    with Project.open(args.path) as project:
        with project.reader() as session:
            ids = [_document_id(session, name) for name in args.document]
            ids += sorted(group_members(session, args, GroupKind.DOCUMENT) - set(ids))
        if not ids:
            from reiscoder.model.errors import OperationError

            raise OperationError(_("Name the documents with --document or --document-group."))
        prepared = prepare_assignment(
            project,
            args.target,
            ids,
            name=args.name or args.target.stem,
            keep_codings=args.keep_codings,
        )
    print(
        ngettext(
            "Assignment with {count} document written to {path}",
            "Assignment with {count} documents written to {path}",
            prepared.documents,
        ).format(count=prepared.documents, path=prepared.path)
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

    from reiscoder.model import Coding
    from reiscoder.model.project import Project
    from reiscoder.teaching.students import compare, student_agreements

    with Project.open(args.path, read_only=True) as project, project.reader() as session:
        comparison = comparison_from(session, args)
        coders = [_coder_id(session, name) for name in args.coder]
        if args.reference:
            reference = _coder_id(session, args.reference)
            results = student_agreements(session, reference, comparison, coder_ids=coders or None)
            if not results:
                print(_("No students to compare: merge their copies first, or name --coder."))
                return 1
            for student in results:
                print(f"== {student.name}")
                _print_result(session, student)
            return 0
        if not coders:
            coders = list(
                session.scalars(select(Coding.coder_id).distinct().order_by(Coding.coder_id))
            )
        if len(coders) < 2:
            print(_("At least two coders are needed to compare."), file=sys.stderr)
            return 1
        _print_result(session, compare(session, tuple(coders), comparison))
    return 0


def _print_result(session: Session, compared: Compared) -> None:
    from reiscoder.analysis import wording
    from reiscoder.analysis.common import document_names

    result = compared.result
    spec = result.spec
    names = document_names(session)
    print(_("Coders: {names}").format(names=", ".join(result.coder_names)))
    print(_("Counted: {what}.").format(what=wording.counted(result)))
    print("  " + wording.which_units(spec))
    print("  " + wording.overlap_rule(spec))
    print("  " + wording.level(spec))
    shown = [names[d] for d in result.document_ids if d in names]
    print(_("Documents: {names}").format(names=", ".join(shown) or "—"))
    for entry in compared.left_out:
        print(
            "  "
            + _("left out: {document} ({reason})").format(
                document=entry.name, reason=_(entry.reason).format(coder=entry.coder)
            )
        )
    many = len(result.coder_names) > 2
    columns = ["N", "%", "κ Fleiss" if many else "κ Cohen", "α"]
    if spec.bootstrap:
        columns.append(_("α 95%"))
    print(f"{_('Code'):<50} " + " ".join(f"{c:>9}" for c in columns[:4]), *columns[4:])
    labels = [row.code.name for row in result.codes]
    for label, row in zip(labels, result.codes, strict=True):
        line = _stats_line(row.stats, result.units_counted, many, spec.bootstrap)
        print(f"{label[:50]:<50} {line}")
    label = _("All codes (pooled)")
    line = _stats_line(result.overall, result.units_counted, many, spec.bootstrap)
    print(f"{label:<50} {line}")
    print(
        _("N: {unit} counted; the pooled row judges each of them once per code.").format(
            unit=wording.unit_plural(spec.unit)
        )
    )
    count = len(result.disagreements)
    print(ngettext("{n} disagreement", "{n} disagreements", count).format(n=count))
    if result.slips:
        print(
            ngettext(
                "{n} coding reaches into a unit by too few characters and does not count there:",
                "{n} codings reach into a unit by too few characters and do not count there:",
                len(result.slips),
            ).format(n=len(result.slips))
        )
        for slip in result.slips[:20]:
            print(f"  {wording.describe_slip(session, result, slip)}")
    never = [row.code.name for row in result.codes if wording.never_used(row.stats)]
    if never:
        print("! " + wording.never_used_note(never))


def _stats_line(stats: Stats, units: float, many: bool, bootstrap: int) -> str:
    from reiscoder.analysis import wording

    kappa = stats.fleiss if many else stats.kappa
    cells = [
        wording.thousands(int(round(units))),
        wording.share(stats.percent),
        wording.figure(kappa),
        wording.figure(stats.alpha),
    ]
    line = " ".join(f"{cell:>9}" for cell in cells)
    if bootstrap:
        line += "  " + wording.interval(stats)
    return line


def _cmd_analyse(args: argparse.Namespace) -> int:
    from reiscoder.analysis.common import Scope
    from reiscoder.analysis.cooccurrence import CooccurrenceSpec, Proximity, cooccurrence
    from reiscoder.analysis.frequencies import code_frequencies
    from reiscoder.analysis.words import word_frequencies
    from reiscoder.model.project import Project

    with Project.open(args.path, read_only=True) as project, project.reader() as session:
        if args.what == "frequencies":
            table = code_frequencies(session)
            print(
                _(
                    "Per code with its subcodes, all coders together; documents: those with "
                    "the code; words: the coded words, each once."
                )
            )
            print(f"{_('Code'):<60} {_('Codings'):>8} {_('Documents'):>9} {_('Words'):>7}")
            for row in table.rows:
                counts = row.subtree
                indent = "  " * row.code.depth
                print(
                    f"{(indent + row.code.name)[:60]:<60} {counts.codings:>8} "
                    f"{counts.documents:>9} {counts.words:>7}"
                )
        elif args.what == "cooccurrence":
            proximity = Proximity(args.proximity)
            _print_cooccurrence(cooccurrence(session, CooccurrenceSpec(proximity, Scope())))
        else:
            source, color = _word_source(session, args)
            rows = word_frequencies(session, source, limit=args.top).rows
            print(_("Lemmas of what speakers said, most said first, without a Dutch stop list."))
            print(f"{_('Lemma'):<30} {_('Count'):>7}  {_('Forms')}")
            for word in rows:
                print(f"{word.lemma:<30} {word.count:>7}  {', '.join(word.forms[:4])}")
            if not rows:
                print(_("No words."))
            if args.cloud is not None:
                _write_cloud(session, source, color, args.cloud)
    return 0


PROXIMITY_WORDS = {
    "overlap": N_("Pairs of codes whose codings overlap, all coders together."),
    "sentence": N_("Pairs of codes that code the same sentence, all coders together."),
    "turn": N_("Pairs of codes that code the same turn, all coders together."),
}


def _print_cooccurrence(result: Cooccurrence) -> None:
    print(_(PROXIMITY_WORDS[result.spec.proximity.value]))
    print(f"{_('Code'):<35} {_('Code'):<35} {_('Together'):>8} {_('Coefficient'):>11}")
    pairs = 0
    for i, a in enumerate(result.codes):
        for j in range(i + 1, len(result.codes)):
            if result.counts[i][j]:
                pairs += 1
                coefficient = result.coefficient(i, j)
                shown = "—" if coefficient is None else decimal(coefficient, 2)
                name_b = result.codes[j].name
                print(f"{a.name[:35]:<35} {name_b[:35]:<35} {result.counts[i][j]:>8} {shown:>11}")
    if not pairs:
        print(_("No two codes occur together."))


def _word_source(session: Session, args: argparse.Namespace) -> tuple[WordSource, str | None]:
    """The text the word counts and the cloud are made of, and the code's colour if one."""
    from reiscoder.analysis.words import WordSource
    from reiscoder.cli.export import code_by_name
    from reiscoder.model.errors import OperationError
    from reiscoder.read.documents import role_attribute

    codes = [code_by_name(session, name) for name in args.code]
    documents = frozenset(_document_id(session, name) for name in args.document)
    role = None
    if args.role:
        role = role_attribute(session)
        if role is None:
            raise OperationError(_("This project has no role attribute of its cases."))
    source = WordSource(
        code_ids=frozenset(c.id for c in codes) or None,
        document_ids=documents or None,
        case_attribute_id=role.id if role is not None else None,
        case_value=args.role,
    )
    return source, codes[0].color if len(codes) == 1 else None


def _write_cloud(session: Session, source: WordSource, color: str | None, path: Path) -> None:
    from reiscoder.analysis.wordcloud import word_cloud
    from reiscoder.model.errors import OperationError

    cloud = word_cloud(session, source, color=color)
    if cloud is None:
        raise OperationError(_("There are no words to make a cloud of."))
    if path.suffix.lower() == ".svg":
        path.write_text(cloud.svg, encoding="utf-8")
    else:
        path.write_bytes(cloud.png)
    count = len(cloud.words)
    print(
        ngettext(
            "Word cloud of {count} word written to {path}",
            "Word cloud of {count} words written to {path}",
            count,
        ).format(count=count, path=path)
    )


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
