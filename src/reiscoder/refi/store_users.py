"""Bring in users as coders (codes come in as they are read: see :mod:`.code_writer`).

Coders are kept apart: a user is the same coder only when the GUIDs agree (our own export);
a user who merely has the name of one of our coders gets a name of their own.
"""

from __future__ import annotations

from sqlalchemy import insert, select

from reiscoder.i18n import _
from reiscoder.model import Coder
from reiscoder.model.base import utcnow
from reiscoder.model.tables import inserted_id
from reiscoder.read.coders import coder_names
from reiscoder.refi.context import ImportContext, unique_name
from reiscoder.refi.extras import read_timestamp


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
