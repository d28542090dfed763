"""``reiscoder check [--repair]`` and ``reiscoder backups``: checks and backups without a window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reiscoder.checks.repair import Diagnosis, diagnose, repair
from reiscoder.i18n import _, ngettext
from reiscoder.model.backups import (
    BackupInfo,
    backup_before,
    list_backups,
    reason_label,
    restore_backup,
)
from reiscoder.model.project import Project

COMMANDS = ("backups",)
__all__ = ["COMMANDS", "add_check_options", "backup_before", "register", "run_backups", "run_check"]


def register(commands: argparse._SubParsersAction) -> None:
    text = _("list the backups of a project, or restore one")
    backups = commands.add_parser("backups", help=text, description=text)
    backups.add_argument("path", type=Path, help=_("project file"))
    backups.add_argument(
        "--restore",
        metavar=_("NUMBER|FILE"),
        help=_("restore backup NUMBER of the list (1 is the newest) or a backup file"),
    )
    backups.set_defaults(handler=run_backups)


def add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--repair", action="store_true", help=_("make the repairs that are safe (after a backup)")
    )


def run_check(args: argparse.Namespace) -> int:
    with Project.open(args.path, read_only=not args.repair) as project:
        diagnosis = diagnose(project, interrupted=args.repair)
        _print_diagnosis(diagnosis)
        if not args.repair or not diagnosis.repairable:
            return 0 if diagnosis.sound else 1
        result = repair(project, diagnosis)
    print()
    print(_("Backup before repairing: {path}").format(path=result.backup))
    for line in result.done:
        print(f"✓ {line}")
    for line in result.left:
        print(f"✗ {line}")
    if not result.left:
        print(_("The project is sound."))
        return 0
    return 1


def _print_diagnosis(diagnosis: Diagnosis) -> None:
    for problem in diagnosis.problems:
        print(f"✗ {problem}")
    for note in diagnosis.report.notes:
        print(f"· {note}")
    if diagnosis.sound:
        print(_("The project is sound."))
    else:
        count = len(diagnosis.problems)
        print(
            ngettext("{count} problem found.", "{count} problems found.", count).format(count=count)
        )


def run_backups(args: argparse.Namespace) -> int:
    backups = list_backups(args.path)
    if args.restore is None:
        _print_backups(backups)
        return 0
    chosen = _chosen(args.restore, backups)
    if chosen is None:
        print(_("There is no backup {choice}.").format(choice=args.restore), file=sys.stderr)
        return 2
    saved = restore_backup(args.path, chosen)
    print(_("Restored {backup}.").format(backup=chosen.name))
    print(_("The replaced project was kept as {path}.").format(path=saved))
    return 0


def _chosen(choice: str, backups: list[BackupInfo]) -> Path | None:
    if choice.isdigit():
        index = int(choice) - 1
        return backups[index].path if 0 <= index < len(backups) else None
    path = Path(choice)
    return path if path.is_file() else None


def _print_backups(backups: list[BackupInfo]) -> None:
    if not backups:
        print(_("No backups yet."))
        return
    for number, info in enumerate(backups, 1):
        when = info.made.strftime("%Y-%m-%d %H:%M:%S")
        contents = info.problem or _counts(info)
        print(f"{number:>3}  {when}  {reason_label(info.reason):<28} {contents}")


def _counts(info: BackupInfo) -> str:
    documents, codings, memos = info.documents or 0, info.codings or 0, info.memos or 0
    return ", ".join(
        (
            ngettext("{n} document", "{n} documents", documents).format(n=documents),
            ngettext("{n} coding", "{n} codings", codings).format(n=codings),
            ngettext("{n} memo", "{n} memos", memos).format(n=memos),
        )
    )
