"""Give memory freed by a large step back to the system before the next one starts.

Reading a long file makes many temporary copies of its text. Python frees them, but the C
library keeps the freed pages for later use, so without this the next step (storing, then
the sentences) would stack its own peak on top of the last one's.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable


def release_free_memory() -> None:
    """Return free heap pages to the system (glibc's ``malloc_trim``; elsewhere nothing)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
