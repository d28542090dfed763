"""Bring in users as coders and the code tree.

Coders are kept apart: a user is the same coder only when the GUIDs agree (our own export);
a user who merely has the name of one of our coders gets a name of their own. Codes are
matched when merging, first by GUID, then by name under the same parent; a matched code
keeps its colour and definition here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import insert, select

from reiscoder.i18n import _
from reiscoder.model import Code, Coder
from reiscoder.model.base import utcnow
from reiscoder.model.tables import inserted_id, table_of
from reiscoder.ops.palette import PALETTE, normalise_color
from reiscoder.read.coders import coder_names
from reiscoder.refi.context import ImportContext, unique_name
from reiscoder.refi.descriptions import unfold
from reiscoder.refi.extras import read_timestamp
from reiscoder.refi.foreign_data import ForeignCode

_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})")


def store_users(ctx: ImportContext, users: dict[str, str]) -> None:
    existing = dict(ctx.session.execute(select(Coder.uuid, Coder.id)).tuples().all())
    taken = set(coder_names(ctx.session).values())
    for guid, name in users.items():
        if guid in existing:
            ctx.coders[guid] = existing[guid]
            continue
        wanted = name or _("Unknown coder")
        final = wanted
        if wanted in taken:
            final = unique_name(_("{name} (imported)").format(name=wanted), taken)
            ctx.report.converted.append(
                _(
                    "Coder “{name}” in the file is not the coder “{name}” of this project; "
                    "imported as “{new}”."
                ).format(name=wanted, new=final)
            )
        taken.add(final)
        created = read_timestamp(ctx.extras.coders.get(guid)) or utcnow()
        inserted = ctx.session.execute(
            insert(Coder).values(uuid=ctx.fresh_uuid(Coder, guid), name=final, created=created)
        )
        ctx.coders[guid] = inserted_id(inserted)
        ctx.report.add("coders")


def parse_color(raw: str | None) -> str | None:
    """A ``#rrggbb`` colour from the forms tools write: #RGB, #RRGGBB, #AARRGGBB, rgb(), no #."""
    if not raw:
        return None
    value = raw.strip()
    match = _RGB.match(value.lower())
    if match:
        parts = [min(int(part), 255) for part in match.groups()]
        return "#" + "".join(f"{part:02x}" for part in parts)
    if not value.startswith("#"):
        value = "#" + value
    if len(value) == 9:  # ARGB, as .NET writes it
        value = "#" + value[3:]
    return normalise_color(value)


def store_codes(ctx: ImportContext, codes: Sequence[ForeignCode]) -> None:
    used_colors = list(ctx.session.scalars(select(Code.color)))
    tree = _CodeTree(ctx)
    folders = _store_level(ctx, tree, codes, None, _Palette(used_colors))
    if folders:
        ctx.report.converted.append(
            _(
                "Codes marked as not for coding (folders), brought in as ordinary codes: {count}."
            ).format(count=folders)
        )


class _CodeTree:
    """The project's codes by parent and name, and by GUID, kept up to date as codes come in:
    every lookup is a dictionary's, not a query (a file may hold tens of thousands)."""

    def __init__(self, ctx: ImportContext) -> None:
        self.names: dict[int | None, dict[str, int]] = {}
        self.by_guid: dict[str, int] = {}
        self.matching = ctx.merge  # only a merge looks codes up by name or GUID
        rows = ctx.session.execute(select(Code.id, Code.parent_id, Code.name, Code.uuid))
        for code_id, parent_id, name, uuid in rows.tuples():
            self.names.setdefault(parent_id, {}).setdefault(name, code_id)
            self.by_guid[uuid] = code_id
        self.taken = {parent: set(names) for parent, names in self.names.items()}

    def add(self, code_id: int, parent_id: int | None, name: str, uuid: str) -> None:
        if not self.matching:
            return
        self.names.setdefault(parent_id, {}).setdefault(name, code_id)
        self.by_guid.setdefault(uuid, code_id)

    def siblings(self, parent_id: int | None) -> set[str]:
        return self.taken.setdefault(parent_id, set())


class _Palette:
    """:func:`next_color` over the colours in use, with a set instead of a list: the same
    colour, at a constant cost per code."""

    def __init__(self, used: list[str]) -> None:
        self.in_use = set(used)
        self.count = len(used)

    def next(self) -> str:
        for color in PALETTE:
            if color not in self.in_use:
                return color
        return PALETTE[self.count % len(PALETTE)]

    def add(self, color: str) -> None:
        self.in_use.add(color)
        self.count += 1


def _store_level(
    ctx: ImportContext,
    tree: _CodeTree,
    codes: Sequence[ForeignCode],
    parent_id: int | None,
    colors: _Palette,
) -> int:
    folders = 0
    for code in codes:
        code_id = _matching_code(tree, code, parent_id) if ctx.merge else None
        if code_id is None:
            code_id = _insert_code(ctx, tree, code, parent_id, colors)
            folders += not code.codable
        else:
            ctx.report.add("matched_codes")
        if code.guid is not None and code.guid in ctx.codes and ctx.codes[code.guid] != code_id:
            ctx.report.converted.append(
                _(
                    "Two codes in the file share one id (“{first}” and “{second}”); codings "
                    "and groups that refer to it went to “{first}”."
                ).format(first=_code_name(ctx, ctx.codes[code.guid]), second=code.name or "?")
            )
        elif code.guid is not None:
            ctx.codes[code.guid] = code_id
        if code.guid is not None and code.note_refs:
            ctx.code_notes.append((code.guid, code.note_refs))
        folders += _store_level(ctx, tree, code.children, code_id, colors)
    return folders


def _matching_code(tree: _CodeTree, code: ForeignCode, parent_id: int | None) -> int | None:
    if code.guid is not None and code.guid in tree.by_guid:
        return tree.by_guid[code.guid]
    return tree.names.get(parent_id, {}).get(" ".join(code.name.split()))


_INSERT_CODE = insert(table_of(Code)).returning(table_of(Code).c.id)


def _insert_code(
    ctx: ImportContext,
    tree: _CodeTree,
    code: ForeignCode,
    parent_id: int | None,
    colors: _Palette,
) -> int:
    taken = tree.siblings(parent_id)
    position = len(taken)
    name = ctx.renamed(
        code.name,
        unique_name(code.name or _("Unnamed code"), taken),
        _("Code"),
        _("{what} “{name}” occurs twice at one level; the second is called “{new}”."),
    )
    color = parse_color(code.color) or colors.next()
    colors.add(color)
    extra = ctx.extras.codes.get(code.guid or "")
    parts = extra if extra is not None else unfold(code.description)
    ctx.report.add("codes")
    ctx.step()
    uuid = ctx.fresh_uuid(Code, code.guid)
    code_id = ctx.session.execute(
        _INSERT_CODE,
        {
            "uuid": uuid,
            "parent_id": parent_id,
            "name": name,
            "color": color,
            "definition": parts.definition,
            "inclusion": parts.inclusion,
            "exclusion": parts.exclusion,
            "example": parts.example,
            "position": position,
        },
    ).scalar_one()
    tree.add(int(code_id), parent_id, name, uuid)
    return int(code_id)


def _code_name(ctx: ImportContext, code_id: int) -> str:
    return ctx.session.scalar(select(Code.name).where(Code.id == code_id)) or "?"
