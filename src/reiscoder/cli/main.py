"""The command line: ``reiscoder`` opens the app; subcommands work without a window."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from reiscoder import __version__, i18n
from reiscoder.cli import checks as safety_cli
from reiscoder.cli import groups as groups_cli
from reiscoder.cli import names as names_cli
from reiscoder.cli import privacy as privacy_cli
from reiscoder.cli import recordings as recordings_cli
from reiscoder.cli import server as server_cli
from reiscoder.cli.analysis import COMMANDS as ANALYSIS_COMMANDS
from reiscoder.cli.analysis import register as register_analysis
from reiscoder.cli.export import register as register_export
from reiscoder.cli.parser import Parser, translate_argparse
from reiscoder.cli.refi import register as register_refi
from reiscoder.errors import REFUSED_EXIT_CODE, UserError
from reiscoder.i18n import _, ngettext
from reiscoder.model import faults, logbook
from reiscoder.model.project import PROJECT_SUFFIX, Project
from reiscoder.model.server import is_server_url, open_location
from reiscoder.ops.coders import coder_id_for
from reiscoder.read.code_tree import load_code_tree
from reiscoder.read.project import summary
from reiscoder.templates import DEFAULT_TEMPLATE, apply_template, load_template

Handler = Callable[[argparse.Namespace], int]
INTERNAL_ERROR_EXIT_CODE = 70  # a fault in reiscoder itself (EX_SOFTWARE); details in the log
PIPE_CLOSED_EXIT_CODE = 141  # what a shell reports for a program ended by a closed pipe
log = logging.getLogger("reiscoder.cli")
COMMANDS = (
    "open",
    "new",
    "info",
    "codebook",
    "import",
    "search",
    "check",
    "demo",
    "export",
    "import-refi",
    "export-refi",
    *ANALYSIS_COMMANDS,
    *safety_cli.COMMANDS,
    *privacy_cli.COMMANDS,
    *server_cli.COMMANDS,
    *names_cli.COMMANDS,
    *groups_cli.COMMANDS,
)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:  # short output is still buffered: a closed pipe shows only here
            if sys.stdout is not None:  # None in a windowed app without a console
                sys.stdout.flush()
    except BrokenPipeError:  # e.g. `reiscoder codebook P | head`: the reader has had enough
        return _pipe_closed()


def _main(argv: Sequence[str] | None) -> int:
    i18n.set_language(i18n.environment_language())
    translate_argparse()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        argv.insert(0, "open")  # `reiscoder PROJECT` opens the project in the app
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", _cmd_gui)
    logbook.start_logging()
    try:
        code = handler(args)
    except UserError as error:
        return _refuse(error.message)
    except BrokenPipeError:  # the reader of the output has had enough: see main()
        raise
    except (sqlite3.Error, SQLAlchemyError, OSError) as error:
        if isinstance(error, OSError) and not _stdout_writable():
            return _output_fault(error)
        return _refuse(faults.user_error(error).message)
    except Exception as error:  # a fault in reiscoder itself: in the log, not on the screen
        log.exception("reiscoder %s failed", " ".join(argv[:1]))
        message = _(
            "Something went wrong in reiscoder itself ({error}). The details are in the log "
            "file {log}; please send it to whoever manages reiscoder for you."
        ).format(error=type(error).__name__, log=logbook.log_file())
        _say(_("Error: {message}").format(message=message))
        return INTERNAL_ERROR_EXIT_CODE
    try:
        if sys.stdout is not None:  # None in a windowed app without a console
            sys.stdout.flush()  # output to a full disk fails here, not as a complaint at exit
    except BrokenPipeError:
        raise
    except OSError as error:
        return _output_fault(error)
    return code


def _stdout_writable() -> bool:
    try:
        sys.stdout.flush()
    except OSError:
        return False
    return True


def _output_fault(error: OSError) -> int:
    """Standard output could not be written (redirected to a full disk, say)."""
    _drop_stdout()
    doing = _("The output could not be written")
    return _refuse(faults.user_error(error, _("the output"), doing=doing).message)


def _refuse(message: str) -> int:
    _say(_("Error: {message}").format(message=message))
    return REFUSED_EXIT_CODE


def _say(text: str) -> None:
    """A message on stderr; when stdout can no longer be written (a full disk), it is let go
    so that Python does not complain about it again at exit."""
    try:
        sys.stdout.flush()
    except OSError:
        _drop_stdout()
    print(text, file=sys.stderr)


def _drop_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test's capture)
        pass


def _pipe_closed() -> int:
    """End quietly, as a program killed by SIGPIPE would (exit status 128 + 13)."""
    # Python flushes stdout once more at exit: let that go nowhere instead of failing.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return PIPE_CLOSED_EXIT_CODE


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="reiscoder",
        description=_("Qualitative coding of interview transcripts."),
        epilog=_(
            "Exit status: 0 when done; 1 when an import left files out; {refused} when "
            "reiscoder refused (a wrong argument, a damaged, read-only, locked or newer "
            "project, a full disk, no permission; the message says why, and nothing was "
            "changed); {internal} on a fault in reiscoder itself. Problems are also written "
            "to the log file {log}."
        ).format(
            refused=REFUSED_EXIT_CODE,
            internal=INTERNAL_ERROR_EXIT_CODE,
            log=logbook.log_file(),
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"reiscoder {__version__}",
        help=_("show the version number and exit"),
    )
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))

    opener = _command(commands, "open", _cmd_gui, _("open a project in the app (the default)"))
    opener.add_argument("project", nargs="?", type=location, help=_("project file or server URL"))

    new = _command(commands, "new", _cmd_new, _("create a new project file"))
    new.add_argument("path", type=Path)
    new.add_argument("--name", help=_("project name (default: the file name)"))
    new.add_argument(
        "--template",
        default=DEFAULT_TEMPLATE,
        help=_("codebook template, or 'none' for an empty codebook"),
    )
    _add_coder_option(new)

    info = _command(commands, "info", _cmd_info, _("show what a project holds"))
    info.add_argument("path", type=location, help=_("project file or server URL"))

    book = _command(commands, "codebook", _cmd_codebook, _("print the code tree"))
    book.add_argument("path", type=location, help=_("project file or server URL"))

    imp = _command(commands, "import", _cmd_import, _("import transcript files into a project"))
    imp.add_argument("path", type=location, help=_("project file or server URL"))
    imp.add_argument("files", type=Path, nargs="+", help=_("transcript files"))
    imp.add_argument(
        "--attr",
        action="append",
        default=[],
        metavar=_("NAME=VALUE"),
        help=_("attribute value for every imported document, e.g. Wijk=Afrikaanderwijk"),
    )
    imp.add_argument(
        "--attributes",
        type=Path,
        metavar="CSV",
        help=_("table with a file name per row and an attribute per column"),
    )
    imp.add_argument(
        "--speaker",
        action="append",
        default=[],
        metavar=_("NAME"),
        help=_("a speaker name that always starts a turn (repeatable)"),
    )
    imp.add_argument(
        "--label-pattern",
        action="append",
        default=[],
        metavar="REGEX",
        help=_("a regular expression for extra speaker labels (repeatable)"),
    )
    imp.add_argument(
        "--no-names",
        action="store_true",
        help=_("only role labels (Interviewer:, R:, ...) and given speakers start turns"),
    )
    imp.add_argument(
        "--allow-duplicates",
        action="store_true",
        help=_("import files that were imported before anyway"),
    )
    recordings_cli.add_import_options(imp)
    _add_coder_option(imp)

    find = _command(commands, "search", _cmd_search, _("search sentences by Dutch lemma"))
    find.add_argument("path", type=location, help=_("project file or server URL"))
    find.add_argument("query")

    check = _command(commands, "check", _cmd_check, _("check that a project is sound"))
    check.add_argument("path", type=Path)
    safety_cli.add_check_options(check)

    demo = _command(commands, "demo", _cmd_demo, _("build the demo project and open it"))
    demo.add_argument("--path", type=Path, help=_("where to build it"))
    demo.add_argument("--no-gui", action="store_true", help=_("only build it"))
    register_export(commands)
    register_refi(commands)
    register_analysis(commands)
    safety_cli.register(commands)
    privacy_cli.register(commands)
    server_cli.register(commands)
    names_cli.register(commands)
    groups_cli.register(commands)
    return parser


def _command(
    commands: argparse._SubParsersAction, name: str, handler: Handler, text: str
) -> argparse.ArgumentParser:
    sub = commands.add_parser(name, help=text, description=text)
    sub.set_defaults(handler=handler)
    return sub


def _add_coder_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--coder",
        default=os.environ.get("REISCODER_CODER") or _login_name(),
        help=_("your name as coder (default: $REISCODER_CODER or your login name)"),
    )


def location(text: str) -> str | Path:
    """A project file path, or a server URL kept as written."""
    return text if is_server_url(text) else Path(text)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coder"


def _cmd_new(args: argparse.Namespace) -> int:
    path = args.path if args.path.suffix else args.path.with_suffix(PROJECT_SUFFIX)
    template = None
    if args.template != "none":
        try:
            template = load_template(args.template)
        except KeyError:
            print(_("Unknown template: {name}").format(name=args.template), file=sys.stderr)
            return REFUSED_EXIT_CODE
    with Project.create(path, args.name or path.stem) as project, project.transaction() as session:
        coder_id_for(session, args.coder)
        if template is not None:
            apply_template(session, template)
    print(_("Created {path}").format(path=path))
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    with open_location(args.path, read_only=True) as project, project.reader() as session:
        facts = summary(session)
        rows = [
            (_("Project"), project.name),
            (_("Location"), project.location),
            (_("Schema version"), str(project.schema_version)),
            (_("Documents"), str(facts.documents)),
            (_("Still segmenting"), str(facts.segmenting)),
            (_("Words"), str(facts.words)),
            (_("Codes"), str(facts.codes)),
            (_("Codings"), str(facts.codings)),
            (_("Memos"), str(facts.memos)),
            (_("Coders"), str(facts.coders)),
            (_("Cases"), str(facts.cases)),
            (_("Language pipeline"), ", ".join(facts.pipelines) or _("none yet")),
            *recordings_cli.info_rows(project),
        ]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label + ':':<{width + 1}} {value}")
    return 0


def _cmd_codebook(args: argparse.Namespace) -> int:
    with open_location(args.path, read_only=True) as project, project.reader() as session:
        for node in load_code_tree(session, counts=True).walk():
            counts = _("{codings} in {documents}").format(
                codings=ngettext("{n} coding", "{n} codings", node.codings).format(n=node.codings),
                documents=ngettext("{n} document", "{n} documents", node.documents).format(
                    n=node.documents
                ),
            )
            print(f"{'  ' * node.depth}{node.name}  [{node.color}]  ({counts})")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from reiscoder.ingest.attributes import parse_assignment, read_attribute_table
    from reiscoder.ingest.batch import (
        FileReport,
        FileStatus,
        ImportListener,
        ImportOptions,
        import_files,
    )
    from reiscoder.parsing import TurnPatterns

    patterns = TurnPatterns(
        speakers=tuple(args.speaker),
        extra_label_patterns=tuple(args.label_pattern),
        accept_names=not args.no_names,
    )
    options = ImportOptions(
        coder=args.coder,
        patterns=patterns,
        attributes=dict(parse_assignment(a) for a in args.attr),
        attributes_per_file=read_attribute_table(args.attributes) if args.attributes else {},
        allow_duplicates=args.allow_duplicates,
        recordings=recordings_cli.chosen_recordings(args),
        find_recordings=not args.no_recordings,
    )

    def stored(report: FileReport, done: int, total: int) -> None:
        mark = "✓" if report.status is FileStatus.IMPORTED else "✗"
        detail = f": {report.message}" if report.message else ""
        print(f"[{done}/{total}] {mark} {report.path.name}{detail}", flush=True)
        for warning in report.warnings:
            print(f"      {warning}")

    with open_location(args.path, coder_name=args.coder) as project:
        reports = import_files(project, args.files, options, ImportListener(stored=stored))
    imported = sum(r.status is FileStatus.IMPORTED for r in reports)
    total = len(reports)
    print(
        ngettext(
            "{imported} of {total} file imported.", "{imported} of {total} files imported.", total
        ).format(imported=imported, total=total)
    )
    return 0 if imported == len(reports) else 1


def _cmd_search(args: argparse.Namespace) -> int:
    from reiscoder.read.search import search_sentences

    with open_location(args.path, read_only=True) as project, project.reader() as session:
        hits = search_sentences(session, args.query)
    for hit in hits:
        speaker = f"{hit.speaker}: " if hit.speaker else ""
        print(f"{hit.document_name} [{hit.start}-{hit.end}] {speaker}{hit.text}")
    print(
        ngettext("{count} sentence found.", "{count} sentences found.", len(hits)).format(
            count=len(hits)
        )
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    return safety_cli.run_check(args)


def _cmd_demo(args: argparse.Namespace) -> int:
    from reiscoder.demo import build_demo, default_demo_path

    path = build_demo(args.path or default_demo_path())
    print(_("Demo project: {path}").format(path=path))
    if args.no_gui:
        return 0
    return _open_gui(path)


def _cmd_gui(args: argparse.Namespace) -> int:
    return _open_gui(getattr(args, "project", None))


def _open_gui(path: Path | None) -> int:
    from reiscoder.ui.app import run

    return run(path)
