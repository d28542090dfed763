"""``reiscoder-extensions.json``: what REFI-QDA has no place for, in one file other tools ignore.

It carries speakers and turns (with the cases speakers are linked to), a code's structured
criteria, an attribute's kind, target and choices, each coding's quote, exact timestamps (the
XML has whole seconds), which sets are groups (and of what), and the exact kind and direction of
each relation between codes. Everything the standard covers is in ``project.qde``; this file
only refines it, and an import without it still brings in every standard field.

Positions in here are our own: code points of the normalised text, which is exactly the text of
the exported ``.txt`` when positions are exported as code points. A document's part is used only
when the SHA-256 of its text still matches, so a file edited by another tool is safe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from reiscoder.model import AttributeKind, AttributeTarget

FORMAT = "reiscoder-refi-extensions"
VERSION = 1


class ExtrasError(ValueError):
    """The extra file is not one we can read; the import goes on without it."""


@dataclass(frozen=True)
class SpeakerExtra:
    uuid: str
    label: str
    name: str
    case: str | None = None  # the uuid of the linked case


@dataclass(frozen=True)
class TurnExtra:
    start: int
    content_start: int
    end: int
    speaker: str | None = None  # the uuid of the speaker
    timestamp_ms: int | None = None


@dataclass
class DocumentExtra:
    sha256: str
    source_filename: str = ""
    source_format: str = "txt"
    checksum: str = ""
    imported_at: str | None = None
    speakers: list[SpeakerExtra] = field(default_factory=list)
    turns: list[TurnExtra] = field(default_factory=list)


@dataclass(frozen=True)
class CodeExtra:
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


@dataclass(frozen=True)
class AttributeExtra:
    kind: str
    target: str
    choices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CodingExtra:
    quote: str
    created: str | None = None


@dataclass(frozen=True)
class MemoExtra:
    created: str | None = None
    modified: str | None = None


@dataclass(frozen=True)
class GroupExtra:
    kind: str  # "document" or "code": an empty set, or one named "a: b", stays a group


@dataclass(frozen=True)
class RelationExtra:
    kind: str  # a built-in kind's key, or the researcher's own kind
    directed: bool = True


@dataclass
class Extras:
    documents: dict[str, DocumentExtra] = field(default_factory=dict)
    codes: dict[str, CodeExtra] = field(default_factory=dict)
    attributes: dict[str, AttributeExtra] = field(default_factory=dict)
    codings: dict[str, CodingExtra] = field(default_factory=dict)
    memos: dict[str, MemoExtra] = field(default_factory=dict)
    coders: dict[str, str] = field(default_factory=dict)  # uuid -> created
    groups: dict[str, GroupExtra] = field(default_factory=dict)
    relations: dict[str, RelationExtra] = field(default_factory=dict)

    def to_json(self) -> bytes:
        data = {"format": FORMAT, "version": VERSION, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def timestamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def read_timestamp(value: str | None) -> datetime | None:
    """A timestamp written by :func:`timestamp`; None when absent or not an aware time."""
    try:
        moment = datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def parse_extras(data: bytes) -> Extras:
    """Read and check the extra file; raise :class:`ExtrasError` on anything unexpected."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ExtrasError("not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ExtrasError("not our format")
    if raw.get("version") != VERSION:
        raise ExtrasError("unknown version")
    try:
        return Extras(
            documents={k: _document(v) for k, v in _mapping(raw, "documents").items()},
            codes={k: CodeExtra(**_strings(v)) for k, v in _mapping(raw, "codes").items()},
            attributes={k: _attribute(v) for k, v in _mapping(raw, "attributes").items()},
            codings={k: _coding(v) for k, v in _mapping(raw, "codings").items()},
            memos={k: _memo(v) for k, v in _mapping(raw, "memos").items()},
            coders={k: _string(v) for k, v in _mapping(raw, "coders").items()},
            groups={k: _group(v) for k, v in _mapping(raw, "groups").items()},
            relations={k: _relation(v) for k, v in _mapping(raw, "relations").items()},
        )
    except (TypeError, KeyError, AttributeError):
        raise ExtrasError("unexpected structure") from None


def _mapping(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ExtrasError(f"{key} is not a mapping")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise ExtrasError("not a string")
    return value


def _optional_string(value: Any) -> str | None:
    return None if value is None else _string(value)


def _optional_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ExtrasError("not an integer")
    return value


def _strings(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ExtrasError("not a mapping")
    return {key: _string(item) for key, item in value.items()}


def _document(value: Any) -> DocumentExtra:
    if not isinstance(value, dict):
        raise ExtrasError("document is not a mapping")
    speakers = [
        SpeakerExtra(
            _string(s["uuid"]), _string(s["label"]), _string(s["name"]), _optional_string(s["case"])
        )
        for s in value.get("speakers", [])
    ]
    turns = [
        TurnExtra(
            _int(t["start"]),
            _int(t["content_start"]),
            _int(t["end"]),
            _optional_string(t["speaker"]),
            _optional_int(t["timestamp_ms"]),
        )
        for t in value.get("turns", [])
    ]
    return DocumentExtra(
        sha256=_string(value["sha256"]),
        source_filename=_string(value.get("source_filename", "")),
        source_format=_string(value.get("source_format", "txt")),
        checksum=_string(value.get("checksum", "")),
        imported_at=_optional_string(value.get("imported_at")),
        speakers=speakers,
        turns=turns,
    )


def _attribute(value: Any) -> AttributeExtra:
    choices = value.get("choices", [])
    if not isinstance(choices, list):
        raise ExtrasError("choices is not a list")
    kind, target = _string(value["kind"]), _string(value["target"])
    if kind not in set(AttributeKind) or target not in set(AttributeTarget):
        raise ExtrasError("unknown attribute kind or target")
    return AttributeExtra(kind, target, [" ".join(_string(c).split()) for c in choices])


def _coding(value: Any) -> CodingExtra:
    return CodingExtra(_string(value["quote"]), _optional_string(value.get("created")))


def _memo(value: Any) -> MemoExtra:
    return MemoExtra(
        _optional_string(value.get("created")), _optional_string(value.get("modified"))
    )


def _group(value: Any) -> GroupExtra:
    kind = _string(value["kind"])
    if kind not in ("document", "code"):
        raise ExtrasError("unknown group kind")
    return GroupExtra(kind)


def _relation(value: Any) -> RelationExtra:
    directed = value.get("directed", True)
    if not isinstance(directed, bool):
        raise ExtrasError("directed is not a boolean")
    return RelationExtra(_string(value["kind"]), directed)
