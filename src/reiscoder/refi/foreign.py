"""A REFI-QDA project or codebook as plain data, read tolerantly from its XML.

Every optional attribute may be absent, wrappers may be empty, namespaces vary, and GUIDs are
normalised (see :mod:`.guids`). Nothing here touches a project or reads source files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from lxml import etree

from reiscoder.i18n import _
from reiscoder.refi.foreign_data import (
    CodeStart,
    ForeignCase,
    ForeignCode,
    ForeignCoding,
    ForeignEdge,
    ForeignGraph,
    ForeignLink,
    ForeignMedia,
    ForeignNote,
    ForeignProject,
    ForeignRecording,
    ForeignSelection,
    ForeignSet,
    ForeignText,
    ForeignValue,
    ForeignVariable,
    ForeignVertex,
    Selections,
)
from reiscoder.refi.guids import normal_guid, shared_guid
from reiscoder.refi.safety import XmlStream, parse_xml, refuse
from reiscoder.refi.xmlutil import (
    child,
    child_text,
    children,
    grandchildren,
    int_attr,
    local,
    parse_datetime,
    refs,
)

MAX_CODE_DEPTH = 200
MEDIA_KINDS = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")
_SELECTION_KINDS = ("PictureSelection", "PDFSelection", "AudioSelection", "VideoSelection")
_SELECTION_HOLDERS = ("TextSource", "Representation")


def _guids(values: list[str]) -> tuple[str, ...]:
    """The GUIDs among ``values``; most lists of references are empty, and all empty ones
    are then the one empty tuple (a file may hold hundreds of thousands)."""
    return tuple(g for v in values if (g := normal_guid(v)) is not None)


def read_foreign_xml(
    data: bytes | XmlStream, file_name: str, xml_name: str, writer: CodeSink | None = None
) -> ForeignProject:
    """:func:`read_foreign` of the XML (bytes, or a stream read as it is parsed), the code
    tree and the text selections read while they are parsed: each one's element leaves the
    tree once read (a codebook of 700,000 codes, or a text with 100,000 codings, is not held
    twice). With a ``writer``, the codes are stored as they are read, and the project read
    holds none."""
    codes, selections = _CodeReader(writer), _SelectionReader()

    def handle(event: str, element: etree._Element) -> None:
        codes.handle(event, element)
        selections.handle(event, element)

    root = parse_xml(data, xml_name, handle)
    return read_foreign(root, file_name, codes.codes(), selections.read)


def read_foreign(
    root: etree._Element,
    file_name: str,
    codes: list[ForeignCode] | None = None,
    selections: Selections | None = None,
) -> ForeignProject:
    """The project (or codebook) in ``root``; ``codes`` and ``selections``, when given, were
    read from it already (see :func:`read_foreign_xml`)."""
    kind = local(root)
    if kind == "CodeBook":
        return _read_codebook(root, codes)
    if kind != "Project":
        raise refuse(
            _(
                "“{name}” is not a REFI-QDA project or codebook (its XML starts with “{tag}”)."
            ).format(name=file_name, tag=kind or "?")
        )
    project = ForeignProject(name=root.get("name") or "", origin=root.get("origin") or "")
    project.base_path = root.get("basePath") or ""
    for user in grandchildren(root, "Users", "User"):
        guid = shared_guid(user.get("guid"))
        if guid is not None:
            project.users.setdefault(guid, (user.get("name") or user.get("id") or "").strip())
    codebook = child(root, "CodeBook")
    if codes is not None:
        project.codes = codes
    elif codebook is not None:
        project.codes = _read_codes(codebook, 0)
    project.variables = [_variable(v) for v in grandchildren(root, "Variables", "Variable")]
    project.variables = [v for v in project.variables if v.guid]
    project.cases = [_case(c) for c in grandchildren(root, "Cases", "Case")]
    for wrapper in children(root, "Sources"):
        _read_sources(wrapper, project, selections or {})
    project.notes = [_note(n) for n in grandchildren(root, "Notes", "Note")]
    project.sets = [_set(s, "targetGUID") for s in grandchildren(root, "Sets", "Set")]
    project.links = [_link(link) for link in grandchildren(root, "Links", "Link")]
    project.graphs = [_graph(graph) for graph in grandchildren(root, "Graphs", "Graph")]
    project.note_refs = _guids(refs(root, "NoteRef"))
    project.description = child_text(root, "Description").strip()
    return project


def _read_codebook(root: etree._Element, codes: list[ForeignCode] | None) -> ForeignProject:
    project = ForeignProject(name="", origin=root.get("origin") or "", is_codebook=True)
    project.codes = codes if codes is not None else _read_codes(root, 0)
    project.sets = [_set(s, "guid") for s in grandchildren(root, "Sets", "Set")]
    return project


class CodeSink(Protocol):
    """Where codes go that are stored as they are read (see :class:`.code_writer.CodeWriter`)."""

    def open(self, code: CodeStart, parent_id: int | None) -> int: ...

    def close(
        self, code_id: int, guid: str | None, description: str, note_refs: Sequence[str]
    ) -> None: ...


class _CodeReader:
    """Reads the code tree while the XML is parsed (see :func:`read_foreign_xml`), exactly as
    :func:`_read_codes` reads it from a whole tree: the first ``CodeBook`` (the root, or a
    child of the root), its ``Codes/Code`` and then its direct ``Code`` children, and in each
    code its direct ``Code`` children. With a ``writer``, each code is stored as it is read
    (in the file's order) and nothing of it is kept."""

    def __init__(self, writer: CodeSink | None = None) -> None:
        self.writer = writer
        self.codebook: etree._Element | None = None
        self.wrapped: list[ForeignCode] = []
        self.direct: list[ForeignCode] = []
        self.open: list[tuple[etree._Element, list[ForeignCode], int | None]] = []

    def codes(self) -> list[ForeignCode] | None:
        return None if self.codebook is None else self.wrapped + self.direct

    def handle(self, event: str, element: etree._Element) -> None:
        if event == "start":
            self._start(element)
        elif self.open and self.open[-1][0] is element:
            self._end(element)

    def _start(self, element: etree._Element) -> None:
        kind, parent = local(element), element.getparent()
        if kind == "CodeBook" and self.codebook is None:
            if parent is None or parent.getparent() is None:
                self.codebook = element
            return
        if kind != "Code" or parent is None or self.codebook is None:
            return
        holder = parent.getparent()
        inside = (
            parent is self.codebook
            or (local(parent) == "Codes" and holder is self.codebook)
            or (bool(self.open) and self.open[-1][0] is parent)
        )
        if not inside:
            return
        if len(self.open) >= MAX_CODE_DEPTH:
            raise refuse(_("The code tree is nested too deeply to be real; the file is refused."))
        code_id = None
        if self.writer is not None:
            above = self.open[-1][2] if self.open else None
            code_id = self.writer.open(_code_start(element), above)
        self.open.append((element, [], code_id))

    def _end(self, element: etree._Element) -> None:
        _element, children, code_id = self.open.pop()
        parent = element.getparent()
        if self.writer is not None and code_id is not None:
            self.writer.close(
                code_id,
                shared_guid(element.get("guid")),
                child_text(element, "Description"),
                _guids(refs(element, "NoteRef")),
            )
        else:
            code = _code(element, children)
            if self.open:
                self.open[-1][1].append(code)
            elif parent is self.codebook:
                self.direct.append(code)
            else:
                self.wrapped.append(code)
        element.clear()
        if parent is not None:
            parent.remove(element)


class _SelectionReader:
    """Reads each ``PlainTextSelection`` of a text source (or of a PDF's representation) at
    its end while the XML is parsed, and takes it out of the tree: ``read`` holds them per
    source element, in the file's order."""

    def __init__(self) -> None:
        self.read: Selections = {}

    def handle(self, event: str, element: etree._Element) -> None:
        if event != "end" or local(element) != "PlainTextSelection":
            return
        parent = element.getparent()
        if parent is None or local(parent) not in _SELECTION_HOLDERS:
            return
        self.read.setdefault(parent, []).append(_selection(element))
        element.clear()
        parent.remove(element)


def _code_start(element: etree._Element) -> CodeStart:
    return CodeStart(
        guid=shared_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        color=element.get("color"),
        codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
    )


def _code(element: etree._Element, children: list[ForeignCode]) -> ForeignCode:
    start = _code_start(element)
    return ForeignCode(
        guid=start.guid,
        name=start.name,
        color=start.color,
        codable=start.codable,
        description=child_text(element, "Description"),
        note_refs=_guids(refs(element, "NoteRef")),
        children=tuple(children),  # most have none, and every empty tuple is the same one
    )


def _read_codes(parent: etree._Element, depth: int) -> list[ForeignCode]:
    """The codes under ``parent``: either ``Codes/Code`` or directly nested ``Code``."""
    if depth > MAX_CODE_DEPTH:
        raise refuse(_("The code tree is nested too deeply to be real; the file is refused."))
    elements = list(grandchildren(parent, "Codes", "Code")) if depth == 0 else []
    elements += list(children(parent, "Code"))
    return [_code(element, _read_codes(element, depth + 1)) for element in elements]


def _variable(element: etree._Element) -> ForeignVariable:
    return ForeignVariable(
        guid=normal_guid(element.get("guid")) or "",
        name=(element.get("name") or "").strip(),
        type=(element.get("typeOfVariable") or "Text").strip(),
        description=child_text(element, "Description"),
    )


def _values(element: etree._Element) -> list[ForeignValue]:
    values = []
    for holder in children(element, "VariableValue"):
        reference = child(holder, "VariableRef")
        variable = normal_guid(reference.get("targetGUID")) if reference is not None else None
        typed = [c for c in holder if isinstance(c.tag, str) and local(c).endswith("Value")]
        if variable is None or not typed:
            continue
        values.append(ForeignValue(variable, local(typed[0]), (typed[0].text or "").strip()))
    return values


def _case(element: etree._Element) -> ForeignCase:
    return ForeignCase(
        guid=normal_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        description=child_text(element, "Description"),
        values=_values(element),
        sources=_guids(refs(element, "SourceRef")),
        selections=_guids(refs(element, "SelectionRef")),
    )


def _coding(element: etree._Element) -> ForeignCoding:
    reference = child(element, "CodeRef")
    return ForeignCoding(
        guid=normal_guid(element.get("guid")),
        code=shared_guid(reference.get("targetGUID")) if reference is not None else None,
        user=shared_guid(element.get("creatingUser")),
        created=parse_datetime(element.get("creationDateTime")),
        note_refs=_guids(refs(element, "NoteRef")),
    )


def _selection(element: etree._Element) -> ForeignSelection:
    return ForeignSelection(
        guid=normal_guid(element.get("guid")),
        name=element.get("name") or "",
        start=int_attr(element, "startPosition"),
        end=int_attr(element, "endPosition"),
        user=shared_guid(element.get("creatingUser")),
        created=parse_datetime(element.get("creationDateTime")),
        description=child_text(element, "Description"),
        codings=tuple(_coding(c) for c in children(element, "Coding")),
        note_refs=_guids(refs(element, "NoteRef")),
    )


def _text(
    element: etree._Element, name: str | None = None, read: Selections | None = None
) -> ForeignText:
    """The text source (or PDF representation, or transcript) ``element``; its selections
    that were read while the XML was parsed come from ``read``."""
    content = child(element, "PlainTextContent")
    selections = (read or {}).get(element, [])
    return ForeignText(
        guid=normal_guid(element.get("guid")),
        name=(name if name is not None else element.get("name") or "").strip(),
        path=element.get("plainTextPath"),
        content=(content.text or "") if content is not None else None,
        user=shared_guid(element.get("creatingUser")),
        created=parse_datetime(element.get("creationDateTime")),
        description=child_text(element, "Description"),
        selections=selections + [_selection(s) for s in children(element, "PlainTextSelection")],
        codings=[_coding(c) for c in children(element, "Coding")],
        note_refs=_guids(refs(element, "NoteRef")),
        values=_values(element),
    )


def _read_sources(wrapper: etree._Element, project: ForeignProject, read: Selections) -> None:
    for element in wrapper:
        kind = local(element)
        if kind == "TextSource":
            _add_text(project, _text(element, read=read))
        elif kind in MEDIA_KINDS:
            _read_media(element, kind, project, read)


def _read_media(
    element: etree._Element, kind: str, project: ForeignProject, read: Selections
) -> None:
    """A PDF with a text representation becomes that text; everything else is reported."""
    selections = [c for c in element if isinstance(c.tag, str) and local(c) in _SELECTION_KINDS]
    transcripts = list(children(element, "Transcript")) if kind != "PDFSource" else []
    if transcripts:
        _read_transcripts(element, kind, transcripts, project)
        selections = [s for s in selections if local(s) in ("AudioSelection", "VideoSelection")]
        if not selections and not list(children(element, "Coding")):
            return
    representation = child(element, "Representation") if kind == "PDFSource" else None
    if representation is not None:
        name = element.get("name") or representation.get("name") or ""
        text = _text(representation, name, read)
        text.guid = normal_guid(element.get("guid")) or text.guid
        text.codings += [_coding(c) for c in children(element, "Coding")]
        text.note_refs += _guids(refs(element, "NoteRef"))
        text.values += _values(element)
        text.media_selections = len(selections)
        project.texts.append(text)
        return
    codings = sum(1 for s in selections for _c in children(s, "Coding"))
    codings += sum(1 for _c in children(element, "Coding"))
    project.media.append(
        ForeignMedia(
            kind=kind,
            guid=normal_guid(element.get("guid")),
            name=(element.get("name") or "").strip(),
            selections=len(selections),
            codings=codings,
        )
    )


def _read_transcripts(
    element: etree._Element, kind: str, transcripts: list, project: ForeignProject
) -> None:
    """Each transcript of a recording becomes a text, with its sync points; a selection
    between two sync points becomes a text selection between their positions."""
    recording = ForeignRecording(
        kind="video" if kind == "VideoSource" else "audio",
        guid=normal_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        path=element.get("path") or element.get("currentPath"),
    )
    for transcript in transcripts:
        text = _text(transcript, transcript.get("name") or recording.name)
        text.recording = recording
        points: dict[str, int] = {}
        for point in children(transcript, "SyncPoint"):
            position, moment = int_attr(point, "position"), int_attr(point, "timeStamp")
            guid = normal_guid(point.get("guid"))
            if position is None or position < 0:
                continue
            if guid is not None:
                points[guid] = position
            if moment is not None and moment >= 0:
                text.sync_points.append((guid, position, moment))
        for selection in children(transcript, "TranscriptSelection"):
            placed = _selection(selection)
            start = points.get(normal_guid(selection.get("fromSyncPoint")) or "")
            end = points.get(normal_guid(selection.get("toSyncPoint")) or "")
            text.selections.append(replace(placed, start=start, end=end))
        if not text.values:
            text.values = _values(element)
        _add_text(project, text)


def _add_text(project: ForeignProject, text: ForeignText) -> None:
    """ATLAS.ti writes a transcript twice, as a TextSource and inside its recording, both
    naming one text file: that is one text, with the TextSource's identity and both's
    selections."""
    key = (text.path or "").strip().lower()
    index = _text_with_path(project, key) if key else None
    if index is None:
        project.texts.append(text)
        return
    twin = project.texts[index]
    keep, other = (twin, text) if text.recording is not None else (text, twin)
    if other is twin:
        project.texts[index] = keep
    keep.recording = keep.recording or other.recording
    keep.sync_points = keep.sync_points or other.sync_points
    keep.selections += other.selections
    keep.codings += other.codings
    keep.note_refs += other.note_refs
    keep.values = keep.values or other.values


def _text_with_path(project: ForeignProject, key: str) -> int | None:
    """Where in ``project.texts`` the first text naming this file is: a dictionary kept beside
    the list (filled up to the texts added since), so that sources are not compared pairwise."""
    for number in range(project.texts_indexed, len(project.texts)):
        path = (project.texts[number].path or "").strip().lower()
        if path:
            project.text_paths.setdefault(path, number)
    project.texts_indexed = len(project.texts)
    return project.text_paths.get(key)


def _note(element: etree._Element) -> ForeignNote:
    content = child(element, "PlainTextContent")
    return ForeignNote(
        guid=normal_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        content=(content.text or "") if content is not None else None,
        path=element.get("plainTextPath"),
        user=shared_guid(element.get("creatingUser")),
        created=parse_datetime(element.get("creationDateTime")),
        modified=parse_datetime(element.get("modifiedDateTime")),
        description=child_text(element, "Description"),
    )


def _set(element: etree._Element, member_attribute: str) -> ForeignSet:
    return ForeignSet(
        guid=normal_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        description=child_text(element, "Description"),
        codes=_guids(
            refs(element, "MemberCode", member_attribute) or refs(element, "MemberCode", "guid")
        ),
        sources=_guids(refs(element, "MemberSource")),
        notes=_guids(refs(element, "MemberNote")),
    )


def _link(element: etree._Element) -> ForeignLink:
    return ForeignLink(
        guid=normal_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        direction=(element.get("direction") or "").strip(),
        origin=normal_guid(element.get("originGUID")),
        target=normal_guid(element.get("targetGUID")),
        note_refs=_guids(refs(element, "NoteRef")),
    )


def _graph(element: etree._Element) -> ForeignGraph:
    vertices = []
    for vertex in children(element, "Vertex"):
        first_x, first_y = int_attr(vertex, "firstX") or 0, int_attr(vertex, "firstY") or 0
        second_x, second_y = int_attr(vertex, "secondX"), int_attr(vertex, "secondY")
        vertices.append(
            ForeignVertex(
                guid=normal_guid(vertex.get("guid")),
                represented=normal_guid(vertex.get("representedGUID")),
                name=(vertex.get("name") or "").strip(),
                x=first_x if second_x is None else (first_x + second_x) / 2,
                y=first_y if second_y is None else (first_y + second_y) / 2,
            )
        )
    edges = [
        ForeignEdge(
            guid=normal_guid(edge.get("guid")),
            represented=normal_guid(edge.get("representedGUID")),
            name=(edge.get("name") or "").strip(),
            source=normal_guid(edge.get("sourceVertex")),
            target=normal_guid(edge.get("targetVertex")),
            direction=(edge.get("direction") or "").strip(),
        )
        for edge in children(element, "Edge")
    ]
    return ForeignGraph(
        guid=normal_guid(element.get("guid")),
        name=(element.get("name") or "").strip(),
        vertices=vertices,
        edges=edges,
    )
