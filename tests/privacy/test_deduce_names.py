"""deduce, the Dutch detector: its tables are built once and then read from the user data
folder, it needs no network, and its import leaves the logging alone."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from reiscoder.privacy import deduce_names


def test_the_tables_are_built_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(deduce_names, "_detector", None)
    assert not deduce_names.cache_file().exists()
    deduce_names.load_detector()
    cache = deduce_names.cache_file()
    assert cache.is_relative_to(tmp_path) and cache.stat().st_size > 1_000_000
    built = cache.stat().st_mtime_ns
    os.utime(cache, ns=(built, built))
    monkeypatch.setattr(deduce_names, "_detector", None)
    found = deduce_names.detect(["Graag. Youssef, stel je jezelf voor? Bel 06-12345678."])[0]
    assert cache.stat().st_mtime_ns == built  # read, not built again
    assert [(f.tag, f.kind) for f in found][:1] == [("persoon", "person")]
    assert "telefoonnummer" in {f.tag for f in found}


def test_importing_deduce_does_not_turn_on_debug_logging():
    """deduce sets up DEBUG logging to stdout on import; the app keeps its own logging."""
    script = (
        "import logging; from reiscoder.privacy import deduce_names; "
        "deduce_names.load_detector(); root = logging.getLogger(); "
        "print(root.level, len(root.handlers))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert result.stdout.split() == [str(logging.WARNING), "0"]
