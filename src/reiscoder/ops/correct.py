"""Correcting a transcript: one undoable operation that remaps everything anchored in its text.

The corrected text is compared with the stored one (a character diff, see
:mod:`reiscoder.ops.remap`). Every coding is placed through that diff; a coding whose text
changed, or whose text was deleted, keeps its best place and is listed, never moved
silently or dropped. (Two codings of one code and coder that end up on the same words
become one; that is listed too and their memos are kept.) Turns and sentences follow the
text (:mod:`reiscoder.ops.turn_plan`); the sentences of touched turns are computed again.
Sync points move with their text like turn starts, so times travel with the turns.
Memos hang on documents, codes and codings, so they follow without positions of their own.
The correction is recorded in the document's history (``document_edits``).

Writes are ordered so that the database's range checks hold at every step and also when the
change is reverted: when the text grows it is stored first, when it shrinks last.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reiscoder.i18n import _, ngettext
from reiscoder.model import (
    Code,
    Coder,
    Coding,
    Document,
    DocumentEdit,
    Memo,
    SegmentationState,
    Sentence,
    Speaker,
    SyncPoint,
    Turn,
)
from reiscoder.model.errors import OperationError
from reiscoder.model.fulltext import index_sentences
from reiscoder.ops.changes import ChangeSet, Outcome
from reiscoder.ops.remap import Block, Fit, Remap, diff_blocks, place
from reiscoder.ops.turn_plan import NewTurn, OldTurn, TurnPlan, plan_turns
from reiscoder.parsing.normalise import normalise

# Until ops/changes.py lists it: a correction's history row is part of the document.

MERGED = "merged"  # a coding that landed on the same words as another of its code and coder

# Tests may set this to pause a correction at a named point (kill tests); None in the app.
PAUSE: Callable[[str], None] | None = None


@dataclass(frozen=True)
class CodingFate:
    coding_id: int
    code: str
    coder: str
    old_start: int
    old_end: int
    start: int
    end: int
    quote: str  # the text it covered before
    text_now: str
    fit: str  # Fit value, or MERGED
    merged_into: int | None = None

    @property
    def moved(self) -> bool:
        return (self.start, self.end) != (self.old_start, self.old_end)


@dataclass
class CorrectionPlan:
    document_id: int
    document_name: str
    old_text: str
    new_text: str
    blocks: list[Block]
    codings: list[CodingFate]
    turns: TurnPlan
    old_turns: int
    sentences: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> new range
    sync_points: dict[int, int] = field(default_factory=dict)  # id -> new position
    dropped_sync_points: list[int] = field(default_factory=list)  # two ended up in one place

    @property
    def unplaced(self) -> list[CodingFate]:
        return [fate for fate in self.codings if fate.fit != Fit.EXACT]

    @property
    def moved(self) -> int:
        return sum(fate.moved for fate in self.codings if fate.fit == Fit.EXACT)

    def summary(self) -> str:
        """One line for the history: how much changed and how much is left to review."""
        blocks, review = len(self.blocks), len(self.unplaced)
        parts = [
            ngettext("{n} change in the text", "{n} changes in the text", blocks).format(n=blocks),
            ngettext("{n} coding moved", "{n} codings moved", self.moved).format(n=self.moved),
            ngettext("{n} coding to review", "{n} codings to review", review).format(n=review),
        ]
        if len(self.turns.turns) != self.old_turns:
            parts.append(
                _("turns: {old} → {new}").format(old=self.old_turns, new=len(self.turns.turns))
            )
        return "; ".join(parts)


def plan_correction(session: Session, document_id: int, new_text: str) -> CorrectionPlan:
    """What a correction to ``new_text`` would do; changes nothing (for a preview)."""
    document = session.get(Document, document_id)
    if document is None:
        raise OperationError(_("This document no longer exists."))
    if document.segmentation != SegmentationState.READY:
        raise OperationError(
            _("The sentences of this document are still being determined; correct it after.")
        )
    old, new = document.text, normalise(new_text)
    if not new.strip():
        raise OperationError(_("A transcript cannot be made empty."))
    if new == old:
        raise OperationError(_("The text was not changed."))
    blocks = diff_blocks(old, new)
    remap = Remap(blocks)
    turns = _old_turns(session, document_id)
    speakers = list(
        session.scalars(select(Speaker.label).where(Speaker.document_id == document_id))
    )
    plan = CorrectionPlan(
        document_id,
        document.name,
        old,
        new,
        blocks,
        _coding_fates(session, document_id, old, new, remap),
        plan_turns(old, new, blocks, turns, speakers),
        len(turns),
    )
    plan.sentences = _moved_sentences(session, plan, remap)
    plan.sync_points, plan.dropped_sync_points = _moved_sync_points(session, document_id, remap)
    return plan


def correct_transcript(session: Session, document_id: int, new_text: str, coder_id: int) -> Outcome:
    """Store the corrected text and remap everything on it; created_id is the history row."""
    if session.get(Coder, coder_id) is None:
        raise OperationError(_("This coder no longer exists."))
    plan = plan_correction(session, document_id, new_text)
    changes = ChangeSet()
    grows = len(plan.new_text) >= len(plan.old_text)
    if grows:
        _store_text(session, changes, plan)
    _pause("text")
    _merge_duplicates(session, changes, plan)
    _move_codings(session, changes, plan)
    _pause("codings")
    _restructure(session, changes, plan)
    _pause("structure")
    if not grows:
        _store_text(session, changes, plan)
    edit_id = changes.insert(
        session,
        DocumentEdit,
        document_id=document_id,
        coder_id=coder_id,
        old_length=len(plan.old_text),
        new_length=len(plan.new_text),
        summary=plan.summary(),
        changes=json.dumps(_described_blocks(plan), ensure_ascii=False),
        unplaced=json.dumps([_described_fate(f) for f in plan.unplaced], ensure_ascii=False),
    )
    _pause("history")
    label = _("Correct transcript “{name}”").format(name=plan.document_name)
    return Outcome(label, changes, edit_id)


def _pause(point: str) -> None:
    if PAUSE is not None:
        PAUSE(point)


# -- planning ------------------------------------------------------------------------------


def _old_turns(session: Session, document_id: int) -> list[OldTurn]:
    rows = session.execute(
        select(Turn.id, Turn.start, Turn.content_start, Turn.end, Speaker.label, Turn.timestamp_ms)
        .outerjoin(Speaker, Speaker.id == Turn.speaker_id)
        .where(Turn.document_id == document_id)
        .order_by(Turn.start, Turn.id)
    ).all()
    return [OldTurn(*row) for row in rows]


def _coding_fates(
    session: Session, document_id: int, old: str, new: str, remap: Remap
) -> list[CodingFate]:
    rows = session.execute(
        select(Coding.id, Code.name, Coder.name, Coding.start, Coding.end, Coding.quote)
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(Coding.document_id == document_id)
        .order_by(Coding.start, Coding.end, Coding.id)
    ).all()
    fates = []
    for coding_id, code, coder, start, end, quote in rows:
        placed = place(old, new, remap, start, end)
        fit = placed.fit.value
        if fit == Fit.EXACT and new[placed.start : placed.end] != quote:
            fit = Fit.CHANGED.value  # it had drifted before: worth a look as well
        fates.append(
            CodingFate(
                coding_id,
                code,
                coder,
                start,
                end,
                placed.start,
                placed.end,
                quote,
                new[placed.start : placed.end],
                fit,
            )
        )
    return _with_duplicates(session, fates)


def _with_duplicates(session: Session, fates: list[CodingFate]) -> list[CodingFate]:
    """Codings of one code and coder that land on the same words: the first one stays."""
    keys = {
        coding_id: (code_id, coder_id)
        for coding_id, code_id, coder_id in session.execute(
            select(Coding.id, Coding.code_id, Coding.coder_id).where(
                Coding.id.in_([fate.coding_id for fate in fates])
            )
        )
    }
    survivors: dict[tuple, int] = {}
    result = []
    for fate in sorted(fates, key=lambda f: (f.fit != Fit.EXACT, not f.moved, f.coding_id)):
        key = (*keys[fate.coding_id], fate.start, fate.end)
        if key in survivors:
            fate = CodingFate(**{**fate.__dict__, "fit": MERGED, "merged_into": survivors[key]})
        else:
            survivors[key] = fate.coding_id
        result.append(fate)
    return sorted(result, key=lambda f: (f.old_start, f.old_end, f.coding_id))


def _moved_sentences(
    session: Session, plan: CorrectionPlan, remap: Remap
) -> dict[int, tuple[int, int]]:
    """New ranges of the sentences of turns that only move; the others are computed again."""
    moving = {turn.id for turn in plan.turns.turns if turn.id is not None and not turn.resegment}
    rows = session.execute(
        select(Sentence.id, Sentence.turn_id, Sentence.start, Sentence.end).where(
            Sentence.document_id == plan.document_id
        )
    ).all()
    ranges = {}
    for sentence_id, turn_id, start, end in rows:
        if turn_id in moving:
            ranges[sentence_id] = (remap.start(start), remap.end(end))
    return ranges


def _moved_sync_points(
    session: Session, document_id: int, remap: Remap
) -> tuple[dict[int, int], list[int]]:
    """Sync points move with their text, as turn starts do; of two that meet, the first stays."""
    rows = session.execute(
        select(SyncPoint.id, SyncPoint.position)
        .where(SyncPoint.document_id == document_id)
        .order_by(SyncPoint.position, SyncPoint.id)
    ).all()
    moved: dict[int, int] = {}
    dropped: list[int] = []
    taken: set[int] = set()
    for point_id, position in rows:
        new = remap.start(position)  # a moment belongs to the words spoken from there on
        if new in taken:
            dropped.append(point_id)
            continue
        taken.add(new)
        if new != position:
            moved[point_id] = new
    return moved, dropped


# -- writing -------------------------------------------------------------------------------


def _store_text(session: Session, changes: ChangeSet, plan: CorrectionPlan) -> None:
    changes.update(
        session,
        Document,
        plan.document_id,
        text=plan.new_text,
        text_length=len(plan.new_text),
        word_count=len(plan.new_text.split()),
    )


def _merge_duplicates(session: Session, changes: ChangeSet, plan: CorrectionPlan) -> None:
    for fate in plan.codings:
        if fate.fit != MERGED:
            continue
        memos = session.scalars(select(Memo.id).where(Memo.coding_id == fate.coding_id)).all()
        for memo_id in memos:
            changes.update(session, Memo, memo_id, coding_id=fate.merged_into)
        changes.delete(session, Coding, fate.coding_id)


def _move_codings(session: Session, changes: ChangeSet, plan: CorrectionPlan) -> None:
    """Move codings in an order in which no two of one code and coder share a range at any
    moment (the database refuses that), so that reverting in reverse order works too."""
    rows = session.execute(
        select(Coding.id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end).where(
            Coding.document_id == plan.document_id
        )
    ).all()
    owner = {row[0]: (row[1], row[2]) for row in rows}
    at = {row[0]: (row[3], row[4]) for row in rows}
    occupied = {(row[1], row[2], row[3], row[4]) for row in rows}
    waiting = [f for f in plan.codings if f.fit != MERGED and (f.moved or f.fit != Fit.EXACT)]

    def move(fate: CodingFate, start: int, end: int, quote: str) -> None:
        occupied.discard((*owner[fate.coding_id], *at[fate.coding_id]))
        occupied.add((*owner[fate.coding_id], start, end))
        at[fate.coding_id] = (start, end)
        changes.update(session, Coding, fate.coding_id, start=start, end=end, quote=quote)

    while waiting:
        still = []
        for fate in waiting:
            target = (*owner[fate.coding_id], fate.start, fate.end)
            if target in occupied and at[fate.coding_id] != (fate.start, fate.end):
                still.append(fate)
            else:
                move(fate, fate.start, fate.end, fate.text_now)
        if len(still) == len(waiting):  # a cycle: one of them steps aside first
            first = still[0]
            length = 1
            while (*owner[first.coding_id], 0, length) in occupied:
                length += 1
            move(first, 0, length, plan.old_text[:length])
        waiting = still


def _restructure(session: Session, changes: ChangeSet, plan: CorrectionPlan) -> None:
    """Turns and sentences: re-segmented turns lose their sentences first, then turns are
    updated, added and removed, then sentences move or are computed again."""
    stale = session.scalars(
        select(Sentence.id).where(
            Sentence.document_id == plan.document_id, Sentence.id.not_in(list(plan.sentences))
        )
    ).all()
    for sentence_id in stale:
        changes.delete(session, Sentence, sentence_id)
    speaking = set(
        session.scalars(
            select(Turn.speaker_id).where(
                Turn.document_id == plan.document_id, Turn.speaker_id.is_not(None)
            )
        )
    )
    speakers = _speaker_ids(session, changes, plan)
    turn_ids = []
    for turn in plan.turns.turns:
        turn_ids.append(_store_turn(session, changes, plan.document_id, turn, speakers))
    for turn_id in plan.turns.removed:
        changes.delete(session, Turn, turn_id)
    _drop_unused_speakers(session, changes, speaking)
    for sentence_id, (start, end) in plan.sentences.items():
        changes.update(session, Sentence, sentence_id, start=start, end=end)
    for point_id in plan.dropped_sync_points:
        changes.delete(session, SyncPoint, point_id)
    for point_id, position in plan.sync_points.items():
        changes.update(session, SyncPoint, point_id, position=position)
    _pause("sentences")
    new_ids = _segment(session, changes, plan, turn_ids)
    index_sentences(session, new_ids)


def _speaker_ids(session: Session, changes: ChangeSet, plan: CorrectionPlan) -> dict[str, int]:
    """Speaker rows by label; a label that is new gets a row, unless the one speaker whose
    turns it took over has none left: then that speaker is renamed (keeping its case)."""
    existing = dict(
        session.execute(
            select(Speaker.label, Speaker.id).where(Speaker.document_id == plan.document_id)
        )
        .tuples()
        .all()
    )
    old_labels = {t.id: t.speaker for t in _old_turns(session, plan.document_id)}
    still_used = {t.speaker for t in plan.turns.turns if t.speaker}
    for turn in plan.turns.turns:
        label = turn.speaker
        if not label or label in existing:
            continue
        before = old_labels.get(turn.id) if turn.id is not None else None
        if before and before in existing and before not in still_used:
            speaker_id = existing.pop(before)
            speaker = session.get_one(Speaker, speaker_id)
            name = label if speaker.name == before else speaker.name
            changes.update(session, Speaker, speaker_id, label=label, name=name)
        else:
            speaker_id = changes.insert(
                session, Speaker, document_id=plan.document_id, label=label, name=label
            )
        existing[label] = speaker_id
    return existing


def _store_turn(
    session: Session, changes: ChangeSet, document_id: int, turn: NewTurn, speakers: dict
) -> int:
    values = {
        "start": turn.start,
        "content_start": turn.content_start,
        "end": turn.end,
        "speaker_id": speakers.get(turn.speaker) if turn.speaker else None,
        "timestamp_ms": turn.timestamp_ms,
    }
    if turn.id is None:
        return changes.insert(session, Turn, document_id=document_id, **values)
    changes.update(session, Turn, turn.id, **values)
    return turn.id


def _drop_unused_speakers(session: Session, changes: ChangeSet, speaking: set[int | None]) -> None:
    """Speakers whose turns the correction took away go, unless linked to a case (a person)."""
    unused = session.scalars(
        select(Speaker.id).where(
            Speaker.id.in_(list(speaking)),
            Speaker.case_id.is_(None),
            ~select(Turn.id).where(Turn.speaker_id == Speaker.id).exists(),
        )
    ).all()
    for speaker_id in unused:
        changes.delete(session, Speaker, speaker_id)


def _segment(
    session: Session, changes: ChangeSet, plan: CorrectionPlan, turn_ids: list[int]
) -> list[int]:
    from reiscoder.nlp import segment_turns  # spaCy only where it is used

    ranges = [
        (turn_id, turn.content_start, turn.end)
        for turn_id, turn in zip(turn_ids, plan.turns.turns, strict=True)
        if turn.resegment and turn.content_start < turn.end
    ]
    if not ranges:
        return []
    spans = segment_turns(plan.new_text, [(start, end) for _id, start, end in ranges])
    new_ids, index = [], 0
    for span in spans:
        while index < len(ranges) - 1 and span.start >= ranges[index][2]:
            index += 1
        new_ids.append(
            changes.insert(
                session,
                Sentence,
                document_id=plan.document_id,
                turn_id=ranges[index][0],
                start=span.start,
                end=span.end,
                lemmas=span.lemmas,
            )
        )
    return new_ids


# -- the history -------------------------------------------------------------------------


@dataclass(frozen=True)
class EditRecord:
    """One correction in a document's history, newest first in :func:`document_history`."""

    id: int
    edited_at: datetime
    coder: str
    summary: str
    changes: list[list]  # [old_start, old_end, new_start, new_end, old text, new text]
    unplaced: list[dict]  # the codings listed for review, as they were listed


