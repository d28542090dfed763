"""``reiscoder groups``: list groups and make one by hand, from a search or an attribute
value; and the ``--document-group`` / ``--code-group`` options other commands take."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model import GroupKind
from reiscoder.model.errors import OperationError
from reiscoder.model.project import Project
from reiscoder.ops.gateway import Gateway
from reiscoder.ops.groups import create_group
from reiscoder.read.groups import documents_with_value, groups_named, load_groups, members_of

COMMANDS = ("groups",)


def add_group_options(parser: argparse.ArgumentParser, *, codes: bool = True) -> None:
    parser.add_argument(
        "--document-group",
        action="append",
        default=[],
        metavar=_("GROUP"),
        help=_("only the documents of this group (repeatable)"),
    )
    if codes:
        parser.add_argument(
            "--code-group",
            action="append",
            default=[],
            metavar=_("GROUP"),
            help=_("only the codes of this group (repeatable)"),
        )


def group_members(session: Session, args: argparse.Namespace, kind: GroupKind) -> frozenset[int]:
    """The members of the groups named with ``--document-group`` or ``--code-group``."""
    names = getattr(args, "document_group" if kind == GroupKind.DOCUMENT else "code_group", [])
    return members_of(session, groups_named(session, kind, names)) if names else frozenset()


def register(commands: argparse._SubParsersAction) -> None:
    text = _("list the groups of documents and codes, or make one")
    sub = commands.add_parser("groups", help=text, description=text)
    sub.add_argument("path", type=Path, help=_("project file"))
    sub.add_argument("--new", metavar=_("NAME"), help=_("make a group with this name"))
    sub.add_argument(
        "--kind", choices=[k.value for k in GroupKind], default=GroupKind.DOCUMENT.value
    )
    sub.add_argument(
        "--with",
        dest="with_value",
        metavar=_("ATTRIBUTE=VALUE"),
        help=_("the documents whose attribute (or speaker's) has this value"),
    )
    sub.add_argument("--search", metavar=_("WORDS"), help=_("the documents where this is said"))
    sub.add_argument(
        "--member", action="append", default=[], metavar=_("NAME"), help=_("a document or code")
    )
    sub.set_defaults(handler=_cmd_groups)


def _cmd_groups(args: argparse.Namespace) -> int:
    if args.new is None:
        with Project.open(args.path, read_only=True) as project, project.reader() as session:
            for group in load_groups(session):
                what = _("documents") if group.kind == GroupKind.DOCUMENT else _("codes")
                print(f"{group.name}\t{what}: {len(group.members)}")
        return 0
    kind = GroupKind(args.kind)
    with Project.open(args.path) as project:
        with project.reader() as session:
            members = _members(session, args, kind)
        outcome = Gateway(project).execute(lambda s: create_group(s, kind, args.new, members))
    count = len(members)
    print(
        ngettext("{label}: {count} member", "{label}: {count} members", count).format(
            label=outcome.label, count=count
        )
    )
    return 0


def _members(session: Session, args: argparse.Namespace, kind: GroupKind) -> list[int]:
    from reiscoder.cli.export import code_by_name
    from reiscoder.read.search import search_sentences

    found: list[int] = []
    if args.with_value:
        if kind != GroupKind.DOCUMENT:
            raise OperationError(_("--with and --search make a group of documents."))
        name, _eq, value = args.with_value.partition("=")
        found += documents_with_value(session, _attribute_id(session, name), value.strip())
    if args.search:
        if kind != GroupKind.DOCUMENT:
            raise OperationError(_("--with and --search make a group of documents."))
        found += [hit.document_id for hit in search_sentences(session, args.search)]
    for name in args.member:
        if kind == GroupKind.CODE:
            found.append(code_by_name(session, name).id)
        else:
            found.append(_document_id(session, name))
    return list(dict.fromkeys(found))


def _attribute_id(session: Session, name: str) -> int:
    from reiscoder.cli.export import _attribute

    return _attribute(session, name.strip())


def _document_id(session: Session, name: str) -> int:
    from reiscoder.cli.analysis import _document_id as by_name

    return by_name(session, name)
