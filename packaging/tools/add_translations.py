"""Merge translations from a JSON object {msgid: msgstr} on stdin into a .po catalogue.

Usage: python packaging/tools/add_translations.py resources/locale/nl/LC_MESSAGES/core.po < x.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def main() -> None:
    po_path = Path(sys.argv[1])
    if po_path.exists():
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
    else:
        catalog = Catalog(locale=po_path.parts[-3], project="reiscoder")
    for msgid, msgstr in json.load(sys.stdin).items():
        catalog.add(msgid, msgstr)
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)


main()
