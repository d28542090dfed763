"""What a check says about recordings: each one that is missing or changed, by name."""

from __future__ import annotations

from reiscoder.i18n import _
from reiscoder.model.project import Project
from reiscoder.read.recordings import FileState, recordings


def check_notes(project: Project) -> list[str]:
    """One line per recording that is missing or changed (checksums compared: thorough)."""
    if project.path is None:
        return []  # on a server each coder's recordings are on their own computer
    with project.reader() as session:
        found = recordings(session, project.path)
    notes = []
    for recording in found:
        state = recording.state(thorough=True)
        documents = ", ".join(recording.documents) or _("no document")
        if state is FileState.MISSING:
            notes.append(
                _(
                    "Recording “{name}” is missing at {path} (documents: {documents}); find it "
                    "again with Find recording… in the Documents panel. The transcripts stay "
                    "usable as text."
                ).format(name=recording.name, path=recording.file, documents=documents)
            )
        elif state is FileState.CHANGED:
            notes.append(
                _(
                    "Recording “{name}” at {path} changed since it was linked (documents: "
                    "{documents}); its times may no longer fit."
                ).format(name=recording.name, path=recording.file, documents=documents)
            )
    return notes
