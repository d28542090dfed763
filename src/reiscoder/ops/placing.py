"""Placing ranges of an earlier text of a document in its current text.

A student's copy holds a document as it was when the assignment was handed out; the teacher
may have corrected it since. When the copy's text is one of the document's earlier versions
(rebuilt backwards from the correction history in ``document_edits``), a range is carried
through each recorded correction with the very diff that correction used, so it lands where
the teacher's own codings went. When it is no recorded version (corrected in the copy, or
without history), the two texts are diffed directly. Either way a range is ``EXACT`` (same
text), ``CHANGED`` (its text was corrected; it covers the corrected words) or ``DELETED`` (its
text is gone: it cannot be placed).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.model import Document, DocumentEdit
from reiscoder.ops.remap import Block, Fit, Placement, Remap, diff_blocks, place

_WORSE = {Fit.EXACT: 0, Fit.CHANGED: 1, Fit.DELETED: 2}


class TextPlacer:
    """Carries ranges of ``steps[0]``'s old text through every step to the last new text."""

    def __init__(self, steps: list[tuple[str, str, list[Block]]], *, via_history: bool) -> None:
        self.steps = [(old, new, Remap(blocks)) for old, new, blocks in steps]
        self.via_history = via_history

    def place(self, start: int, end: int) -> Placement:
        fit = Fit.EXACT
        for old, new, remap in self.steps:
            placed = place(old, new, remap, start, end)
            start, end = placed.start, placed.end
            if _WORSE[placed.fit] > _WORSE[fit]:
                fit = placed.fit
        return Placement(start, end, fit)


def placer_for(session: Session, document_id: int, earlier: str) -> TextPlacer:
    """How to place ranges of ``earlier`` (a former text of the document) in its text now."""
    current = session.scalar(select(Document.text).where(Document.id == document_id)) or ""
    versions = text_versions(session, document_id, current)
    for index, (text, _blocks) in enumerate(versions):
        if text == earlier:
            steps = [
                (versions[i][0], versions[i + 1][0], versions[i][1])
                for i in range(index, len(versions) - 1)
            ]
            return TextPlacer(steps, via_history=True)
    return TextPlacer([(earlier, current, diff_blocks(earlier, current))], via_history=False)


def text_versions(
    session: Session, document_id: int, current: str
) -> list[tuple[str, list[Block]]]:
    """Every recorded text of the document, oldest first, each with the blocks that turned it
    into the next one (the current text, last, has none)."""
    rows = session.execute(
        select(DocumentEdit.changes)
        .where(DocumentEdit.document_id == document_id)
        .order_by(DocumentEdit.id.desc())
    ).scalars()
    versions: list[tuple[str, list[Block]]] = [(current, [])]
    text = current
    for raw in rows:
        changes = json.loads(raw or "[]")
        blocks = [Block(*change[:4]) for change in changes]
        older = text
        for _i1, _i2, j1, j2, old, new in reversed(changes):
            if older[j1:j2] != new:
                return versions  # the history does not fit the text: stop believing it
            older = older[:j1] + old + older[j2:]
        versions.insert(0, (older, blocks))
        text = older
    return versions
