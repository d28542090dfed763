"""A REFI-QDA project or codebook as plain data: what :mod:`.foreign` reads from the XML and
the ``store_*`` modules write into a project."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree


@dataclass(frozen=True, slots=True)
class CodeStart:
    """What a code's start tag says: all a code needs to be stored (see :mod:`.code_writer`)."""

    guid: str | None
    name: str
    color: str | None
    codable: bool


@dataclass(slots=True)
class ForeignCode:
    guid: str | None
    name: str
    color: str | None
    codable: bool
    description: str
    note_refs: tuple[str, ...] = ()
    children: tuple[ForeignCode, ...] = ()


@dataclass(frozen=True)
class ForeignValue:
    variable: str
    kind: str  # TextValue, BooleanValue, IntegerValue, FloatValue, DateValue, DateTimeValue
    value: str


@dataclass
class ForeignVariable:
    guid: str
    name: str
    type: str
    description: str


@dataclass
class ForeignCase:
    guid: str | None
    name: str
    description: str
    values: list[ForeignValue]
    sources: tuple[str, ...]
    selections: tuple[str, ...]


@dataclass(slots=True)
class ForeignCoding:
    guid: str | None
    code: str | None
    user: str | None
    created: datetime | None
    note_refs: tuple[str, ...]


@dataclass(slots=True)
class ForeignSelection:
    guid: str | None
    name: str
    start: int | None
    end: int | None
    user: str | None
    created: datetime | None
    description: str
    codings: tuple[ForeignCoding, ...]
    note_refs: tuple[str, ...]


# The selections of each text source, read while the XML was parsed (see _SelectionReader).
Selections = dict[etree._Element, list[ForeignSelection]]


@dataclass(frozen=True)
class ForeignRecording:
    """The audio or video a transcript belongs to (an AudioSource or VideoSource)."""

    kind: str  # "audio" or "video"
    guid: str | None
    name: str
    path: str | None  # relative:///x.m4a, absolute:///C:/x.mp4, internal://x.mp4


@dataclass
class ForeignText:
    """A TextSource, the text representation of a PDF, or the transcript of a recording:
    something we can import."""

    guid: str | None
    name: str
    path: str | None
    content: str | None
    user: str | None
    created: datetime | None
    description: str
    selections: list[ForeignSelection]
    codings: list[ForeignCoding]  # on the whole source
    note_refs: tuple[str, ...]
    values: list[ForeignValue]
    media_selections: int = 0  # area selections of the PDF this text represents
    recording: ForeignRecording | None = None  # a transcript: its recording
    sync_points: list[tuple[str | None, int, int]] = field(default_factory=list)  # guid, pos, ms


@dataclass
class ForeignMedia:
    kind: str
    guid: str | None
    name: str
    selections: int
    codings: int


@dataclass
class ForeignNote:
    guid: str | None
    name: str
    content: str | None
    path: str | None
    user: str | None
    created: datetime | None
    modified: datetime | None
    description: str


@dataclass
class ForeignSet:
    guid: str | None
    name: str
    description: str
    codes: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass
class ForeignLink:
    """A link between two objects; reiscoder keeps those between two codes."""

    guid: str | None
    name: str
    direction: str  # Associative, OneWay, Bidirectional or ""
    origin: str | None
    target: str | None
    note_refs: tuple[str, ...]


@dataclass(frozen=True)
class ForeignVertex:
    guid: str | None
    represented: str | None
    name: str
    x: float  # the centre of its box
    y: float


@dataclass(frozen=True)
class ForeignEdge:
    guid: str | None
    represented: str | None
    name: str
    source: str | None
    target: str | None
    direction: str


@dataclass
class ForeignGraph:
    guid: str | None
    name: str
    vertices: list[ForeignVertex]
    edges: list[ForeignEdge]


@dataclass
class ForeignProject:
    name: str
    origin: str
    is_codebook: bool = False
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: list[ForeignCode] = field(default_factory=list)
    variables: list[ForeignVariable] = field(default_factory=list)
    cases: list[ForeignCase] = field(default_factory=list)
    texts: list[ForeignText] = field(default_factory=list)
    media: list[ForeignMedia] = field(default_factory=list)
    notes: list[ForeignNote] = field(default_factory=list)
    sets: list[ForeignSet] = field(default_factory=list)
    links: list[ForeignLink] = field(default_factory=list)
    graphs: list[ForeignGraph] = field(default_factory=list)
    note_refs: tuple[str, ...] = ()  # notes on the project itself
    description: str = ""
    base_path: str = ""  # what relative:// paths of external sources are relative to
    text_paths: dict[str, int] = field(default_factory=dict, repr=False)  # see _add_text
    texts_indexed: int = field(default=0, repr=False)
