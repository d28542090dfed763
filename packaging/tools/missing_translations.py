"""Print the messages that have no Dutch translation yet, as .po entries to fill in."""

from __future__ import annotations

import sys
from pathlib import Path

from reiscoder.catalogue import missing_translations

source = Path(__file__).resolve().parents[2] / "src" / "reiscoder"
missing = missing_translations(source, sys.argv[1] if len(sys.argv) > 1 else "nl")
for text, where in missing.items():
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    print(f'#: {where}\nmsgid "{escaped}"\nmsgstr ""\n')
print(f"# {len(missing)} missing", file=sys.stderr)
