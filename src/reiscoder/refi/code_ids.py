"""Which of our codes each code GUID in a file became, without holding a map of them all.

A codebook may hold 700,000 codes. A code this import stored under the file's own GUID is found
in the codes table (its uuid column is indexed); only the others are kept here: the codes a
merge matched to one of ours, and those stored under a derived uuid because their GUID was
taken. Recent answers are remembered, as a file names a few codes in thousands of codings.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from reiscoder.model import Code
from reiscoder.model.tables import table_of

_CODES = table_of(Code)
_NEW_CODE = select(_CODES.c.id).where(
    _CODES.c.uuid == bindparam("guid"), _CODES.c.id > bindparam("first")
)
_REMEMBERED = 4096


class CodeIds:
    """A read-only mapping of file GUIDs to our code ids, filled by :meth:`claim`."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # codes with a higher id are this import's (it holds the project's write lock)
        self._first_new = session.scalar(select(func.max(Code.id))) or 0
        self._others: dict[str, int] = {}
        self._recent: dict[str, int | None] = {}

    def claim(self, guid: str, code_id: int, stored_uuid: str | None) -> int:
        """Code ``code_id`` came from a code with ``guid`` in the file; ``stored_uuid`` is the
        uuid it was stored under (None: it is one of ours, matched). The first code with a GUID
        keeps it: returns the id the GUID stands for from now on."""
        known = self._others.get(guid)
        if known is not None:
            return known
        if stored_uuid == guid:  # the GUID was free in the table: this code is its first
            self._recent.pop(guid, None)
            return code_id
        known = self._stored(guid)
        if known is not None:
            return known
        self._others[guid] = code_id
        self._recent.pop(guid, None)
        return code_id

    def get(self, guid: str | None, default: int | None = None) -> int | None:
        if guid is None:
            return default
        known = self._others.get(guid)
        if known is None:
            known = self._stored(guid)
        return default if known is None else known

    def __contains__(self, guid: object) -> bool:
        return isinstance(guid, str) and self.get(guid) is not None

    def __getitem__(self, guid: str) -> int:
        found = self.get(guid)
        if found is None:
            raise KeyError(guid)
        return found

    def _stored(self, guid: str) -> int | None:
        if guid in self._recent:
            return self._recent[guid]
        if len(self._recent) >= _REMEMBERED:
            self._recent.clear()
        found = self._session.connection().scalar(
            _NEW_CODE, {"guid": guid, "first": self._first_new}
        )
        self._recent[guid] = found
        return found
