"""Every message of the importer has a Dutch translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reiscoder import parsing
from reiscoder.resources import resource_path


def _catalogue() -> dict[str, object]:
    """The Dutch messages of every catalogue (they chain: parsing.po, faults-input.po, ...)."""
    folder = resource_path("locale", "nl", "LC_MESSAGES", "parsing.po").parent
    found = {}
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            found.update((message.id, message) for message in read_po(handle) if message.id)
    return {key[0] if isinstance(key, tuple) else key: value for key, value in found.items()}


def test_every_importing_message_is_translated():
    source = Path(parsing.__file__).parent
    catalogue = _catalogue()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    missing = []
    for filename, line, message, _comments, _context in extract_from_dir(source, keywords=keywords):
        msgid = message if isinstance(message, str) else message[0]
        entry = catalogue.get(msgid)
        strings = entry.string if entry is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(f"{filename}:{line}: {msgid}")
    assert not missing
