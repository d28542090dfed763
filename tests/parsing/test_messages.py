"""Every message of the importer has a Dutch translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reiscoder import parsing
from reiscoder.resources import resource_path


def test_every_importing_message_is_translated():
    source = Path(parsing.__file__).parent
    with resource_path("locale", "nl", "LC_MESSAGES", "parsing.po").open("rb") as handle:
        catalogue = read_po(handle)
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    missing = []
    for filename, line, message, _comments, _context in extract_from_dir(source, keywords=keywords):
        msgid = message if isinstance(message, str) else message[0]
        entry = catalogue.get(msgid)
        strings = entry.string if entry is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(f"{filename}:{line}: {msgid}")
    assert not missing
