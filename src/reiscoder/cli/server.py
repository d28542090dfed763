"""``reiscoder server init|invite``, ``publish`` and ``snapshot``: a project on a server."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from reiscoder.i18n import _, ngettext
from reiscoder.model.server import init_server, invite, parse_url, store_password
from reiscoder.model.transfer import publish, snapshot

COMMANDS = ("server", "publish", "snapshot")


def register(commands: argparse._SubParsersAction) -> None:
    server = commands.add_parser(
        "server",
        help=_("prepare a project on a PostgreSQL server"),
        description=_("prepare a project on a PostgreSQL server"),
    )
    actions = server.add_subparsers(title=_("actions"), metavar=_("ACTION"), required=True)

    init = actions.add_parser("init", help=_("prepare an empty database as a project"))
    init.add_argument("url", help="postgresql://USER@HOST/DATABASE")
    init.add_argument("--name", required=True, help=_("project name"))
    init.add_argument("--coder", required=True, help=_("your name as coder (you become lead)"))
    init.set_defaults(handler=_init)

    add = actions.add_parser("invite", help=_("give a colleague a login and a role"))
    add.add_argument("url", help="postgresql://USER@HOST/DATABASE")
    add.add_argument("login", help=_("the colleague's login on the server"))
    add.add_argument("--role", choices=("lead", "coder", "reader"), default="coder")
    add.add_argument("--name", required=True, help=_("the colleague's name as coder"))
    add.set_defaults(handler=_invite)

    password = actions.add_parser("password", help=_("keep your password in the keyring"))
    password.add_argument("url", help="postgresql://USER@HOST/DATABASE")
    password.set_defaults(handler=_password)

    up = commands.add_parser(
        "publish",
        help=_("move a project file to an empty server database"),
        description=_("move a project file to an empty server database"),
    )
    up.add_argument("project", type=Path)
    up.add_argument("url", help="postgresql://USER@HOST/DATABASE")
    up.add_argument("--coder", required=True, help=_("your name as coder (you become lead)"))
    up.set_defaults(handler=_publish)

    down = commands.add_parser(
        "snapshot",
        help=_("write a consistent copy of a server project to a file"),
        description=_("write a consistent copy of a server project to a file"),
    )
    down.add_argument("url", help="postgresql://USER@HOST/DATABASE")
    down.add_argument("copy", type=Path)
    down.set_defaults(handler=_snapshot)


def _init(args: argparse.Namespace) -> int:
    init_server(args.url, args.name, args.coder)
    print(_("The project {name} is ready on the server.").format(name=args.name))
    return 0


def _invite(args: argparse.Namespace) -> int:
    password = invite(args.url, args.login, args.role, args.name)
    print(_("{login} is now {role} in this project.").format(login=args.login, role=args.role))
    print(
        _("First password (pass it on safely, to be changed): {password}").format(password=password)
    )
    return 0


def _password(args: argparse.Namespace) -> int:
    store_password(parse_url(args.url), getpass.getpass(_("Password: ")))
    print(_("The password is in your keyring."))
    return 0


def _publish(args: argparse.Namespace) -> int:
    rows = publish(args.project, args.url, args.coder)
    print(
        ngettext(
            "Published: {rows} row is on the server.",
            "Published: {rows} rows are on the server.",
            rows,
        ).format(rows=rows)
    )
    return 0


def _snapshot(args: argparse.Namespace) -> int:
    rows = snapshot(args.url, args.copy)
    print(
        ngettext(
            "Snapshot written to {path} ({rows} row).",
            "Snapshot written to {path} ({rows} rows).",
            rows,
        ).format(path=args.copy, rows=rows)
    )
    return 0
