"""``reiscoder pseudonymise PROJECT COPY``: a pseudonymised copy of a project, without a window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reiscoder.i18n import _
from reiscoder.model.project import PROJECT_SUFFIX, Project
from reiscoder.privacy.copy import make_pseudonymised_copy
from reiscoder.privacy.names import load_names
from reiscoder.privacy.uncovered import uncovered

COMMANDS = ("pseudonymise",)


def register(commands: argparse._SubParsersAction) -> None:
    text = _(
        "make a copy of a project with every name of its name list replaced by its pseudonym "
        "(the originals and the name list are left out)"
    )
    parser = commands.add_parser("pseudonymise", help=text, description=text)
    parser.add_argument("project", type=Path, help=_("project file"))
    parser.add_argument("copy", type=Path, help=_("the new, pseudonymised project file"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    target = args.copy if args.copy.suffix else args.copy.with_suffix(PROJECT_SUFFIX)
    with Project.open(args.project, read_only=True) as project:
        with project.reader() as session:
            entries = [e for e in load_names(session) if not e.rejected]
        if not entries:
            print(
                _("The name list is empty: the copy would hold every name. Add names first."),
                file=sys.stderr,
            )
            return 2
        report = make_pseudonymised_copy(project, target)
        with project.reader() as session:
            open_items = len(uncovered(session))
    for line in report.lines():
        print(line)
    if open_items:
        print(
            _(
                "Not covered yet: {count} words, numbers or addresses that may identify "
                "someone (see: reiscoder names PROJECT uncovered)."
            ).format(count=open_items)
        )
    print(_("Pseudonymised copy: {path}").format(path=target))
    return 0
