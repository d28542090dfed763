"""Bring in users as coders and the code tree.

Coders are kept apart: a user is the same coder only when the GUIDs agree (our own export);
a user who merely has the name of one of our coders gets a name of their own. Codes are
matched when merging, first by GUID, then by name under the same parent; a matched code
keeps its colour and definition here.
"""

from __future__ import annotations

import re

from sqlalchemy import func, insert, select

from reiscoder.i18n import _
from reiscoder.model import Code, Coder
from reiscoder.model.base import utcnow
from reiscoder.model.tables import inserted_id
from reiscoder.ops.palette import next_color, normalise_color
from reiscoder.read.coders import coder_names
from reiscoder.refi.context import ImportContext, unique_name
from reiscoder.refi.descriptions import unfold
from reiscoder.refi.extras import read_timestamp
from reiscoder.refi.foreign import ForeignCode

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


def store_codes(ctx: ImportContext, codes: list[ForeignCode]) -> None:
    used_colors = list(ctx.session.scalars(select(Code.color)))
    folders = _store_level(ctx, codes, None, used_colors)
    if folders:
        ctx.report.converted.append(
            _(
                "Codes marked as not for coding (folders), brought in as ordinary codes: {count}."
            ).format(count=folders)
        )


def _store_level(
    ctx: ImportContext, codes: list[ForeignCode], parent_id: int | None, colors: list[str]
) -> int:
    folders = 0
    for code in codes:
        code_id = _matching_code(ctx, code, parent_id) if ctx.merge else None
        if code_id is None:
            code_id = _insert_code(ctx, code, parent_id, colors)
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
        folders += _store_level(ctx, code.children, code_id, colors)
    return folders


def _matching_code(ctx: ImportContext, code: ForeignCode, parent_id: int | None) -> int | None:
    if code.guid is not None:
        found = ctx.session.scalar(select(Code.id).where(Code.uuid == code.guid))
        if found is not None:
            return found
    siblings = select(Code.id).where(Code.name == " ".join(code.name.split()))
    siblings = siblings.where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    )
    return ctx.session.scalar(siblings)


def _insert_code(
    ctx: ImportContext, code: ForeignCode, parent_id: int | None, colors: list[str]
) -> int:
    siblings = select(Code.name).where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    )
    taken = set(ctx.session.scalars(siblings))
    name = ctx.renamed(
        code.name,
        unique_name(code.name or _("Unnamed code"), taken),
        _("Code"),
        _("{what} “{name}” occurs twice at one level; the second is called “{new}”."),
    )
    color = parse_color(code.color) or next_color(colors)
    colors.append(color)
    extra = ctx.extras.codes.get(code.guid or "")
    parts = extra if extra is not None else unfold(code.description)
    position = ctx.session.scalar(
        select(func.count())
        .select_from(Code)
        .where(Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id)
    )
    ctx.report.add("codes")
    inserted = ctx.session.execute(
        insert(Code).values(
            uuid=ctx.fresh_uuid(Code, code.guid),
            parent_id=parent_id,
            name=name,
            color=color,
            definition=parts.definition,
            inclusion=parts.inclusion,
            exclusion=parts.exclusion,
            example=parts.example,
            position=position,
        )
    )
    return inserted_id(inserted)


def _code_name(ctx: ImportContext, code_id: int) -> str:
    return ctx.session.scalar(select(Code.name).where(Code.id == code_id)) or "?"
