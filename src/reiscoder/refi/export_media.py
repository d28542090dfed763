"""Documents with a recording leave as transcripts of an AudioSource or VideoSource.

One source per recording, holding the transcripts of every document that uses it. A
transcript's sync points are its known moments (turn times and pinned times) plus one at each
end of every coded passage, with the time worked out there, because REFI-QDA places a
transcript selection between two sync points. The recording itself stays where it is: the
source names it by its absolute path (other programs ask for it when it is not there).
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from sqlalchemy import select

from reiscoder.i18n import _
from reiscoder.model import Coding, Document, DocumentRecording, Recording, SyncPoint
from reiscoder.model.recordings import resolved_path
from reiscoder.read.timing import timing_source
from reiscoder.refi.guids import derived_guid, export_guid
from reiscoder.refi.xmlutil import format_datetime

if TYPE_CHECKING:
    from reiscoder.refi.export_xml import ProjectWriter


def recordings_of_documents(writer: ProjectWriter) -> dict[int, Recording]:
    rows = writer.session.execute(
        select(DocumentRecording.document_id, Recording).join(
            Recording, Recording.id == DocumentRecording.recording_id
        )
    ).all()
    return {document_id: recording for document_id, recording in rows}


def media_path(recording: Recording, project_path: Path | None) -> str:
    if project_path is None:
        return f"relative:///{recording.path}"
    file = Path(os.path.abspath(resolved_path(recording.path, project_path))).as_posix()
    return "absolute://" + (file if file.startswith("/") else "/" + file)


def write_media_source(
    writer: ProjectWriter, wrapper: etree._Element, recording: Recording, documents: list
) -> None:
    b = writer.b
    kind = "VideoSource" if recording.kind == "video" else "AudioSource"
    element = b.add(
        wrapper,
        kind,
        guid=export_guid(recording.uuid),
        name=recording.name,
        path=media_path(recording, writer.project_path),
        creationDateTime=format_datetime(recording.added),
    )
    for document in documents:
        _transcript(writer, element, document)
    if len(documents) == 1:
        writer.attributes.value_elements(element, "document", documents[0].id)
    elif any(writer.attributes_of(d.id) for d in documents):
        writer.report.dropped.append(
            _(
                "The attributes of the transcripts of “{name}” were left out: REFI-QDA keeps "
                "attributes on the recording, which several documents share."
            ).format(name=recording.name)
        )
    writer.report.add("recordings")


def _transcript(writer: ProjectWriter, media: etree._Element, document: Document) -> None:
    b = writer.b
    imported_by = writer.coders.get(document.imported_by_id or -1)
    file_name = writer.text_file(document)
    element = b.add(
        media,
        "Transcript",
        guid=export_guid(document.uuid),
        name=document.name,
        plainTextPath=f"internal://{file_name}",
        creatingUser=export_guid(imported_by.uuid) if imported_by else None,
        creationDateTime=format_datetime(document.imported_at),
    )
    positions = writer.positions(document.text)
    groups = _groups(writer, document)
    points = _sync_points(writer, document, groups)
    for position in sorted(points):
        guid, moment = points[position]
        b.add(element, "SyncPoint", guid=guid, timeStamp=str(moment),
              position=str(positions(position)))  # fmt: skip
    for (start, end), members in groups.items():
        first = min(members, key=lambda c: (c.created, c.id))
        selection = b.add(
            element,
            "TranscriptSelection",
            guid=export_guid(derived_guid("selection", document.uuid, start, end)),
            name=first.quote[:100],
            fromSyncPoint=points[start][0],
            toSyncPoint=points[end][0],
            creatingUser=export_guid(writer.coders[first.coder_id].uuid),
            creationDateTime=format_datetime(first.created),
        )
        for coding in members:
            writer.coding_element(selection, coding)
        writer.report.add("selections")
    writer.note_refs(element, "document", document.id)
    writer.document_done(document)


def _groups(writer: ProjectWriter, document: Document) -> dict[tuple[int, int], list[Coding]]:
    groups: dict[tuple[int, int], list[Coding]] = defaultdict(list)
    codings = writer.session.scalars(
        select(Coding)
        .where(Coding.document_id == document.id)
        .order_by(Coding.start, Coding.end, Coding.id)
    )
    for coding in codings:
        groups[(coding.start, coding.end)].append(coding)
    return groups


def _sync_points(
    writer: ProjectWriter, document: Document, groups: dict
) -> dict[int, tuple[str, int]]:
    """Position -> (GUID, milliseconds): the known moments and the ends of coded passages."""
    timing = timing_source(writer.session, document.id).timing()
    stored = dict(
        writer.session.execute(
            select(SyncPoint.position, SyncPoint.uuid).where(SyncPoint.document_id == document.id)
        )
        .tuples()
        .all()
    )
    points: dict[int, tuple[str, int]] = {}
    wanted = {a.position for a in timing.anchors} | {p for pair in groups for p in pair}
    for position in wanted:
        uuid = stored.get(position) or derived_guid("sync", document.uuid, position, 0)
        points[position] = (export_guid(uuid), timing.time_at(position))
    return points
