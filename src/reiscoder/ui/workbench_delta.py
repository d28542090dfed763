"""What a change did to codings and their memos, read from the row images on the change bus.

Applying a code, removing a coding, changing its extent or its memo, and their undo and redo
write only rows of ``codings`` and ``memos``. For such a change the panels refresh the one
row, count or highlight that changed (:func:`coding_delta`); any other change, and one
without row images (a bulk write, a colleague's change on a server), makes them reload.
"""

from __future__ import annotations

from dataclasses import dataclass

from reiscoder.ops.bus import Change
from reiscoder.read.progress import CodingWrite

CODING_TABLES = frozenset({"codings", "memos"})


@dataclass(frozen=True)
class CodingDelta:
    coding_ids: frozenset[int]  # codings inserted, changed or deleted
    code_ids: frozenset[int]  # their codes, before and after
    document_ids: frozenset[int]  # their documents, before and after
    memo_ids: frozenset[int]  # memos inserted, changed or deleted
    memo_coding_ids: frozenset[int]  # codings whose memo was written

    @property
    def touched_codings(self) -> frozenset[int]:
        """Codings a panel shows differently now: written, or their memo was."""
        return self.coding_ids | self.memo_coding_ids


def coding_delta(change: Change) -> CodingDelta | None:
    """What ``change`` did to codings and memos; None when the panels must reload instead
    (no row images, or rows of other tables were written too)."""
    if change.changes is None or not change.changes.entries:
        return None
    if any(entry.table not in CODING_TABLES for entry in change.changes.entries):
        return None
    codings: set[int] = set()
    codes: set[int] = set()
    documents: set[int] = set()
    memos: set[int] = set()
    memo_codings: set[int] = set()
    for entry in change.changes.entries:
        for image in (entry.before, entry.after):
            if image is None:
                continue
            if entry.table == "codings":
                codings.add(image["id"])
                codes.add(image["code_id"])
                documents.add(image["document_id"])
            else:
                memos.add(image["id"])
                if image.get("coding_id") is not None:
                    memo_codings.add(image["coding_id"])
    return CodingDelta(
        frozenset(codings),
        frozenset(codes),
        frozenset(documents),
        frozenset(memos),
        frozenset(memo_codings),
    )


def coding_writes(change: Change) -> list[CodingWrite]:
    """The codings ``change`` added and took out (a changed extent is both), from its row
    images: what a document's progress follows without reading its codings again."""
    if change.changes is None:
        return []
    writes = []
    for entry in change.changes.entries:
        if entry.table != "codings":
            continue
        for image, added in ((entry.before, False), (entry.after, True)):
            if image is not None:
                writes.append(
                    CodingWrite(
                        image["document_id"], image["coder_id"], image["start"], image["end"], added
                    )
                )
    return writes
