"""``reiscoder import-refi`` and ``reiscoder export-refi``: REFI-QDA on the command line."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from reiscoder.i18n import _
from reiscoder.model.errors import OperationError
from reiscoder.model.project import PROJECT_SUFFIX, Project
from reiscoder.refi.export import ExportOptions, export_codebook, export_project, target_tools
from reiscoder.refi.import_ import (
    ImportOptions,
    import_as_new_project,
    import_qdc,
    import_qdpx,
)
from reiscoder.refi.positions import PositionConvention
from reiscoder.refi.report import ExchangeReport

COMMANDS = ("import-refi", "export-refi")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the two subcommands to the ``reiscoder`` parser's subparsers."""
    text = _("import a REFI-QDA project (.qdpx) or codebook (.qdc) from another QDA program")
    imp = commands.add_parser("import-refi", help=text, description=text)
    imp.add_argument("project", type=Path, help=_("project file"))
    imp.add_argument("file", type=Path, help=_("REFI-QDA file: .qdpx, .qdc or .qde"))
    imp.add_argument(
        "--new", action="store_true", help=_("create the project from the file (default: merge)")
    )
    imp.add_argument("--codebook-only", action="store_true", help=_("bring in only the code tree"))
    imp.add_argument(
        "--coder",
        default=os.environ.get("REISCODER_CODER") or _login_name(),
        help=_("coder named for codings and memos without an author in the file"),
    )
    imp.set_defaults(handler=_cmd_import)

    text = _("export the project as REFI-QDA for other QDA programs")
    exp = commands.add_parser("export-refi", help=text, description=text)
    exp.add_argument("project", type=Path, help=_("project file"))
    exp.add_argument("file", type=Path, help=_("file to write: .qdpx (project) or .qdc (codebook)"))
    exp.add_argument(
        "--codebook-only",
        action="store_true",
        help=_("write only the codebook: a .qdc, or a .qdpx holding only the codebook"),
    )
    exp.add_argument(
        "--positions",
        choices=[c.value for c in PositionConvention],
        default=None,
        help=_(
            "how positions are counted: codepoints (the standard; ATLAS.ti, QualCoder), crlf "
            "(line breaks as CR LF counted as two characters; MAXQDA) or nvivo (UTF-16 code "
            "units with CR LF as two; NVivo); default: what --for gives, else codepoints"
        ),
    )
    exp.add_argument(
        "--for",
        dest="tool",
        choices=[tool.key for tool in target_tools()],
        default=None,
        help=_("the program the file is for; chooses the positions it reads right"),
    )
    exp.add_argument(
        "--no-extras",
        action="store_true",
        help=_("leave out reiscoder's extension file (turns, criteria, attribute kinds)"),
    )
    exp.add_argument(
        "--pseudonymise",
        action="store_true",
        help=_("replace the names of the project's name list by their pseudonyms"),
    )
    exp.set_defaults(handler=_cmd_export)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "coder"


def _cmd_import(args: argparse.Namespace) -> int:
    options = ImportOptions(coder=args.coder)
    if args.new:
        path = args.project if args.project.suffix else args.project.with_suffix(PROJECT_SUFFIX)
        project, report = import_as_new_project(
            args.file, path, options, codebook_only=args.codebook_only
        )
        project.close()
    else:
        with Project.open(args.project) as project:
            run = import_qdc if args.codebook_only else import_qdpx
            report = run(project, args.file, merge=True, options=options)
    _print(report)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    suffix = args.file.suffix.lower()
    if suffix not in (".qdpx", ".qdc"):
        raise OperationError(
            _(
                "“{name}”: a REFI-QDA file ends in .qdpx (a project) or .qdc (a codebook); "
                "nothing was written."
            ).format(name=args.file.name)
        )
    codebook = suffix == ".qdc"
    with Project.open(args.project, read_only=True) as project, project.reader() as session:
        options = ExportOptions(
            _positions(args),
            not args.no_extras,
            args.pseudonymise,
            codebook_only=args.codebook_only and not codebook,
        )
        if codebook:
            report = export_codebook(session, args.file, options)
        else:
            report = export_project(session, args.file, options)
    _print(report)
    return 0


def _positions(args: argparse.Namespace) -> PositionConvention:
    if args.positions is not None:
        return PositionConvention(args.positions)
    tools = {tool.key: tool for tool in target_tools()}
    return tools[args.tool].positions if args.tool else PositionConvention.CODEPOINTS


def _print(report: ExchangeReport) -> None:
    for line in report.lines():
        print(line)
