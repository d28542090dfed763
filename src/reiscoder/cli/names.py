"""``reiscoder names PROJECT suggest|list|add|remove|reject|uncovered|import|export``.

The name list without the app: suggestions (and accepting them), the list itself, adding and
removing entries, the checklist of what is not covered yet, and the list as a CSV file
(columns ``entry``, ``kind``, ``pseudonym``, ``forms``; forms separated by semicolons) to
review and version it. Every change is one transaction.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from reiscoder.errors import UserError
from reiscoder.i18n import _, ngettext
from reiscoder.model.privacy import NameKind
from reiscoder.model.project import Project
from reiscoder.ops.names import NewName, add_names, delete_names, reject_names, update_name
from reiscoder.parsing.limits import unreadable_message
from reiscoder.privacy.names import load_names
from reiscoder.reports.cells import safe_cell, unescape_cell
from reiscoder.text.name_forms import split_forms
from reiscoder.text.name_matching import fold

COMMANDS = ("names",)
COLUMNS = ("entry", "kind", "pseudonym", "forms")
ACCEPTED_BY_DEFAULT = (NameKind.PERSON, NameKind.PLACE, NameKind.ORGANISATION)
KIND_WORDS = {
    "person": NameKind.PERSON, "persoon": NameKind.PERSON,
    "place": NameKind.PLACE, "plaats": NameKind.PLACE,
    "organisation": NameKind.ORGANISATION, "organisatie": NameKind.ORGANISATION,
    "organization": NameKind.ORGANISATION,
    "other": NameKind.OTHER, "anders": NameKind.OTHER, "overig": NameKind.OTHER,
}  # fmt: skip


def register(commands: argparse._SubParsersAction) -> None:
    text = _("build, review and share the name list for pseudonymisation")
    parser = commands.add_parser("names", help=text, description=text)
    parser.add_argument("project", type=Path, help=_("project file"))
    actions = parser.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)

    suggest = actions.add_parser("suggest", help=_("names found in the project"))
    suggest.add_argument(
        "--accept",
        nargs="?",
        const=",".join(ACCEPTED_BY_DEFAULT),
        metavar=_("KINDS"),
        help=_(
            "put the suggestions of these kinds on the list (default: person,place,organisation)"
        ),
    )
    suggest.add_argument("--no-deduce", action="store_true", help=_("without the deduce detector"))
    suggest.set_defaults(handler=_suggest)

    actions.add_parser("list", help=_("the name list")).set_defaults(handler=_list)

    add = actions.add_parser("add", help=_("put a name on the list"))
    add.add_argument("name")
    add.add_argument("--pseudonym", default="", help=_("empty: the next free default"))
    add.add_argument("--kind", default="person", help="person|place|organisation|other")
    add.add_argument("--form", action="append", default=[], help=_("another spelling (repeatable)"))
    add.set_defaults(handler=_add)

    for name, handler, help_text in (
        ("remove", _remove, _("take names off the list")),
        ("reject", _reject, _("mark words as not a name: never suggested or listed again")),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("names", nargs="+")
        action.set_defaults(handler=handler)

    check = actions.add_parser("uncovered", help=_("what is not on the list yet (the checklist)"))
    check.add_argument("--no-deduce", action="store_true", help=_("without the deduce detector"))
    check.set_defaults(handler=_uncovered)

    importing = actions.add_parser("import", help=_("read names from a CSV file"))
    importing.add_argument("csv", type=Path)
    importing.set_defaults(handler=_import)
    exporting = actions.add_parser("export", help=_("write the name list to a CSV file"))
    exporting.add_argument("csv", type=Path)
    exporting.set_defaults(handler=_export)


def _suggest(args: argparse.Namespace) -> int:
    from reiscoder.privacy.suggest import suggest_names

    kinds = _kinds(args.accept) if args.accept else ()
    with Project.open(args.project, read_only=not kinds) as project:
        with project.reader() as session:
            found = suggest_names(session, detector=not args.no_deduce)
        for suggestion in found:
            context = suggestion.examples[0] if suggestion.examples else None
            where = f"  “{context.before}{context.text}{context.after}”" if context else ""
            print(f"{suggestion.original}\t{suggestion.kind}\t{suggestion.count}{where}")
        chosen = [s for s in found if s.kind in kinds]
        if chosen:
            names = [NewName(s.original, "", s.kind, s.respondent) for s in chosen]
            with project.transaction() as session:
                add_names(session, names, confirmed=False)
    print(
        ngettext("{count} suggestion.", "{count} suggestions.", len(found)).format(count=len(found))
    )
    if kinds:
        print(_("{count} put on the name list, to check.").format(count=len(chosen)))
    return 0


def _list(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project, project.reader() as session:
        entries = load_names(session)
    for entry in entries:
        status = _("not a name") if entry.rejected else ("" if entry.confirmed else _("to check"))
        forms = "; ".join(entry.forms)
        print("\t".join((entry.original, entry.kind, entry.pseudonym, forms, status)).rstrip())
    count = sum(not e.rejected for e in entries)
    print(
        ngettext("{count} name in the list.", "{count} names in the list.", count).format(
            count=count
        )
    )
    return 0


def _add(args: argparse.Namespace) -> int:
    name = NewName(args.name, args.pseudonym, _kind(args.kind), forms=tuple(args.form))
    with Project.open(args.project) as project, project.transaction() as session:
        add_names(session, [name])
    print(_("Added: {name}").format(name=args.name))
    return 0


def _remove(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project, project.transaction() as session:
        by_name = {fold(e.original): e.id for e in load_names(session)}
        missing = [name for name in args.names if fold(name) not in by_name]
        if missing:
            raise UserError(_("Not in the name list: {names}").format(names=", ".join(missing)))
        delete_names(session, [by_name[fold(name)] for name in args.names])
    print(_("Removed: {names}").format(names=", ".join(args.names)))
    return 0


def _reject(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project, project.transaction() as session:
        reject_names(session, args.names)
    print(_("Not a name: {names}").format(names=", ".join(args.names)))
    return 0


def _uncovered(args: argparse.Namespace) -> int:
    from reiscoder.privacy.uncovered import category_label, uncovered

    with Project.open(args.project, read_only=True) as project, project.reader() as session:
        items = uncovered(session, detector=not args.no_deduce)
    for item in items:
        print(f"{item.text}\t{category_label(item.category)}\t{item.count}")
        for where in item.examples:
            print(f"    {where.document_name}: …{where.before}[{where.text}]{where.after}…")
    print(_("{count} not covered yet.").format(count=len(items)))
    return 0


def _export(args: argparse.Namespace) -> int:
    with Project.open(args.project, read_only=True) as project, project.reader() as session:
        entries = [e for e in load_names(session) if not e.rejected]
    partial = args.csv.with_name(f".{args.csv.name}.part")
    with partial.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for entry in entries:
            row = (entry.original, entry.kind, entry.pseudonym, "; ".join(entry.forms))
            writer.writerow([safe_cell(value) for value in row])
    partial.replace(args.csv)
    print(
        ngettext(
            "{count} name written to {path}", "{count} names written to {path}", len(entries)
        ).format(count=len(entries), path=args.csv)
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    rows = _read_csv(args.csv)
    added = changed = 0
    with Project.open(args.project) as project, project.transaction() as session:
        known = {fold(e.original): e for e in load_names(session)}
        new = []
        for original, kind, pseudonym, forms in rows:
            entry = known.get(fold(original))
            if entry is None or entry.rejected:
                new.append(NewName(original, pseudonym, kind, forms=forms))
                continue
            update_name(session, entry.id, kind=kind, forms=forms, pseudonym=pseudonym or None)
            changed += 1
        if new:
            add_names(session, new)
            added = len(new)
    print(
        ngettext(
            "{added} name added, {changed} changed.",
            "{added} names added, {changed} changed.",
            added,
        ).format(added=added, changed=changed)
    )
    return 0


def _read_csv(path: Path) -> list[tuple[str, NameKind, str, tuple[str, ...]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        reason = unreadable_message(error)
        raise UserError(_("Cannot read {path}: {error}").format(path=path, error=reason)) from error
    except UnicodeDecodeError as error:
        reason = _("it is not UTF-8 text (save it as “CSV UTF-8”).")
        raise UserError(_("Cannot read {path}: {error}").format(path=path, error=reason)) from error
    dialect = csv.Sniffer().sniff(text.splitlines()[0]) if text.strip() else csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    header = [fold(h or "").strip() for h in reader.fieldnames or []]
    if "entry" not in header:
        raise UserError(
            _("{path}: the first line must name the columns entry, kind, pseudonym, forms.").format(
                path=path
            )
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        values = {fold(k or "").strip(): unescape_cell((v or "").strip()) for k, v in row.items()}
        if not values.get("entry"):
            continue
        try:
            kind = _kind(values.get("kind") or "person")
        except UserError as error:
            raise UserError(f"{path}:{number}: {error.message}") from error
        forms = split_forms(values.get("forms", ""))
        rows.append((values["entry"], kind, values.get("pseudonym", ""), forms))
    return rows


def _kind(word: str) -> NameKind:
    kind = KIND_WORDS.get(fold(word.strip()))
    if kind is None:
        raise UserError(
            _("Unknown kind “{kind}”: use person, place, organisation or other.").format(kind=word)
        )
    return kind


def _kinds(words: str) -> tuple[NameKind, ...]:
    return tuple(_kind(word) for word in words.split(",") if word.strip())
