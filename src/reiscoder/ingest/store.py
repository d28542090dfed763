"""Store a parsed transcript as a document with its speakers and turns.

Sentences come later (see ``segmentation.py``): until then the document is "segmenting", can
already be opened and coded, and is not reported as damaged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from reiscoder.model import Document, SegmentationState, Speaker
from reiscoder.model.base import new_uuid
from reiscoder.model.portable import driver_sql
from reiscoder.model.tables import inserted_id
from reiscoder.parsing import ParsedTranscript

# Plain parameter tuples: a long transcript has thousands of turns.
INSERT_TURNS = (
    'INSERT INTO turns (document_id, speaker_id, start, content_start, "end", timestamp_ms)'
    " VALUES (?, ?, ?, ?, ?, ?)"
)
TURN_CHUNK = 10_000
INSERT_SYNC_POINTS = (
    "INSERT INTO sync_points (document_id, position, time_ms, uuid) VALUES (?, ?, ?, ?)"
)


def word_count(text: str, step: int = 1 << 16) -> int:
    """``len(text.split())`` without a list of every word (a 30 MB text has five million): a
    slice at a time, not counting twice a word that a slice boundary cuts."""
    count = 0
    for first in range(0, len(text), step):
        count += len(text[first : first + step].split())
        if first and not text[first - 1].isspace() and not text[first].isspace():
            count -= 1
    return count


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def documents_with_checksum(session: Session, checksum: str) -> list[str]:
    """Names of documents imported from a file with these exact bytes."""
    return list(session.scalars(select(Document.name).where(Document.checksum == checksum)))


def free_document_name(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted (2)``, ``(3)``, ... when a document already has that name."""
    wanted = " ".join(wanted.split()) or "Document"
    taken = set(session.scalars(select(Document.name).where(Document.name.startswith(wanted))))
    name, number = wanted, 1
    while name in taken:
        number += 1
        name = f"{wanted} ({number})"
    return name


def store_transcript(
    session: Session,
    parsed: ParsedTranscript,
    *,
    name: str,
    source_filename: str = "",
    checksum: str = "",
    coder_id: int | None = None,
) -> int:
    """Insert the document, its speakers and its turns; return the new document's id."""
    position = session.scalar(select(func.count()).select_from(Document)) or 0
    values = {
        "name": free_document_name(session, name),
        "text": parsed.text,
        "text_length": len(parsed.text),
        "word_count": word_count(parsed.text),
        "source_filename": source_filename,
        "source_format": parsed.source_format,
        "checksum": checksum,
        "imported_by_id": coder_id,
        "segmentation": SegmentationState.SEGMENTING,
        "position": position,
    }
    # The text as a parameter, not in the statement: SQLAlchemy keeps the first statement of
    # each shape in its cache, and with it a text given to ``values()`` (the whole file).
    inserted = session.connection().execute(insert(cast(Table, Document.__table__)), values)
    document_id = inserted_id(inserted)
    speaker_ids = _store_speakers(session, document_id, parsed)
    for first in range(0, len(parsed.turns), TURN_CHUNK):  # rows a chunk at a time
        turns = [
            (
                document_id,
                speaker_ids.get(turn.speaker) if turn.speaker else None,
                turn.start,
                turn.content_start,
                turn.end,
                turn.timestamp_ms,
            )
            for turn in parsed.turns[first : first + TURN_CHUNK]
        ]
        driver_sql(session, INSERT_TURNS, turns)
    if parsed.sync_points:
        driver_sql(
            session,
            INSERT_SYNC_POINTS,
            [(document_id, p, ms, new_uuid()) for p, ms in parsed.sync_points],
        )
    return int(document_id)


def _store_speakers(session: Session, document_id: int, parsed: ParsedTranscript) -> dict[str, int]:
    labels = list(dict.fromkeys(t.speaker for t in parsed.turns if t.speaker))
    ids = {}
    for label in labels:
        inserted = session.execute(
            insert(Speaker).values(document_id=document_id, label=label, name=label)
        )
        ids[label] = inserted_id(inserted)
    return ids
