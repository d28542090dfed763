"""Projects whose document is a transcript of a real recording, with true times."""

from __future__ import annotations

from pathlib import Path

from reiscoder.ingest.segmentation import segment_pending
from reiscoder.ingest.store import store_transcript
from reiscoder.ops.recordings import inspect_media, link_recording
from reiscoder.parsing import read_transcript
from tests.factories import new_project
from tests.media.makers import Conversation, webvtt

CODER = "Anna de Vries"


def timed_project(folder: Path, talk: Conversation, media: Path | None) -> tuple[Path, int]:
    """A project with the conversation's subtitles as a document, linked to ``media``."""
    folder.mkdir(parents=True, exist_ok=True)
    vtt = folder / "gesprek.vtt"
    vtt.write_text(webvtt(talk), encoding="utf-8")
    path = folder / "opnames.reis"
    with new_project(path, coder=CODER) as project:
        with project.transaction() as session:
            document = store_transcript(session, read_transcript(vtt), name="Gesprek")
            if media is not None:
                link_recording(session, path, document, inspect_media(media))
        segment_pending(project)
    return path, document