def document_history(session: Session, document_id: int) -> list[EditRecord]:
    rows = session.execute(
        select(
            DocumentEdit.id,
            DocumentEdit.edited_at,
            Coder.name,
            DocumentEdit.summary,
            DocumentEdit.changes,
            DocumentEdit.unplaced,
        )
        .join(Coder, Coder.id == DocumentEdit.coder_id)
        .where(DocumentEdit.document_id == document_id)
        .order_by(DocumentEdit.id.desc())
    ).all()
    return [
        EditRecord(id_, at, coder, summary, json.loads(changes), json.loads(unplaced))
        for id_, at, coder, summary, changes, unplaced in rows
    ]


# -- the history row -----------------------------------------------------------------------


def _described_blocks(plan: CorrectionPlan) -> list[list]:
    return [
        [
            block.i1,
            block.i2,
            block.j1,
            block.j2,
            plan.old_text[block.i1 : block.i2],
            plan.new_text[block.j1 : block.j2],
        ]
        for block in plan.blocks
    ]


def _described_fate(fate: CodingFate) -> dict:
    return {
        "coding_id": fate.coding_id,
        "code": fate.code,
        "coder": fate.coder,
        "fit": fate.fit,
        "old": [fate.old_start, fate.old_end],
        "new": [fate.start, fate.end],
        "quote": fate.quote,
        "text_now": fate.text_now,
        "merged_into": fate.merged_into,
    }
