"""Store a file's code tree one code at a time, as the parser reads it.

A code is stored when its start is read (its children need its id) and gets its description
when its end is read. Nothing per code stays in memory, as a codebook may hold 700,000 codes:
the names taken under a parent, the uuids in use and the codes a merge matches are looked up
in the codes table, whose indexes make each a lookup rather than a scan.

Codes are matched when merging, first by GUID, then by name under the same parent; a matched
code keeps its colour and definition here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, func, insert, literal_column, select, update

from reiscoder.i18n import _
from reiscoder.model import Code
from reiscoder.model.tables import table_of
from reiscoder.ops.palette import PALETTE, normalise_color
from reiscoder.refi.context import ImportContext, unique_name
from reiscoder.refi.descriptions import CodeText, unfold
from reiscoder.refi.foreign_data import CodeStart
from reiscoder.refi.guids import derived_guid

# Core statements on the table, run on the session's connection: a few per code, so without
# the ORM's work per statement (it tripled the time of an import of 32,000 codes).
_CODES = table_of(Code)
_INSERT = insert(_CODES).returning(_CODES.c.id)
# written as the index uq_codes_parent_name is (a bound 0 would make every lookup a scan)
_parent_key = func.coalesce(_CODES.c.parent_id, literal_column("0"))
_SIBLING_NAMED = (
    select(_CODES.c.id)
    .where(_parent_key == bindparam("parent"), _CODES.c.name == bindparam("name"))
    .limit(1)
)
_SIBLINGS = select(func.count()).select_from(_CODES).where(_parent_key == bindparam("parent"))
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})")
_WITH_UUID = select(_CODES.c.id).where(_CODES.c.uuid == bindparam("uuid")).limit(1)


class CodeWriter:
    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        self.connection = ctx.session.connection()
        colors = set(ctx.session.scalars(select(Code.color).distinct()))
        self.palette = _Palette(colors, ctx.session.scalar(select(func.count(Code.id))) or 0)
        self.positions: dict[int | None, int] = {}  # open parent -> its next child's position
        self.undescribed: set[int] = set()  # open codes stored without criteria of our own
        # open parent -> name -> the number its last code of that name got ("Naam (7)")
        self.numbers: dict[int | None, dict[str, int]] = {}
        self.folders = 0

    def open(self, code: CodeStart, parent_id: int | None) -> int:
        """A code's start: stored (or matched), and its id returned."""
        ctx = self.ctx
        code_id = self._matching(code, parent_id) if ctx.merge else None
        uuid = None
        if code_id is not None:
            ctx.report.add("matched_codes")
        else:
            code_id, uuid = self._insert(code, parent_id)
            self.folders += not code.codable
        if code.guid is not None:
            first = ctx.codes.claim(code.guid, code_id, uuid)
            if first != code_id:
                ctx.report.converted.append(
                    _(
                        "Two codes in the file share one id (“{first}” and “{second}”); "
                        "codings and groups that refer to it went to “{first}”."
                    ).format(first=self._name(first), second=code.name or "?")
                )
        return code_id

    def close(
        self, code_id: int, guid: str | None, description: str, note_refs: Sequence[str]
    ) -> None:
        """The code's end: its children are all stored."""
        if code_id in self.undescribed and description.strip():
            parts = unfold(description)
            self.ctx.session.execute(
                update(Code)
                .where(Code.id == code_id)
                .values(
                    definition=parts.definition,
                    inclusion=parts.inclusion,
                    exclusion=parts.exclusion,
                    example=parts.example,
                )
            )
        if guid is not None and note_refs:
            self.ctx.code_notes.append((guid, tuple(note_refs)))
        self.undescribed.discard(code_id)
        self.positions.pop(code_id, None)
        self.numbers.pop(code_id, None)

    def finish(self) -> None:
        if self.folders:
            self.ctx.report.converted.append(
                _(
                    "Codes marked as not for coding (folders), brought in as ordinary codes: "
                    "{count}."
                ).format(count=self.folders)
            )

    def _matching(self, code: CodeStart, parent_id: int | None) -> int | None:
        connection = self.connection
        if code.guid is not None:
            found = connection.scalar(_WITH_UUID, {"uuid": code.guid})
            if found is not None:
                return found
        name = " ".join(code.name.split())
        return connection.scalar(_SIBLING_NAMED, {"parent": parent_id or 0, "name": name})

    def _insert(self, code: CodeStart, parent_id: int | None) -> tuple[int, str]:
        ctx = self.ctx
        name = ctx.renamed(
            code.name,
            unique_name(
                code.name or _("Unnamed code"),
                _Siblings(self.connection, parent_id),
                numbers=self.numbers.setdefault(parent_id, {}),
            ),
            _("Code"),
            _("{what} “{name}” occurs twice at one level; the second is called “{new}”."),
        )
        color = parse_color(code.color) or self.palette.next()
        self.palette.add(color)
        extra = ctx.extras.codes.get(code.guid or "")
        parts = extra if extra is not None else CodeText()
        ctx.report.add("codes")
        ctx.step()
        uuid = self._fresh_uuid(code.guid)
        values = {
            "uuid": uuid,
            "parent_id": parent_id,
            "name": name,
            "color": color,
            "definition": parts.definition,
            "inclusion": parts.inclusion,
            "exclusion": parts.exclusion,
            "example": parts.example,
            "position": self._next_position(parent_id),
        }
        code_id = int(self.connection.execute(_INSERT, values).scalar_one())
        if extra is None:
            self.undescribed.add(code_id)
        return code_id, uuid

    def _next_position(self, parent_id: int | None) -> int:
        position = self.positions.get(parent_id)
        if position is None:
            count = self.connection.scalar(_SIBLINGS, {"parent": parent_id or 0})
            position = int(count or 0)
        self.positions[parent_id] = position + 1
        return position

    def _fresh_uuid(self, wanted: str | None) -> str:
        """``wanted`` if no code has it yet, else a stable derived uuid."""
        connection, candidate, number = self.connection, wanted, 0
        while candidate is None or connection.scalar(_WITH_UUID, {"uuid": candidate}) is not None:
            number += 1
            candidate = derived_guid(Code.__tablename__, wanted or "", number)
        return candidate

    def _name(self, code_id: int) -> str:
        return self.ctx.session.scalar(select(Code.name).where(Code.id == code_id)) or "?"


class _Siblings:
    """The names taken under one parent, as :func:`unique_name` asks for them: in the table
    (a code's name is taken once it is stored)."""

    def __init__(self, connection: Connection, parent_id: int | None) -> None:
        self.connection, self.parent = connection, parent_id or 0

    def __contains__(self, name: object) -> bool:
        found = self.connection.scalar(_SIBLING_NAMED, {"parent": self.parent, "name": name})
        return found is not None

    def add(self, name: str) -> None:
        pass


class _Palette:
    """:func:`next_color` over the colours in use, with a set instead of a list: the same
    colour, at a constant cost per code."""

    def __init__(self, in_use: set[str], count: int) -> None:
        self.in_use, self.count = in_use, count

    def next(self) -> str:
        for color in PALETTE:
            if color not in self.in_use:
                return color
        return PALETTE[self.count % len(PALETTE)]

    def add(self, color: str) -> None:
        self.in_use.add(color)
        self.count += 1


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
