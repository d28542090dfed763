"""In-vivo coding: a new code named after the participant's own words, applied to those words.

Creating the code and coding the passage is one operation (one change set), so that one undo
takes both away.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _
from reiscoder.model import Code, Document
from reiscoder.model.errors import OperationError
from reiscoder.ops.changes import Outcome
from reiscoder.ops.codes import create_code
from reiscoder.ops.codings import apply_coding

MAX_NAME = 60
# Quotes, dashes and punctuation around the selected words that do not belong in a code name.
_EDGES = " \t\n\"'“”„‘’‚«»‹›()[]{}<>.,;:!?…-–—*/"


def invivo_name(text: str, limit: int = MAX_NAME) -> str:
    """A code name from selected words: one line, no surrounding quotes, at most ``limit``.

    A longer text is cut at the last word that fits and ends with "…".
    """
    name = " ".join(text.split()).strip(_EDGES)
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    if " " in cut and name[limit - 1] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(_EDGES) + "…"


def code_in_vivo(
    session: Session,
    document_id: int,
    coder_id: int,
    start: int,
    end: int,
    parent_id: int | None = None,
) -> Outcome:
    """Create a code named after ``text[start:end]`` under ``parent_id`` and code that text.

    When a code of that name already exists there, the passage gets that code: the same
    words coded twice in vivo belong to one code.
    """
    text = session.scalar(select(Document.text).where(Document.id == document_id))
    if text is None:
        raise OperationError(_("This document no longer exists."))
    name = invivo_name(text[max(0, start) : max(0, end)])
    if not name:
        raise OperationError(_("Select some words to name the new code after."))
    existing = _sibling_named(session, name, parent_id)
    created = None
    if existing is None:
        created = create_code(session, name, parent_id=parent_id)
        code_id = created.created_id
    else:
        code_id = existing
    assert code_id is not None
    coding = apply_coding(session, document_id, code_id, coder_id, start, end)
    changes = coding.changes
    if created is not None:
        changes.entries[:0] = created.changes.entries
    label = _("In-vivo code “{name}”").format(name=name)
    return Outcome(label, changes, code_id)


def _sibling_named(session: Session, name: str, parent_id: int | None) -> int | None:
    query = select(Code.id).where(Code.name == name)
    if parent_id is None:
        query = query.where(Code.parent_id.is_(None))
    else:
        query = query.where(Code.parent_id == parent_id)
    return session.scalar(query)
