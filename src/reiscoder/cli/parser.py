"""argparse in the language of the interface.

argparse's own texts ("usage:", "options", its error messages) go through our catalogue, the
names it shows for arguments are words of the interface's language, and help texts are taken
as written (a "95%" needs no escaping).
"""

from __future__ import annotations

import argparse
from typing import Any

from reiscoder import i18n
from reiscoder.i18n import N_, _

# The name shown for an argument (in the usage line and in error messages), by its ``dest``,
# for arguments that do not give a ``metavar`` of their own.
ARGUMENT_NAMES = {
    "path": N_("PROJECT"),
    "project": N_("PROJECT"),
    "files": N_("FILE"),
    "file": N_("FILE"),
    "output": N_("FILE"),
    "target": N_("FILE"),
    "copy": N_("FILE"),
    "copies": N_("FILE"),
    "csv": N_("FILE"),
    "query": N_("WORDS"),
    "name": N_("NAME"),
    "names": N_("NAME"),
    "coder": N_("NAME"),
    "document": N_("NAME"),
    "code": N_("CODE"),
    "subtree": N_("CODE"),
    "template": N_("TEMPLATE"),
    "top": "N",
    "seed": "N",
    "role": N_("ROLE"),
    "by": N_("ATTRIBUTE"),
    "pseudonym": N_("PSEUDONYM"),
    "form": N_("NAME"),
    "kind": N_("KIND"),
    "url": "URL",
    "login": N_("LOGIN"),
}


def translate_argparse() -> None:
    """Let argparse look up its own texts in our catalogue, in the language set at the time.

    argparse makes every text it shows with the module-level ``_`` and ``ngettext`` it
    imported from :mod:`gettext`; pointing those names at ours translates all of them.
    """
    vars(argparse).update(_=i18n._, ngettext=i18n.ngettext)


class HelpFormatter(argparse.HelpFormatter):
    def _get_help_string(self, action: argparse.Action) -> str | None:
        # No help text of ours uses argparse's %(default)s; a "%" in one is a percent sign.
        return None if action.help is None else action.help.replace("%", "%%")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser (and, through ``add_subparsers``, its subparsers) that names its
    arguments in the interface's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        takes_value = action.nargs != 0 and action.choices is None
        if takes_value and action.metavar is None and action.dest in ARGUMENT_NAMES:
            action.metavar = _(ARGUMENT_NAMES[action.dest])
        return action
